"""Decides which photos and cards the sites need, makes the missing ones in
parallel, and hands the templates their HTML and URLs."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from pelican.generators import Generator

from catalog_site.helpers import initials  # the same letters as the pages' placeholders
from i18n.catalogs import load, translations_dir
from sadewa.config import built_sites
from sadewa.config import workers as build_workers
from sadewa.jobs import run_jobs
from sadewa import timing
from sadewa.cachefiles import read_record, write_record
from sadewa.model import LANGS, Catalog, Product, Site, Sme

from . import cards, photos
from .picture import Picture

log = logging.getLogger(__name__)
STATS_FILE = "image-stats.json"
CARD_KEYS = "card-keys"  # (kind, item) → [what its card shows from its files and photo, key per language]


class ImageError(Exception):
    pass


def _digest(*parts: str | bytes) -> str:
    data = b"".join((part if isinstance(part, bytes) else part.encode()) + b"\0" for part in parts)
    return hashlib.blake2b(data, digest_size=10).hexdigest()


_spec_json = json.JSONEncoder(sort_keys=True).encode  # json.dumps(spec, sort_keys=True), without a new encoder per card


def _photo_job(source: str, folder: str) -> str | None:
    try:
        photos.process(Path(source).read_bytes(), Path(folder))
    except (photos.PhotoError, OSError) as exc:
        return f"{source}: {exc}"
    return None


def _card_job(spec: dict, photo: str | None, target: str) -> None:
    cards.draw_card(spec, Path(photo) if photo else None, Path(target))


class ImagesGenerator(Generator):
    def generate_context(self) -> None:
        with timing.phase("images"):
            self.prepare()

    def prepare(self) -> None:
        catalog: Catalog | None = self.context.get("SADEWA_CATALOG")
        if catalog is None:
            return
        cache = Path(self.settings.get("SADEWA_IMAGE_CACHE") or Path(self.settings.get("CACHE_PATH", ".cache")) / "images")
        self.cache = cache
        self.catalog = catalog
        self.stats = {"photos": 0, "photos_cached": 0, "cards": 0, "cards_cached": 0}
        self.pictures = self.make_pictures(catalog, cache)
        # Offline copies are not shared on social media: no share cards.
        self.cards = {} if self.settings.get("SADEWA_OFFLINE") else self.make_cards(catalog, cache)
        self.context["photo_of"] = self.photo_of
        self.context["photos_of"] = self.photos_of
        if self.cards:
            self.context["share_card_of"] = self.share_card_of
            self.context["site_card"] = self.site_card
        self.context["image_paths"] = self.image_paths
        self.context["photo_file"] = lambda picture, name: cache / "photos" / picture.key / name
        self.context["image_cache"] = cache  # content-addressed: other plugins may keep files here
        stats_path = Path(self.settings.get("CACHE_PATH", ".cache")) / STATS_FILE
        stats_path.parent.mkdir(parents=True, exist_ok=True)
        stats_path.write_text(json.dumps(self.stats))
        log.info("images: %(photos)d photos made, %(photos_cached)d cached; %(cards)d cards made, %(cards_cached)d cached", self.stats)

    # -- photos ------------------------------------------------------------------

    def sources(self, catalog: Catalog) -> list[Path]:
        """The photos of what the sites of this build publish."""
        found: set[Path] = set()
        for site in built_sites(self.settings):
            for sme in catalog.published_smes(site):
                found.update(([sme.logo] if sme.logo else []) + list(sme.photos))
            for product in catalog.published_products(site):
                found.update(product.images)
        return sorted(found)

    def make_pictures(self, catalog: Catalog, cache: Path) -> dict[Path, Picture]:
        index_path = cache / "sources.json"
        try:
            index = json.loads(index_path.read_text())
        except (OSError, ValueError):
            index = {}
        keys: dict[Path, str] = {}
        for source in self.sources(catalog):
            stat = source.stat()
            known = index.get(str(source))
            if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
                keys[source] = known[2]
            else:
                keys[source] = _digest(photos.VERSION, source.read_bytes())
                index[str(source)] = [stat.st_size, stat.st_mtime_ns, keys[source]]
        todo = sorted({(str(src), str(cache / "photos" / key)) for src, key in keys.items() if not (cache / "photos" / key / "meta.json").exists()})
        failures = [f for f in run_jobs(todo, _photo_job, build_workers(self.settings)) if f]
        if failures:
            raise ImageError("photos that could not be processed:\n  " + "\n  ".join(failures))
        self.stats["photos"] = len(todo)
        self.stats["photos_cached"] = len(set(keys.values())) - len(todo)
        cache.mkdir(parents=True, exist_ok=True)
        index_path.write_text(json.dumps(index, sort_keys=True))
        pictures = {}
        # Offline copies stop at a laptop screen's width (SADEWA_PHOTO_MAX_WIDTH).
        widest = self.settings.get("SADEWA_PHOTO_MAX_WIDTH")
        for source, key in keys.items():
            meta = json.loads((cache / "photos" / key / "meta.json").read_text())
            variants = tuple((v["width"], v["height"]) for v in meta["variants"])
            if widest:
                variants = tuple(v for v in variants if v[0] <= widest) or variants[:1]
            pictures[source] = Picture(key, variants, meta["full"])
        return pictures

    def photo_of(self, item: Product | Sme) -> Picture | None:
        pictures = self.photos_of(item)
        return pictures[0] if pictures else None

    def photos_of(self, item: Product | Sme) -> tuple[Picture, ...]:
        if isinstance(item, Product):
            paths = item.images
        else:
            paths = ([item.logo] if item.logo else []) + list(item.photos)
        return tuple(self.pictures[p] for p in paths if p in self.pictures)

    # -- share cards ---------------------------------------------------------------

    @staticmethod
    def carded(catalog: Catalog) -> list[Product | Sme]:
        """What has a share card: every SME and product with a domestic page."""
        return [*catalog.published_smes(Site.DOMESTIC), *catalog.published_products(Site.DOMESTIC)]

    @staticmethod
    def card_spec(item: Product | Sme, lang: str) -> dict:
        if type(item) is Sme:
            return {"title": item.name, "lines": [f"{item.region.name}, Jawa Tengah"], "initials": initials(item.name)}
        title = item.name.get(lang).text
        return {"title": title, "lines": [item.sme.name, f"{item.region.name}, Jawa Tengah"], "initials": initials(title)}

    def site_specs(self) -> list[tuple[str, str, dict]]:
        specs = []
        for lang in LANGS:
            _ = load(translations_dir(self.settings), lang).gettext
            spec = {"title": "Sadewa Market", "lines": [_("Products of Central Java's small businesses"), "sadewa · Jawa Tengah"], "initials": "S"}
            specs.append(("Site", lang, spec))
        return specs

    def card_photo(self, picture: Picture | None) -> Path | None:
        if picture is None:
            return None
        width = max((w for w, _ in picture.variants if w <= 960), default=picture.variants[0][0])
        return self.cache / "photos" / picture.key / f"{width}.jpg"

    def make_cards(self, catalog: Catalog, cache: Path) -> dict[tuple[str, str, str], str]:
        """The key of every card, by (kind, item, language); the missing
        cards are drawn. A card shows its item's and SME's names, its
        region's and its photo: an item whose files, region and photo are
        the last build's keeps its keys without making its card's text again
        (``CARD_KEYS``, a record per build folder)."""
        made: dict[tuple[str, str, str], str] = {}
        todo: dict[str, tuple] = {}
        try:
            present = set(os.listdir(cache / "cards"))  # one listing, not a stat per card
        except OSError:
            present = set()
        record = Path(self.settings.get("CACHE_PATH", ".cache")) / CARD_KEYS
        stored = read_record(record)
        known = stored.get("items", {}) if stored.get("version") == cards.VERSION else {}
        versions, shown_region = catalog.versions, catalog.shown_region
        items = {}
        for item in self.carded(catalog):
            name = (type(item).__name__, _item_key(item))
            photo = self.card_photo(self.photo_of(item))
            inputs = [versions[item.source], versions[item.sme.source] if type(item) is Product else "", photo.parent.name if photo else "",
                      shown_region(item.region)]
            entry = known.get(name)
            if entry is None or entry[0] != inputs or any(f"{key}.jpg" not in present for key in entry[1]):
                specs = [self.card_spec(item, lang) for lang in LANGS]
                keys = [_digest(cards.VERSION, _spec_json(spec), inputs[2]) for spec in specs]
                todo.update((key, (spec, str(photo) if photo else None, str(cache / "cards" / f"{key}.jpg")))
                            for key, spec in zip(keys, specs) if f"{key}.jpg" not in present)
                entry = [inputs, keys]
            items[name] = entry
            made.update(((*name, lang), key) for lang, key in zip(LANGS, entry[1]))
        for kind, lang, spec in self.site_specs():
            key = _digest(cards.VERSION, _spec_json(spec), "")
            made[(kind, "", lang)] = key
            if f"{key}.jpg" not in present:
                todo[key] = (spec, None, str(cache / "cards" / f"{key}.jpg"))
        run_jobs(sorted(todo.values(), key=lambda job: job[2]), _card_job, build_workers(self.settings))
        if items != known:
            write_record(record, {"version": cards.VERSION, "items": items})
        self.stats["cards"] = len(todo)
        self.stats["cards_cached"] = len(set(made.values())) - len(todo)
        return made

    def site_card(self, lang: str) -> str | None:
        key = self.cards.get(("Site", "", lang))
        return f"cards/{key}.jpg" if key else None

    def image_paths(self, item: Product | Sme) -> list[str]:
        """Site paths of the item's photos at a size search engines like."""
        return [picture.src(960) for picture in self.photos_of(item)]

    def share_card_of(self, item: Product | Sme, lang: str) -> str | None:
        key = self.cards.get((type(item).__name__, _item_key(item), lang))
        return f"cards/{key}.jpg" if key else None

    # -- into the sites --------------------------------------------------------------

    def generate_output(self, writer) -> None:
        if not hasattr(self, "pictures"):
            return
        for site in built_sites(self.settings):
            used: set[Path] = set()
            for sme in self.catalog.published_smes(site):
                used.update(([sme.logo] if sme.logo else []) + list(sme.photos))
            for product in self.catalog.published_products(site):
                used.update(product.images)
            for source in sorted(used):
                picture = self.pictures[source]
                folder = self.cache / "photos" / picture.key
                for site_path, name in picture.files:
                    writer.write_file_from(f"{site.value}/{site_path}", folder / name, digest=site_path)
                if site is Site.DOMESTIC:
                    writer.write_file_from(f"{site.value}/{picture.full_path}", folder / picture.full, digest=picture.full_path)
            if self.cards:
                self.write_cards(writer, site)

    def write_cards(self, writer, site: Site) -> None:
        card_keys = {self.cards[("Site", "", lang)] for lang in LANGS}
        for sme in self.catalog.published_smes(site):
            card_keys.update(self.cards[("Sme", sme.slug, lang)] for lang in LANGS)
        for product in self.catalog.published_products(site):
            card_keys.update(self.cards[("Product", product.key, lang)] for lang in LANGS)
        folder = f"{self.cache}/cards"  # a string: a Path per card costs more than placing it
        for key in sorted(card_keys):
            writer.write_file_from(f"{site.value}/cards/{key}.jpg", f"{folder}/{key}.jpg", digest=f"cards/{key}")


def _item_key(item: Product | Sme) -> str:
    return item.key if isinstance(item, Product) else item.slug
