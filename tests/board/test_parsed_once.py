"""Each stored package's JSON is parsed once, however many Board views read it, and a changed row anew."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from chilinh_desktop.core import package_documents
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
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
    package_documents._PARSED.clear()
    yield parsed
    package_documents._PARSED.clear()


def test_every_board_view_reads_a_package_parsed_once(exchange_files, tmp_path: Path, counted: list[str]):
    path = Path(shutil.copyfile(exchange_files["board"], tmp_path / "board.sqlite3"))
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = get_cycle(store)
        for _refresh in range(3):
            overview(store, cycle)
            board_report(store, cycle)
            tree_status(store, cycle)
            assert unit_received(store, cycle, "DB15") is not None
        packages = store.db.execute("SELECT count(*) FROM received_packages").fetchone()[0]
        assert packages == 1 and len(counted) == 1, counted

        # A row changed after it was read (here: its officials emptied) is read again, not served stale.
        store.db.execute("UPDATE received_packages SET officials_doc = '[]'")
        assert unit_received(store, cycle, "DB15") is not None
        assert len(counted) == 2
