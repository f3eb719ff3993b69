"""Theme files named by their content (``assets/css/site.<hash>.css``), with
stylesheets and scripts minified, so that caches may keep them for a year."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from catalog_site.theme import ThemeFiles

from . import minify
from .errors import PublishError

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")
LEFT_AS_THEY_ARE = ("data:", "http:", "https:", "#", "/")


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=6).hexdigest()


class FingerprintedThemeFiles(ThemeFiles):
    """Every theme file is read, minified and hashed once, when the build
    starts, so every page names the same files."""

    def __init__(self, static: Path):
        super().__init__(static)
        self.paths: dict[str, str] = {}  # theme name → site path
        self.contents: dict[str, bytes] = {}  # site path → bytes
        names = [path.relative_to(static).as_posix() for path in static.rglob("*") if path.is_file()]
        # Stylesheets last: their url()s must name the others by their final names.
        for name in sorted(names, key=lambda name: (name.endswith(".css"), name)):
            data = self.finished(name, (static / name).read_bytes())
            stem, ext = posixpath.splitext(name)
            path = f"assets/{stem}.{fingerprint(data)}{ext}"
            self.paths[name] = path
            self.contents[path] = data

    def path(self, name: str) -> str:
        # An unknown name keeps its plain path, which the link check then
        # reports as broken, as in a development build.
        return self.paths.get(name) or super().path(name)

    def files(self) -> Iterator[tuple[str, bytes]]:
        yield from sorted(self.contents.items())

    def finished(self, name: str, data: bytes) -> bytes:
        source = (self.static / name).as_posix()
        if name.endswith((".css", ".js")):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise PublishError(f"{source}: not UTF-8") from None
            if name.endswith(".css"):
                return minify.stylesheet(self.with_final_urls(name, text), source).encode()
            return minify.script(text, source).encode()
        return data

    def with_final_urls(self, name: str, css: str) -> str:
        """The stylesheet with every url() of a theme file pointing to its fingerprinted name."""
        folder = posixpath.dirname(name)

        def final(match: re.Match) -> str:
            reference = match.group(2)
            if reference.startswith(LEFT_AS_THEY_ARE):
                return match.group(0)
            target, mark, rest = re.fullmatch(r"([^?#]*)([?#]?)(.*)", reference).groups()  # a.svg#icon
            resolved = posixpath.normpath(posixpath.join(folder, target))
            if resolved not in self.paths:
                raise PublishError(f"{(self.static / name).as_posix()}: url({reference}) names no file of the theme")
            relative = posixpath.relpath(self.paths[resolved], posixpath.dirname(f"assets/{name}"))
            return f"url({relative}{mark}{rest})"

        return CSS_URL.sub(final, css)

