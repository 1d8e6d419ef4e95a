"""Backup writes only new or regular files; restore applies a WAL, keeps the old file, refuses a stranger."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.errors import FileWriteError, StoreError
from chilinh_desktop.core.store import Store, restore, store_failure


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def installation(path: Path, role: str, unit_code: str) -> Path:
    with Store.open(path) as store:
        store.set_setting("role", role)
        store.set_setting("unit_code", unit_code)
    return path


def test_a_copied_file_with_its_wal_beside_restores_every_committed_row(tmp_path):
    live = tmp_path / "live.sqlite3"
    store = Store.open(live)
    store.db.execute("PRAGMA wal_autocheckpoint=0")  # the rows stay in live.sqlite3-wal
    for n in range(20):
        store.audit("test", "test.row", f"row:{n}")
    # Copied while the program runs, as a person copies the folder: main file and -wal.
    copy = tmp_path / "copy" / "chilinh.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(live, copy)
    shutil.copyfile(f"{live}-wal", f"{copy}-wal")
    store.close()
    target = tmp_path / "target.sqlite3"
    restore(copy, target)
    with Store.open(target) as restored:
        assert restored.db.execute("SELECT count(*) FROM audit WHERE action = 'test.row'").fetchone()[0] == 20


def test_restore_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    data = installation(tmp_path / "data.sqlite3", "unit", "DB15")
    with Store.open(data) as store:
        backup = store.backup(tmp_path / "backup.sqlite3")
        store.set_setting("unit_name", "after the backup")
    kept = restore(backup, data)
    assert kept is not None
    with Store.open(kept) as old, Store.open(data) as new:
        assert old.get_setting("unit_name") == "after the backup"
        assert new.get_setting("unit_name") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data.sqlite3", "backup.sqlite3", kept.name])


def test_a_backup_of_another_installation_is_refused_unless_forced(tmp_path, capsys):
    board = installation(tmp_path / "board.sqlite3", "board", "TU")
    unit = installation(tmp_path / "unit.sqlite3", "unit", "DB15")
    with Store.open(board) as store:
        backup = store.backup(tmp_path / "board-backup.sqlite3")
    before = sha(unit)
    assert main(["restore", "--db", str(unit), "--from", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "vai trò: unit → board" in err and "mã đơn vị: DB15 → TU" in err and "--force" in err
    assert sha(unit) == before and not list(tmp_path.glob("*.restoring"))
    assert main(["restore", "--db", str(unit), "--from", str(backup), "--force"]) == 0
    with Store.open(unit) as store:
        assert (store.get_setting("role"), store.get_setting("unit_code")) == ("board", "TU")


def test_restoring_onto_an_empty_installation_needs_no_force(tmp_path):
    board = installation(tmp_path / "board.sqlite3", "board", "TU")
    with Store.open(board) as store:
        backup = store.backup(tmp_path / "board-backup.sqlite3")
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(fresh).close()
    restore(backup, fresh)
    with Store.open(fresh) as store:
        assert store.get_setting("unit_code") == "TU"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_backup_never_replaces_a_device_or_a_folder(tmp_path):
    with Store.open(tmp_path / "data.sqlite3") as store:
        for target in (Path("/dev/null"), tmp_path):
            with pytest.raises(FileWriteError) as caught:
                store.backup(target)
            assert caught.value.code == "io.not_regular_file"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX")
def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    with Store.open(tmp_path / "data.sqlite3") as store:
        backup = store.backup(tmp_path / "backup.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_data_file_in_a_read_only_folder_opens_read_only_not_damaged(tmp_path, read_only_folder, capsys):
    folder = tmp_path / "usb"
    folder.mkdir()
    data = installation(folder / "data.sqlite3", "unit", "DB15")
    read_only_folder(folder)
    with Store.open(data) as store:
        assert store.read_only
        assert store.get_setting("unit_code") == "DB15"
        with pytest.raises(StoreError) as caught:
            store.set_setting("unit_name", "x")
        assert caught.value.code == "store.read_only"
        assert "chỉ đọc" in caught.value.message
        # A write that bypasses atomic() still becomes the same coded refusal at the front ends.
        with pytest.raises(sqlite3.OperationalError) as raw:
            store.db.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        assert store_failure(raw.value, data).code == "store.read_only"
    assert main(["units", "--db", str(data)]) == 0
    assert "chỉ đọc" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["data.sqlite3"]


def test_restore_refuses_the_data_file_itself(tmp_path):
    data = installation(tmp_path / "data.sqlite3", "unit", "DB15")
    with pytest.raises(StoreError) as caught:
        restore(data, data)
    assert caught.value.code == "store.restore_onto_itself"
    with sqlite3.connect(data) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
