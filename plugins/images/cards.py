"""Share cards: 1200×630 images for WhatsApp, Facebook and X previews."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

VERSION = "card-2"
SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parents[2] / "themes" / "sadewa" / "fonts"
INK = (43, 29, 20)
MUTED = (98, 78, 62)
PAPER = (250, 245, 237)
ACCENT = (139, 69, 19)
PANEL = 630


@lru_cache(maxsize=None)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"NotoSans-{weight}.ttf"), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int, max_lines: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``; an ellipsis ends what does not fit."""
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=face) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while draw.textlength(current, font=face) > width:  # one very long word
            cut = len(current)
            while cut > 1 and draw.textlength(current[:cut] + "-", font=face) > width:
                cut -= 1
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=face) > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


@lru_cache(maxsize=1024)
def _placeholder(initials: str) -> Image.Image:
    tile = Image.new("RGB", (PANEL, PANEL), (196, 132, 78))
    draw = ImageDraw.Draw(tile)
    for offset in range(-PANEL, PANEL, 42):  # a quiet parang-like diagonal
        draw.line([(offset, PANEL), (offset + PANEL, 0)], fill=(180, 116, 64), width=14)
    face = font("Bold", 200)
    box = draw.textbbox((0, 0), initials, font=face)
    position = ((PANEL - (box[2] - box[0])) / 2 - box[0], (PANEL - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, initials, font=face, fill=PAPER)
    return tile


LEFT = PANEL + 56
TEXT_WIDTH = SIZE[0] - PANEL - 56 - 48


@lru_cache(maxsize=1)
def _blank() -> Image.Image:
    """The parts every card shares: paper and the Sadewa mark."""
    card = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle([LEFT, 56, LEFT + 56, 112], radius=12, fill=ACCENT)
    mark = font("Bold", 38)
    box = draw.textbbox((0, 0), "S", font=mark)
    draw.text((LEFT + 28 - (box[2] + box[0]) / 2, 84 - (box[3] + box[1]) / 2), "S", font=mark, fill=PAPER)
    draw.text((LEFT + 72, 64), "Sadewa Market", font=font("Bold", 30), fill=ACCENT)
    return card


def draw_card(spec: dict, photo: Path | None, target: Path) -> None:
    """Draw the card ``spec`` (title, lines, initials) with ``photo`` on the left."""
    card = _blank().copy()
    if photo is not None:
        with Image.open(photo) as source:
            card.paste(ImageOps.fit(source.convert("RGB"), (PANEL, PANEL), Image.Resampling.LANCZOS), (0, 0))
    else:
        card.paste(_placeholder(spec["initials"]), (0, 0))
    draw = ImageDraw.Draw(card)
    left, width = LEFT, TEXT_WIDTH
    y = 168
    title = font("Bold", 52)
    for line in wrap(draw, spec["title"], title, width, 4):
        draw.text((left, y), line, font=title, fill=INK)
        y += 64
    y += 18
    detail = font("Regular", 32)
    for text in spec["lines"]:
        for line in wrap(draw, text, detail, width, 2):
            if y > SIZE[1] - 60:
                break
            draw.text((left, y), line, font=detail, fill=MUTED)
            y += 44
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # builds may run side by side
    card.save(tmp, "JPEG", quality=82)
    os.replace(tmp, target)
