"""Production settings (`make publish`): the sites' real addresses."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SADEWA_SITE_URLS = {
    "domestic": os.environ.get("SADEWA_DOMESTIC_URL", "https://sadewa.example"),
    "international": os.environ.get("SADEWA_INTERNATIONAL_URL", "https://export.sadewa.example"),
}

# Production post-processing (plugins/publish): minified, fingerprinted,
# precompressed files and a `_headers` file per site.
PLUGINS = [*PLUGINS, "publish"]  # noqa: F405
