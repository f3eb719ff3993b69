"""Rendering many pages fast: page-independent links, cached fragments, both cores.

Every internal link is written as ``ROOT + path from the site's root`` and
``ROOT`` is replaced by the way up from each page (``../../``) when the page
is done. Links therefore do not depend on the page, so a product card is
rendered once per site view and reused on every page that shows it; and
every link is recorded as it is made, to be checked against the written
files at the end, without parsing any HTML.
"""

from __future__ import annotations

import re

from sadewa.urls import file_for

ROOT = "\x00"  # stands for the way from a page up to its site's root
# Links not made by link(): written by hand in the data's Markdown.
_FOREIGN = re.compile('(?:href|src)="(?![\x00#/]|[a-z][a-z0-9+.-]*:)([^"]+)"')


class LinkBook:
    """Every target linked while rendering, with the first page linking it."""

    def __init__(self, explicit_index: bool = False):
        self.explicit_index = explicit_index
        self.targets: dict[str, str] = {}  # "site/path" → "site/page-file"
        self.site = ""
        self.page = ""

    def link(self, target: str) -> str:
        self.targets.setdefault(f"{self.site}/{target}", self.page)
        return ROOT + (file_for(target) if self.explicit_index else target)

    def expect(self, site_path: str) -> None:
        """A target known from elsewhere (an alternate language, a card)."""
        self.targets.setdefault(site_path, self.page)


def finish(html: str, page_file: str, root_relative: bool = False) -> tuple[str, list[str]]:
    """The page with ``ROOT`` resolved, and any link it has that link() did not make."""
    foreign = _FOREIGN.findall(html)
    prefix = "/" if root_relative else ("../" * page_file.count("/") or "./")
    return html.replace(ROOT, prefix), foreign
