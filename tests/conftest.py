"""Shared fixtures: real SQLite files, the demo city built once per session, Qt offscreen."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CHILINH_LANG", "vi")

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import set_language

DEMO_TODAY = dt.date(2023, 12, 5)


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test starts in Vietnamese, the product's default language."""
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def cycle_2023():
    """The shipped 2023 cycle definition."""
    return load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))


@pytest.fixture
def store(tmp_path: Path, cycle_2023):
    """An empty installation on disk with the 2023 cycle, its clock on 05/12/2023."""
    s = Store.open(tmp_path / "test.sqlite3", clock=FixedClock(DEMO_TODAY))
    install_cycle(s, cycle_2023)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """The demo city built once per session (seed 2023); copy it before changing it."""
    from chilinh_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with Store.open(path, clock=FixedClock(DEMO_TODAY)) as s:
        build_demo(s, seed=2023)
    return path


@pytest.fixture(scope="session")
def exchange_files(tmp_path_factory, demo_db_file: Path) -> dict[str, Path]:
    """The Board ↔ unit exchange, made once per session; copy a file before changing it.

    `kit`: DB15's own kit exported by the demo Board; `unit_db`: the unit installation set up from it,
    its year-end summary date recorded, signed off (warnings acknowledged); `package`: DB15's signed
    package it exported into `usb`; `board`: a copy of the demo Board after importing that package.
    """
    import contextlib
    import io

    from chilinh_desktop.cli import main

    folder = tmp_path_factory.mktemp("exchange")
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
        package = next(usb.glob("DB15-*.zip"))
        assert main(["import", "--db", str(board), "--trust-new", str(usb)]) == 0
    return {"kit": kit, "unit_db": unit_db, "usb": usb, "package": package, "board": board, "folder": folder}


@pytest.fixture
def demo_path(tmp_path: Path, demo_db_file: Path) -> Path:
    """A private copy of the demo database file."""
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_db_file, target)
    return target


@pytest.fixture
def demo_store(demo_path: Path):
    """The demo city, opened, private to the test."""
    s = Store.open(demo_path, clock=FixedClock(DEMO_TODAY))
    yield s
    s.close()


@pytest.fixture
def cadre(store, cycle_2023):
    """A small city: one department and its head, managed by the city Standing Committee, with dossiers."""
    from chilinh_desktop.core.dossiers import ensure_dossiers
    from chilinh_desktop.core.officials import add_official
    from chilinh_desktop.core.units import add_unit

    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 10, 1))
    add_unit(store, code="PNV", name="Phòng Nội vụ", type="phong_ban", parent_code="TU",
             valid_from=dt.date(2020, 10, 1))
    official = add_official(store, full_name="Đỗ Thị Hà", unit_code="PNV", tier="btv_thanh_uy",
                            birth_date=dt.date(1979, 2, 5), party_post="Bí thư Chi bộ",
                            government_post="Trưởng phòng Nội vụ", workplace="Phòng Nội vụ",
                            party_cell="Chi bộ Phòng Nội vụ")
    ensure_dossiers(store, cycle_2023)
    return official
