"""Steps run by a forked process: waited for, and a failure is a warning."""

from __future__ import annotations

import logging
import os

from sadewa import background


def test_a_step_runs_in_another_process_and_is_done_once_waited_for(tmp_path):
    mark = tmp_path / "pid"
    background.start(lambda: mark.write_text(str(os.getpid())), "writing a mark")
    background.wait()
    assert int(mark.read_text()) != os.getpid()


def test_a_failed_step_is_a_warning_and_this_process_goes_on(tmp_path, caplog, capfd):
    def fails():
        raise OSError("No space left on device")

    with caplog.at_level(logging.WARNING):
        background.start(fails, "storing the loaded catalog for the next build")
        background.wait()
    assert "storing the loaded catalog for the next build did not finish" in caplog.text
    err = capfd.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err


def test_what_a_step_returns_comes_back():
    pid, names = background.start(lambda: (os.getpid(), frozenset({"a", "b"})), "returning a value").result()
    assert pid != os.getpid() and names == {"a", "b"}
