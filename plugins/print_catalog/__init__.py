"""The printable catalog: an A4 PDF of the international site's products (or
of one collection's), with contents, export terms, certificates, QR codes to
the online pages and the SME directory. Made when ``SADEWA_PDF_LANGS`` names
languages (``make offline``), with WeasyPrint, fetching nothing remote."""

from pelican import signals

from .generator import PrintCatalogGenerator, PrintError  # noqa: F401  (the plugin's API)


def _generators(_pelican):
    return PrintCatalogGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
