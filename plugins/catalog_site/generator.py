"""The generator: for each site view, render every page of SPEC §2."""

from __future__ import annotations

import datetime as dt
import gc
import logging
from typing import NamedTuple
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from i18n import language_environment, use_language
from sadewa import catalogcache
from sadewa.config import built_views, reference_date
from sadewa.config import workers as build_workers
from sadewa.gcpause import gc_paused
from sadewa.problems import Problems
from sadewa import timing
from sadewa.urls import View, file_for

from .content import ContentIndex
from .helpers import markdown, template_helpers
from .pages import PagePlan, Rendered, view_assets
from .memo import RenderMemo
from .parallel import Share, run_shares
from .render import LinkBook, finish

log = logging.getLogger(__name__)
FEW_PAGES = 400  # so few pages to plan that one process is done before more would have started


class PageRecord(NamedTuple):
    """What later steps need to know of a rendered page (a named tuple: a
    rebuild makes one for each of tens of thousands of kept pages, at half
    the cost of a frozen dataclass)."""

    view: View
    path: str
    paths: dict  # lang → path of the same page in that language
    indexable: bool
    lastmod: object  # datetime.date | None
    redirect: str | None

    def stored(self) -> tuple:
        """The record as the render memo keeps it (without its view)."""
        return (self.path, self.paths, self.indexable, self.lastmod.toordinal() if self.lastmod else None, self.redirect)

    @classmethod
    def from_stored(cls, view: View, stored) -> "PageRecord":
        path, paths, indexable, lastmod, redirect = stored
        return cls(view, path, paths, indexable, dt.date.fromordinal(lastmod) if lastmod else None, redirect)


