"""Ratings travel in the package: the Board's classification, commendations and findings come from what units sent.

The demo city plays the unit that holds the planted "disciplined this year yet rated HTXSNV"
case; a second copy of it, its own rating tables emptied, plays the Board.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from board_helpers import package_documents, package_levels, run, run_json
from openpyxl import load_workbook

from chilinh_desktop.cli import main
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses, find_dossier, reopen, sign_off
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.demo.build import DEMO_TODAY, _fill_item
from chilinh_desktop.i18n import _

LEVELS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
RATING_TABLES = ("ratings", "disciplines", "targets", "not_rated", "classification_counts", "commendations")


def _planted(db: Path) -> tuple[str, str, str]:
    """(unit code, cadre id, cadre name) of the demo's disciplined-this-year cadre."""
    with sqlite3.connect(db) as conn:
        key = conn.execute("SELECT subject_key FROM disciplines WHERE self_remedied = 0 AND date LIKE '2023-%'"
                           ).fetchone()[0]
        return conn.execute("SELECT u.code, o.id, o.full_name FROM officials o JOIN units u ON u.id = o.unit_id "
                            "WHERE o.id = ?", [key.split(":", 1)[1]]).fetchone()


@pytest.fixture
def exchange(tmp_path, demo_db_file, capsys, monkeypatch):
    """The unit's file (the demo, its planted unit filled and signed off), the Board's file, the unit code."""
    unit_db, board_db = tmp_path / "unit.sqlite3", tmp_path / "board.sqlite3"
    unit_db.write_bytes(demo_db_file.read_bytes())
    board_db.write_bytes(demo_db_file.read_bytes())
    code, official_id, name = _planted(unit_db)
    with Store.open(unit_db, clock=FixedClock(DEMO_TODAY)) as store:
        cycle, unit = get_cycle(store), get_unit(store, code)
        rng = random.Random(7)
        for dossier in unit_dossiers(store, cycle, unit):
            who = get_official(store, dossier.official_id).full_name if dossier.official_id else unit.name
            for status in dossier_statuses(store, cycle, dossier):
                _fill_item(store, cycle, dossier.id, status, who, 1.0, rng)
            # Signed off as the demo build signs: `chilinh signoff` rightly refuses the planted error.
            if not dossier.locked:
                sign_off(store, cycle, dossier.id, by="Bí thư")
    with sqlite3.connect(board_db) as conn:
        for table in RATING_TABLES:
            conn.execute(f"DELETE FROM {table}")  # a real Board holds none of the units' ratings
    import forge

    monkeypatch.setattr(forge, "BOARD_DB", board_db)  # this Board's keys unseal the packages read back
    return {"unit": unit_db, "board": board_db, "code": code, "official": official_id, "name": name,
            "folder": tmp_path}


def _export_and_import(capsys, exchange, name: str) -> Path:
    usb = exchange["folder"] / name
    usb.mkdir()
    code, exported = run_json(capsys, "export", "--db", str(exchange["unit"]), "--unit", exchange["code"],
                              "--out", str(usb))
    assert code == 0, exported
    code, imported = run_json(capsys, "import", "--db", str(exchange["board"]), str(usb), "--trust-new")
    assert code == 0, imported
    return Path(exported["path"])


def _report(capsys, exchange, name: str):
    out = exchange["folder"] / name
    assert run(capsys, "report", "--db", str(exchange["board"]), "--out", str(out))[0] == 0
    return load_workbook(out)


def _totals(book) -> dict[str, Counter]:
    rows = [r for r in book.worksheets[0].iter_rows(min_row=7, values_only=True) if r[1] == _("Total")]
    return {section: Counter({level: row[3 + 2 * n] for n, level in enumerate(LEVELS) if row[3 + 2 * n]})
            for section, row in zip(("unit", "collective", "official"), rows, strict=True)}


