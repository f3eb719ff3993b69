"""The garbage collector paused while a step makes many objects that live on.

Reading a build record or the catalog makes hundreds of thousands of
containers and frees none; each collection the allocations trigger walks
every object alive, the catalog included, for nothing to free (reading a
15 MB record took three times as long with the collector on). Resuming
does not hand them back to the collector either: the next collections
would walk them all the same, only later (a third of a one-product rebuild
at 10,000 products). They are frozen (``gc.freeze``): the collector never
looks at them again, and they are still freed when nothing refers to them.
``scripts/build.py`` unfreezes when its run ends.
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
        gc.freeze()
        if was_enabled:
            gc.enable()
