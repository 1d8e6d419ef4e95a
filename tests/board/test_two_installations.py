"""The whole exchange with two installations, through the command line and real files.

Board demo → kit export → unit set up from the kit → unit fills, rates, signs off, exports → Board
imports → report; the report's numbers are recomputed here, independently, from the package's JSON.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from board_helpers import package_levels, run, run_json
from openpyxl import load_workbook

from chilinh_desktop.cli import main
from chilinh_desktop.i18n import _


def test_board_to_unit_and_back(tmp_path, demo_path, capsys, monkeypatch):
    monkeypatch.setenv("CHILINH_PASSPHRASE", "mật khẩu của đơn vị")
    board, unit = demo_path, tmp_path / "unit.sqlite3"
    kit, usb = tmp_path / "kit.zip", tmp_path / "usb"
    usb.mkdir()
    code, out, _err = run(capsys, "kit", "export", "--db", str(board), "--out", str(kit), "--unit", "DB15")
    assert code == 0
    board_fp = out.split(": ")[-1].strip()

    code, setup = run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", "DB15")
    assert code == 0 and setup["board_fingerprint"] == board_fp and setup["first_kit"]
    assert setup["officials"] > 0

    # The unit fills its dossiers (the demo's filler, on the unit's own file), then signs off and exports.
    import random

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.dossiers import dossier_statuses
    from chilinh_desktop.core.officials import get_official
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.unit_signoff import unit_dossiers
    from chilinh_desktop.core.units import get_unit
    from chilinh_desktop.demo.build import DEMO_TODAY, _fill_item

    with Store.open(unit, clock=FixedClock(DEMO_TODAY)) as store:
        store.set_setting("today", DEMO_TODAY.isoformat())
        cycle, db15 = get_cycle(store), get_unit(store, "DB15")
        rng = random.Random(7)
        for dossier in unit_dossiers(store, cycle, db15):
            name = get_official(store, dossier.official_id).full_name if dossier.official_id else db15.name
            for status in dossier_statuses(store, cycle, dossier):
                _fill_item(store, cycle, dossier.id, status, name, 1.0, rng)
    # The unit rates a few subjects (as the ratings commands record them): the ratings travel in its package.
    for official in run_json(capsys, "officials", "--db", str(unit), "--unit", "DB15")[1][:3]:
        assert main(["rate", "--db", str(unit), "--official", official["id"], "--step", "proposal",
                     "--level", "HTTNV", "--by", "Ban Thường vụ Đảng ủy"]) == 0
    assert main(["rate", "--db", str(unit), "--unit", "DB15", "--step", "self", "--level", "HTTNV",
                 "--by", "Đảng ủy"]) == 0
    capsys.readouterr()
    assert run(capsys, "signoff", "--db", str(unit), "--unit", "DB15", "--by", "Nguyễn Văn A")[0] == 0
    code, exported = run_json(capsys, "export", "--db", str(unit), "--unit", "DB15", "--out", str(usb))
    assert code == 0

    code, waiting = run_json(capsys, "import", "--db", str(board), str(usb))
    assert code == 2 and [r["status"] for r in waiting] == ["waiting"]
    code, imported = run_json(capsys, "import", "--db", str(board), str(usb), "--trust-new")
    assert code == 0 and [r["status"] for r in imported] == ["imported"]
    assert imported[0]["fingerprint"] == exported["fingerprint"]

    report = tmp_path / "report.xlsx"
    assert run(capsys, "report", "--db", str(board), "--out", str(report))[0] == 0
    book = load_workbook(report)
    sheet = book.worksheets[0]
    levels = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    totals = [row for row in sheet.iter_rows(min_row=7, values_only=True) if row[1] == _("Total")]
    assert len(totals) == 3  # organisations, collectives, cadres

    # Independent recomputation: the units that owe a package, their managed cadres, and the effective
    # levels the one package carries (the Board's own rating tables do not count).
    with sqlite3.connect(board) as conn:
        db15 = conn.execute("SELECT id FROM units WHERE code = 'DB15'").fetchone()[0]
    import forge

    monkeypatch.setattr(forge, "BOARD_DB", board)  # this Board's own keys open the package it was sealed to
    sent = package_levels(Path(exported["path"]))
    effective = {f"unit:{db15}": sent.pop("unit"), f"collective:{db15}": sent.pop("collective"), **sent}
    effective = {key: level for key, level in effective.items() if level}
    with sqlite3.connect(board) as conn:
        unit_ids = [r[0] for r in conn.execute(
            "SELECT DISTINCT unit_id FROM dossiers WHERE cycle_id = '2023' AND official_id IS NULL")]
        officials = [r[0] for r in conn.execute(
            "SELECT id FROM officials WHERE active = 1 AND tier = 'btv_thanh_uy' AND unit_id IN "
            f"({','.join('?' * len(unit_ids))})", unit_ids)]
        received = conn.execute("SELECT unit_code, status, sha256 FROM received_packages").fetchall()
        # Party organisations are the grassroots ones; an agency counts by its leadership collective only.
        grassroots = [u for u in unit_ids
                      if conn.execute("SELECT grassroots FROM units WHERE id = ?", [u]).fetchone()[0]]
    expected = {
        "unit": Counter(effective[f"unit:{u}"] for u in grassroots if f"unit:{u}" in effective),
        "collective": Counter(effective[f"collective:{u}"] for u in unit_ids if f"collective:{u}" in effective),
        "official": Counter(effective[f"official:{o}"] for o in officials if f"official:{o}" in effective),
    }
    totals_expected = [len(grassroots), len(unit_ids), len(officials)]
    for row, section, total in zip(totals, ("unit", "collective", "official"), totals_expected, strict=True):
        assert row[2] == total
        for n, level in enumerate(levels):
            assert row[3 + 2 * n] == expected[section][level], (section, level)
            rated = sum(expected[section].values())
            assert abs(row[4 + 2 * n] - (expected[section][level] / rated if rated else 0)) < 1e-9
    assert expected["official"]["HTTNV"] == 3 and expected["unit"] == {"HTTNV": 1}

    # The missing/late sheet lists every unit without a package, and not DB15, which arrived complete.
    missing = book.worksheets[1]
    listed = {row[1] for row in missing.iter_rows(min_row=6, values_only=True) if row[1]}
    assert received == [("DB15", "current", exported["sha256"])]
    assert "DB15" not in listed and len(listed) == len(unit_ids) - 1
    assert sheet.freeze_panes and sheet.page_setup.orientation == "landscape" and sheet.merged_cells.ranges

    receipt = tmp_path / "receipt.pdf"
    assert run(capsys, "receipt", "--db", str(board), "--unit", "DB15", "--out", str(receipt))[0] == 0
    import pypdf

    pdf = pypdf.PdfReader(receipt)
    text = pdf.pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert len(pdf.pages) == 1 and exported["sha256"] in text
