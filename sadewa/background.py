"""Steps run by a forked process while the build goes on.

Some work needs nothing the build has yet to make, and the build would
otherwise do it on one core while the other waits: storing the loaded
catalog for the next build (pickling it and each file's reading takes
seconds at tens of thousands of products), looking for which of the last
build's files are gone. A forked child does it from its copy of this
process's memory, and what the step returns comes back through a pipe
(``Step.result``). Every step is waited for before this process exits
(``wait``), so a build never ends with its cache half written; what a step
writes is replaced whole, so a child stopped halfway leaves the last one.
"""

from __future__ import annotations

import atexit
import logging
import marshal
import os
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)


class Step:
    """``step()`` run by a forked child (inline where there is no fork); its
    value must be marshal-able."""

    def __init__(self, step: Callable[[], object], what: str):
        self.what = what
        self.pid: int | None = None
        self.value: object = None
        if not hasattr(os, "fork"):
            self.value = step()
            return
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run the step, answer, leave without the parent's exit handlers
            status = 1
            try:
                os.close(read)
                data = marshal.dumps(step())
                with open(write, "wb") as handle:
                    handle.write(data)
                status = 0
            except Exception as exc:  # the parent goes on without the step's value
                print(f"warning: {what} failed: {exc}", file=sys.stderr)
            finally:
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self.pid, self.read, self.owner = pid, read, os.getpid()

    def result(self) -> object:
        """What the step returned, once it is done; None if it failed."""
        # Forked workers inherit the steps: only the process that started one waits for it.
        if self.pid is not None and os.getpid() == self.owner:
            with open(self.read, "rb") as handle:
                data = handle.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status == 0:
                self.value = marshal.loads(data)
            else:
                log.warning("%s did not finish", self.what)
        return self.value


_started: list[Step] = []


def start(step: Callable[[], object], what: str) -> Step:
    """Run ``step()`` in a forked process; see ``Step``."""
    started = Step(step, what)
    _started.append(started)
    return started


def wait() -> None:
    """Wait for every step started (a failed one is a warning: what it
    would have kept, the next build makes again)."""
    while _started:
        _started.pop().result()


atexit.register(wait)
