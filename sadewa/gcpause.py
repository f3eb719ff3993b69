"""The garbage collector paused while a step makes many objects that live on.

Reading a build record or the catalog makes hundreds of thousands of
containers and frees none; each collection the allocations trigger walks
every object alive, the catalog included, for nothing to free (reading a
15 MB record took three times as long with the collector on).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
