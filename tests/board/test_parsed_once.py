"""Each stored package's JSON is parsed once per open data file, however many Board views read it.

Kept in the open store by package id (core/board_cache.py), not for the whole process: the same file
opened again reads anew, and a new import drops what was derived from the current packages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from chilinh_desktop.core import package_documents
from chilinh_desktop.core.board import current_received, received_data, received_documents, record_received
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.received_ratings import received_ratings
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.board import board_report, overview
from chilinh_desktop.ops.progress import tree_status, unit_received


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = package_documents._parse_stored

    def counting(unit_text: str, officials_text: str, name: str):
        parsed.append(name)
        return real(unit_text, officials_text, name)

    monkeypatch.setattr(package_documents, "_parse_stored", counting)
    return parsed


def _refresh_every_view(store: Store) -> None:
    cycle = get_cycle(store)
    overview(store, cycle)
    board_report(store, cycle)
    tree_status(store, cycle)
    assert unit_received(store, cycle, "DB15") is not None


def test_every_board_view_reads_a_package_parsed_once(exchange_files, tmp_path: Path, counted: list[str]):
    path = Path(shutil.copyfile(exchange_files["board"], tmp_path / "board.sqlite3"))
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        for _refresh in range(3):
            _refresh_every_view(store)
        packages = store.db.execute("SELECT count(*) FROM received_packages").fetchone()[0]
        assert packages == 1 and len(counted) == 1, counted
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        _refresh_every_view(store)  # another open store: nothing is kept for the process
        assert len(counted) == 2, counted


def test_a_new_import_is_read_and_the_ratings_derived_again(exchange_files, tmp_path: Path, counted: list[str]):
    path = Path(shutil.copyfile(exchange_files["board"], tmp_path / "board.sqlite3"))
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = get_cycle(store)
        first = received_ratings(store, cycle)
        assert received_ratings(store, cycle) is first  # derived once for the same current packages
        old = current_received(store, cycle.id, store.db.execute("SELECT id FROM units WHERE code = 'DB15'"
                                                                 ).fetchone()[0])
        unit_doc, officials = received_documents(store, old.package_id)
        later = dataclasses.replace(old, package_id="later-package", received_at="2023-12-04T10:00:00",
                                    exported_at="2023-12-04T09:00:00", supersedes=old.package_id)
        record_received(store, later, received_data(store, old.package_id), unit_doc, officials, current=True,
                        actor="test")
        again = received_ratings(store, cycle)
        assert again is not first and again.commendations.keys() == first.commendations.keys()
        assert unit_received(store, cycle, "DB15").package_id == "later-package"
        assert counted == [old.package_id, "later-package"], counted
