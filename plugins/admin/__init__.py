"""The staff web editor at ``/admin/`` of the domestic site: Decap CMS.

Writes ``domestic/admin/index.html`` (with its own Content-Security-Policy:
the only page that talks to another host, the git host's API),
``domestic/admin/config.yml`` (generated from ``sadewa/schema.py``) and the
Decap bundle, copied from the pinned npm package in ``node_modules/`` (no
CDN). Not in sitemaps (the seo plugin lists rendered catalog pages only) nor
in search (no ``data-pagefind-body``), and ``noindex``.
"""

from pelican import signals

from .generator import AdminGenerator


def _generators(_pelican):
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
