"""`make deploy` against a real S3-compatible server: `rclone serve s3` on
127.0.0.1 over a temporary folder. Publish, deploy, change one product,
publish and deploy again: only the changed files are sent, assets before
pages, stale objects deleted last, each object with its Content-Type and
Cache-Control; a dry run sends nothing; a failed upload stops the deploy
before any page is replaced."""

from __future__ import annotations

import json
import os
import queue
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import FIXTURES, ROOT
from ..publishing import publish, snapshot

sys.path.insert(0, str(ROOT / "plugins"))
from publish.files import cache_control, content_type, is_fingerprinted, is_served  # noqa: E402

RCLONE = Path(sysconfig.get_path("scripts")) / "rclone"
SITES = ("domestic", "international")
STARTED = re.compile(r"Starting s3 server on \[http://127\.0\.0\.1:(\d+)/\]")
CHANGED_PRODUCT = Path("kopi-lereng") / "arabika-sindoro.yaml"  # domestic only: no export block


@dataclass
class S3:
    root: Path  # the folder served: one subfolder per bucket
    env: dict[str, str]  # a remote called "tests3", as rclone reads it from the environment

    def rclone(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(RCLONE), *args], env={**os.environ, **self.env}, capture_output=True, text=True)

    def objects(self, bucket: str) -> dict[str, dict]:
        """Every object of a bucket → its size, MD5 and metadata."""
        result = self.rclone("lsjson", "--recursive", "--files-only", "--metadata", "--hash", f"tests3:{bucket}")
        if result.returncode == 3:  # no such bucket
            return {}
        assert result.returncode == 0, result.stderr
        return {item["Path"]: item for item in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    base = tmp_path_factory.mktemp("s3")
    (base / "rclone.conf").write_text("")  # no one's own remotes
    key, secret = secrets.token_hex(8), secrets.token_hex(16)  # this server's only, made up now
    root = base / "buckets"
    root.mkdir()
    env = {"RCLONE_CONFIG": str(base / "rclone.conf")}
    server = subprocess.Popen(
        [str(RCLONE), "serve", "s3", "--auth-key", f"{key},{secret}", "--addr", "127.0.0.1:0", str(root)],
        env={**os.environ, **env}, stderr=subprocess.PIPE, text=True,
    )
    lines: queue.Queue = queue.Queue()
    # Drain the server's log for as long as it runs, so it never blocks on a full pipe.
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    try:
        port = None
        while port is None:
            line = lines.get(timeout=60)
            started = STARTED.search(line)
            port = started and started.group(1)
        env.update({
            "RCLONE_CONFIG_TESTS3_TYPE": "s3",
            "RCLONE_CONFIG_TESTS3_PROVIDER": "Rclone",
            "RCLONE_CONFIG_TESTS3_ENDPOINT": f"http://127.0.0.1:{port}",
            "RCLONE_CONFIG_TESTS3_ACCESS_KEY_ID": key,
            "RCLONE_CONFIG_TESTS3_SECRET_ACCESS_KEY": secret,
            # fail fast: a failure here is the test's, not the network's; but
            # `rclone serve s3` answers 500 now and then when two uploads create
            # the same new folder at once, which a low-level retry absorbs
            "RCLONE_RETRIES": "1",
            "RCLONE_LOW_LEVEL_RETRIES": "3",
        })
        yield S3(root, env)
    finally:
        server.terminate()
        server.wait(timeout=30)


def deploy(s3: S3, output: Path, *args: str, buckets: str = "") -> subprocess.CompletedProcess:
    env = {
        **os.environ, **s3.env,
        "SADEWA_DEPLOY_DOMESTIC": f"tests3:{buckets}domestic",
        "SADEWA_DEPLOY_INTERNATIONAL": f"tests3:{buckets}international",
    }
    return subprocess.run([sys.executable, "scripts/deploy.py", "--output", str(output), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def served(files: dict[str, str], site: str) -> dict[str, str]:
    """The files of a site that are uploaded, from a snapshot of output/."""
    inside = {path.split("/", 1)[1]: digest for path, digest in files.items() if path.startswith(f"{site}/")}
    return {path: digest for path, digest in inside.items() if is_served(path)}


def reported(stdout: str, verb: str) -> dict[str, list[tuple[int, str]]]:
    """site → (step, path) of every file the deploy says it ``verb`` (sent,
    deleted, would send…), in the order it said so."""
    found: dict[str, list[tuple[int, str]]] = {}
    site, step = None, 0
    for line in stdout.splitlines():
        if " → tests3:" in line:
            site, step = line.split(" ")[0], 0
            found[site] = []
        elif re.match(r"  \d/3 ", line):
            step = int(line.strip()[0])
        elif line.startswith(f"    {verb} "):
            found[site].append((step, line.removeprefix(f"    {verb} ")))
    return found


def paths(entries: list[tuple[int, str]]) -> set[str]:
    return {path for _, path in entries}


@dataclass
class Deploys:
    output: Path
    first: dict[str, str]  # snapshot of output/ as first deployed
    second: dict[str, str]  # after the change
    stored_first: dict[str, dict]  # site → objects after the first deploy
    stored_after_dry_run: dict[str, dict]
    stored_second: dict[str, dict]
    dry_run: subprocess.CompletedProcess
    second_run: subprocess.CompletedProcess

    def changed(self, site: str) -> set[str]:
        before, after = served(self.first, site), served(self.second, site)
        return {path for path, digest in after.items() if before.get(path) != digest}

    def stale(self, site: str) -> set[str]:
        return set(served(self.first, site)) - set(served(self.second, site))


@pytest.fixture(scope="module")
def deploys(s3, tmp_path_factory) -> Deploys:
    base = tmp_path_factory.mktemp("deploy")
    shutil.copytree(FIXTURES / "catalog", base / "catalog")
    products, output, cache = base / "catalog" / "products", base / "output", base / "cache"
    publish(products, output, cache)
    first = snapshot(output)
    result = deploy(s3, output)
    assert result.returncode == 0, result.stdout + result.stderr
    stored_first = {site: s3.objects(site) for site in SITES}

    product = products / CHANGED_PRODUCT
    product.write_text(product.read_text().replace("idr: 95000", "idr: 99000"))
    publish(products, output, cache)
    dry_run = deploy(s3, output, "--dry-run")
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr
    stored_after_dry_run = {site: s3.objects(site) for site in SITES}
    second_run = deploy(s3, output)
    assert second_run.returncode == 0, second_run.stdout + second_run.stderr
    stored_second = {site: s3.objects(site) for site in SITES}
    return Deploys(output, first, snapshot(output), stored_first, stored_after_dry_run, stored_second, dry_run, second_run)


def test_first_deploy_stores_every_served_file_and_nothing_else(deploys):
    for site in SITES:
        assert set(deploys.stored_first[site]) == set(served(deploys.first, site)), site
    stored = set(deploys.stored_first["domestic"])
    assert "index.html" in stored and not any(path.endswith((".gz", ".br")) for path in stored)
    assert "_headers" not in stored and "_redirects" not in stored


def test_objects_carry_their_content_type_and_cache_control(deploys):
    for site in SITES:
        for path, item in deploys.stored_second[site].items():
            assert item["Metadata"]["content-type"] == content_type(path), path
            assert item["Metadata"]["cache-control"] == cache_control(path), path
    stored = deploys.stored_second["domestic"]
    css = next(path for path in stored if path.startswith("assets/css/"))
    assert stored[css]["Metadata"]["cache-control"] == "public, max-age=31536000, immutable"
    assert stored[css]["Metadata"]["content-type"] == "text/css; charset=utf-8"
    assert stored["index.html"]["Metadata"]["cache-control"] == "public, max-age=300"
    assert stored["feeds/produk-baru.atom"]["Metadata"]["content-type"] == "application/atom+xml; charset=utf-8"


def test_dry_run_shows_the_plan_and_sends_nothing(deploys):
    would_send = reported(deploys.dry_run.stdout, "would send")
    would_delete = reported(deploys.dry_run.stdout, "would delete")
    for site in SITES:
        assert paths(would_send[site]) == deploys.changed(site), site
        assert paths(would_delete[site]) == deploys.stale(site), site
    assert deploys.stored_after_dry_run == deploys.stored_first
    assert "dry run" in deploys.dry_run.stdout


def test_second_deploy_sends_only_what_changed(deploys):
    sent = reported(deploys.second_run.stdout, "sent")
    changed = deploys.changed("domestic")
    assert changed and paths(sent["domestic"]) == changed
    assert len(changed) < len(served(deploys.second, "domestic")) / 2
    assert any(path.startswith("produk/kopi-lereng/arabika-sindoro/") for path in changed)
    assert sent["international"] == []  # the product is not on the export site
    for site in SITES:  # and what was not sent stayed as it was
        for path in set(served(deploys.second, site)) - deploys.changed(site):
            assert deploys.stored_second[site][path]["Hashes"] == deploys.stored_first[site][path]["Hashes"], path


def test_assets_go_first_pages_next_and_stale_objects_are_deleted_last(deploys):
    sent = reported(deploys.second_run.stdout, "sent")["domestic"]
    deleted = reported(deploys.second_run.stdout, "deleted")["domestic"]
    assert [step for step, _ in sent] == sorted(step for step, _ in sent)
    assert {step for step, path in sent if is_fingerprinted(path)} == {1}
    assert {step for step, path in sent if not is_fingerprinted(path)} == {2}
    assert any(step == 1 for step, _ in sent) and any(step == 2 for step, _ in sent)
    stale = deploys.stale("domestic")
    assert stale and paths(deleted) == stale and {step for step, _ in deleted} == {3}
    for site in SITES:
        assert set(deploys.stored_second[site]) == set(served(deploys.second, site)), site


def test_a_failed_upload_stops_before_pages_are_replaced(s3, deploys):
    stylesheet = next(path for path in served(deploys.second, "domestic") if path.startswith("assets/css/"))
    # A folder where the stylesheet belongs: the server cannot store it.
    (s3.root / "blocked-domestic" / stylesheet / "in-the-way").mkdir(parents=True)
    result = deploy(s3, deploys.output, buckets="blocked-")
    assert result.returncode == 1
    assert "pages were not replaced" in result.stderr and "deploy stopped" in result.stderr
    assert "Traceback" not in result.stderr
    stored = s3.objects("blocked-domestic")
    assert stored and not any(path.endswith(".html") for path in stored)
    assert s3.objects("blocked-international") == {}


def test_deploy_needs_its_targets_and_a_production_build(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SADEWA_DEPLOY_")}
    result = subprocess.run([sys.executable, "scripts/deploy.py", "--output", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "SADEWA_DEPLOY_DOMESTIC and SADEWA_DEPLOY_INTERNATIONAL" in result.stderr

    env.update(SADEWA_DEPLOY_DOMESTIC="cdn:sadewa", SADEWA_DEPLOY_INTERNATIONAL="cdn:sadewa/export")
    result = subprocess.run([sys.executable, "scripts/deploy.py", "--output", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "must be separate places" in result.stderr

    (tmp_path / "domestic").mkdir()
    (tmp_path / "domestic" / "index.html").write_text("<!DOCTYPE html>")
    env.update(SADEWA_DEPLOY_DOMESTIC="nowhere:domestic", SADEWA_DEPLOY_INTERNATIONAL="nowhere:international")
    result = subprocess.run([sys.executable, "scripts/deploy.py", "--output", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "holds no production build; run `make publish` first" in result.stderr


def test_make_passes_dry_run_on():
    def planned(*args: str) -> str:
        return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True).stdout

    assert "scripts/deploy.py --dry-run" in planned("deploy", "DRY_RUN=1")
    assert "--dry-run" not in planned("deploy", "DRY_RUN=0")
    assert "scripts/build.py --settings publishconf.py" in planned("publish")
