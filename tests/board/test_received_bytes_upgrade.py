"""A received package's bytes live apart from its row (migration 0010): a Board file from before keeps every
package byte for byte, and a later package's arrival no longer rewrites the earlier one's bytes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

from chilinh_desktop.core.board import received_data, received_packages
from chilinh_desktop.core.migrations import MIGRATION_SET
from chilinh_desktop.core.store import Store


def _as_before_0010(path) -> dict[str, bytes]:
    """Put a Board file back in the layout of 0009 (the bytes in the row), as an older program left it."""
    with sqlite3.connect(path) as conn:
        kept = dict(conn.execute("SELECT package_id, data FROM received_package_bytes"))
        conn.execute("ALTER TABLE received_packages ADD COLUMN data BLOB NOT NULL DEFAULT x''")
        for package_id, data in kept.items():
            conn.execute("UPDATE received_packages SET data = ? WHERE package_id = ?", [data, package_id])
        conn.execute("DROP TABLE received_package_bytes")
        conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = '0010_received_bytes'",
                     [MIGRATION_SET])
    conn.close()
    return kept


def test_an_older_boards_packages_keep_their_bytes(exchange_files, tmp_path):
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(exchange_files["board"], path)
    kept = _as_before_0010(path)
    assert kept and all(kept.values())
    with Store.open(path) as store:
        for package in received_packages(store):
            data = received_data(store, package.package_id)
            assert data == kept[package.package_id]
            assert hashlib.sha256(data).hexdigest() == package.sha256
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(received_packages)")}
    assert "data" not in columns  # one home for the bytes
