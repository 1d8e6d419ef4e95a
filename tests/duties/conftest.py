"""A demo Board that received DB15's signed package (made by a unit installation from DB15's kit), built once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store

TODAY = dt.date(2023, 12, 5)


@pytest.fixture(scope="session")
def duties_exchange(exchange_files) -> dict[str, Path]:
    """The Board after importing DB15's package, and the unit installation that sent it (tests/conftest.py)."""
    return exchange_files


@pytest.fixture
def board_path(duties_exchange, tmp_path) -> Path:
    """A private copy of the Board that received DB15's package."""
    return Path(shutil.copyfile(duties_exchange["board"], tmp_path / "board.sqlite3"))


@pytest.fixture
def board(board_path):
    """The private Board copy, opened on 05/12/2023."""
    with Store.open(board_path, clock=FixedClock(TODAY)) as store:
        yield store
