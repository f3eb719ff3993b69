"""The writer's order in a development build: pages checked and synced into
output/ first, then what follows them (the search index), synced again."""

from __future__ import annotations

import sys

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from staged_output.writer import FollowStepFailed, StagedWriter  # noqa: E402


def writer(tmp_path) -> StagedWriter:
    settings = {"SADEWA_OUTPUT": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache")}
    return StagedWriter(str(tmp_path / "cache" / "stage"), settings=settings)


def test_pages_are_live_before_the_step_that_follows_them(tmp_path):
    staged = writer(tmp_path)
    staged.write_text("site/index.html", "<p>page</p>", check_links=False)
    seen = []

    def index(w):
        seen.append((tmp_path / "output/site/index.html").is_file())
        w.write_text("site/pagefind/pagefind.js", "// index", check_links=False)

    staged.follow(index, ["site/pagefind/pagefind.js"])
    staged.finish()
    assert seen == [True]
    assert (tmp_path / "output/site/pagefind/pagefind.js").read_text() == "// index"


def test_a_failing_step_leaves_the_pages_live_and_the_old_index(tmp_path):
    first = writer(tmp_path)
    first.write_text("site/index.html", "old", check_links=False)
    first.follow(lambda w: w.write_text("site/pagefind/pagefind.js", "old index", check_links=False), ["site/pagefind/pagefind.js"])
    first.finish()

    second = writer(tmp_path)
    second.write_text("site/index.html", "new", check_links=False)

    def broken(w):
        raise RuntimeError("Pagefind crashed")

    second.follow(broken, ["site/pagefind/pagefind.js"])
    with pytest.raises(FollowStepFailed, match="Pagefind crashed"):
        second.finish()
    assert (tmp_path / "output/site/index.html").read_text() == "new"
    assert (tmp_path / "output/site/pagefind/pagefind.js").read_text() == "old index"
