"""`make validate`: check the catalog data and print every problem (SPEC §1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sadewa import loader
from sadewa.config import SettingError, reference_date, workers
from sadewa.problems import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("products", nargs="?", default="products", type=Path, help="the catalog folder (default: products)")
    args = parser.parse_args(argv)
    try:
        today = reference_date()
        processes = workers({})
    except SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    catalog, problems = loader.load(args.products, today, processes)
    report(problems, sys.stdout)
    if catalog is not None:
        print(f"{len(catalog.smes)} SMEs, {len(catalog.products)} products, {len(catalog.collections)} collections checked against {today.isoformat()}")
    return 1 if problems.errors else 0


if __name__ == "__main__":
    sys.exit(main())
