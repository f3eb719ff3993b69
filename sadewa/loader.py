"""Load ``products/`` into a Catalog, checking every rule of SPEC §1 first.

Each file is parsed and checked against ``schema.py``; then the rules that
span files (regions, categories, images, aliases, collections) run. Every
problem of every file is collected; the Catalog is only built when there is
no error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from pydantic import TypeAdapter, ValidationError

from . import model as m
from . import imageformats, markdown, schema, yamlfile
from .gcpause import gc_paused
from .jobs import run_jobs
from .messages import explain
from .problems import Problems

CATEGORIES_FILE = "_categories.yaml"
REGIONS_FILE = "_regions.yaml"
COLLECTIONS_DIR = "_collections"
SME_FILE = "sme.yaml"
IMAGES_DIR = "images"

_CATEGORIES = TypeAdapter(list[schema.Category])
_REGIONS = TypeAdapter(list[schema.Region])
_SLUG = re.compile(schema.SLUG_RE)
READ_AHEAD_MIN = 200  # files to read before more processes pay off


@dataclass
class Parsed:
    """One data file: where it is, what it says, and where each value sits."""

    path: Path
    shown: str
    doc: yamlfile.Document
    data: Any  # the validated schema object
    lost: tuple = ()  # (field, lang, what) its Markdown texts lose when rendered

    def at(self, *loc: Any) -> tuple[int, int]:
        return self.doc.locate(loc)


class _Run:
    def __init__(self, root: Path, today: dt.date, files: dict | None = None, workers: int = 1):
        self.root = root
        self.base = root.parent
        self.base_prefix = f"{self.base}/" if self.base.parts else ""  # "" for the current folder
        self.today = today
        self.problems = Problems()
        self.product_files: set[str] = set()  # every product file, valid or not
        self.files_before: dict[tuple, tuple] = files or {}
        # What read_and_validate and the image checks found, for the next load.
        self.files: dict[tuple, object] = {}
        self.workers = workers
        self.read_ahead: dict[tuple, tuple] = {}  # files read by the worker processes
        self.keys: dict[str, tuple] = {}  # path → its key, from the read-ahead's look at it

    # -- files -------------------------------------------------------------

    def shown(self, path: Path) -> str:
        """``path`` as messages name it: from the catalog folder's parent."""
        text = str(path)  # a string prefix, not Path.relative_to: this runs twice per file
        if self.base_prefix and text.startswith(self.base_prefix):
            return text[len(self.base_prefix):]
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()

    def parse(self, path: Path, validator: Any) -> Parsed | None:
        shown = self.shown(path)
        doc, file_errors, data, errors, lost = self.read_and_validate(path, validator)
        for err in file_errors:
            self.problems.error(shown, err.message, err.line, err.col)
        if doc is None:
            return None
        for loc, message in errors:
            line, col = doc.locate(loc)
            self.problems.error(shown, message, line, col)
        if errors or file_errors:
            return None
        return Parsed(path, shown, doc, data, lost)

    def read_and_validate(self, path: Path, validator: Any) -> tuple:
        """One file read and checked on its own; from ``files`` (the last
        load's results) when its size and modification time are the same."""
        key = self.keys.pop(str(path), None) or _file_key(path, validator)
        found = self.files_before.get(key) or self.read_ahead.get(key)
        if found is None:
            found = _read_file(path, validator)
        self.files[key] = found
        return found

    def read_all_ahead(self) -> None:
        """Read and check, over the worker processes, the SME and product
        files the last load did not see: the load below then finds them
        read, and goes on in its own order."""
        jobs = []
        # Directory entries, not Paths: their type comes with the listing, one stat per file.
        for folder in os.scandir(self.root):
            if folder.name.startswith((".", "_")) or not folder.is_dir():
                continue
            for entry in os.scandir(folder.path):
                if entry.name.endswith(".yaml") and not entry.name.startswith(".") and entry.is_file():
                    validator = schema.SmeFile if entry.name == SME_FILE else schema.ProductFile
                    key = self.keys[entry.path] = _key(entry.path, entry.stat(), validator)
                    if key not in self.files_before and key not in self.read_ahead:
                        jobs.append((key, Path(entry.path), validator))
        if len(jobs) < READ_AHEAD_MIN:
            return  # not worth starting processes
        found = run_jobs([(path, validator) for _, path, validator in jobs], _read_file, self.workers)
        self.read_ahead.update(zip((key for key, _, _ in jobs), found))

    def error(self, parsed: Parsed, loc: tuple, message: str) -> None:
        line, col = parsed.at(*loc)
        self.problems.error(parsed.shown, message, line, col)

    def warning(self, parsed: Parsed, loc: tuple, message: str) -> None:
        line, col = parsed.at(*loc)
        self.problems.warning(parsed.shown, message, line, col)

    # -- the catalog -----------------------------------------------------------

    def run(self) -> m.Catalog | None:
        if not self.root.is_dir():
            self.problems.error(self.shown(self.root), "the catalog folder does not exist")
            return None
        self.read_all_ahead()
        categories = self.load_list(CATEGORIES_FILE, _CATEGORIES, "category")
        regions = self.load_list(REGIONS_FILE, _REGIONS, "region")
        smes, folders = self.load_smes()
        products = self.load_products(folders)
        self.check_references(smes, products, categories, regions)
        self.check_aliases(smes, products)
        self.check_warnings(smes, products)
        collections = self.load_collections(smes, products, categories, regions)
        if self.problems.errors:
            return None
        return _build(self.today, categories, regions, smes, products, collections)

    def load_list(self, name: str, adapter: TypeAdapter, what: str) -> dict[str, tuple[Parsed, int]]:
        path = self.root / name
        if not path.is_file():
            self.problems.error(self.shown(path), f"missing: the catalog needs {name} listing every {what}")
            return {}
        parsed = self.parse(path, adapter)
        if parsed is None:
            return {}
        found: dict[str, tuple[Parsed, int]] = {}
        for index, item in enumerate(parsed.data):
            if item.slug in found:
                self.error(parsed, (index, "slug"), f"duplicate {what} slug `{item.slug}`; each slug may appear once")
            else:
                found[item.slug] = (parsed, index)
        return found

    def sme_folders(self) -> list[Path]:
        folders = []
        for entry in sorted(self.root.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.name.startswith("_"):
                if entry.name not in (CATEGORIES_FILE, REGIONS_FILE, COLLECTIONS_DIR):
                    self.problems.error(self.shown(entry), f"unknown catalog-wide file; expected {CATEGORIES_FILE}, {REGIONS_FILE} or {COLLECTIONS_DIR}/")
                continue
            if entry.is_dir():
                folders.append(entry)
            else:
                self.problems.error(self.shown(entry), "files belong in an SME folder (products/<sme-slug>/); move or remove this one")
        return folders

    def check_slug(self, shown: str, slug: str, what: str) -> bool:
        if not _SLUG.match(slug):
            self.problems.error(shown, f"`{slug}` is not a valid {what} slug; expected {schema.SLUG_EXPECTED}")
            return False
        if slug in schema.RESERVED_SLUGS:
            self.problems.error(shown, f"`{slug}` is reserved for the site's own pages; choose another {what} slug")
            return False
        return True

    def load_smes(self) -> tuple[dict[str, Parsed], list[Path]]:
        """The SMEs that loaded, and every valid SME folder (loaded or not),
        so that products of a broken sme.yaml are still checked."""
        smes: dict[str, Parsed] = {}
        folders: list[Path] = []
        for folder in self.sme_folders():
            sme_path = folder / SME_FILE
            if not sme_path.is_file():
                self.problems.error(self.shown(folder) + "/", f"an SME folder needs {SME_FILE}; add it or remove the folder")
                continue
            if not self.check_slug(self.shown(sme_path), folder.name, "SME (folder name)"):
                continue
            folders.append(folder)
            parsed = self.parse(sme_path, schema.SmeFile)
            if parsed is not None:
                smes[folder.name] = parsed
                self.check_images(parsed, folder)
        return smes, folders

    def load_products(self, folders: list[Path]) -> dict[str, Parsed]:
        products: dict[str, Parsed] = {}
        for folder in folders:
            slug = folder.name
            for path in sorted(folder.iterdir()):
                if path.name == SME_FILE or path.name.startswith(".") or (path.name == IMAGES_DIR and path.is_dir()):
                    continue
                if path.suffix == ".yml":
                    self.problems.error(self.shown(path), f"product files end in .yaml; rename to {path.stem}.yaml")
                    continue
                if path.suffix != ".yaml" or not path.is_file():
                    self.problems.error(self.shown(path), f"unexpected here; an SME folder holds {SME_FILE}, <product-slug>.yaml files and {IMAGES_DIR}/")
                    continue
                if not self.check_slug(self.shown(path), path.stem, "product (file name)"):
                    continue
                self.product_files.add(f"{slug}/{path.stem}")
                parsed = self.parse(path, schema.ProductFile)
                if parsed is not None:
                    products[f"{slug}/{path.stem}"] = parsed
                    self.check_images(parsed, folder)
        return products

    def check_images(self, parsed: Parsed, folder: Path) -> None:
        data = parsed.data
        fields: list[tuple[tuple, str]] = []
        if isinstance(data, schema.SmeFile):
            if data.logo:
                fields.append((("logo",), data.logo))
            fields += [(("photos", i), p) for i, p in enumerate(data.photos)]
        else:
            fields += [(("images", i), p) for i, p in enumerate(data.images)]
        for loc, relative in fields:
            message = self.image_problem(folder, relative)
            if message:
                self.error(parsed, loc, f"`{loc[0]}`: {message}")

    def image_problem(self, folder: Path, relative: str) -> str | None:
        """Why ``relative`` (from an SME file) is not a usable image, or None.
        An image is decoded again only when its size or modification time
        changed: decoding every photo on every load would grow with the
        photos, not with what changed."""
        resolved, problem = image_path_problem(folder, relative)
        if problem:
            return problem
        stat = resolved.stat()
        key = (str(resolved), stat.st_size, stat.st_mtime_ns, "image", relative)
        if key in self.files_before:
            found = self.files_before[key]
        else:
            found = _image_content_problem(resolved, relative)
        self.files[key] = found
        return found

    def check_references(self, smes, products, categories, regions) -> None:
        for parsed in smes.values():
            if regions and parsed.data.region not in regions:
                self.error(parsed, ("region",), unknown("region", parsed.data.region, regions, "_regions.yaml"))
            year = parsed.data.established
            if year is not None and year > self.today.year:
                self.error(parsed, ("established",), f"`established` is {year}, in the future; expected a year from 1900 to {self.today.year}")
        for parsed in products.values():
            if categories and parsed.data.category not in categories:
                self.error(parsed, ("category",), unknown("category", parsed.data.category, categories, "_categories.yaml"))

    def check_aliases(self, smes: dict[str, Parsed], products: dict[str, Parsed]) -> None:
        owners: dict[str, str] = {}
        for slug, parsed in smes.items():
            for index, alias in enumerate(parsed.data.aliases):
                loc = ("aliases", index)
                if alias in smes:
                    self.error(parsed, loc, f"alias `{alias}` is the slug of a live SME; an alias must be a former slug no SME uses")
                elif alias in owners:
                    self.error(parsed, loc, f"alias `{alias}` is already an alias of SME `{owners[alias]}`")
                else:
                    owners[alias] = slug
        product_owners: dict[str, str] = {}
        for key, parsed in products.items():
            sme_slug = key.split("/")[0]
            for index, alias in enumerate(parsed.data.aliases):
                loc = ("aliases", index)
                full = alias if "/" in alias else f"{sme_slug}/{alias}"
                if alias.split("/")[-1] in schema.RESERVED_SLUGS:
                    self.error(parsed, loc, f"alias `{alias}` uses a reserved slug ({', '.join(schema.RESERVED_SLUGS)})")
                elif full in products:
                    self.error(parsed, loc, f"alias `{alias}` is the address of the live product `{full}`; an alias must be a former slug")
                elif full in product_owners:
                    self.error(parsed, loc, f"alias `{alias}` is already an alias of product `{product_owners[full]}`")
                else:
                    product_owners[full] = key

    def check_warnings(self, smes: dict[str, Parsed], products: dict[str, Parsed]) -> None:
        for parsed in [*smes.values(), *products.values()]:
            self.file_warnings(parsed)

    def file_warnings(self, parsed: Parsed) -> None:
        """What one valid file should still mend: none of it depends on other files."""
        data = parsed.data
        for index, cert in enumerate(data.certifications):
            until = cert.valid_until
            if until is not None and self.today <= until <= self.today + dt.timedelta(days=m.EXPIRY_WARNING_DAYS):
                self.warning(parsed, ("certifications", index, "valid_until"), f"{cert.type} certificate {cert.number} expires on {until.isoformat()}, within {m.EXPIRY_WARNING_DAYS} days; ask the SME for the renewal")
        for field, lang, lost in parsed.lost:
            self.warning(parsed, (field, lang), f"`{field}.{lang}`: {lost} will not be shown; only plain Markdown and http(s), mailto and tel links are published")
        if not isinstance(data, schema.ProductFile) or data.status == "draft":
            return
        if data.export is not None and not data.images:
            self.warning(parsed, ("export",), "export-ready product without a photo; export buyers rarely ask about a product they cannot see")
        if data.name.en is None:
            self.warning(parsed, ("name",), "product without English: add `name.en` (and `description.en`) so English pages need not fall back to Indonesian")

    def load_collections(self, smes, products, categories, regions) -> list[tuple[str, Parsed]]:
        folder = self.root / COLLECTIONS_DIR
        if not folder.is_dir():
            return []
        loaded = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != ".yaml":
                self.problems.error(self.shown(path), "collections are <slug>.yaml files")
                continue
            if not self.check_slug(self.shown(path), path.stem, "collection (file name)"):
                continue
            parsed = self.parse(path, schema.CollectionFile)
            if parsed is None:
                continue
            data = parsed.data
            for index, ref in enumerate(data.products or ()):
                target = products.get(ref)
                if target is None:
                    if ref not in self.product_files:  # else its own errors are reported
                        self.error(parsed, ("products", index), unknown("product", ref, self.product_files, "the catalog"))
                    continue
                sme = smes.get(ref.split("/")[0])
                if sme is None:
                    continue
                if target.data.status != "active" or target.data.export is None or sme.data.status != "active":
                    self.error(parsed, ("products", index), f"`{ref}` cannot be in a collection: a collection lists active, export-ready products of active SMEs")
            if data.filter is not None:
                for index, slug in enumerate(data.filter.categories or ()):
                    if slug not in categories:
                        self.error(parsed, ("filter", "categories", index), unknown("category", slug, categories, "_categories.yaml"))
                for index, slug in enumerate(data.filter.regions or ()):
                    if slug not in regions:
                        self.error(parsed, ("filter", "regions", index), unknown("region", slug, regions, "_regions.yaml"))
            loaded.append((path.stem, parsed))
        return loaded


def _file_key(path: Path, validator: Any) -> tuple:
    return _key(str(path), path.stat(), validator)


def _key(path: str, stat: os.stat_result, validator: Any) -> tuple:
    """What a file's reading is kept under: it holds while these are the same."""
    return (path, stat.st_size, stat.st_mtime_ns, getattr(validator, "__name__", repr(validator)))


def _read_file(path: Path, validator: Any) -> tuple:
    """One file read and checked on its own: (document, file errors, data,
    validation errors, what its Markdown texts lose). The document keeps
    only where each value sits and its digest: the load uses the validated
    data, and every load after a change unpickles the readings of all files
    (their plain data was most of it)."""
    doc, file_errors = yamlfile.read(path)
    if doc is None:
        return None, file_errors, None, [], ()
    data, errors = validate(doc, validator)
    return replace(doc, data=None, raw={}), file_errors, data, errors, _markdown_losses(data)


def _markdown_losses(data: Any) -> tuple:
    """(field, lang, what is lost) for each Markdown text of ``data`` that
    loses something when rendered: found once per file version, kept with
    its reading (parsing texts again on every load cost more than the rest
    of the warnings)."""
    losses = []
    for field in schema.MARKDOWN_FIELDS:
        text = getattr(data, field, None)
        for lang in m.LANGS:
            value = getattr(text, lang, None) if text is not None else None
            losses += [(field, lang, lost) for lost in markdown.dropped(value)] if value else []
    return tuple(losses)


def validate(doc: yamlfile.Document, validator: Any) -> tuple[Any, list[tuple[tuple, str]]]:
    """Check one document against a schema model (or TypeAdapter): the
    validated object, or None and every (location, message) that failed.

    A plain ``2025-01-01`` is a date only where the schema wants a date; in a
    text field it is the text written, as YAML 1.2 (and Decap CMS, which
    writes such text unquoted) has it.
    """
    data = doc.data
    for _ in range(2):
        try:
            if isinstance(validator, TypeAdapter):
                return validator.validate_python(data, strict=True), []
            return validator.model_validate(data, strict=True), []
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            texts = {
                tuple(e["loc"]): doc.raw[tuple(e["loc"])] for e in errors
                if e["type"] == "string_type" and isinstance(e["input"], dt.date) and tuple(e["loc"]) in doc.raw
            }
            if not texts or data is not doc.data:
                model = validator._type if isinstance(validator, TypeAdapter) else validator
                return None, [explain(error, model, doc) for error in errors]
            data = _replaced(doc.data, texts)
    raise AssertionError("unreachable")


def _replaced(data: Any, values: dict[tuple, Any], at: tuple = ()) -> Any:
    """A copy of ``data`` with the values at the given locations replaced."""
    if at in values:
        return values[at]
    if isinstance(data, dict):
        return {k: _replaced(v, values, at + (k,)) for k, v in data.items()}
    if isinstance(data, list):
        return [_replaced(v, values, at + (i,)) for i, v in enumerate(data)]
    return data


def unknown(what: str, value: str, known: dict, where: str) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean `{close[0]}`?" if close else ""
    return f"`{what}` is `{value}`, which is not in {where}{hint}"


def image_path_problem(folder: Path, relative: str) -> tuple[Path, str | None]:
    """Where ``relative`` (from an SME file) leads, or why it leads nowhere usable."""
    path = folder / relative
    try:
        resolved = path.resolve(strict=False)
        resolved.relative_to(folder.resolve())
    except ValueError:
        return path, f"`{relative}` points outside the SME folder; images must live in this SME's folder (e.g. images/…)"
    except (OSError, RuntimeError):
        return path, f"`{relative}` cannot be followed (a broken or looping link); put the image file itself in the SME folder"
    if not resolved.is_file():
        return path, f"`{relative}` does not exist in {folder.name}/; check the file name (it is case-sensitive)"
    return resolved, None


def _image_content_problem(path: Path, relative: str) -> str | None:
    """Open the image as the photo pipeline will, cheaply: JPEGs are decoded
    at 1/8 scale (enough to find truncation), other formats verified."""
    try:
        with warnings.catch_warnings(), imageformats.strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in imageformats.FORMATS:
                    return f"`{relative}` is a {image.format} file; use JPEG, PNG, WebP or HEIC"
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
                else:
                    image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"`{relative}` is too large in pixels to be safe to open; resize it below {Image.MAX_IMAGE_PIXELS:,} pixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"`{relative}` is not a readable image (JPEG, PNG, WebP or HEIC) or the file is damaged"
    return None


def _text(value: schema.Text | schema.FullText | None) -> m.Text | None:
    return None if value is None else m.Text(value.id, value.en)


def _certs(items) -> tuple[m.Certificate, ...]:
    return tuple(m.Certificate(c.type, c.number, c.issuer, c.valid_until) for c in items)


def _sme(parsed: Parsed, region: m.Region) -> m.Sme:
    d = parsed.data
    folder = parsed.path.parent
    return m.Sme(
        slug=folder.name, name=d.name, region=region, story=_text(d.story),
        contact=m.Contact(**d.contact.model_dump()), source=str(parsed.path),
        address=d.address, established=d.established, owner=d.owner,
        marketplaces=tuple(m.Link(x.name, x.url) for x in d.marketplaces),
        certifications=_certs(d.certifications),
        training=tuple(m.Training(t.program, t.year) for t in d.training),
        logo=folder / d.logo if d.logo else None,
        photos=tuple(folder / p for p in d.photos),
        aliases=tuple(d.aliases), status=d.status,
    )


def _product(parsed: Parsed, sme: m.Sme, category: m.Category) -> m.Product:
    d = parsed.data
    folder = parsed.path.parent
    return m.Product(
        slug=parsed.path.stem, sme=sme, name=_text(d.name), category=category,
        source=str(parsed.path), description=_text(d.description), price_idr=d.price.idr,
        unit=_text(d.unit), images=tuple(folder / p for p in d.images),
        certifications=_certs(d.certifications), tags=tuple(d.tags),
        weight_g=d.weight_g, shelf_life_days=d.shelf_life_days,
        dimensions_cm=tuple(d.dimensions_cm) if d.dimensions_cm else None,
        materials=_text(d.materials),
        export=m.ExportTerms(**d.export.model_dump()) if d.export else None,
        status=d.status, aliases=tuple(d.aliases), added=d.added, updated=d.updated,
    )


def _build(today, categories, regions, smes, products, collections) -> m.Catalog:
    category_objs = {
        slug: m.Category(slug, m.Text(item.name.id, item.name.en), item.halal_expected)
        for slug, (parsed, index) in categories.items()
        for item in [parsed.data[index]]
    }
    region_objs = {
        slug: m.Region(slug, item.name, item.type)
        for slug, (parsed, index) in regions.items()
        for item in [parsed.data[index]]
    }
    sme_objs = {slug: _sme(parsed, region_objs[parsed.data.region]) for slug, parsed in smes.items()}
    product_objs = {key: _product(parsed, sme_objs[key.split("/")[0]], category_objs[parsed.data.category]) for key, parsed in products.items()}
    collection_objs = [
        m.Collection(
            slug=slug, title=_text(d.title), description=_text(d.description),
            event=m.Event(d.event.name, d.event.place, d.event.date), products=_chosen(d, product_objs), source=str(parsed.path),
        )
        for slug, parsed in collections
        for d in [parsed.data]
    ]
    return m.Catalog(
        today=today,
        categories=tuple(category_objs.values()),
        regions=tuple(region_objs.values()),
        smes=tuple(sme_objs[k] for k in sorted(sme_objs)),
        products=tuple(product_objs[k] for k in sorted(product_objs)),
        collections=tuple(collection_objs),
        versions={str(parsed.path): parsed.doc.digest for parsed in [*smes.values(), *products.values()]},
    )


def _chosen(collection: schema.CollectionFile, products: dict[str, m.Product]) -> tuple[m.Product, ...]:
    """A collection's products (``products``: key → product): those it
    names, or those its filter picks, in the order the load reads their
    files (SME folders, then files, by name), whatever the dict's order."""
    if collection.products is not None:
        return tuple(products[ref] for ref in collection.products)
    wanted = collection.filter
    picked = [
        p for p in products.values()
        if p.status == "active" and p.is_export_ready and p.sme.is_active
        and (not wanted.categories or p.category.slug in wanted.categories)
        and (not wanted.regions or p.region.slug in wanted.regions)
    ]
    return tuple(sorted(picked, key=lambda p: (p.sme.slug, os.path.basename(p.source))))


def load(root: Path, today: dt.date, workers: int = 1) -> tuple[m.Catalog | None, Problems]:
    """Validate ``root`` (a ``products/`` folder); the Catalog is None on any
    error. Files are read over ``workers`` processes; the result is the same."""
    catalog, problems, _ = load_again(root, today, {}, workers)
    return catalog, problems


def load_again(root: Path, today: dt.date, files: dict, workers: int = 1) -> tuple[m.Catalog | None, Problems, dict]:
    """``load``, taking each unchanged file's own reading and checks from
    ``files`` (what the last call returned): after one file changes, only
    that file is parsed again; the rules across files all run again."""
    run = _Run(Path(root), today, files, workers)
    # Loading allocates millions of small objects and frees few: the cyclic
    # garbage collector would rescan them again and again for nothing.
    with gc_paused():
        catalog = run.run()
    return catalog, run.problems, run.files


def patch(
    catalog: m.Catalog, problems: Problems, root: Path, changed: list[Path], added: list[Path] = (), removed: list[Path] = (),
) -> tuple[m.Catalog, Problems] | None:
    """The last load's ``catalog`` and ``problems`` with the SME and product
    files ``changed`` read again, the product files ``added`` read and those
    ``removed`` left out, as ``load_again`` would give them; or None when
    that needs the whole load: a file is not a known SME's or product's
    (an added one: of a known SME), has an error, or changed what other
    files are checked or listed by (``_reach``; an added product has no
    alias, no collection shows a removed one). Editing a product's
    price or an SME's story, adding or removing a product, then costs those
    files, not every file's rules."""
    run = _Run(Path(root), catalog.today)
    regions = {region.slug: region for region in catalog.regions}
    categories = {category.slug: category for category in catalog.categories}
    smes = {sme.slug: sme for sme in catalog.smes}
    products = {product.key: product for product in catalog.products}
    versions = dict(catalog.versions)
    # SME files first: their products are made again with them.
    for path in sorted(changed, key=lambda path: path.name != SME_FILE):
        sme_file = path.name == SME_FILE
        key = path.parent.name if sme_file else f"{path.parent.name}/{path.stem}"
        old = (smes if sme_file else products).get(key)
        if old is None or old.source != str(path):
            return None
        parsed = run.parse(path, schema.SmeFile if sme_file else schema.ProductFile)
        if parsed is None:
            return None
        if sme_file:
            new = smes[key] = _sme(parsed, regions.get(parsed.data.region))
        else:
            new = products[key] = _product(parsed, smes[old.sme.slug], categories.get(parsed.data.category))
        if _reach(new) != _reach(old):
            return None
        run.file_warnings(parsed)
        versions[str(path)] = parsed.doc.digest
    for key, product in products.items():
        if product.sme is not smes[product.sme.slug]:  # an unchanged product of a changed SME
            products[key] = replace(product, sme=smes[product.sme.slug])
    if not _removed(products, versions, removed, catalog.collections) or not _added(run, products, versions, added, smes, categories):
        return None
    shown = {run.shown(path) for path in [*changed, *removed]}
    run.problems.items[:0] = [problem for problem in problems.items if problem.path not in shown]
    if added or removed:  # a collection's filter may pick a new product
        collections = []
        for collection in catalog.collections:
            parsed = run.parse(Path(collection.source), schema.CollectionFile)
            if parsed is None:
                return None
            collections.append(replace(collection, products=_chosen(parsed.data, products)))
    else:
        collections = [replace(c, products=tuple(products[p.key] for p in c.products)) for c in catalog.collections]
    patched = m.Catalog(
        today=catalog.today, categories=catalog.categories, regions=catalog.regions,
        smes=tuple(smes[sme.slug] for sme in catalog.smes),
        products=tuple(products[key] for key in sorted(products)),
        collections=tuple(collections),
        versions=versions,
    )
    return patched, run.problems


def _removed(products: dict, versions: dict, removed: list[Path], collections) -> bool:
    """Leave the products of the files ``removed`` out; False if one is not a
    known product's file or a collection shows it."""
    for path in removed:
        key = f"{path.parent.name}/{path.stem}"
        old = products.pop(key, None)
        if old is None or old.source != str(path) or any(p.key == key for c in collections for p in c.products):
            return False
        del versions[str(path)]
    return True


def _added(run: _Run, products: dict, versions: dict, added: list[Path], smes: dict, categories: dict) -> bool:
    """Read the product files ``added`` into ``products``; False if one needs
    the whole load: an unknown SME or category, an error, an alias, or an
    address another product keeps as its alias."""
    if not added:
        return True
    aliases = {alias if "/" in alias else f"{p.sme.slug}/{alias}" for p in products.values() for alias in p.aliases}
    for path in added:
        key = f"{path.parent.name}/{path.stem}"
        sme = smes.get(path.parent.name)
        if path.name == SME_FILE or sme is None or key in products or key in aliases:
            return False
        if not run.check_slug(run.shown(path), path.stem, "product (file name)"):
            return False
        parsed = run.parse(path, schema.ProductFile)
        if parsed is None or parsed.data.aliases or parsed.data.category not in categories:
            return False
        run.check_images(parsed, path.parent)
        if run.problems.errors:
            return False
        products[key] = _product(parsed, sme, categories[parsed.data.category])
        run.file_warnings(parsed)
        versions[str(path)] = parsed.doc.digest
    return True


def _reach(item: m.Sme | m.Product) -> tuple:
    """What other files are checked or listed by, of an SME or a product:
    an edit that changes it needs the whole load."""
    if type(item) is m.Sme:
        return (item.region, item.status, item.aliases, item.logo, item.photos, item.established)
    return (item.category, item.status, item.is_export_ready, item.aliases, item.images)
