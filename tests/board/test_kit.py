"""The cycle kit: a unit is set up from it, and a kit with a different Board key is refused loudly."""

from __future__ import annotations

import hashlib
import shutil
import zipfile

import pytest
from board_helpers import run, run_json

from chilinh_desktop.core.keys_store import BOARD, ENCRYPTION, SIGNING, get_key
from chilinh_desktop.core.store import Store
from chilinh_desktop.package.kit import KitError, read_kit


def test_unit_set_up_from_kit(kit, tmp_path, capsys):
    unit = tmp_path / "unit.sqlite3"
    code, setup = run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", "db15")
    assert code == 0 and setup["unit_code"] == "DB15" and setup["dossiers_created"] == setup["officials"] + 1
    with Store.open(unit) as store:
        board = get_key(store, BOARD, SIGNING)
        assert board.fingerprint == setup["board_fingerprint"] and board.private is None
        assert get_key(store, BOARD, ENCRYPTION).private is None
        assert store.get_setting("role") == "unit" and store.get_setting("unit_code") == "DB15"
    # The same kit again is harmless: the Board key is the one already trusted.
    assert run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", "DB15")[0] == 0


def test_kit_with_changed_board_key_is_refused(kit, tmp_path, demo_db_file, capsys):
    unit = tmp_path / "unit.sqlite3"
    assert run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", "DB15")[0] == 0
    other_board = tmp_path / "other-board.sqlite3"
    assert run(capsys, "demo", "--db", str(other_board))[0] == 0  # a new demo: new Board keys
    forged = tmp_path / "forged.zip"
    assert run(capsys, "kit", "export", "--db", str(other_board), "--out", str(forged))[0] == 0
    before = hashlib.sha256(unit.read_bytes()).hexdigest()
    code, _out, err = run(capsys, "kit", "import", "--db", str(unit), "--kit", str(forged), "--unit", "DB15")
    assert code == 2 and ("REFUSED" in err or "TỪ CHỐI" in err.upper())
    assert hashlib.sha256(unit.read_bytes()).hexdigest() == before


def test_tampered_kit_is_refused(kit, tmp_path):
    broken = tmp_path / "broken.zip"
    shutil.copy(kit, broken)
    data = bytearray(broken.read_bytes())
    # A byte of a member's content (the largest one), never a local header's size field that readers skip
    # (a blind offset landed there at random and the test flickered).
    with zipfile.ZipFile(kit) as archive:
        member = max(archive.infolist(), key=lambda info: info.compress_size)
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra)
    data[start + member.compress_size // 2] ^= 0x01
    broken.write_bytes(bytes(data))
    with pytest.raises(KitError):
        read_kit(broken)
