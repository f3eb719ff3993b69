"""Rendering and image work over several processes give the same files as
one process (Pagefind's own files aside: it orders them differently on
every run)."""

from .conftest import run_build
from .test_images import add_hostile_photos
from .test_incremental import same_tree


def test_one_worker_and_two_give_the_same_output(catalog_copy, tmp_path):
    add_hostile_photos(catalog_copy)
    one = run_build(catalog_copy, tmp_path / "one", tmp_path / "one-cache", SADEWA_WORKERS="1", SADEWA_IMAGE_CACHE=str(tmp_path / "one-images"))
    two = run_build(catalog_copy, tmp_path / "two", tmp_path / "two-cache", SADEWA_WORKERS="2", SADEWA_IMAGE_CACHE=str(tmp_path / "two-images"))
    assert one.result.returncode == 0, one.result.stderr
    assert two.result.returncode == 0, two.result.stderr
    assert same_tree(tmp_path / "one", tmp_path / "two") == []


def test_a_wrong_number_of_workers_is_a_clear_error(catalog_copy, tmp_path):
    build = run_build(catalog_copy, tmp_path / "out", tmp_path / "cache", SADEWA_WORKERS="two")
    assert build.result.returncode == 1
    assert "SADEWA_WORKERS is `two`; expected a whole number" in build.result.stderr
    assert "Traceback" not in build.result.stderr
