"""Pelican settings for local builds (`make html`, `make serve`).

Our plugins render both sites and both languages in one run; Pelican's own
article and page outputs are switched off (SAVE_AS = "") because our
generator renders `content/` once per site view.
"""

import os

SITENAME = "Sadewa Market"
AUTHOR = "Dinas Koperasi dan UKM Provinsi Jawa Tengah"
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
THEME = "themes/sadewa"
PLUGIN_PATHS = ["plugins"]
# Order matters: images need the loaded catalog; search indexes the rendered
# pages; the printed catalog uses the processed photos; the staff editor
# (admin) comes last, after the search index.
PLUGINS = ["i18n", "staged_output", "catalog_site", "images", "blogger", "seo", "search", "print_catalog", "admin"]
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Pelican writes into a staging folder; `output/` changes only after the whole
# build rendered and every internal link checked out (plugins/staged_output).
OUTPUT_PATH = ".cache/stage"
CACHE_PATH = ".cache"
SADEWA_OUTPUT = "output"
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False

SADEWA_PRODUCTS = os.environ.get("SADEWA_PRODUCTS", "products")
SADEWA_SITE_URLS = {
    "domestic": "http://127.0.0.1:8000",
    "international": "http://127.0.0.1:8001",
}
SADEWA_TODAY = None  # YYYY-MM-DD; the environment variable SADEWA_TODAY wins
SADEWA_PAGE_SIZE = 24
SADEWA_IMAGE_CACHE = os.environ.get("SADEWA_IMAGE_CACHE")  # default: .cache/images
SADEWA_EXPORT_DESK = "ekspor@sadewa.example"
SADEWA_OFFICE_EMAIL = "data@sadewa.example"
SADEWA_BLOGGER_EMAIL = "blogger@sadewa.example"
SADEWA_FOOTER_PAGES = ["about", "how-to-order", "consultation", "export-desk", "privacy"]
SADEWA_EXPLICIT_INDEX = False  # offline copies name index.html in links
# Offline copies (`make offline`, scripts/offline.py) switch these on: search
# from a script index, no share cards or 404 page, photos up to 960 px, PDFs.
SADEWA_OFFLINE = False
SADEWA_PHOTO_MAX_WIDTH = None  # px; None: every variant
SADEWA_PDF_LANGS = []  # languages of the printed catalog (plugins/print_catalog)

# Pelican's own outputs: off (see above).
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
INDEX_SAVE_AS = TAGS_SAVE_AS = CATEGORIES_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
TAG_SAVE_AS = CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = PERIOD_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = FEED_ATOM = FEED_RSS = None
STATIC_PATHS = []
THEME_STATIC_PATHS = []
READERS = {"rst": None}  # content is Markdown only
