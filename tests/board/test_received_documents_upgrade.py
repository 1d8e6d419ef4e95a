"""A received package's documents live apart from its row (migration 0011): a Board file from before keeps every
package's documents text for text, and marking a package superseded changes a row of a few hundred bytes."""

from __future__ import annotations

import shutil
import sqlite3

from chilinh_desktop.core.board import received_documents, received_packages
from chilinh_desktop.core.migrations import MIGRATION_SET
from chilinh_desktop.core.package_documents import stored_documents
from chilinh_desktop.core.store import Store


def _as_before_0011(path) -> dict[str, tuple[str, str]]:
    """Put a Board file back in the layout of 0010 (the documents in the row), as an older program left it."""
    with sqlite3.connect(path) as conn:
        kept = {row[0]: (row[1], row[2]) for row in
                conn.execute("SELECT package_id, unit_doc, officials_doc FROM received_documents")}
        conn.execute("ALTER TABLE received_packages ADD COLUMN unit_doc TEXT NOT NULL DEFAULT ''")
        conn.execute("ALTER TABLE received_packages ADD COLUMN officials_doc TEXT NOT NULL DEFAULT ''")
        for package_id, (unit_doc, officials_doc) in kept.items():
            conn.execute("UPDATE received_packages SET unit_doc = ?, officials_doc = ? WHERE package_id = ?",
                         [unit_doc, officials_doc, package_id])
        conn.execute("DROP TABLE received_documents")
        conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = '0011_received_documents'",
                     [MIGRATION_SET])
    conn.close()
    return kept


def test_an_older_boards_packages_keep_their_documents(exchange_files, tmp_path):
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(exchange_files["board"], path)
    kept = _as_before_0011(path)
    assert kept and all(unit_doc and officials_doc for unit_doc, officials_doc in kept.values())
    with Store.open(path) as store:
        packages = received_packages(store)
        assert {p.package_id for p in packages} == set(kept)
        for package in packages:
            unit_doc, officials = received_documents(store, package.package_id)
            assert (unit_doc, officials) == stored_documents(*kept[package.package_id], "kept")
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(received_packages)")}
        largest_row = store.db.execute(
            "SELECT max(length(package_id) + length(unit_id) + length(unit_code) + length(cycle_id) + length(file_name)"
            " + length(sha256) + length(signer_fingerprint) + length(exported_at) + length(received_at)"
            " + length(status) + coalesce(length(supersedes), 0)) FROM received_packages").fetchone()[0]
    assert not columns & {"unit_doc", "officials_doc"}  # one home for the documents
    assert largest_row < 1000
