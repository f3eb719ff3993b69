"""`make new-sme`, `make new-product`: write a valid new SME or product file.

The slug comes from the name (transliterated, lower case, dashes; unique in
its folder; never a reserved word); a product's `added` is the reference
date. The other fields are in the file as comments, ready to fill in. What
the command line does not give is asked for when a person is at the
terminal; otherwise the command stops and says what is missing. The file is
checked with the validator before the command reports success, and removed
again if it does not pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sadewa import loader, lookup, slugs, yamlfile
from sadewa.config import SettingError, reference_date
from sadewa.problems import Problems, display_path, report


class Refused(Exception):
    """The command cannot go on; the message says why and what to do."""


def text(value: str) -> str:
    """A YAML 1.2 double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


SME_TEMPLATE = """\
# New SME, written by `make new-sme` on {today}.
# Lines starting with # are optional fields: remove the # to use one.
# Every field is explained in docs/data-reference.md.
name: {name}
region: {region}
story:
  id: {story}
  # en: The SME's story in English (Markdown).
contact:
{contact}
  # phone: "(0286) 321 456"
  # website: https://contoh.co.id
  # instagram: "@namaukm"
# address: Jl. Contoh No. 1, Kecamatan, Kabupaten 56300
# established: 2010
# owner: Ibu Contoh
# marketplaces:
#   - name: Tokopedia
#     url: https://www.tokopedia.com/namaukm
# certifications:
#   - type: merek
#     number: "IDM000123456"
#     issuer: DJKI Kementerian Hukum
#     valid_until: 2030-01-31
# training:
#   - program: Balatkop batik
#     year: {year}
# logo: images/logo.png
# photos:
#   - images/bengkel.jpg
# aliases: [old-slug]
# status: active
"""

PRODUCT_TEMPLATE = """\
# New product, written by `make new-product` on {today}.
# It is a draft: fill it in, then remove `status: draft` to publish it.
# Lines starting with # are optional fields: remove the # to use one.
# Every field is explained in docs/data-reference.md.
name:
  id: {name}
  # en: The name in English (required for export).
category: {category}
# description:
#   id: |
#     Description in Bahasa Indonesia (Markdown).
#   en: |
#     Description in English (required for export).
price:
{price}
# unit: {{id: bungkus, en: pack}}
# images:
#   - images/{slug}.jpg
# certifications:
#   - type: halal
#     number: "ID33110000123450322"
#     issuer: BPJPH
#     valid_until: 2028-05-31
# tags: [oleh-oleh]
# weight_g: 250
# shelf_life_days: 180
# dimensions_cm: [20, 12, 4]
# materials: {{id: Bahan, en: Materials}}
# export:
#   price_usd: 3.5
#   moq: 100
#   capacity_per_month: 2000
#   hs_code: "2008.19"
#   incoterm: FOB Semarang
#   lead_time_days: 30
status: draft
# aliases: [old-slug]
added: {today}
# updated: {today}
"""


# -- what the catalog offers ------------------------------------------------------


def _choose(given: str, options: dict[str, tuple[str, ...]], what: str, where: str) -> str:
    slug = lookup.resolve(given, options)
    if slug is None:
        raise Refused(loader.unknown(what, given.strip(), options, where))
    return slug


def smes(root: Path) -> dict[str, tuple[str, ...]]:
    """Every SME folder: slug → its name (none when sme.yaml is unreadable)."""
    found = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        doc, _ = yamlfile.read(folder / loader.SME_FILE)
        name = doc.data.get("name") if doc is not None and isinstance(doc.data, dict) else None
        found[folder.name] = (name,) if isinstance(name, str) else ()
    return found


def sme_aliases(root: Path) -> set[str]:
    taken = set()
    for path in root.glob(f"*/{loader.SME_FILE}"):
        doc, _ = yamlfile.read(path)
        if doc is not None and isinstance(doc.data, dict):
            taken.update(a for a in doc.data.get("aliases") or () if isinstance(a, str))
    return taken


def product_aliases(folder: Path) -> set[str]:
    taken = set()
    for path in folder.glob("*.yaml"):
        doc, _ = yamlfile.read(path)
        if path.name != loader.SME_FILE and doc is not None and isinstance(doc.data, dict):
            taken.update(a for a in doc.data.get("aliases") or () if isinstance(a, str) and "/" not in a)
    return taken


# -- asking --------------------------------------------------------------------------


class Asker:
    """Fills in what the command line left out: by asking a person at the
    terminal, or by refusing with the make variable to set."""

    def __init__(self, command: str, interactive: bool, ask: Callable[[str], str] = input):
        self.command = command
        self.interactive = interactive
        self.ask = ask

    def value(self, given: str | None, variable: str, question: str, *, required: bool = True) -> str:
        if given and given.strip():
            return given.strip()
        if not self.interactive:
            if required:
                raise Refused(f"{variable} is missing: run `{self.command}` with {variable}=\"…\"")
            return ""
        while True:
            try:
                answer = self.ask(f"{question}{'' if required else ' (optional, Enter to skip)'}: ").strip()
            except EOFError:
                raise Refused(f"{variable} is missing") from None
            if answer or not required:
                return answer

    def choice(self, given: str | None, variable: str, question: str, check: Callable[[str], str]) -> str:
        """Like ``value``, but asks again while ``check`` refuses the answer."""
        while True:
            answer = self.value(given, variable, question)
            try:
                return check(answer)
            except Refused as exc:
                if not self.interactive or given:
                    raise
                print(f"  {exc}", file=sys.stderr)


