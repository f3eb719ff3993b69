"""What pages a site view has, and what each is given: lists that stay
light however large the catalog grows."""

from __future__ import annotations

import sys

from sadewa import loader
from sadewa.model import Category, Product, Region, Site, Sme
from sadewa.urls import View

from ..conftest import ROOT, TODAY

sys.path.insert(0, str(ROOT / "plugins"))
from catalog_site.content import ContentIndex  # noqa: E402
from catalog_site.pages import PAGER_NEAR, Pager, PagePlan  # noqa: E402


def plan(page_size: int) -> PagePlan:
    catalog, problems = loader.load(ROOT / "products", TODAY)
    assert catalog is not None, problems.errors
    view = View(Site.DOMESTIC, "id", "http://127.0.0.1:8000")
    return PagePlan(catalog, ContentIndex([], []), view, {"SADEWA_PAGE_SIZE": page_size})


def test_a_region_lists_its_smes_on_its_first_page_only():
    pages = [page for page in plan(page_size=1).pages() if page.template == "region.html"]
    by_region: dict = {}
    for page in pages:
        by_region.setdefault(page.context["region"].slug, []).append(page)
    long_regions = {slug: found for slug, found in by_region.items() if len(found) > 1}
    assert long_regions
    for slug, found in long_regions.items():
        first, *others = found
        assert first.context["region_smes"], slug
        assert all(s.region.slug == slug for s in first.context["region_smes"])
        assert all("region_smes" not in page.context for page in others), slug


def test_an_smes_page_lists_its_listed_products_by_name():
    domestic = plan(page_size=24)
    for page in domestic.pages():
        if page.template == "sme.html":
            sme = page.context["sme"]
            expected = sorted((p for p in domestic.catalog.products_of(sme) if p.is_listed(Site.DOMESTIC)),
                              key=lambda p: (p.name.get("id").text.casefold(), p.key))
            assert page.context["items"] == expected, sme.slug


def test_an_smes_pages_go_to_one_process_and_the_shares_stay_even():
    from catalog_site.parallel import assign

    domestic = plan(page_size=2)
    made = [(maker.group, maker.make()) for maker in domestic.page_makers()]
    for group, page in made:
        if page.template in ("product.html", "sme.html", "media_kit.html"):
            assert group == page.context["sme"].slug
        else:
            assert group is None
    groups = [group for group, _ in made] * 2  # two views
    shares = assign(groups, 2)
    by_group: dict = {}
    for group, share in zip(groups, shares):
        if group is not None:
            by_group.setdefault(group, set()).add(share)
    assert all(len(found) == 1 for found in by_group.values())
    assert abs(shares.count(0) - shares.count(1)) <= max(groups.count(g) for g in by_group)


def shown_items(value):
    """The products, SMEs, categories and regions in a page's context."""
    if isinstance(value, (Product, Sme, Category, Region)):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from shown_items(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from shown_items(item)


def test_a_page_names_the_lists_it_shows():
    """A rebuild keeps a page unless an item it shows changed, or a list it
    names moved (an item joined, left or moved in it; ``memo.Unchanged``):
    each item a page of an SME, category or region shows is in a list it
    names, and no two pages of a view share a name."""
    for site in Site:
        view = View(site, "en", "http://127.0.0.1:8000")
        sample = plan(page_size=2)
        sample = PagePlan(sample.catalog, ContentIndex([], []), view, sample.settings)
        makers = list(sample.page_makers())
        assert len({maker.key for maker in makers}) == len(makers)
        local = [maker for maker in makers if maker.lists is not None]
        assert {maker.make().template for maker in local} == {"product.html", "sme.html", "category.html", "region.html"} | (
            {"media_kit.html"} if site is Site.DOMESTIC else set())
        for maker in local:
            page = maker.make()
            for item in shown_items(page.context):
                assert set(PagePlan.lists_of(item, sample.catalog)) & set(maker.lists), (maker.key, item)


def linked(number: int, count: int) -> list:
    return [n for n, _ in Pager(number, count, lambda n: f"produk/halaman/{n}/").pages()]


def test_a_pager_links_the_first_and_last_pages_and_those_near_this_one():
    """However long the list, a page links a handful of its others (a gap
    shows as None), not every page of the list."""
    assert PAGER_NEAR == 2
    assert linked(1, 1) == [1]
    assert linked(1, 5) == [1, 2, 3, 4, 5]
    assert linked(1, 417) == [1, 2, 3, None, 417]
    assert linked(200, 417) == [1, None, 198, 199, 200, 201, 202, None, 417]
    assert linked(4, 417) == [1, 2, 3, 4, 5, 6, None, 417]  # a gap of one page links that page
    assert linked(417, 417) == [1, None, 415, 416, 417]
    assert Pager(3, 9, lambda n: f"p/{n}/").pages()[2] == (3, "p/3/")
    assert max(len(linked(n, 2083)) for n in range(1, 2084)) == 9


def test_the_pager_shows_a_gap_without_a_link_or_a_word_for_screen_readers():
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    from i18n.formats import FILTERS

    env = Environment(loader=FileSystemLoader(ROOT / "themes" / "sadewa" / "templates"), extensions=["jinja2.ext.i18n"],
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS, markdown=Markup)
    env.install_null_translations(newstyle=True)
    macros = env.get_template("_macros.html").make_module({"link": lambda path: f"/{path}"})
    html = str(macros.pager_nav(Pager(200, 417, lambda n: f"produk/halaman/{n}/")))
    assert html.count("<li") == 11  # previous, 1, gap, 198–202, gap, 417, next
    assert html.count('<li class="gap" aria-hidden="true">…</li>') == 2
    assert '<span aria-current="page">200</span>' in html and 'href="/produk/halaman/417/"' in html
    assert 'href="/produk/halaman/100/"' not in html
