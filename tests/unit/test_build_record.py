"""A build is up to date when its inputs' fingerprint is the last good
build's and the output still holds every file that build wrote; the output
is looked at by a forked process while the fingerprint is taken."""

from __future__ import annotations

from sadewa.cachefiles import write_record
from sadewa.uptodate import BuildRecord, missing_found, output_manifest, stat_lines


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


def test_the_fingerprint_lists_each_file_once_in_a_stable_order(tmp_path):
    """A folder's files by name before its folders' by name (the order of a
    sorted os.walk); compiled files and linked folders are left out, and a
    changed size or time changes the file's line."""
    root = tmp_path / "catalog"
    for relpath in ("b/sme.yaml", "b/a.yaml", "a/z/x.yaml", "_regions.yaml", "a/b.yaml", "a/cache.pyc"):
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(relpath)
    (root / "c").symlink_to(root / "b")
    lines = list(stat_lines(root))
    assert [line.split("\0")[0] for line in lines] == [f"{root}/{name}" for name in ("_regions.yaml", "a/b.yaml", "a/z/x.yaml", "b/a.yaml", "b/sme.yaml")]
    (root / "a" / "b.yaml").write_text("longer than before")
    assert list(stat_lines(root))[1] != lines[1] and list(stat_lines(root))[2:] == lines[2:]
