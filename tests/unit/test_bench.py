"""The bench takes trees out of a step's way without deleting them until the end."""

from __future__ import annotations

from scripts.bench import Bench, budgets


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


def bench_result(n: int, **figures) -> dict:
    result = {"n": n, "hugo_ratio": 0.94, "full_build_s": 38.7, "edit_one_build_s": 3.6, "noop_build_s": 0.6, "peak_rss_mib": 809.0}
    return {**result, **figures}


def test_budgets_say_which_are_met_at_ten_thousand_products():
    found = {row["key"]: row["met"] for row in budgets(bench_result(10_000))}
    assert found == {"hugo_ratio": True, "full_build_s": False, "edit_one_build_s": False, "noop_build_s": True, "peak_rss_mib": True}
    # "no slower than Hugo" holds at the limit; "under" a time does not
    at_limits = {row["key"]: row["met"] for row in budgets(bench_result(10_000, hugo_ratio=1.0, noop_build_s=1.0))}
    assert at_limits["hugo_ratio"] and not at_limits["noop_build_s"]
    assert not {row["key"]: row["met"] for row in budgets(bench_result(10_000, hugo_ratio=None))}["hugo_ratio"]  # Hugo did not run
    assert not {row["key"]: row["met"] for row in budgets(bench_result(10_000, peak_rss_mib=960.0))}["peak_rss_mib"]  # 1 GB is 10⁹ bytes


def test_budgets_are_not_judged_at_other_sizes():
    assert budgets(bench_result(1_000)) is None
