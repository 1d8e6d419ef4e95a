"""Keys: shown as ssh-keygen shows them; the Board's keys survive a backup and restore."""

from __future__ import annotations

import base64
import hashlib

from export_helpers import run_json

from chilinh_desktop.cli import main


def test_keys_json_shows_the_openssh_key_its_fingerprint_and_the_demo_board(demo_path, capsys):
    code, shown = run_json(capsys, "keys", "--db", str(demo_path))
    blob = base64.b64decode(shown["signing"]["public_openssh"].split()[1])
    expected = "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    assert code == 0 and shown["signing"]["fingerprint"] == expected
    assert shown["encryption"]["age_recipient"].startswith("age1") and shown["encryption"]["demo"] is True


def test_board_keys_backup_and_restore_round_trip(demo_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHILINH_PASSPHRASE", "mật khẩu dài của Ban")
    backup = tmp_path / "khoa.age"
    _, before = run_json(capsys, "keys", "--db", str(demo_path))
    assert main(["keys", "backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    assert backup.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert main(["keys", "restore", "--db", str(demo_path), "--from", str(backup)]) == 0
    capsys.readouterr()
    _, after = run_json(capsys, "keys", "--db", str(demo_path))
    assert after["encryption"]["age_recipient"] == before["encryption"]["age_recipient"]
    assert after["encryption"]["demo"] is False  # restored keys are protected by the passphrase now


def test_restore_with_a_wrong_passphrase_is_refused(demo_path, tmp_path, monkeypatch, capsys):
    backup = tmp_path / "khoa.age"
    monkeypatch.setenv("CHILINH_PASSPHRASE", "đúng")
    assert main(["keys", "backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    monkeypatch.setenv("CHILINH_PASSPHRASE", "sai")
    assert main(["keys", "restore", "--db", str(demo_path), "--from", str(backup)]) == 2
    assert "Mật khẩu không đúng" in capsys.readouterr().err


def test_board_installation_requires_a_passphrase(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("CHILINH_PASSPHRASE", raising=False)
    assert main(["keys", "init", "--db", str(tmp_path / "board.sqlite3"), "--board"]) == 2
