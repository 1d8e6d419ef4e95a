"""Secrets: owner-only files on POSIX, and a warning when the Board's keys have no passphrase."""

from __future__ import annotations

import os
import stat

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.keys_store import BOARD, put_key
from chilinh_desktop.core.store import Store
from chilinh_desktop.package import keyring, keys


def _board_keys(path, passphrase):
    with Store.open(path) as store:
        store.set_setting("role", "board")
        signing = keys.generate_signing_key()
        put_key(store, keyring._signing_row(store, BOARD, signing, passphrase, "Ban Tổ chức", False), actor="t")
        put_key(store, keyring._age_row(store, BOARD, keys.generate_age_identity(), passphrase, "", False), actor="t")


def test_a_board_key_without_passphrase_is_warned_about(tmp_path, capsys):
    path = tmp_path / "board.sqlite3"
    _board_keys(path, None)
    main(["keys", "--db", str(path)])
    err = capsys.readouterr().err
    assert "không có mật khẩu" in err and "signing, age" in err


def test_protected_board_keys_bring_no_warning(tmp_path, capsys):
    path = tmp_path / "board.sqlite3"
    _board_keys(path, "mật khẩu dài và khó đoán")
    main(["keys", "--db", str(path)])
    assert "mật khẩu" not in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX")
def test_a_key_backup_is_readable_by_its_owner_only(tmp_path):
    backup = keys.KeyBackup(keys.generate_signing_key(), keys.generate_age_identity())
    keys.write_key_backup(tmp_path / "board-keys.age", backup, "mật khẩu dài và khó đoán")
    assert stat.S_IMODE((tmp_path / "board-keys.age").stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX")
def test_a_new_data_file_and_its_wal_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "chilinh.sqlite3"
    with Store.open(path) as store:
        store.set_setting("unit_name", "Chi bộ 1")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"chilinh.sqlite3": 0o600, "chilinh.sqlite3-wal": 0o600, "chilinh.sqlite3-shm": 0o600}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_boards_plain_age_identity_is_written_owner_only(tmp_path):
    with Store.open(tmp_path / "board.sqlite3") as store:
        keyring.create_installation_key(store, board=True, passphrase="mật khẩu dài")
        keyring.write_plain_identity(store, tmp_path / "board.age", "mật khẩu dài")
    assert stat.S_IMODE((tmp_path / "board.age").stat().st_mode) == 0o600
