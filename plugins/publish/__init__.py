"""Production builds (`make publish`; enabled in publishconf.py only): theme
files minified under content-hashed names, pages minified, `.gz` and `.br`
copies of every text file, and a `_headers` file per site. `files` says how
each file may be cached, for `_headers` and for `make deploy` alike."""

from pathlib import Path

from pelican import signals

from .errors import PublishError  # noqa: F401  (the plugin's API)
from .processor import ProductionFiles
from .theme import FingerprintedThemeFiles


def _prepare(generators) -> None:
    """Once per build, after the catalog is read and before any page is
    rendered: every page names the theme files by the same hashes, and the
    writer (created next) finds the production step."""
    settings = generators[0].settings
    settings["SADEWA_THEME_FILES"] = FingerprintedThemeFiles(Path(settings["THEME"]) / "static")
    settings["SADEWA_STAGE_PROCESSOR"] = ProductionFiles(list(settings["SADEWA_SITE_URLS"]))


def register() -> None:
    signals.all_generators_finalized.connect(_prepare)
