"""Which photo files the catalog accepts, and opening them (HEIC included)."""

from contextlib import contextmanager
from functools import cache

from PIL import ImageFile

# Pillow's format name → the name staff know.
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC"}


@cache
def _read_heic() -> None:
    """Phones send HEIC; Pillow reads it once this is registered (on the
    first photo: a build with no photo to open need not load it)."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


@contextmanager
def strict_decoding():
    """Photos are opened in here: HEIC is read, and truncated files are
    errors while we check or process photos, whatever another library
    (WeasyPrint sets LOAD_TRUNCATED_IMAGES) chose globally."""
    _read_heic()
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
