"""Which photo files the catalog accepts, and opening them (HEIC included)."""

from contextlib import contextmanager

from PIL import ImageFile
from pillow_heif import register_heif_opener

register_heif_opener()  # phones send HEIC; Pillow reads it once this is registered

# Pillow's format name → the name staff know.
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC"}


@contextmanager
def strict_decoding():
    """Truncated files are errors while we check or process photos, whatever
    another library (WeasyPrint sets LOAD_TRUNCATED_IMAGES) chose globally."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
