"""Rendering many pages fast: page-independent links, cached fragments, both cores.

Every internal link is written as ``ROOT + path from the site's root`` and
``ROOT`` is replaced by the way up from each page (``../../``) when the page
is done. Links therefore do not depend on the page, so a product card is
rendered once per site view and reused on every page that shows it; and
every link is recorded as it is made, to be checked against the written
files at the end, without parsing the pages. HTML written by people
(Markdown from the data, content pages) goes into a page through
``hand_written()``, which records the links in it that link() did not make.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from sadewa.urls import file_for

ROOT = "\x00"  # stands for the way from a page up to its site's root
_SCHEME = re.compile("[a-z][a-z0-9+.-]*:")


def foreign_links(html: str) -> list[str]:
    """Links not made by link() (written by hand in the data's Markdown):
    relative, without a scheme. Found with str.find, twice as fast as one
    regular expression scanning every character."""
    found = []
    for attribute in ('href="', 'src="'):
        at = html.find(attribute)
        while at >= 0:
            start = at + len(attribute)
            end = html.find('"', start)
            if end < 0:
                break
            if end > start and html[start] not in "\x00#/" and not _SCHEME.match(html, start, end):
                found.append(html[start:end])
            at = html.find(attribute, end)
    return found


class LinkBook:
    """Every target linked while rendering, with the first page linking it."""

    def __init__(self, explicit_index: bool = False):
        self.explicit_index = explicit_index
        self.targets: dict[str, str] = {}  # "site/path" → "site/page-file"
        self.foreign: list[tuple[str, str]] = []  # (page, link) written by hand, to resolve
        self.site = ""
        self.page = ""

    def link(self, target: str) -> str:
        self.targets.setdefault(f"{self.site}/{target}", self.page)
        return ROOT + (file_for(target) if self.explicit_index else target)

    def expect(self, site_path: str) -> None:
        """A target known from elsewhere (an alternate language, a card)."""
        self.targets.setdefault(site_path, self.page)

    def hand_written(self, html: str) -> Markup:
        """HTML written by people, as the page shows it; its links that
        link() did not make are recorded for the check to resolve."""
        self.foreign += [(self.page, link) for link in foreign_links(html)]
        return Markup(html)


def finish(html: str, page_file: str, root_relative: bool = False) -> str:
    """The page with ``ROOT`` resolved to the way up from ``page_file``."""
    prefix = "/" if root_relative else ("../" * page_file.count("/") or "./")
    return html.replace(ROOT, prefix)
