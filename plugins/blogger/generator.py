"""QR codes and photo zips for the media kits of the domestic site."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path
import segno
from pelican.generators import Generator

from sadewa import timing
from sadewa.cachefiles import write_whole
from sadewa.config import workers as build_workers
from sadewa.jobs import run_jobs
from sadewa.model import LANGS, Site, Sme
from sadewa.urls import View

SITE = Site.DOMESTIC
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed: the same photos give the same zip


def _short(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def qr_files(stem: str, cache: Path) -> dict[str, str]:
    """Where the QR code named ``stem`` is kept in ``cache``: its SVG and
    PNG. Paths as strings: a Path for each of thousands cost more than the
    rest of the lookup."""
    return {kind: f"{cache}/{stem}.{kind}" for kind in ("svg", "png")}


def draw_qr(url: str, svg_path: str, png_path: str) -> None:
    """The SVG and PNG of a QR code for ``url`` (error correction M, a quiet zone)."""
    code = segno.make(url, error="m", micro=False)
    svg, png = io.BytesIO(), io.BytesIO()
    code.save(svg, kind="svg", scale=8, border=4, dark="#211a15", xmldecl=False, title=url)
    code.save(png, kind="png", scale=10, border=4)
    write_whole(Path(svg_path), svg.getvalue())
    write_whole(Path(png_path), png.getvalue())


class MediaKitGenerator(Generator):
    def generate_context(self) -> None:
        catalog = self.context.get("SADEWA_CATALOG")
        chosen = self.settings.get("SADEWA_SITES") or list(self.settings["SADEWA_SITE_URLS"])
        self.enabled = catalog is not None and SITE.value in chosen
        self.qr: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
        self.zips: dict[str, tuple[str, bytes]] = {}
        if not self.enabled:
            return
        base = self.settings["SADEWA_SITE_URLS"][SITE.value].rstrip("/")
        photos_of = self.context["photos_of"]
        qr_cache = self.context["image_cache"] / "qr"
        present = set(os.listdir(qr_cache)) if qr_cache.is_dir() else set()  # one listing, not a stat per code
        views = [View(SITE, lang, base) for lang in LANGS]
        missing = []
        for sme in catalog.published_smes(SITE):
            for view in views:
                url = view.absolute(view.sme(sme))
                stem = _short(url.encode())  # named by its URL: made once
                files = qr_files(stem, qr_cache)
                if f"{stem}.svg" not in present or f"{stem}.png" not in present:
                    missing.append((url, files["svg"], files["png"]))
                self.qr[(sme.slug, view.lang)] = (f"media/qr-{stem}", files)
            self.zips[sme.slug] = self.photo_zip(sme, catalog, photos_of)
        with timing.phase("images"):  # image work, over every core: two codes per SME the first time
            run_jobs(missing, draw_qr, build_workers(self.settings))
        self.context["qr_of"] = self.qr_of
        self.context["kit_zip_of"] = self.kit_zip_of

    def photo_zip(self, sme: Sme, catalog, photos_of) -> tuple[str, bytes] | None:
        """Every photo of the SME and its listed products, full size, in one zip."""
        photo_file = self.context["photo_file"]
        pictures = list(photos_of(sme))
        for product in catalog.products_of(sme):
            if product.is_listed(SITE):
                pictures += photos_of(product)
        if not pictures:
            return None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            seen = set()
            for picture in pictures:
                if picture.key in seen:
                    continue
                seen.add(picture.key)
                name = f"{sme.slug}-{len(seen):02d}.{picture.full.rsplit('.', 1)[1]}"
                info = zipfile.ZipInfo(f"{sme.slug}/{name}", date_time=ZIP_TIME)
                info.external_attr = 0o644 << 16
                archive.writestr(info, photo_file(picture, picture.full).read_bytes())
        data = buffer.getvalue()
        return f"media/{sme.slug}-photos-{_short(data)}.zip", data

    def qr_of(self, sme: Sme, lang: str, kind: str) -> str | None:
        found = self.qr.get((sme.slug, lang))
        return f"{found[0]}.{kind}" if found else None

    def kit_zip_of(self, sme: Sme) -> str | None:
        found = self.zips.get(sme.slug)
        return found[0] if found else None

    def generate_output(self, writer) -> None:
        if not self.enabled:
            return
        for stem, files in self.qr.values():
            for kind, path in files.items():  # named by their URL: linked, not read
                writer.write_file_from(f"{SITE.value}/{stem}.{kind}", path, digest=f"qr/{os.path.basename(path)}")
        for found in self.zips.values():
            if found:
                writer.write_bytes(f"{SITE.value}/{found[0]}", found[1], check_links=False)
