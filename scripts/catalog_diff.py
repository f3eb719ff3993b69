"""What a pull request changes in the catalog, as Markdown for its reviewers.

    python scripts/catalog_diff.py BASE [HEAD]

Compares `products/` between two git refs (HEAD defaults to the working
tree's commit; BASE is usually `origin/main`, compared from where the branch
left it): SMEs and products added, changed (which fields), renamed (a slug
change: is the old slug in `aliases`?) and removed (which breaks links:
retire with `status: discontinued` instead), photos added or removed, and
the pages each one has on the sites. In a GitHub Actions run the summary is
appended to the job summary ($GITHUB_STEP_SUMMARY) as well.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sadewa import loader, yamlfile
from sadewa.model import Site
from sadewa.urls import View

PRODUCTS = "products"
# git's letters for files that are not SMEs or products
_STATUS = {"A": "added", "D": "removed", "M": "changed", "R": "renamed", "C": "copied", "T": "changed"}


class GitError(Exception):
    pass


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def read_at(ref: str, path: str) -> Any:
    """The data of a YAML file at a git ref (None if absent or unreadable)."""
    try:
        text = git("show", f"{ref}:{path}")
    except GitError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / PurePosixPath(path).name
        copy.write_text(text, encoding="utf-8")
        doc, _ = yamlfile.read(copy)
    return doc.data if doc is not None else None


@dataclass
class Change:
    what: str  # "sme" or "product"
    key: str  # "sme" or "sme/product"
    status: str  # added, changed, removed, renamed
    name: str = ""
    fields: list[str] = field(default_factory=list)
    old_key: str = ""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what would break links
    pages: list[str] = field(default_factory=list)


def changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted names of the fields that differ (one level into groups)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [prefix.rstrip(".") or "(whole file)"] if old != new else []
    names = []
    for key in list(dict.fromkeys([*old, *new])):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict) and not prefix:
            names += changed_fields(a, b, f"{key}.")
        else:
            names.append(f"{prefix}{key}")
    return names


def _name(data: Any, what: str) -> str:
    if not isinstance(data, dict):
        return ""
    name = data.get("name")
    if what == "product" and isinstance(name, dict):
        name = name.get("id")
    return name if isinstance(name, str) else ""


def pages(what: str, key: str, data: Any) -> list[str]:
    """Site paths of an SME or product (as the sites would publish it)."""
    if not isinstance(data, dict) or data.get("status") in ("draft", "inactive"):
        return []
    found = []
    # An SME is on the international site only through export products: not known from its file.
    sites = [Site.DOMESTIC] + ([Site.INTERNATIONAL] if what == "product" and data.get("export") is not None else [])
    for site in sites:
        for lang in (site.default_lang, "en" if site.default_lang == "id" else "id"):
            view = View(site, lang, "")
            path = view.sme_at(key) if what == "sme" else view.product_at(*key.split("/"))
            found.append(f"{site.value}: /{path}")
    return found


def _kind(path: str) -> tuple[str, str] | None:
    """("sme", slug) or ("product", sme/slug) for a catalog data file."""
    parts = PurePosixPath(path).parts
    if len(parts) != 3 or parts[0] != PRODUCTS or parts[1].startswith("_") or not parts[2].endswith(".yaml"):
        return None
    if parts[2] == loader.SME_FILE:
        return "sme", parts[1]
    return "product", f"{parts[1]}/{parts[2][:-5]}"


def diff(base: str, head: str) -> tuple[list[Change], list[str]]:
    """The changes to SMEs and products, and other changed catalog files."""
    listing = git("diff", "--name-status", "-M", f"{base}...{head}", "--", PRODUCTS)
    changes: list[Change] = []
    others: list[str] = []
    for line in listing.splitlines():
        status, *paths = line.split("\t")
        old_path, new_path = (paths[0], paths[-1])
        kind = _kind(new_path) or _kind(old_path)
        if kind is None:
            others.append(f"{_STATUS.get(status[0], status)} `{new_path}`")
            continue
        what, key = kind
        old = read_at(base, old_path) if status[0] != "A" else None
        new = read_at(head, new_path) if status[0] != "D" else None
        change = Change(what, key, {"A": "added", "D": "removed", "R": "renamed"}.get(status[0], "changed"))
        change.name = _name(new if new is not None else old, what)
        if status[0] == "R":
            old_kind = _kind(old_path)
            change.old_key = old_kind[1] if old_kind else old_path
            old_slug = change.old_key.split("/")[-1]
            aliases = new.get("aliases") if isinstance(new, dict) else None
            full_aliases = {a if "/" in a else f"{key.split('/')[0]}/{a}" for a in aliases or () if isinstance(a, str)}
            if old_slug not in (aliases or ()) and change.old_key not in full_aliases:
                change.warnings.append(f"the old slug `{change.old_key}` is not in `aliases`: its pages would break")
        if status[0] in "MR":
            change.fields = changed_fields(old, new)
            if isinstance(old, dict) and isinstance(new, dict) and old.get("status") != new.get("status"):
                change.notes.append(f"status {old.get('status', 'active')} → {new.get('status', 'active')}")
        if status[0] == "D":
            change.warnings.append("deleted: its pages will be gone; retire a product with `status: discontinued` instead")
        change.pages = pages(what, key, new if new is not None else old)
        changes.append(change)
    return changes, others


def markdown(changes: list[Change], others: list[str], base: str) -> str:
    if not changes and not others:
        return f"### Catalog changes\n\nNothing in `products/` changed since `{base}`.\n"
    counts: dict[str, int] = {}
    for change in changes:
        label = f"{change.what} {change.status}"
        counts[label] = counts.get(label, 0) + 1
    order = [f"{w} {s}" for w in ("product", "sme") for s in ("added", "changed", "renamed", "removed")]
    summary = ", ".join(f"{counts[k]} {_label(k, counts[k])}" for k in order if k in counts)
    lines = ["### Catalog changes", "", summary + ".", ""]
    if changes:
        lines += ["| change | SME or product | fields | pages |", "| --- | --- | --- | --- |"]
        for change in sorted(changes, key=lambda c: (c.what != "sme", c.key)):
            who = f"{'SME' if change.what == 'sme' else 'product'} `{change.key}`" + (f" {change.name}" if change.name else "")
            if change.old_key:
                who += f" (was `{change.old_key}`)"
            notes = "".join(f"<br>{note}" for note in change.notes) + "".join(f"<br>⚠ {w}" for w in change.warnings)
            fields = ", ".join(f"`{f}`" for f in change.fields)
            page_list = "<br>".join(f"`{p}`" for p in change.pages)
            lines.append(f"| {change.status} | {_cell(who)}{notes} | {fields} | {page_list} |")
    if others:
        lines += ["", "Other catalog files: " + "; ".join(others) + "."]
    return "\n".join(lines) + "\n"


def _label(key: str, n: int) -> str:
    what, status = key.split()
    noun = "SME" if what == "sme" else "product"
    return f"{noun}{'s' if n != 1 else ''} {status}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the ref to compare with, e.g. origin/main")
    parser.add_argument("head", nargs="?", default="HEAD")
    args = parser.parse_args(argv)
    try:
        changes, others = diff(args.base, args.head)
    except GitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = markdown(changes, others, args.base)
    print(text, end="")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") == "true" and summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
