"""open-confidential writes nothing unless the decrypted bytes match what the unit signed; what it writes is private."""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid

import pytest
from board_helpers import run, run_json
from forge import documents, dumped, forge, unit_key

from chilinh_desktop.core.store import Store
from chilinh_desktop.package.errors import PackageError
from chilinh_desktop.package.received import confidential_names, write_confidential


def _import(capsys, demo_path, package) -> str:
    outcome = run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]
    assert outcome["status"] == "imported", outcome
    return outcome["package_id"]


def _open(capsys, demo_path, package_id, target):
    names = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id)[1].split()
    return run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id, "--file", names[0],
               "--out", str(target)), names[0]


@pytest.mark.skipif(os.name != "posix", reason="permissions bits are POSIX")
def test_the_decrypted_file_is_owner_only(demo_path, package, tmp_path, capsys):
    package_id = _import(capsys, demo_path, package)
    target = tmp_path / "declaration.pdf"
    target.write_bytes(b"an older, world-readable file of the same name")
    target.chmod(0o644)
    (code, _out, _err), _name = _open(capsys, demo_path, package_id, target)
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_decrypted_bytes_that_differ_from_the_signed_hash_are_not_written(demo_path, exchange, tmp_path, capsys):
    # The unit's own key signs documents whose plain hash does not match what it encrypted.
    unit_doc, officials = documents(exchange["package"])
    files = {}
    for name, doc in [("unit.json", unit_doc), *officials.items()]:
        dossier = doc.get("dossier") or {"items": {}}
        for item in dossier["items"].values():
            if item.get("plain_sha256"):
                item["plain_sha256"] = "0" * 64
                files[name] = dumped(doc)
    assert files, "the demo unit's package carries a confidential file"
    forged = forge(exchange["package"], tmp_path / "forged.zip", unit_key(exchange["unit_db"]), files=files,
                   info={"Package-Id": str(uuid.uuid4())})
    package_id = _import(capsys, demo_path, forged)
    target = tmp_path / "out.pdf"
    with Store.open(demo_path) as store:
        names = confidential_names(store, package_id)
        audits = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
        for name in names:
            with pytest.raises(PackageError) as refused:
                write_confidential(store, package_id, name, target)
            assert refused.value.code == "received.confidential_mismatch"
        assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == audits
    assert names and not target.exists() and not list(tmp_path.glob("*.part"))
    # The command line says so in Vietnamese and exits 2.
    code, _out, err = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id,
                          "--file", names[0], "--out", str(target))
    assert code == 2 and "không khớp" in err and not target.exists()


def test_stored_bytes_changed_after_import_are_not_trusted(demo_path, package, tmp_path, capsys):
    package_id = _import(capsys, demo_path, package)
    with sqlite3.connect(demo_path) as conn:
        data = bytearray(conn.execute("SELECT data FROM received_package_bytes").fetchone()[0])
        data[-30] ^= 0x01  # in the ZIP's central directory end: still readable, no longer the same bytes
        conn.execute("UPDATE received_package_bytes SET data = ?", [bytes(data)])
    target = tmp_path / "out.pdf"
    (code, _out, _err), _name = _open(capsys, demo_path, package_id, target)
    assert code == 2 and not target.exists()
