"""The data file: migrations, re-opening, refusing damaged or foreign files, backup and restore."""

import hashlib
import sqlite3

import pytest

from chilinh_desktop.core.errors import StoreError
from chilinh_desktop.core.migrations import migrations
from chilinh_desktop.core.store import Store, restore
from chilinh_desktop.core.units import add_unit, get_unit


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_every_migration_and_reopening_keeps_data(tmp_path, cycle_2023):
    path = tmp_path / "a.sqlite3"
    with Store.open(path) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        import datetime as dt

        add_unit(store, code="TU", name="Thành ủy", type="thanh_uy", parent_code=None, valid_from=dt.date(2020, 1, 1))
    assert applied == [m.name for m in migrations._migrations]
    with Store.open(path) as store:
        assert get_unit(store, "TU").name == "Thành ủy"
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_not_a_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Bien ban hop chi bo\n" * 100)
    before = sha(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.code == "store.not_sqlite"
    assert "không phải" in err.value.message
    assert sha(path) == before


def test_damaged_database_is_refused_unchanged(tmp_path, demo_path):
    data = bytearray(demo_path.read_bytes())
    for offset in range(8192, len(data), 4096):  # scribble over every page after the first two
        data[offset + 100 : offset + 400] = b"\xff" * 300
    demo_path.write_bytes(bytes(data))
    before = sha(demo_path)
    with pytest.raises(StoreError) as err:
        Store.open(demo_path)
    assert err.value.code == "store.damaged"
    assert sha(demo_path) == before


def test_foreign_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.code == "store.foreign"
    assert sha(path) == before


def test_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('chilinh', '9999_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.code == "store.newer"


def test_backup_then_restore_round_trip_keeps_the_old_file(tmp_path, demo_store, demo_path):
    backup = tmp_path / "backup.sqlite3"
    demo_store.backup(backup)
    units_before = demo_store.db.execute("SELECT count(*) FROM units").fetchone()[0]
    demo_store.db.execute("DELETE FROM audit")
    demo_store.close()
    kept = restore(backup, demo_path)
    assert kept is not None and kept.exists()
    with Store.open(demo_path) as restored:
        assert restored.db.execute("SELECT count(*) FROM units").fetchone()[0] == units_before
        assert restored.db.execute("SELECT count(*) FROM audit").fetchone()[0] > 0


def test_restore_refuses_a_bad_backup_and_keeps_current_data(tmp_path, demo_store, demo_path):
    demo_store.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00" * 1000)
    before = sha(demo_path)
    with pytest.raises(StoreError):
        restore(bad, demo_path)
    assert sha(demo_path) == before


def test_file_of_the_first_schema_is_upgraded_with_its_data(tmp_path):
    """A data file written by the first release (migration 0001 only) opens, migrates and keeps its rows."""
    import datetime as dt

    from sqlite_utils import Database

    from chilinh_desktop.core.store import APPLICATION_ID

    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    migrations.apply(db, stop_before="0002_keys_and_packages")
    db["units"].insert({"id": "u-1", "code": "TU", "name": "Thành ủy", "type": "thanh_uy", "grassroots": 0})
    db["unit_periods"].insert({"unit_id": "u-1", "parent_id": None, "valid_from": "2020-01-01"})
    conn.close()
    with Store.open(path) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == [m.name for m in migrations._migrations]
        assert get_unit(store, "TU").name == "Thành ủy"
        add_unit(store, code="A", name="Đảng bộ A", type="dang_bo_co_so", parent_code="TU",
                 valid_from=dt.date(2021, 1, 1))


def test_data_file_of_release_0_1_0_still_opens(tmp_path):
    """Kept under tests/core/data: every released schema must open, migrate and keep its content."""
    import shutil
    from pathlib import Path

    from chilinh_desktop.core.officials import get_official

    path = tmp_path / "release.sqlite3"
    shutil.copyfile(Path(__file__).parent / "data" / "release-0.1.0.sqlite3", path)
    with Store.open(path) as store:
        assert get_official(store, "00000000-0000-4000-8000-000000000001").full_name == "Đỗ Thị Hà"
        data = store.db.execute("SELECT data FROM attachments").fetchone()[0]
        assert bytes(data).startswith(b"%PDF-1.4")