def _recount(package: Path) -> dict[str, Counter]:
    levels = package_levels(package)
    officials = Counter(level for key, level in levels.items() if key.startswith("official:") and level)
    return {"unit": Counter([levels["unit"]]), "collective": Counter([levels["collective"]]), "official": officials}


def _findings(book) -> list[tuple]:
    sheet = book[_("Points to note")]
    return [row for row in sheet.iter_rows(min_row=6, values_only=True) if isinstance(row[0], int)]


def test_classification_comes_from_the_package(exchange, capsys):
    package = _export_and_import(capsys, exchange, "usb1")
    totals = _totals(_report(capsys, exchange, "report.xlsx"))
    assert totals == _recount(package)


def test_the_package_carries_the_units_own_records(exchange, capsys):
    package = _export_and_import(capsys, exchange, "usb1")
    unit_doc, officials = package_documents(package)
    with sqlite3.connect(exchange["unit"]) as conn:
        counts = conn.execute("SELECT count(*) FROM classification_counts c JOIN units u ON u.id = c.unit_id "
                              "WHERE u.code = ?", [exchange["code"]]).fetchone()[0]
        proposals = conn.execute("SELECT count(*) FROM commendations c JOIN units u ON u.id = c.unit_id "
                                 "WHERE u.code = ?", [exchange["code"]]).fetchone()[0]
    cadre = next(doc for doc in officials if doc["official"]["id"] == exchange["official"])
    assert [d["form"] for d in cadre["ratings"]["disciplines"]] == ["Khiển trách"]
    assert sum(len(v) for v in unit_doc["ratings"]["classification_counts"].values()) == counts
    assert len(unit_doc["ratings"]["commendations"]) == proposals > 0


def test_findings_sheet_lists_the_planted_violation_of_that_unit_only(exchange, capsys):
    _export_and_import(capsys, exchange, "usb1")
    rows = _findings(_report(capsys, exchange, "report.xlsx"))
    discipline = [r for r in rows if r[3] == exchange["name"] and r[1] == _("Error")]
    assert len(discipline) == 1 and exchange["code"] in discipline[0][2] and "14/8/2023" in discipline[0][4]
    assert discipline[0][5] and discipline[0][6]  # what to do, and the rule's citation
    # Only what arrived is judged: the other planted mistakes sit in units whose packages did not.
    assert all(exchange["code"] in r[2] for r in rows), rows


def test_a_newer_package_replaces_the_units_ratings(exchange, capsys):
    first = _export_and_import(capsys, exchange, "usb1")
    # A signed-off dossier vouches for its ratings: changing one is refused until the dossier is reopened.
    rate = ["rate", "--db", str(exchange["unit"]), "--official", exchange["official"], "--step", "proposal",
            "--level", "KHTNV", "--by", "Ban Thường vụ Đảng ủy"]
    assert main(rate) == 2
    # The unit's organisation board reopens, corrects the disciplined cadre's proposal to KHTNV, signs off again.
    with Store.open(exchange["unit"], clock=FixedClock(DEMO_TODAY)) as store:
        cycle = get_cycle(store)
        dossier = find_dossier(store, cycle, official_id=exchange["official"])
        reopen(store, cycle, dossier.id, by="Chánh Văn phòng", reason="Sửa đề xuất xếp loại")
    assert main(rate) == 0
    with Store.open(exchange["unit"], clock=FixedClock(DEMO_TODAY)) as store:
        sign_off(store, get_cycle(store), dossier.id, by="Bí thư Đảng ủy")
    capsys.readouterr()
    second = _export_and_import(capsys, exchange, "usb2")
    book = _report(capsys, exchange, "report.xlsx")
    assert _totals(book) == _recount(second) != _recount(first)
    assert not [r for r in _findings(book) if r[3] == exchange["name"]]
    with sqlite3.connect(exchange["board"]) as conn:
        assert sorted(s for (s,) in conn.execute("SELECT status FROM received_packages")) == ["current", "superseded"]

