"""The writer's order in a development build: pages checked and synced into
output/ first, then what follows them (the search index), synced again."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from sadewa import timing

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


def test_what_follows_the_pages_and_its_sync_are_timed_apart(tmp_path, monkeypatch):
    """`make bench` counts a build's pages until they are live: the step that
    follows them and the sync that places its files are one phase after."""
    events = []

    @contextmanager
    def phase(name):
        events.append(f"start {name}")
        yield
        events.append(f"end {name}")

    monkeypatch.setattr(timing, "phase", phase)
    staged = writer(tmp_path)
    sync = staged._sync
    monkeypatch.setattr(staged, "_sync", lambda *args: (events.append("sync"), sync(*args)))
    staged.write_text("site/index.html", "<p>page</p>", check_links=False)
    staged.follow(lambda w: (events.append("index"), w.write_text("site/pagefind/pagefind.js", "// index", check_links=False)),
                  ["site/pagefind/pagefind.js"])
    staged.finish()
    after = timing.AFTER_THE_PAGES
    assert events == ["start check and sync", "sync", "end check and sync",
                      f"start {after}", "index", "start check and sync", "sync", "end check and sync", f"end {after}"]

    events.clear()
    alone = writer(tmp_path)
    alone.write_text("site/index.html", "<p>page</p>", check_links=False)
    alone.finish()
    assert events == ["start check and sync", "end check and sync"]  # nothing follows: no such phase


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


def stage_files(tmp_path) -> list[str]:
    stage = tmp_path / "cache" / "stage"
    return sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())


def test_the_stage_keeps_each_content_once_and_makes_no_folder_per_page(tmp_path):
    staged = writer(tmp_path)
    staged.write_text("site/a/index.html", "same", check_links=False)
    staged.write_text("site/b/c/index.html", "same", check_links=False)
    staged.write_text("site/d/index.html", "other", check_links=False)
    staged.finish()
    kept = stage_files(tmp_path)
    assert len(kept) == 2 and all(len(name.split("/")) == 2 for name in kept)  # shard/digest
    a, b = tmp_path / "output/site/a/index.html", tmp_path / "output/site/b/c/index.html"
    assert a.read_text() == b.read_text() == "same"
    assert a.stat().st_ino == b.stat().st_ino  # linked from the one staged file


def test_a_published_file_never_changes_and_the_stage_drops_what_is_no_longer_used(tmp_path):
    first = writer(tmp_path)
    first.write_text("site/index.html", "first", check_links=False)
    first.write_text("site/gone/index.html", "gone", check_links=False)
    first.finish()
    published = tmp_path / "output/site/index.html"
    held = published.open()  # what a server has open, or what the deploy step reads

    second = writer(tmp_path)
    second.write_text("site/index.html", "second", check_links=False)
    second.finish()
    assert held.read() == "first"  # the old file was replaced, not written over
    held.close()
    assert published.read_text() == "second"
    assert not (tmp_path / "output/site/gone").exists()
    assert len(stage_files(tmp_path)) == 1  # only the file this build uses


def test_a_file_whose_staged_copy_was_removed_is_staged_again(tmp_path):
    first = writer(tmp_path)
    first.write_text("site/index.html", "page", check_links=False)
    first.finish()
    for name in stage_files(tmp_path):
        (tmp_path / "cache" / "stage" / name).unlink()
    (tmp_path / "output/site/index.html").unlink()

    second = writer(tmp_path)
    second.write_text("site/index.html", "page", check_links=False)
    second.finish()
    assert second.written == 1
    assert (tmp_path / "output/site/index.html").read_text() == "page"


class Uppercase:
    """A production processor whose work depends on the path, like minifying pages."""

    name = "uppercase"

    def suffixes(self, relpath):
        return ()

    def process(self, relpath, data):
        return {"": data.upper() if relpath.endswith(".html") else data}

    def finish(self, writer):
        pass


def test_processed_files_are_kept_per_path_as_their_processing_depends_on_it(tmp_path):
    settings = {"SADEWA_OUTPUT": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"), "SADEWA_STAGE_PROCESSOR": Uppercase()}
    staged = StagedWriter(str(tmp_path / "cache" / "stage"), settings=settings)
    staged.write_text("site/index.html", "same", check_links=False)
    staged.write_text("site/notes.txt", "same", check_links=False)
    staged.finish()
    assert (tmp_path / "output/site/index.html").read_text() == "SAME"
    assert (tmp_path / "output/site/notes.txt").read_text() == "same"


def test_a_staged_file_cut_short_by_a_stopped_build_is_written_whole(tmp_path):
    stopped = writer(tmp_path)
    stopped.write_text("site/index.html", "a page", check_links=False)  # and the build stops: no finish
    key = stopped.files["site/index.html"]
    staged = tmp_path / "cache" / "stage" / key[:2] / key
    staged.write_bytes(b"a p")  # as if it stopped while writing this file

    again = writer(tmp_path)
    again.write_text("site/index.html", "a page", check_links=False)
    again.finish()
    assert staged.read_text() == "a page" and not list(staged.parent.glob("*.tmp"))
    assert (tmp_path / "output/site/index.html").read_text() == "a page"


@pytest.mark.parametrize("many", [2, 40], ids=["a-stat-each", "the-folder-listed"])
def test_a_published_file_removed_by_hand_is_placed_again(tmp_path, many):
    def build():
        staged = writer(tmp_path)
        for number in range(many):
            staged.write_text(f"site/fragments/f{number}.txt", f"fragment {number}", check_links=False)
        staged.write_text("site/index.html", "<p>page</p>", check_links=False)
        staged.finish()

    build()
    gone = tmp_path / "output/site/fragments/f1.txt"
    gone.unlink()
    (tmp_path / "output/site/index.html").unlink()
    build()
    assert gone.read_text() == "fragment 1"
    assert (tmp_path / "output/site/index.html").read_text() == "<p>page</p>"


def test_a_sync_spread_over_threads_places_every_file_in_its_folder(tmp_path, monkeypatch):
    """Folders that share parents are made by whichever thread comes first;
    none fails because another made the folder, no file is left out."""
    from staged_output.writer import SYNC_BATCH

    monkeypatch.setenv("SADEWA_WORKERS", "4")
    expected = {}
    for number in range(SYNC_BATCH * 5):
        relpath = f"site/{'produk' if number % 2 else 'en/products'}/p{number // 3}/{number % 3}.html"
        expected[relpath] = f"page {number}"
    staged = writer(tmp_path)
    for relpath, text in expected.items():
        staged.write_text(relpath, text, check_links=False)
    staged.finish()
    output = tmp_path / "output"
    assert {p.relative_to(output).as_posix(): p.read_text() for p in output.rglob("*.html")} == expected


def test_present_lists_a_folder_or_stats_each_file_alike(tmp_path):
    from sadewa.uptodate import LIST_PAST, present

    for folder, count in (("few", 2), ("many", LIST_PAST + 5)):
        (tmp_path / folder).mkdir()
        for number in range(count):
            (tmp_path / folder / f"{number}.html").write_text("x")
    (tmp_path / "many" / "not-asked.html").write_text("x")
    (tmp_path / "top.txt").write_text("x")
    asked = [f"few/{n}.html" for n in range(3)] + [f"many/{n}.html" for n in range(LIST_PAST + 7)] + ["top.txt", "nowhere/a", "top.txt/b"]
    asked += [f"gone/{n}.html" for n in range(LIST_PAST + 1)]  # a folder of many, not there
    assert present(tmp_path, asked) == {p for p in asked if (tmp_path / p).exists()}
    assert present(tmp_path, dict.fromkeys(asked)) == present(tmp_path, asked)  # a manifest is a dict


def test_a_first_sync_removes_what_else_is_in_the_sites_folders_and_keeps_other_folders(tmp_path):
    """No manifest yet (a first build, or the cache removed): what is in the
    sites' folders is found by walking them, before the sync fills them."""
    for relpath in ("site/old/index.html", "site/index.html", "report/index.html"):
        (tmp_path / "output" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "output" / relpath).write_text("before")
    staged = writer(tmp_path)
    staged.write_text("site/index.html", "<p>page</p>", check_links=False)
    staged.write_text("site/new/index.html", "<p>new</p>", check_links=False)
    staged.finish()
    output = tmp_path / "output"
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "report/index.html", "site/index.html", "site/new/index.html",
    ]
    assert (output / "site/index.html").read_text() == "<p>page</p>" and not (output / "site/old").exists()