class CatalogError(Exception):
    """The catalog data is invalid; ``problems`` says where and why."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s) in the catalog data")
        self.problems = problems


class CatalogSiteGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["markdown"] = markdown
        self.kept: set[tuple[int, str]] = set()  # (view number, page key) of the pages kept without being planned

    def generate_context(self) -> None:
        settings = self.settings
        today = reference_date(settings.get("SADEWA_TODAY"))
        with timing.phase("load"):
            catalog, problems = catalogcache.load(
                Path(settings["SADEWA_PRODUCTS"]), today, Path(settings.get("CACHE_PATH", ".cache")), build_workers(settings)
            )
        # The catalog lives as long as the build: the collector need not walk
        # it on every later pass (scripts/build.py gives it back when the run ends).
        gc.freeze()
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
        return built_views(self.settings)

    def generate_output(self, writer) -> None:
        """Render every page, over all cores; then the files that need them all."""
        notices = self.start_notices()
        written_before = writer.written
        documents = self.context.get("SADEWA_SEARCH_DOCUMENTS")  # set by plugins/search
        with timing.phase("render"):
            self.memo = self.render_memo(writer)
            unchanged = self.memo.unchanged if self.memo else None
            workers = 1 if unchanged and unchanged.planned <= FEW_PAGES else build_workers(self.settings)
            with gc_paused():  # each view's lists: all kept
                self.plans = [PagePlan(self.catalog, self.content, view, self.settings) for view in self.site_views()]
            staged_before = dict(writer.files)
            kept = self.keep_unchanged(writer, documents) if unchanged else Share()
            shares = [kept, *run_shares(self, writer, notices, workers)]
            if self.memo is not None and self.memo.gone_unforeseen({path for share in shares for path in share.memo}):
                # Kept pages may link to a page that is gone: render them all.
                self.memo.previous, self.memo.unchanged, self.kept = {}, None, set()
                writer.files = staged_before
                workers = build_workers(self.settings)
                shares = run_shares(self, writer, notices, workers)
        records: list[PageRecord] = []  # in no particular order: what is made of them sorts them
        book_targets: dict[str, str] = {}
        foreign: list[tuple[str, str]] = []
        count = 0
        for share in shares:
            writer.adopt(share.files)
            for relpath, data in share.pending:
                writer.write_bytes(relpath, data, check_links=False)
            for target, page in share.targets.items():
                book_targets.setdefault(target, page)
            foreign += share.foreign
            records += share.records
            count += share.count
        writer.written = written_before + sum(share.written for share in shares)
        if documents:
            documents.finish({path: entry for share in shares for path, entry in share.search.items()},
                             {path: document for share in shares for path, document in share.documents.items()})
        # The same pages with the same records as the last build: what is
        # made of the records alone (sitemaps, redirects, urls.txt) is too.
        as_before = False
        if self.memo is not None:
            pages = {path: entry for share in shares for path, entry in share.memo.items()}
            as_before = self.memo.same_records(pages)
            self.memo.save(pages)
        reused = sum(share.reused for share in shares)
        timing.count("pages rendered", count - reused)
        timing.count("pages kept", reused)
        timing.count("pages planned", sum(share.planned for share in shares))
        for view in self.site_views():
            for asset, data in view_assets(view, self.settings):
                writer.write_bytes(f"{view.site.value}/{asset}", data)
        if not (as_before and writer.keep_previous(["urls.txt"])):
            urls = sorted(record.view.absolute(record.path) for record in records)
            writer.write_text("urls.txt", "".join(f"{url}\n" for url in urls))
        writer.expect_links(book_targets, foreign)
        self.context["SADEWA_PAGES"] = records  # for sitemaps and redirects
        self.context["SADEWA_PAGES_AS_BEFORE"] = as_before
        log.info("rendered %d catalog pages (%d unchanged, not rendered again) with %d worker(s)", count - reused, reused, workers)

    def render_memo(self, writer) -> RenderMemo | None:
        """What the last build rendered, unless this is a production build
        (its stage processor sees every page)."""
        if writer.processor is not None or self.settings.get("SADEWA_RENDER_MEMO") is False:
            return None
        with gc_paused():  # the last build's record, a token per item and language: all kept
            return RenderMemo(self.settings, self.context, self.catalog, self.content)

    def page_groups(self) -> list[str | None]:
        """The group of every page of the build, in order (see ``PagePlan.page_makers``)."""
        return [maker.group for plan in self.plans for maker in plan.page_makers()]

    def render_share(self, writer, notices: dict, share: int, shares: list[int] | None) -> "Share":
        """Render the pages whose share (``shares``, by page; None: all) is ``share``."""
        explicit_index = bool(self.settings.get("SADEWA_EXPLICIT_INDEX"))
        book = LinkBook(explicit_index)
        result = Share()
        written_before = writer.written
        documents = self.context.get("SADEWA_SEARCH_DOCUMENTS")  # set by plugins/search
        index = -1
        views = self.site_views()
        for view_number, (view, plan) in enumerate(zip(views, self.plans)):
            env = language_environment(self.env, self.settings, view.lang)
            base = self.view_context(env, view, plan, book)
            base["start_notices"] = [notices[v] for v in (view, view.sibling(view.other_lang)) if v in notices]
            for page_number, maker in enumerate(plan.page_makers()):
                index += 1
                if shares is not None and shares[index] != share:
                    continue
                name = (view_number, maker.key)
                if name in self.kept:
                    continue
                result.count += 1
                page = maker.make()
                result.planned += 1
                relpath = f"{view.site.value}/{page.file}"
                place = (view_number, page_number)
                record = PageRecord(view, page.path, page.paths, page.indexable, page.lastmod, page.redirect) if page.path.endswith("/") or page.path == "" else None
                signature, deps = self.memo.signature(page, view.lang) if self.memo else (None, [])
                entry = [signature, None, deps, name, record and record.stored(), maker.lists, place]
                kept = self.memo.reuse(relpath, signature, writer) if self.memo else None
                if kept:
                    entry[1] = kept
                    self.keep(result, views, [(place, relpath, entry)], documents)
                    continue
                book.page = relpath
                for path in page.paths.values():
                    book.expect(f"{view.site.value}/{path}")
                html = finish(self.render(env, page, base), page.file, page.root_relative)
                data = html.encode("utf-8")
                made = documents.make(relpath, view.lang, html) if documents else None
                if made:
                    result.search[relpath], document = made
                    if document is not None:
                        result.documents[relpath] = document
                if writer.processor is None:  # stage it here, on this core
                    writer.write_bytes(relpath, data, check_links=False)
                    result.files[relpath] = entry[1] = writer.files[relpath]
                    if signature:
                        result.memo[relpath] = entry
                else:  # production processing keeps state: the main process stages it
                    result.pending.append((relpath, data))
                if record:
                    result.records.append(record)
        result.targets = book.targets
        result.foreign = book.foreign
        result.written = writer.written - written_before
        return result

    def keep_unchanged(self, writer, documents) -> "Share":
        """Keep every page that shows no changed item, as the last build
        staged it, without planning it (``memo.Unchanged``); ``self.kept``
        tells the rendering processes which to skip."""
        result = Share()
        still_staged = self.memo.still_staged
        unchanged = self.memo.unchanged
        with gc_paused():  # a record and a few entries per page, all kept
            if unchanged.moved:  # pages came, went or moved in their lists: each kept page's place is now its name's
                places = {(v, maker.key): (v, n) for v, plan in enumerate(self.plans) for n, maker in enumerate(plan.page_makers())}
                for name, (_, entry) in unchanged.pages.items():
                    entry[6] = places.get(name)  # None: gone (``RenderMemo.gone_unforeseen``)
            pages = [
                (entry[6], relpath, entry) for relpath, entry in unchanged.pages.values()
                if entry[6] is not None and still_staged(relpath, entry, writer)
            ]
            self.keep(result, self.site_views(), pages, documents)
        self.kept.update(entry[3] for _, _, entry in pages)
        result.count = result.reused
        return result

    @staticmethod
    def keep(result: "Share", views: list[View], pages: list[tuple], documents) -> None:
        """Keep pages as the last build staged them (``pages``: their place in
        this build's plan, path and memo entry), tens of thousands at once."""
        result.files.update((relpath, entry[1]) for _, relpath, entry in pages)
        result.memo.update((relpath, entry) for _, relpath, entry in pages)
        result.reused += len(pages)
        if documents:
            kept = documents.kept
            result.search.update((relpath, document) for _, relpath, _ in pages if (document := kept(relpath)))
        result.records += [PageRecord.from_stored(views[place[0]], entry[4]) for place, _, entry in pages if entry[4]]

    def start_notices(self) -> dict[View, Markup]:
        """For an offline copy's home pages: what this copy is, when it was
        made and how to reach the export desk, in each language."""
        if not self.settings.get("SADEWA_OFFLINE"):
            return {}
        collection = self.catalog.collections[0] if self.settings.get("SADEWA_COLLECTION") else None
        notices = {}
        for view in self.site_views():
            use_language(self.env, self.settings, view.lang)
            context = {
                **self.context, **template_helpers(self.settings), "view": view, "lang": view.lang,
                "today": self.catalog.today, "collection": collection,
            }
            notices[view] = Markup(self.get_template("_start_notice").render(context))
        return notices

    def view_context(self, env, view: View, plan: PagePlan, book: LinkBook) -> dict:
        """What every page of one site view can use: links that do not depend
        on the page, the macros, and the header, footer and product cards
        made once for the whole view."""
        on_site = {piece.slug: piece for piece in self.content.pages_on(view.site)}
        context = {**env.globals, **self.context}  # what a page sees: render() adds no globals
        context.update(
            view=view, lang=view.lang, site=view.site.value, today=self.catalog.today,
            content_page=on_site.get,
            link=book.link, hand_written=book.hand_written, **template_helpers(self.settings),
        )
        book.site = view.site.value
        book.page = f"{view.site.value}/{file_for(view.home())}"  # the chrome's links are on every page
        chrome = env.get_template("_chrome.html").make_module(context)
        context["chrome"] = {name: Markup(getattr(chrome, name)()) for name in ("head_links", "brand", "nav", "footer")}
        cards: dict[str, Markup] = {}

        def cards_html(products) -> Markup:
            """The products' cards, one after the other: each made once per view."""
            made = []
            for product in products:
                card = cards.get(product.key)
                if card is None:
                    card = cards[product.key] = Markup(macros.product_card(product))
                made.append(card)
            return Markup("").join(made)

        context["cards_html"] = cards_html
        macros = context["m"] = env.get_template("_macros.html").make_module(context)  # not imported by every page
        return context

    @staticmethod
    def render(env, page: Rendered, base: dict) -> str:
        """``Template.render`` with ``base`` holding the globals already:
        Jinja's own copies the environment's globals and the whole context
        into a new dict for every page."""
        template = env.get_template(page.template)
        context = env.context_class(env, {**base, **page.context, "page": page}, template.name, template.blocks)
        try:
            return env.concat(template.root_render_func(context))
        except Exception:
            env.handle_exception()
