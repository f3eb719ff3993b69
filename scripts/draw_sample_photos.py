#!/usr/bin/env python3
"""Draw the placeholder photos and logos of the sample catalog.

Reads every ``products/<sme>/sme.yaml`` and ``products/<sme>/<product>.yaml``
and draws each image path they name (``logo``, ``photos``, ``images``):

* photos: 1200x900 JPEG (quality 82, no EXIF) -- a background colour per
  category with a subtle pattern (stripes for textiles, grain for wood, a
  weave for handicrafts, dots for food and drink) and a rounded card with the
  initials and the name of the product (or SME);
* logos: 512x512 PNG -- a coloured circle with the SME's initials.

The drawing is deterministic: the same YAML gives the same bytes on every run
(with the same Pillow). Only missing files are written unless ``--force``.

    python scripts/draw_sample_photos.py [--force] [--products DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

PHOTO_SIZE = (1200, 900)
LOGO_SIZE = 512
SCALE = 2  # draw at twice the size, then downsample: smooth edges
JPEG_QUALITY = 82

# category slug -> (background colour, pattern)
CATEGORY_STYLE = {
    "batik": ((107, 63, 31), "diagonal"),
    "tenun": ((47, 62, 110), "lurik"),
    "fesyen": ((122, 46, 90), "vertical"),
    "furnitur-ukir": ((138, 90, 43), "grain"),
    "kerajinan": ((171, 84, 47), "weave"),
    "makanan-ringan": ((166, 124, 0), "dots"),
    "kopi-teh": ((47, 93, 70), "dots"),
    "olahan-buah": ((211, 84, 0), "dots"),
    "jamu-herbal": ((91, 127, 26), "dots"),
}
DEFAULT_STYLE = ((70, 80, 90), "dots")

CARD = (250, 246, 238)
INK = (45, 40, 36)
MUTED = (120, 110, 100)

SMALL_WORDS = {
    "dan", "dalam", "di", "ke", "dari", "isi", "untuk", "yang", "dengan",
    "the", "of", "and", "with", "in", "a", "an", "cap", "&",
}


# --------------------------------------------------------------------------
# helpers


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's bundled font at ``size`` px (bitmap fallback without FreeType)."""
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def initials(name: str, letters: int = 2) -> str:
    words = [w for w in re.split(r"[\s\-/()]+", name) if w]
    picked = [w for w in words if w.lower() not in SMALL_WORDS and w[0].isalpha()]
    picked = picked or words or ["?"]
    return "".join(w[0] for w in picked[:letters]).upper()


def seed_of(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


def mix(c1, c2, t: float):
    return tuple(round(a + (b - a) * t) for a, b in zip(c1, c2))


def vary(colour, seed: int):
    """Shift a colour a little lighter or darker, by the image's seed."""
    t = ((seed % 17) - 8) / 100  # -0.08 .. +0.08
    return mix(colour, (255, 255, 255), t) if t > 0 else mix(colour, (0, 0, 0), -t)


def text_size(draw, text, fnt):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=fnt)
    return right - left, bottom - top


def fit_font(draw, text, max_width, start, minimum):
    size = start
    while size > minimum and text_size(draw, text, font(size))[0] > max_width:
        size -= 2
    return font(size)


def wrap(draw, text, fnt, max_width, max_lines):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and text_size(draw, trial, fnt)[0] > max_width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,") + "…"
    return lines


def centered(draw, y, text, fnt, fill, width):
    w, _ = text_size(draw, text, fnt)
    left, top, _, _ = draw.textbbox((0, 0), text, font=fnt)
    draw.text(((width - w) / 2 - left, y - top), text, font=fnt, fill=fill)


# --------------------------------------------------------------------------
# patterns (drawn at SCALE)


