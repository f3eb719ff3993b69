"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type."""

from __future__ import annotations

import pytest

from .support import page_param_ids, page_params

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# axe is injected with evaluate (DevTools), which the page's CSP allows,
# unlike an inline <script>; the page's own policy stays in force.
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}"""


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            target = " >> ".join(str(t) for t in node["target"])
            html = " ".join(node["html"].split())
            lines.append(f"    {target}    {html[:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize(("variant", "kind"), page_params(), ids=page_param_ids())
def test_no_axe_violations(variant, kind, page, url_of, site_pages, axe_source, requests_log):
    url = url_of(variant, site_pages[variant][kind])
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, f"axe-core violations on {url}:\n{_describe(violations)}"
    requests_log.assert_all_local()


def test_axe_reports_a_known_violation(page, axe_source):
    """The harness itself: axe is loaded and its violations come back."""
    page.set_content('<!DOCTYPE html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert [v["id"] for v in violations] == ["image-alt"], _describe(violations)
    assert violations[0]["nodes"][0]["target"] == ["img"]
