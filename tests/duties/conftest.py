"""A demo Board that received DB15's signed package (made by a unit installation from DB15's kit), built once."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store

TODAY = dt.date(2023, 12, 5)


@pytest.fixture(scope="session")
def duties_exchange(tmp_path_factory, demo_db_file: Path) -> dict[str, Path]:
    """The Board after importing DB15's package, and the unit installation that sent it."""
    folder = tmp_path_factory.mktemp("duties")
    board, kit, unit_db, usb = folder / "board.sqlite3", folder / "kit.zip", folder / "unit.sqlite3", folder / "usb"
    shutil.copyfile(demo_db_file, board)
    usb.mkdir()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["kit", "export", "--db", str(board), "--out", str(kit), "--unit", "DB15"]) == 0
        assert main(["demo", "--role", "unit", "--unit", "DB15", "--kit", str(kit), "--db", str(unit_db)]) == 0
        # the unit's year-end summary date travels in unit.json; the meeting itself is in its minutes
        assert main(["meetings", "record", "--db", str(unit_db), "--unit", "DB15", "--summary-date",
                     "2023-12-20"]) == 0
        main(["signoff", "--db", str(unit_db), "--unit", "DB15", "--by", "Bí thư", "--acknowledge-warnings"])
        assert main(["export", "--db", str(unit_db), "--unit", "DB15", "--out", str(usb)]) == 0
        assert main(["import", "--db", str(board), "--trust-new", str(usb)]) == 0
    return {"board": board, "kit": kit, "unit_db": unit_db, "usb": usb}


@pytest.fixture
def board_path(duties_exchange, tmp_path) -> Path:
    """A private copy of the Board that received DB15's package."""
    return Path(shutil.copyfile(duties_exchange["board"], tmp_path / "board.sqlite3"))


@pytest.fixture
def board(board_path):
    """The private Board copy, opened on 05/12/2023."""
    with Store.open(board_path, clock=FixedClock(TODAY)) as store:
        yield store
