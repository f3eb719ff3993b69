"""A build is up to date when its inputs' fingerprint is the last good
build's and the output still holds every file that build wrote; the output
is looked at by a forked process while the fingerprint is taken."""

from __future__ import annotations

from sadewa.cachefiles import write_record
from sadewa.uptodate import BuildRecord, missing_found, output_manifest


def last_build(tmp_path, key: str = "k1"):
    cache, output = tmp_path / "cache", tmp_path / "output"
    (output / "domestic").mkdir(parents=True)
    (output / "domestic" / "index.html").write_text("home")
    (output / "robots.txt").write_text("")
    write_record(output_manifest(cache, output), {"domestic/index.html": "a", "robots.txt": "b"})
    record = BuildRecord(cache, output)
    assert record.look is None  # no good build yet: nothing to look at
    assert not record.is_current(key)
    record.save()
    return cache, output


def test_same_fingerprint_and_whole_output_is_current(tmp_path):
    cache, output = last_build(tmp_path)
    assert BuildRecord(cache, output).is_current("k1")


def test_another_fingerprint_is_not_current(tmp_path):
    cache, output = last_build(tmp_path)
    assert not BuildRecord(cache, output).is_current("k2")


def test_a_missing_output_file_is_not_current(tmp_path):
    cache, output = last_build(tmp_path)
    (output / "domestic" / "index.html").unlink()
    assert not BuildRecord(cache, output).is_current("k1")


def test_a_lost_manifest_is_not_current(tmp_path):
    cache, output = last_build(tmp_path)
    output_manifest(cache, output).unlink()
    assert not BuildRecord(cache, output).is_current("k1")


def test_the_record_saves_the_key_it_was_asked_about(tmp_path):
    cache, output = last_build(tmp_path)
    record = BuildRecord(cache, output)
    assert not record.is_current("k2")
    record.save()
    assert BuildRecord(cache, output).is_current("k2")


def test_the_writer_takes_the_files_found_missing_once(tmp_path):
    """The build's writer takes what the look found missing instead of
    looking again; the answer is given once."""
    cache, output = last_build(tmp_path)
    (output / "robots.txt").unlink()
    record = BuildRecord(cache, output)
    assert not record.is_current("k1")
    assert missing_found(output) == frozenset({"robots.txt"})
    assert missing_found(output) is None
