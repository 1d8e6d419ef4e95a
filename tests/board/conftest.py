"""Fixtures for the Board's side: a kit from the demo Board and a unit package made from it, built once."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from chilinh_desktop.cli import main


@pytest.fixture(scope="session")
def exchange(tmp_path_factory, demo_db_file: Path) -> dict[str, Path]:
    """DB15's own kit exported by the demo Board, and DB15's signed package from a unit installation set up with it."""
    folder = tmp_path_factory.mktemp("exchange")
    board = folder / "board.sqlite3"
    shutil.copyfile(demo_db_file, board)
    kit = folder / "kit.zip"
    assert main(["kit", "export", "--db", str(board), "--out", str(kit), "--unit", "DB15"]) == 0

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        unit_db = folder / "unit.sqlite3"
        main(["demo", "--role", "unit", "--unit", "DB15", "--kit", str(kit), "--db", str(unit_db)])
        main(["signoff", "--db", str(unit_db), "--unit", "DB15", "--by", "Bí thư", "--acknowledge-warnings"])
        usb = folder / "usb"
        usb.mkdir()
        assert main(["export", "--db", str(unit_db), "--unit", "DB15", "--out", str(usb)]) == 0
    package = next(usb.glob("DB15-*.zip"))
    import forge

    forge.BOARD_DB = board  # the demo Board's keys open (and reseal) the sealed packages the forger changes
    return {"kit": kit, "unit_db": unit_db, "package": package, "folder": folder}


@pytest.fixture
def kit(exchange, tmp_path) -> Path:
    """A private copy of the kit."""
    return Path(shutil.copy(exchange["kit"], tmp_path / "kit.zip"))


@pytest.fixture
def package(exchange, tmp_path) -> Path:
    """A private copy of DB15's package."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return Path(shutil.copy(exchange["package"], folder / exchange["package"].name))
