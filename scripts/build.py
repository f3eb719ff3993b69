"""`make html`: build both sites in both languages into output/ — or, on any
error, print what is wrong and leave output/ exactly as it was."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

# Our modules' bytecode is kept in __pycache__/ (ignored by git) even where
# the environment asks Python not to write it (PYTHONDONTWRITEBYTECODE):
# compiling them again from source cost every build 0.3 s.
sys.dont_write_bytecode = False

from sadewa import background, timing  # noqa: E402
from sadewa.config import SettingError, reference_date  # noqa: E402
from sadewa.uptodate import BuildRecord, fingerprint, settings_for_check  # noqa: E402
from sadewa.problems import report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", help="final output folder (default: output)")
    parser.add_argument("--products", help="catalog folder (default: products)")
    parser.add_argument("--cache", help="cache and staging folder (default: .cache)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    override = {}
    if args.output:
        override["SADEWA_OUTPUT"] = args.output
    if args.products:
        override["SADEWA_PRODUCTS"] = args.products
    if args.cache:
        override["CACHE_PATH"] = args.cache
        override["OUTPUT_PATH"] = f"{args.cache}/stage"
    # Pelican, Jinja and the plugins are imported only when there is
    # something to build: a rebuild with nothing changed stops before.
    quick = settings_for_check(args.settings, override)
    settings = quick or pelican_settings(args.settings, override)
    try:
        today = reference_date(settings.get("SADEWA_TODAY"))
    except SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    cache, output = Path(settings.get("CACHE_PATH", ".cache")), Path(settings["SADEWA_OUTPUT"])
    inputs = [Path(settings[name]) for name in ("SADEWA_PRODUCTS", "PATH", "THEME")]
    inputs += [Path(path) for path in settings.get("PLUGIN_PATHS", [])] + [Path(args.settings)]
    record = BuildRecord(cache, output)
    if record.is_current(fingerprint(inputs, sys.argv[1:], today)):
        print(f"{output}/ is up to date: nothing changed since the last build")
        timing.count("up to date", 1)
        timing.save(cache / "build-stats.json")
        return 0
    status = run(pelican_settings(args.settings, override) if quick else settings)
    if status == 0:
        record.save()
        print(f"built {output}/domestic and {output}/international")
    return status


def pelican_settings(path: str, override: dict) -> dict:
    from pelican.settings import read_settings

    return read_settings(path, override=override)


def run(settings: dict) -> int:
    """One Pelican run with ``settings``; every expected failure becomes a
    message on stderr and status 1, never a traceback. Also used by
    ``scripts/offline.py``."""
    try:
        return _run(settings)
    finally:
        background.wait()  # what the run left to a second process (the catalog cache) is written
        # The plugins freeze what lives as long as the run (the catalog, the
        # templates: gc.freeze); the collector may have it back now.
        gc.unfreeze()


def _run(settings: dict) -> int:
    import jinja2
    from pelican import Pelican

    pelican = Pelican(settings)  # loads our plugins from PLUGIN_PATHS
    from catalog_site import CatalogError
    from images import ImageError
    from print_catalog import PrintError
    from search import SearchIndexError
    from staged_output import BrokenLinks, FollowStepFailed
    # plugins/publish is loaded by production builds (publishconf.py) only
    production_errors = (sys.modules["publish"].PublishError,) if "publish" in sys.modules else ()

    try:
        pelican.run()
    except CatalogError as exc:
        report(exc.problems, sys.stdout)
        print("build stopped: fix the errors above; output/ was not changed", file=sys.stderr)
        return 1
    except FollowStepFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenLinks as exc:
        print(f"error: {exc}\nbuild stopped; output/ was not changed", file=sys.stderr)
        return 1
    except (SettingError, jinja2.TemplateError, SearchIndexError, ImageError, PrintError, *production_errors) as exc:
        print(f"error: {exc}\nbuild stopped; output/ was not changed", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: say where, still without a traceback
        where = _innermost_frame(exc)
        print(f"internal error: {type(exc).__name__}: {exc} ({where})\n"
              "build stopped; output/ was not changed. Run with SADEWA_DEBUG=1 for the traceback.", file=sys.stderr)
        if os.environ.get("SADEWA_DEBUG"):
            raise
        return 1
    timing.save(Path(settings.get("CACHE_PATH", ".cache")) / "build-stats.json")  # for make bench
    return 0


def _innermost_frame(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "unknown place"


if __name__ == "__main__":
    status = main()
    # Everything is written and closed. Freeing the catalog and the records
    # object by object, as the interpreter does when it exits, took a quarter
    # of a second at 10,000 products: the process ends without it.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
