"""Whole-tree computations run with Python's cyclic garbage collector held off.

A province's status or Board view allocates tens of thousands of small results (a missing item per
subject and item, a row per unit) while the open data file keeps hundreds of thousands of objects
(core/board_cache.py: each current package's documents). Every few thousand allocations the collector
walks the survivors, and now and then all of those kept objects again: measured at 2,000 units,
that walking took two thirds of `board_status`. What these computations allocate is acyclic and freed
by reference counting; the collector runs again as soon as they end, and catches up then.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Hold the cyclic collector off for the block (threads: whoever found it on turns it back on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def keep_long_lived() -> None:
    """Take every object alive now out of the collector's later passes (gc.freeze), after a store kept new ones.

    The Board's kept packages (core/board_cache.py) are hundreds of thousands of objects that live as long as
    the data file is open; each full pass of the collector walked them all while holding every thread, the
    window's included: at 2,000 packages a pass stalled the window for over a second. Frozen objects are still
    freed by reference counting when dropped (the documents are acyclic); only a reference cycle alive at this
    moment and dropped later is never collected, which bounds what can be kept by what was alive here.
    """
    gc.freeze()
