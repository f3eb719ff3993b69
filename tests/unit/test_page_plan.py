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
from catalog_site.pages import PagePlan  # noqa: E402


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
