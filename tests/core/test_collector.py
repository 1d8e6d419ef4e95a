"""Whole-tree computations hold the cyclic collector off and give it back as they found it."""

from __future__ import annotations

import gc

import pytest

from chilinh_desktop.core.collector import collection_paused


def test_the_collector_is_off_inside_and_on_again_after_even_on_an_error():
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # an outer pause (another thread's computation) ends it, not this one
    finally:
        gc.enable()


def test_status_and_the_board_views_leave_the_collector_on(exchange_files, tmp_path):
    import datetime as dt
    import shutil
    from pathlib import Path

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.deadlines import compute_status
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.ops.board import board_report, overview
    from chilinh_desktop.ops.progress import tree_status

    path = Path(shutil.copyfile(exchange_files["board"], tmp_path / "board.sqlite3"))
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = get_cycle(store)
        compute_status(store, cycle, dt.date(2023, 12, 5))
        tree_status(store, cycle)
        overview(store, cycle)
        board_report(store, cycle)
    assert gc.isenabled()
