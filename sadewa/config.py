"""Build-wide settings that more than one step reads."""

from __future__ import annotations

import datetime as dt
import os

from .model import Site
from .urls import View, views


class SettingError(ValueError):
    pass


def reference_date(setting: str | dt.date | None = None) -> dt.date:
    """The build's "today": ``SADEWA_TODAY`` (environment first, then the Pelican
    setting), ``YYYY-MM-DD``, defaulting to the current date."""
    value = os.environ.get("SADEWA_TODAY") or setting
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SettingError(f"SADEWA_TODAY is `{value}`; expected a date written as YYYY-MM-DD") from None


def workers(settings: dict) -> int:
    """How many processes render pages and images: ``SADEWA_WORKERS``
    (environment first, then the setting), else one per core. The output is
    the same for any number."""
    value = os.environ.get("SADEWA_WORKERS") or settings.get("SADEWA_WORKERS")
    if value in (None, ""):
        return os.cpu_count() or 1
    try:
        return max(1, int(value))
    except ValueError:
        raise SettingError(f"SADEWA_WORKERS is `{value}`; expected a whole number of processes") from None


def built_sites(settings: dict) -> list[Site]:
    """The sites this build makes: ``SADEWA_SITES`` (names), default every site
    of ``SADEWA_SITE_URLS``; an offline copy builds the international one only."""
    chosen = settings.get("SADEWA_SITES") or list(settings["SADEWA_SITE_URLS"])
    return [site for site in Site if site.value in chosen]


def built_views(settings: dict) -> list[View]:
    """Every language of the sites this build makes."""
    sites = built_sites(settings)
    urls = {Site(name): url for name, url in settings["SADEWA_SITE_URLS"].items()}
    return [view for view in views(urls) if view.site in sites]
