"""Helpers for the tests of `make publish` and `make deploy`: a production
build into a temporary folder, and a `_headers` file read the way Netlify
and Cloudflare Pages read it."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

TODAY = "2026-11-28"
BASE_URLS = {"domestic": "https://sadewa.test", "international": "https://export.sadewa.test"}
PRODUCTION_ENV = {
    "SADEWA_TODAY": TODAY,
    "SADEWA_DOMESTIC_URL": BASE_URLS["domestic"],
    "SADEWA_INTERNATIONAL_URL": BASE_URLS["international"],
}


def publish(products: Path, output: Path, cache: Path, **env: str) -> subprocess.CompletedProcess:
    """`make publish` of ``products`` into ``output``, with its own cache."""
    command = [sys.executable, "scripts/build.py", "--settings", "publishconf.py", "--products", str(products),
               "--output", str(output), "--cache", str(cache)]
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, **PRODUCTION_ENV, **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` → a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def url_path(site_path: str) -> str:
    """The URL path a host serves a file at: a page at its folder's URL."""
    return "/" + site_path.removesuffix("index.html")


@dataclass
class HeaderRule:
    pattern: str
    headers: list[tuple[str, str]]

    def matches(self, path: str) -> bool:
        # A splat (*) matches any characters, slashes included.
        return re.fullmatch(".*".join(re.escape(part) for part in self.pattern.split("*")), path) is not None


def read_headers_file(text: str) -> list[HeaderRule]:
    """A URL pattern on its own line, then its headers indented."""
    rules: list[HeaderRule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t":
            name, _, value = line.strip().partition(":")
            rules[-1].headers.append((name.strip(), value.strip()))
        else:
            rules.append(HeaderRule(line.strip(), []))
    return rules


def headers_for(rules: list[HeaderRule], path: str) -> dict[str, list[str]]:
    """Every value each header gets at ``path`` from the matching rules
    (Cloudflare Pages joins them with commas, so one value each is right)."""
    found: dict[str, list[str]] = {}
    for rule in rules:
        if rule.matches(path):
            for name, value in rule.headers:
                found.setdefault(name, []).append(value)
    return found