def draw_pattern(img, kind, colour, seed):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    light = mix(colour, (255, 255, 255), 0.07)
    dark = mix(colour, (0, 0, 0), 0.10)
    s = SCALE
    offset = (seed >> 8) % (60 * s)
    if kind == "diagonal":
        step = 70 * s
        for x in range(-h - step + offset, w + step, step):
            draw.line([(x, h), (x + h, 0)], fill=light, width=16 * s)
            draw.line([(x + 30 * s, h), (x + 30 * s + h, 0)], fill=dark, width=3 * s)
    elif kind == "lurik":
        y, i = offset - 60 * s, 0
        widths = [14, 4, 4, 22, 4, 8]
        while y < h:
            band = widths[i % len(widths)] * s
            draw.rectangle([0, y, w, y + band], fill=light if i % 2 else dark)
            y += band + 18 * s
            i += 1
    elif kind == "vertical":
        step = 56 * s
        for x in range(offset - step, w + step, step):
            draw.rectangle([x, 0, x + 10 * s, h], fill=light)
    elif kind == "grain":
        phase = (seed % 628) / 100
        for y0 in range(-40 * s, h + 40 * s, 22 * s):
            pts = []
            for x in range(0, w + 40 * s, 40 * s):
                y = (y0 + 14 * s * math.sin(x / (260 * s) + phase + y0 / (400 * s))
                     + 5 * s * math.sin(x / (70 * s) + y0 / (90 * s)))
                pts.append((x, y))
            draw.line(pts, fill=dark if (y0 // (22 * s)) % 3 else light, width=3 * s)
    elif kind == "weave":  # basket weave: cells of bars, alternating direction
        cell = 64 * s
        bar = 12 * s
        for row, y in enumerate(range(-(offset % cell), h, cell)):
            for col, x in enumerate(range(-(offset % cell), w, cell)):
                for k in range(1, 4):
                    p = k * cell // 4
                    if (row + col) % 2:
                        draw.rectangle([x + 6 * s, y + p - bar // 2, x + cell - 6 * s,
                                        y + p + bar // 2], fill=light)
                    else:
                        draw.rectangle([x + p - bar // 2, y + 6 * s, x + p + bar // 2,
                                        y + cell - 6 * s], fill=dark)
    else:  # dots
        step = 54 * s
        r = 6 * s
        for row, y in enumerate(range(offset % step - step, h + step, step)):
            shift = step // 2 if row % 2 else 0
            for x in range(shift - step, w + step, step):
                draw.ellipse([x - r, y - r, x + r, y + r], fill=light)


# --------------------------------------------------------------------------
# images


def draw_photo(key, category, title, subtitle, footer):
    """A 1200x900 RGB placeholder photo."""
    base, kind = CATEGORY_STYLE.get(category, DEFAULT_STYLE)
    seed = seed_of(key)
    colour = vary(base, seed)
    W, H = PHOTO_SIZE[0] * SCALE, PHOTO_SIZE[1] * SCALE
    img = Image.new("RGB", (W, H), colour)
    draw_pattern(img, kind, colour, seed)

    s = SCALE
    cw, ch = 780 * s, 620 * s
    x0, y0 = (W - cw) // 2, (H - ch) // 2
    # soft shadow
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).rounded_rectangle(
        [x0 + 10 * s, y0 + 18 * s, x0 + cw + 10 * s, y0 + ch + 18 * s], 48 * s, fill=110)
    shadow = shadow.filter(ImageFilter.GaussianBlur(18 * s))
    img.paste(mix(colour, (0, 0, 0), 0.45), (0, 0), shadow)

    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([x0, y0, x0 + cw, y0 + ch], 48 * s, fill=CARD)
    draw.rectangle([x0 + 60 * s, y0 + 52 * s, x0 + 140 * s, y0 + 58 * s], fill=base)

    text_w = cw - 120 * s
    label = fit_font(draw, subtitle, text_w, 30 * s, 16 * s)
    draw.text((x0 + 60 * s, y0 + 76 * s), subtitle, font=label, fill=MUTED)

    mono = initials(title)
    big = fit_font(draw, mono, text_w, 230 * s, 80 * s)
    centered(draw, y0 + 150 * s, mono, big, base, W)

    name_font = font(44 * s)
    lines = wrap(draw, title, name_font, text_w, 2)
    y = y0 + 420 * s
    for line in lines:
        centered(draw, y, line, name_font, INK, W)
        y += 58 * s

    foot = fit_font(draw, footer, text_w, 26 * s, 14 * s)
    centered(draw, y0 + ch - 62 * s, footer, foot, MUTED, W)

    return img.resize(PHOTO_SIZE, Image.Resampling.LANCZOS)


def draw_logo(category, name):
    base, _ = CATEGORY_STYLE.get(category, DEFAULT_STYLE)
    S = LOGO_SIZE * SCALE
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    m = 8 * SCALE
    draw.ellipse([m, m, S - m, S - m], fill=base + (255,))
    ring = 34 * SCALE
    draw.ellipse([ring, ring, S - ring, S - ring],
                 outline=mix(base, (255, 255, 255), 0.45) + (255,), width=5 * SCALE)
    mono = initials(name)
    big = fit_font(draw, mono, S - 2 * 90 * SCALE, 210 * SCALE, 60 * SCALE)
    w, h = text_size(draw, mono, big)
    left, top, _, _ = draw.textbbox((0, 0), mono, font=big)
    draw.text(((S - w) / 2 - left, (S - h) / 2 - top), mono, font=big, fill=CARD + (255,))
    return img.resize((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)


def save(img, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix.lower() == ".png":
        img.save(tmp, "PNG", optimize=True)
    else:
        img.convert("RGB").save(tmp, "JPEG", quality=JPEG_QUALITY, optimize=True)
    tmp.replace(path)


# --------------------------------------------------------------------------
# reading the catalog


def load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def text_id(value, default=""):
    if isinstance(value, dict):
        return str(value.get("id") or value.get("en") or default)
    return str(value or default)


def humanize(stem: str) -> str:
    return stem.replace("-", " ").replace("_", " ").strip().capitalize()


def collect_jobs(products_dir: Path, categories: dict):
    """Yield (path, kind, args) for every image the YAML files name."""
    jobs = []
    for sme_dir in sorted(p for p in products_dir.iterdir()
                          if p.is_dir() and not p.name.startswith(("_", "."))):
        sme_file = sme_dir / "sme.yaml"
        if not sme_file.is_file():
            continue
        sme = load(sme_file)
        sme_name = str(sme.get("name") or sme_dir.name)
        products = []
        for pfile in sorted(sme_dir.glob("*.yaml")):
            if pfile.name != "sme.yaml":
                products.append((pfile.stem, load(pfile)))
        counts = {}
        for _, prod in products:
            cat = prod.get("category")
            counts[cat] = counts.get(cat, 0) + 1
        main_cat = max(sorted(counts, key=str), key=lambda c: counts[c]) if counts else None

        def target(rel):
            full = (sme_dir / str(rel)).resolve()
            if sme_dir.resolve() not in full.parents:
                print(f"skipped {sme_dir.name}/{rel}: outside the SME folder", file=sys.stderr)
                return None
            return full

        if sme.get("logo"):
            path = target(sme["logo"])
            if path:
                jobs.append((path, "logo", (main_cat, sme_name)))
        for rel in sme.get("photos") or []:
            path = target(rel)
            if path:
                key = f"{sme_dir.name}/{rel}"
                jobs.append((path, "photo", (key, main_cat, sme_name,
                                             humanize(Path(str(rel)).stem),
                                             categories.get(main_cat, ""))))
        for slug, prod in products:
            cat = prod.get("category")
            title = text_id(prod.get("name"), slug)
            for n, rel in enumerate(prod.get("images") or []):
                path = target(rel)
                if not path:
                    continue
                stem = Path(str(rel)).stem
                extra = stem[len(slug):].strip("-") if stem.startswith(slug) else stem
                subtitle = categories.get(cat, cat or "")
                if n and extra:
                    subtitle = f"{subtitle} · {humanize(extra)}"
                key = f"{sme_dir.name}/{rel}"
                jobs.append((path, "photo", (key, cat, title, subtitle, sme_name)))
    return jobs


def main(argv=None):
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="redraw existing files too")
    ap.add_argument("--products", type=Path, default=root / "products",
                    help="catalog folder (default: %(default)s)")
    args = ap.parse_args(argv)

    categories = {}
    cat_file = args.products / "_categories.yaml"
    if cat_file.is_file():
        for c in load(cat_file) or []:
            categories[c["slug"]] = text_id(c.get("name"), c["slug"])

    jobs = collect_jobs(args.products, categories)
    written = skipped = 0
    seen = set()
    for path, kind, params in jobs:
        if path in seen:
            continue
        seen.add(path)
        if path.exists() and not args.force:
            skipped += 1
            continue
        img = draw_logo(*params) if kind == "logo" else draw_photo(*params)
        save(img, path)
        written += 1
    print(f"wrote {written} image(s), {skipped} already present, "
          f"{len(seen)} referenced in {args.products}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