# -- writing -------------------------------------------------------------------------


def write_checked(root: Path, path: Path, content: str, today: dt.date) -> Problems:
    """Write ``path`` and validate the catalog; the file is removed again when
    the validator finds an error in it. Returns the new file's problems."""
    path.parent.mkdir(parents=True, exist_ok=True)
    created_folder = not any(path.parent.iterdir())
    path.write_text(content, encoding="utf-8")
    _, problems = loader.load(root, today)
    shown = display_path(path, root.parent)
    own = Problems([p for p in problems.items if p.path in (shown, shown.rsplit("/", 1)[0] + "/")])
    if own.errors:
        path.unlink()
        if created_folder:
            path.parent.rmdir()
    return own


def new_sme(root: Path, args, asker: Asker, today: dt.date) -> tuple[Path, str]:
    known = lookup.regions(root)
    name = asker.value(args.name, "NAME", "Name of the SME")
    region = asker.choice(args.region, "REGION", "Region (regency or city, e.g. wonosobo)",
                          lambda answer: _choose(answer, known, "region", "_regions.yaml"))
    whatsapp = asker.value(args.whatsapp, "WHATSAPP", "WhatsApp number", required=False)
    email = asker.value(args.email, "WHATSAPP or EMAIL" if not whatsapp else "EMAIL", "E-mail address", required=not whatsapp)
    story = asker.value(args.story, "STORY", "The SME's story in one or two sentences (Bahasa Indonesia)")
    slug = slugs.unique(slugs.slugify(name, "ukm"), set(smes(root)) | sme_aliases(root))
    contact = []
    contact.append(f"  whatsapp: {text(whatsapp)}" if whatsapp else '  # whatsapp: "0812-2700-1234"')
    contact.append(f"  email: {text(email)}" if email else "  # email: halo@contoh.co.id")
    content = SME_TEMPLATE.format(
        today=today.isoformat(), year=today.year, name=text(name), region=region,
        story=text(story), contact="\n".join(contact),
    )
    return root / slug / loader.SME_FILE, content


def new_product(root: Path, args, asker: Asker, today: dt.date) -> tuple[Path, str]:
    known_smes = smes(root)
    if not known_smes:
        raise Refused(f"{root} has no SME yet: run `make new-sme` first")
    sme = asker.choice(args.sme, "SME", "SME (folder name or name)",
                       lambda answer: _choose(answer, known_smes, "SME", root.as_posix() + "/"))
    known_categories = lookup.categories(root)
    name = asker.value(args.name, "NAME", "Product name (Bahasa Indonesia)")
    category = asker.choice(args.category, "CATEGORY", "Category (e.g. batik, makanan-ringan)",
                            lambda answer: _choose(answer, known_categories, "category", "_categories.yaml"))
    price = asker.value(args.price, "PRICE", "Price in rupiah, whole number", required=False)
    folder = root / sme
    taken = {p.stem for p in folder.glob("*.yaml")} | product_aliases(folder)
    slug = slugs.unique(slugs.slugify(name, "produk"), taken)
    digits = price.replace(".", "").replace(",", "").removeprefix("Rp").strip()
    if price and not digits.isdigit():
        raise Refused(f"PRICE is `{price}`; expected a whole number of rupiah such as 25000")
    price_lines = f"  idr: {int(digits)}" if price else "  on_request: true   # or the price: idr: 25000 (a whole number, no dots)"
    content = PRODUCT_TEMPLATE.format(
        today=today.isoformat(), name=text(name), category=category, price=price_lines, slug=slug,
    )
    return folder / f"{slug}.yaml", content


def main(argv: list[str] | None = None, *, ask: Callable[[str], str] = input, interactive: bool | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=Path, default=Path("products"), help="the catalog folder")
    kinds = parser.add_subparsers(dest="kind", required=True)
    sme = kinds.add_parser("sme", help="a new SME folder with its sme.yaml")
    for option in ("name", "region", "whatsapp", "email", "story"):
        sme.add_argument(f"--{option}")
    product = kinds.add_parser("product", help="a new product file in an SME's folder")
    for option in ("sme", "name", "category", "price"):
        product.add_argument(f"--{option}")
    args = parser.parse_args(argv)
    if interactive is None:
        interactive = sys.stdin.isatty()
    root = args.products
    command = "make new-sme NAME=… REGION=… WHATSAPP=…" if args.kind == "sme" else "make new-product SME=… NAME=… CATEGORY=…"
    try:
        today = reference_date()
        if not root.is_dir():
            raise Refused(f"{root} is not a catalog folder")
        make = new_sme if args.kind == "sme" else new_product
        path, content = make(root, args, Asker(command, interactive, ask), today)
        problems = write_checked(root, path, content, today)
    except (Refused, SettingError, lookup.CatalogListError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if problems.errors:
        report(problems, sys.stdout)
        print("nothing was written: the new file would not validate", file=sys.stderr)
        return 1
    if problems.items:
        report(problems, sys.stdout)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
