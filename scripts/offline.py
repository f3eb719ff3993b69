"""`make offline`: copies of the international catalog for export delegates
(SPEC §6), for laptops without internet and for print.

For the whole international site, and for each collection, one Pelican run
with offline settings (links naming index.html, a search index shipped as a
script, photos up to 960 px, a start notice on the home page, the printed
catalog) into a staging folder under the cache. Only when every run has
succeeded are the results written to the output folder:

    sadewa-international-<date>.zip          one folder of the same name, index.html first
    sadewa-international-<date>.pdf          the printed catalog (A4)
    sadewa-collection-<slug>-<date>.zip/.pdf the same for each collection

<date> is the reference date (SADEWA_TODAY). The same input and date give
the same bytes. Older editions in the output folder stay until removed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from build import run
from sadewa import loader
from sadewa.config import SettingError, reference_date

SITE = "international"
PHOTO_MAX_WIDTH = 960  # px: a laptop screen; keeps the zip small
ALREADY_COMPRESSED = {".jpg", ".jpeg", ".png", ".webp", ".woff2", ".pdf", ".zip"}


@dataclass(frozen=True)
class Edition:
    name: str  # of the zip, of its folder and of the PDF
    collection: str | None  # slug, or None for the whole international site
    staging: Path  # this edition's cache and build output

    @property
    def site(self) -> Path:
        return self.staging / "site"


def edition_of(day: dt.date, collection: str | None, cache: Path) -> Edition:
    """The whole international site (``collection`` None) or one collection."""
    kind = f"collection-{collection}" if collection else SITE
    return Edition(f"sadewa-{kind}-{day.isoformat()}", collection, cache / "offline" / kind)


def offline_settings(args, base: dict, edition: Edition, online_url: str) -> dict:
    """``base`` (the usual settings) with what makes ``edition`` an offline copy."""
    return read_settings(args.settings, override={
        **_locations(args),
        "SADEWA_OFFLINE": True,
        "SADEWA_EXPLICIT_INDEX": True,  # file:// does not turn dir/ into dir/index.html
        "SADEWA_SITES": [SITE],
        # Canonical links and QR codes lead to the online catalog.
        "SADEWA_SITE_URLS": {**base["SADEWA_SITE_URLS"], SITE: online_url},
        "SADEWA_COLLECTION": edition.collection,
        "SADEWA_PHOTO_MAX_WIDTH": PHOTO_MAX_WIDTH,
        "SADEWA_PDF_LANGS": args.pdf_langs,
        "SADEWA_IMAGE_CACHE": base["SADEWA_IMAGE_CACHE"] or str(Path(args.cache) / "images"),
        "CACHE_PATH": str(edition.staging),
        "OUTPUT_PATH": str(edition.staging / "stage"),
        "SADEWA_OUTPUT": str(edition.site),
    })


def _locations(args) -> dict:
    return {"SADEWA_PRODUCTS": args.products} if args.products else {}


def write_zip(folder: Path, name: str, target: Path, day: dt.date) -> None:
    """``folder`` as ``target``, inside one top folder ``name``: entries sorted,
    timestamps the reference date, fixed permissions — the same bytes every time."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    entries = {f"{name}/": None}
    for path in folder.rglob("*"):
        arcname = f"{name}/{path.relative_to(folder).as_posix()}"
        entries[arcname + "/" if path.is_dir() else arcname] = path if path.is_file() else None
    tmp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for arcname in sorted(entries):
            info = zipfile.ZipInfo(arcname, date_time=stamp)
            info.create_system = 3  # Unix, so that the permissions below count
            source = entries[arcname]
            if source is None:
                info.external_attr = (0o40755 << 16) | 0x10  # a folder
                archive.writestr(info, b"")
                continue
            info.external_attr = 0o644 << 16
            stored = source.suffix.lower() in ALREADY_COMPRESSED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes(), compresslevel=None if stored else 9)
    os.replace(tmp, target)


def _copy(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--online-settings", default="publishconf.py",
                        help="settings whose international URL the copies link to (default: publishconf.py)")
    parser.add_argument("--output", default="output/offline", help="where the zips and PDFs go (default: output/offline)")
    parser.add_argument("--products", help="catalog folder (default: products)")
    parser.add_argument("--cache", default=".cache", help="cache and staging folder (default: .cache)")
    parser.add_argument("--pdf-langs", nargs="+", default=["en"], choices=["en", "id"], metavar="LANG",
                        help="languages of the printed catalog, en and/or id (default: en); "
                             "the first is <name>.pdf, others <name>.<lang>.pdf")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    try:
        settings = read_settings(args.settings, override=_locations(args))
        online_url = read_settings(args.online_settings)["SADEWA_SITE_URLS"][SITE]
        day = reference_date(settings.get("SADEWA_TODAY"))
    except (OSError, SettingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    cache = Path(args.cache)

    # The whole site first: a catalog with errors stops here, reported in full.
    editions = [edition_of(day, None, cache)]
    if run(offline_settings(args, settings, editions[0], online_url)):
        return 1
    catalog, _ = loader.load(Path(settings["SADEWA_PRODUCTS"]), day)
    for collection in catalog.collections:
        editions.append(edition_of(day, collection.slug, cache))
        if run(offline_settings(args, settings, editions[-1], online_url)):
            return 1

    from print_catalog.generator import output_path  # importable once Pelican has loaded the plugins

    target = Path(args.output)
    target.mkdir(parents=True, exist_ok=True)
    for made in editions:
        archive = target / f"{made.name}.zip"
        write_zip(made.site / SITE, made.name, archive, day)
        written = [archive]
        for number, lang in enumerate(args.pdf_langs):
            pdf = target / (f"{made.name}.pdf" if number == 0 else f"{made.name}.{lang}.pdf")
            _copy(made.site / output_path(lang), pdf)
            written.append(pdf)
        print("wrote " + ", ".join(f"{path} ({_size(path)})" for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
