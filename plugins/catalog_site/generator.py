"""The generator: for each site view, render every page of SPEC §2."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from i18n import use_language
from sadewa import loader
from sadewa.config import built_sites, reference_date
from sadewa.model import Site
from sadewa.problems import Problems
from sadewa.urls import View, relative, views

from .content import ContentIndex
from .helpers import markdown, template_helpers
from .pages import PagePlan, Rendered

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What later steps need to know of a rendered page."""

    view: View
    path: str
    paths: dict  # lang → path of the same page in that language
    indexable: bool
    lastmod: object  # datetime.date | None
    redirect: str | None


class CatalogError(Exception):
    """The catalog data is invalid; ``problems`` says where and why."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s) in the catalog data")
        self.problems = problems


class CatalogSiteGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["markdown"] = markdown

    def generate_context(self) -> None:
        settings = self.settings
        today = reference_date(settings.get("SADEWA_TODAY"))
        catalog, problems = loader.load(Path(settings["SADEWA_PRODUCTS"]), today)
        self.problems = problems
        if catalog is None:
            raise CatalogError(problems)
        subset = settings.get("SADEWA_COLLECTION")
        if subset:
            catalog = catalog.for_collection(subset)
        self.catalog = catalog
        self.content = ContentIndex.from_context(self.context)
        self.context["SADEWA_CATALOG"] = catalog
        self.context["SADEWA_CONTENT"] = self.content
        # Without the images plugin, every item shows its placeholder.
        self.context.setdefault("photo_of", lambda item: None)
        self.context.setdefault("photos_of", lambda item: ())
        self.context.setdefault("share_card_of", lambda item, lang: None)
        self.context.setdefault("site_card", lambda lang: None)
        self.context.setdefault("image_paths", lambda item: [])
        self.context.setdefault("qr_of", lambda sme, lang, kind: None)
        self.context.setdefault("kit_zip_of", lambda sme: None)

    def site_views(self) -> list[View]:
        """Every language of the sites this build makes (``SADEWA_SITES``)."""
        urls = self.settings["SADEWA_SITE_URLS"]
        chosen = built_sites(self.settings)
        return [v for v in views({Site(name): url for name, url in urls.items()}) if v.site in chosen]

    def generate_output(self, writer) -> None:
        explicit_index = bool(self.settings.get("SADEWA_EXPLICIT_INDEX"))
        count = 0
        urls: list[str] = []
        records: list[PageRecord] = []
        for view in self.site_views():
            use_language(self.env, self.settings, view.lang)
            plan = PagePlan(self.catalog, self.content, view, self.settings)
            base = self.view_context(view, plan)
            for page in plan.pages():
                html = self.render(page, base, explicit_index)
                writer.write_text(f"{view.site.value}/{page.file}", html)
                if page.path.endswith("/") or page.path == "":
                    urls.append(view.absolute(page.path))
                    records.append(PageRecord(view, page.path, page.paths, page.indexable, page.lastmod, page.redirect))
                count += 1
            for asset, data in plan.assets():
                writer.write_bytes(f"{view.site.value}/{asset}", data)
        writer.write_text("urls.txt", "".join(f"{url}\n" for url in sorted(urls)))
        self.context["SADEWA_PAGES"] = records  # for sitemaps, redirects and search
        log.info("rendered %d catalog pages", count)

    def view_context(self, view: View, plan: PagePlan) -> dict:
        """What every page of one site view can use."""
        on_site = {piece.slug: piece for piece in self.content.pages_on(view.site)}
        context = dict(self.context)
        context.update(
            view=view, lang=view.lang, site=view.site.value, today=self.catalog.today,
            content_page=on_site.get, published_regions=[r for r, _ in plan.region_counts()],
            **template_helpers(self.settings),
        )
        return context

    def render(self, page: Rendered, base: dict, explicit_index: bool) -> str:
        here = page.path
        if page.root_relative:
            def link(target: str) -> str:
                return "/" + target
        else:
            def link(target: str) -> str:
                return relative(here, target, explicit_index=explicit_index)

        context = {**base, **page.context, "page": page, "link": link}
        return self.get_template(page.template.removesuffix(".html")).render(context)
