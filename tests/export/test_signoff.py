"""Signing off a unit: complete dossiers are locked with a hash; the rest are listed with what they miss."""

from __future__ import annotations

import pytest
from export_helpers import COMPLETE_UNIT, DRAFT_UNIT

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import set_exempt, snapshot_hash
from chilinh_desktop.core.errors import StateError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit


def test_complete_unit_is_signed_off_locked_and_hashed(demo_path, capsys):
    assert main(["signoff", "--db", str(demo_path), "--unit", COMPLETE_UNIT, "--by", "Nguyễn Văn An"]) == 0
    with Store.open(demo_path) as store:
        cycle = get_cycle(store)
        dossiers = unit_dossiers(store, cycle, get_unit(store, COMPLETE_UNIT))
        assert all(d.state == "signed_off" and d.signed_off_by == "Nguyễn Văn An" and d.signed_off_at
                   for d in dossiers)
        assert all(d.snapshot_sha256 == snapshot_hash(store, d.id) for d in dossiers)
        with pytest.raises(StateError):
            set_exempt(store, cycle, dossiers[0].id, "suggestion_letter", "không có", actor="x")


def test_incomplete_unit_lists_what_is_missing_and_exits_2(demo_path, capsys):
    assert main(["signoff", "--db", str(demo_path), "--unit", DRAFT_UNIT, "--by", "Nguyễn Văn An"]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert lines and all(":" in line for line in lines)


def test_signed_off_unit_can_then_be_exported(demo_path, usb, capsys):
    assert main(["signoff", "--db", str(demo_path), "--unit", COMPLETE_UNIT, "--by", "Nguyễn Văn An"]) == 0
    assert main(["export", "--db", str(demo_path), "--unit", COMPLETE_UNIT, "--out", str(usb)]) == 0
    assert len(list(usb.glob("*.zip"))) == 1


def test_rating_warnings_block_until_acknowledged_and_the_acknowledgement_is_audited(tmp_path, demo_db_file, capsys):
    """A demo unit installation carries two rating warnings: sign-off lists them, then takes an acknowledgement."""
    import shutil

    board = tmp_path / "board.sqlite3"
    shutil.copyfile(demo_db_file, board)
    kit, unit = tmp_path / "kit.zip", tmp_path / "unit.sqlite3"
    assert main(["kit", "export", "--db", str(board), "--out", str(kit), "--unit", "DB15"]) == 0
    assert main(["demo", "--role", "unit", "--unit", "DB15", "--kit", str(kit), "--db", str(unit)]) == 0
    capsys.readouterr()
    assert main(["signoff", "--db", str(unit), "--unit", "DB15", "--by", "Bí thư"]) == 2
    err = capsys.readouterr().err
    assert "cảnh báo" in err and "QĐ 124" in err
    assert main(["signoff", "--db", str(unit), "--unit", "DB15", "--by", "Bí thư", "--acknowledge-warnings"]) == 0
    with Store.open(unit) as store:
        actions = [r[0] for r in store.db.execute("SELECT action FROM audit WHERE actor = 'Bí thư'")]
    assert "findings.acknowledge" in actions
