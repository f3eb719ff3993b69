"""One photo in, its web variants out: oriented, sRGB, resized, stripped.

Runs in worker processes; works on bytes and a cache folder only.
"""

from __future__ import annotations

import io
import json
import os
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from sadewa import imageformats

VERSION = "photo-2"  # change when the output of this module changes
WIDTHS = (320, 640, 960, 1600)
WEBP_QUALITY = 78
JPEG_QUALITY = 80
FULL_QUALITY = 90
_SRGB = ImageCms.createProfile("sRGB")


class PhotoError(Exception):
    pass


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings(), imageformats.strict_decoding():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoError(f"too many pixels to open safely ({exc})") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise PhotoError(f"not a readable image ({exc})") from None
    return image


def normalized(data: bytes) -> Image.Image:
    """Upright, in sRGB, RGB or RGBA, and carrying no metadata at all."""
    image = _open(data)
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)  # applies the orientation tag
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if has_alpha and image.mode in ("RGBA",) else "RGB"
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            image = image.convert("RGBA" if has_alpha else "RGB")
    else:
        image = image.convert("RGBA" if has_alpha else "RGB")
    # Savers fall back to info for some metadata (PNG's ICC, comments):
    # with it empty, no EXIF, GPS, XMP, comment or profile can survive.
    image.info = {}
    return image


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def widths_for(width: int) -> list[int]:
    """The standard widths up to the source's, plus the source's own width
    when it is clearly larger than the last of them (never upscaled)."""
    chosen = [w for w in WIDTHS if w <= width]
    if width < WIDTHS[-1] and (not chosen or width > chosen[-1] * 1.1):
        chosen.append(width)
    return chosen


def process(data: bytes, folder: Path) -> dict:
    """Write every variant of the photo ``data`` into ``folder``; return its meta."""
    image = normalized(data)
    folder.mkdir(parents=True, exist_ok=True)
    width, height = image.size
    variants = []
    for target in widths_for(width):
        size = (target, max(1, round(height * target / width)))
        resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        resized.save(folder / f"{target}.webp", "WEBP", quality=WEBP_QUALITY, method=4)
        _flatten(resized).save(folder / f"{target}.jpg", "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        variants.append({"width": size[0], "height": size[1]})
    full = "full.png" if image.mode == "RGBA" else "full.jpg"
    if image.mode == "RGBA":
        image.save(folder / full, "PNG", optimize=True)
    else:
        image.save(folder / full, "JPEG", quality=FULL_QUALITY, optimize=True)
    meta = {"width": width, "height": height, "variants": variants, "full": full, "alpha": image.mode == "RGBA"}
    tmp = folder / f"meta.json.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(meta))
    os.replace(tmp, folder / "meta.json")  # written last: a folder with meta.json is complete
    return meta
