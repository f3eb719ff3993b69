"""The bench takes trees out of a step's way without deleting them until the end."""

from __future__ import annotations

from scripts.bench import Bench


def test_removed_trees_are_moved_aside_and_deleted_only_at_the_end(tmp_path):
    bench = Bench.__new__(Bench)  # without looking for Hugo: only the removal is tested
    bench.removed = tmp_path / "removed"
    output = tmp_path / "output"
    (output / "produk").mkdir(parents=True)
    (output / "produk" / "index.html").write_text("page")
    cache = tmp_path / "cache"
    cache.mkdir()

    bench.remove(output, cache, tmp_path / "never-made")
    assert not output.exists() and not cache.exists()
    kept = sorted(path.relative_to(bench.removed).as_posix() for path in bench.removed.rglob("*"))
    assert kept == ["0-output", "0-output/produk", "0-output/produk/index.html", "1-cache"]

    output.mkdir()
    bench.remove(output)  # the same name again: a place of its own
    assert (bench.removed / "2-output").is_dir()

    bench.empty_removed()
    assert not bench.removed.exists()
