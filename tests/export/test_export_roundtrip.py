"""Export then verify: the package written to the stick is checked, recorded and archived."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path

from export_helpers import DRAFT_UNIT, SIGNED_UNIT, file_hash, run_json, unsealed

from chilinh_desktop.cli import main


def test_export_then_verify_succeeds_with_the_known_unit_key(exported, demo_path, capsys):
    code, check = run_json(capsys, "verify", exported["path"], "--db", str(demo_path))
    assert (code, check["ok"], check["errors"]) == (0, True, [])
    assert check["unit_code"] == SIGNED_UNIT
    assert check["fingerprint"] == exported["fingerprint"] == check["known_fingerprint"]


def test_export_names_the_file_and_reports_its_hash(exported):
    path = Path(exported["path"])
    assert path.name.startswith(f"{SIGNED_UNIT}-2023-") and path.suffix == ".zip"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == exported["sha256"]
    assert exported["fingerprint"].startswith("SHA256:")
    assert Path(exported["slip"]).read_bytes().startswith(b"%PDF")


def test_the_stick_holds_nothing_readable_but_labels_and_signature(exported):
    with zipfile.ZipFile(exported["path"]) as archive:
        names = archive.namelist()
        assert [n for n in names if n.startswith("data/")] == ["data/sealed/package.zip.age"]
        assert archive.read("data/sealed/package.zip.age").startswith(b"age-encryption.org/v1\n")
        assert "tagmanifest-sha256.txt.sig" in names
        info = archive.read("bag-info.txt").decode()
    assert "Payload-Sealed: age" in info and "Unit-Code: DB01" in info


def test_package_holds_data_forms_scans_summary_and_encrypted_confidential_files(exported, demo_path):
    with unsealed(Path(exported["path"]), demo_path) as archive:
        names = archive.namelist()
        sealed = [n for n in names if n.startswith("data/confidential/")]
        assert "data/unit.json" in names and "data/summary.xlsx" in names
        assert any(n.startswith("data/forms/") for n in names) and any(n.startswith("data/scans/") for n in names)
        assert sealed and all(n.endswith(".age") for n in sealed)
        assert archive.read(sealed[0]).startswith(b"age-encryption.org/v1\n")
        assert "tagmanifest-sha256.txt.sig" in names


def test_export_marks_dossiers_exported_and_archives_the_bytes(exported, demo_path):
    with sqlite3.connect(demo_path) as conn:
        states = {r[0] for r in conn.execute("SELECT state FROM dossiers WHERE package_id = ?",
                                             [exported["package_id"]])}
        data, digest = conn.execute("SELECT data, sha256 FROM packages WHERE id = ?",
                                    [exported["package_id"]]).fetchone()
    assert states == {"exported"}
    assert hashlib.sha256(data).hexdigest() == digest == exported["sha256"]


def test_unit_not_signed_off_is_refused_with_a_list_and_nothing_written(demo_path, usb, capsys):
    before = file_hash(demo_path)
    assert main(["export", "--db", str(demo_path), "--unit", DRAFT_UNIT, "--out", str(usb)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n  - ") >= 1
    assert list(usb.iterdir()) == []
    assert file_hash(demo_path) == before
