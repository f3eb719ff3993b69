"""Build-wide settings that more than one step reads."""

from __future__ import annotations

import datetime as dt
import os


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