def test_what_is_gone_is_found_by_a_second_process_as_by_this_one(tmp_path):
    from types import SimpleNamespace

    from staged_output import presence

    first = writer(tmp_path)
    for name in ("a", "b", "c"):
        first.write_text(f"site/{name}/index.html", name, check_links=False)
    first.finish()
    (tmp_path / "output/site/b/index.html").unlink()
    staged_a = first.location(first.files["site/a/index.html"])
    Path(staged_a).unlink()

    settings = {"OUTPUT_PATH": str(tmp_path / "cache" / "stage"), "CACHE_PATH": str(tmp_path / "cache"),
                "SADEWA_OUTPUT": str(tmp_path / "output")}
    folders = presence.Folders.of(settings)
    presence.start(SimpleNamespace(settings=settings))
    gone = presence.take(folders)
    assert gone == presence.look(folders)
    assert gone.published == {"site/b/index.html"}
    assert gone.staged == {first.files["site/a/index.html"]}

    second = writer(tmp_path)  # nothing started for it: it looks itself
    for name in ("a", "b", "c"):
        second.write_text(f"site/{name}/index.html", name, check_links=False)
    second.finish()
    assert second.written == 1  # a's staged copy, gone
    assert all((tmp_path / f"output/site/{name}/index.html").read_text() == name for name in ("a", "b", "c"))
