"""The key backup file: signing key and age identity in one passphrase-protected file."""

from __future__ import annotations

import pytest

from chilinh_desktop.package import keys
from chilinh_desktop.package.errors import PackageError

PASSPHRASE = "Sao lưu khóa 2024"


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory, signing_key):
    # Written once: scrypt makes each encryption take seconds, by design.
    path = tmp_path_factory.mktemp("backup") / "khoa.age"
    keys.write_key_backup(
        path, keys.KeyBackup(signing_key, keys.generate_age_identity()), PASSPHRASE
    )
    return path


def test_backup_restores_both_keys(backup_file, signing_key):
    restored = keys.read_key_backup(backup_file, PASSPHRASE)
    assert keys.fingerprint(restored.signing_key) == keys.fingerprint(signing_key)
    assert str(restored.age_identity).startswith("AGE-SECRET-KEY-1")


def test_backup_holds_no_readable_secret(backup_file):
    assert b"AGE-SECRET-KEY" not in backup_file.read_bytes()
    assert b"OPENSSH PRIVATE KEY" not in backup_file.read_bytes()


def test_wrong_passphrase_is_refused(backup_file):
    with pytest.raises(PackageError) as caught:
        keys.read_key_backup(backup_file, "sai")
    assert caught.value.code == "keys.backup_wrong_passphrase"


def test_other_file_is_not_a_backup(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("không phải bản sao lưu")
    with pytest.raises(PackageError) as caught:
        keys.read_key_backup(other, PASSPHRASE)
    assert caught.value.code == "keys.backup_invalid"


def test_empty_passphrase_is_refused_before_writing(tmp_path, signing_key):
    target = tmp_path / "khoa.age"
    with pytest.raises(PackageError) as caught:
        keys.write_key_backup(target, keys.KeyBackup(signing_key, keys.generate_age_identity()), "")
    assert caught.value.code == "keys.passphrase_empty"
    assert list(tmp_path.iterdir()) == []
