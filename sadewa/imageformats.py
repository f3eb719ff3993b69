"""Which photo files the catalog accepts, and opening them (HEIC included)."""

from pillow_heif import register_heif_opener

register_heif_opener()  # phones send HEIC; Pillow reads it once this is registered

# Pillow's format name → the name staff know.
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "HEIF": "HEIC"}
