"""At 360×740 (a common small phone) no page scrolls sideways."""

from __future__ import annotations

import pytest

from .support import page_param_ids, page_params

VIEWPORT = {"width": 360, "height": 740}

# The elements sticking out to the right, to say what to fix.
WIDE_ELEMENTS = """() => {
  const limit = window.innerWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > limit + 0.5) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.classList.length ? "." + [...el.classList].join(".") : "");
      wide.push(`${name} (right edge at ${Math.round(box.right)}px)`);
    }
  }
  return wide.slice(0, 15);
}"""


@pytest.mark.parametrize(("variant", "kind"), page_params(), ids=page_param_ids())
def test_no_horizontal_overflow(variant, kind, new_page, url_of, site_pages, requests_log):
    page = new_page(viewport=VIEWPORT)
    url = url_of(variant, site_pages[variant][kind])
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{url} is {scroll_width}px wide at {inner_width}px; too wide:\n  "
        + "\n  ".join(page.evaluate(WIDE_ELEMENTS))
    )
    requests_log.assert_all_local()
