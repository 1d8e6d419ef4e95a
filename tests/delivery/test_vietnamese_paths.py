"""Data files, backups and PDFs in folders with Vietnamese names, precomposed (NFC) or decomposed (NFD).

Paths from a file dialog are used exactly as given (never normalised): on Linux an NFC and an NFD
name are two different folders, on Windows and macOS the file system decides.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.store import Store, restore

FOLDERS = ("Hồ sơ 2023", "Đơn vị")


@pytest.fixture(params=["NFC", "NFD"])
def vietnamese_dir(request, tmp_path: Path) -> Path:
    folder = tmp_path.joinpath(*(unicodedata.normalize(request.param, part) for part in FOLDERS))
    folder.mkdir(parents=True)
    return folder


def test_store_backup_and_restore(vietnamese_dir: Path, demo_db_file: Path):
    db = vietnamese_dir / unicodedata.normalize("NFD", "dữ liệu.sqlite3")
    shutil.copyfile(demo_db_file, db)
    with Store.open(db) as store:
        units = store.db.execute("SELECT count(*) FROM units").fetchone()[0]
        backup = store.backup(vietnamese_dir / "sao lưu.sqlite3")
    assert backup.is_file() and backup.name == "sao lưu.sqlite3"
    kept = restore(backup, db)
    assert kept is not None and kept.parent == vietnamese_dir
    with Store.open(db) as store:
        assert store.db.execute("SELECT count(*) FROM units").fetchone()[0] == units


def test_print_to_pdf(vietnamese_dir: Path, demo_db_file: Path, capsys):
    db = vietnamese_dir / "demo.sqlite3"
    shutil.copyfile(demo_db_file, db)
    with Store.open(db) as store:
        official = store.db.execute(
            "SELECT d.official_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
            "WHERE i.kind = 'self_review' AND i.state = 'complete' LIMIT 1").fetchone()[0]
    out = vietnamese_dir / "Bản kiểm điểm 02B.pdf"
    assert main(["print", "02B", "--db", str(db), "--official", official, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in vietnamese_dir.iterdir() if p.suffix == ".pdf"] == [out.name]
