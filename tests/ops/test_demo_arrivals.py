"""The window's demo Board opens with a few units' packages received, made as real ones are."""

from __future__ import annotations

from chilinh_desktop.core.board import board_status
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.setup import add_demo_arrivals


def test_arrivals_are_imported_packages_and_only_they_count_at_the_board(demo_path):
    with Store.open(demo_path) as board:
        from chilinh_desktop.ops.session import clock_for

        board.clock = clock_for(board)
        imported = add_demo_arrivals(board, ("DB01", "PNV"))
        cycle = get_cycle(board)
        packages = board.db.execute("SELECT unit_code FROM received_packages ORDER BY unit_code").fetchall()
        status = board_status(board, cycle, board.clock.today())
    assert imported == ["DB01", "PNV"] and [row[0] for row in packages] == ["DB01", "PNV"]
    done = {u.code: u.items_done for u in status.units}
    assert done["DB01"] > 0 and done["PNV"] > 0  # counted from what they sent
    assert done["DB02"] == 0  # a unit that sent nothing counts as nothing done, whatever the Board's copy says
