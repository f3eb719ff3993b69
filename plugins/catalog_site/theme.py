"""The theme's static files (``static/``) as the sites serve them, under ``assets/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class ThemeFiles:
    """Theme files under their own names. A production build puts
    fingerprinted ones in the setting ``SADEWA_THEME_FILES`` (plugins/publish)."""

    def __init__(self, static: Path):
        self.static = static

    def path(self, name: str) -> str:
        """Site path of a theme file: ``css/site.css`` → ``assets/css/site.css``."""
        return f"assets/{name}"

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(site path, bytes) of every theme file."""
        for path in sorted(self.static.rglob("*")):
            if path.is_file():
                yield self.path(path.relative_to(self.static).as_posix()), path.read_bytes()


def theme_files(settings: dict) -> ThemeFiles:
    return settings.get("SADEWA_THEME_FILES") or ThemeFiles(Path(settings["THEME"]) / "static")
