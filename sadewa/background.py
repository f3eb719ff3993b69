"""A step whose result only a later build reads, run by a forked process.

Storing the loaded catalog for the next build (pickling it and each file's
reading) takes seconds at tens of thousands of products, on one core, while
the build's own next steps use one core too. A forked child does it from
its copy of this process's memory; this process goes on. It is waited for
before the next step of the kind starts (``wait``) and before this process
exits, so a build never ends with its cache half written, and what it
writes is replaced whole: a child stopped halfway leaves the last one.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

_running: dict[int, str] = {}  # pid → what it does, for the warning if it fails
_parent = os.getpid()  # forked workers inherit ``_running``; only this process waits


def start(step: Callable[[], None], what: str) -> None:
    """Run ``step()`` in a forked process (inline where there is no fork)."""
    global _parent
    if not hasattr(os, "fork"):
        step()
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: run the step, leave without the parent's exit handlers
        status = 1
        try:
            step()
            status = 0
        except Exception as exc:  # the parent warns; the next build does the work again
            print(f"warning: {what} failed: {exc}", file=sys.stderr)
        finally:
            sys.stderr.flush()
            os._exit(status)
    _parent = os.getpid()  # this process waits for it
    _running[pid] = what


def wait() -> None:
    """Wait for every step started (a failed one is a warning: what it
    would have kept is made again by the next build)."""
    if os.getpid() != _parent:
        return
    while _running:
        pid, what = _running.popitem()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            log.warning("%s did not finish; the next build does it again", what)


atexit.register(wait)
