"""Stored keys (khóa): the installation's own, the Board's, and the Board's record of unit keys.

Only bytes and text are stored here; making, protecting and using keys is package.keyring's job.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.store import Store, inspect_file
from chilinh_desktop.i18n import _

SELF = "self"
BOARD = "board"
SIGNING = "signing"
ENCRYPTION = "age"


@dataclass(frozen=True)
class StoredKey:
    """One key as stored: its public text, its private bytes (maybe encrypted) and how it is labelled."""

    owner: str
    kind: str
    public: str
    private: bytes | None
    protected: bool
    fingerprint: str
    label: str
    is_demo: bool
    created_at: str


_COLUMNS = "owner, kind, public, private, protected, fingerprint, label, is_demo, created_at"


def get_key(store: Store, owner: str, kind: str) -> StoredKey | None:
    """The stored key of `owner` ('self' or 'board') and `kind` ('signing' or 'age'), if any."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM keys WHERE owner = ? AND kind = ?", [owner, kind]).fetchone()
    if row is None:
        return None
    return StoredKey(row[0], row[1], row[2], None if row[3] is None else bytes(row[3]), bool(row[4]), row[5],
                     row[6], bool(row[7]), row[8])


def put_key(store: Store, key: StoredKey, *, actor: str) -> None:
    """Store (or replace) a key, with an audit record naming its fingerprint, never its secret."""
    with store.atomic():
        store.db.execute(
            f"INSERT OR REPLACE INTO keys ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key.owner, key.kind, key.public, key.private, int(key.protected), key.fingerprint, key.label,
             int(key.is_demo), key.created_at],
        )
        store.audit(actor, "key.store", f"key:{key.owner}:{key.kind}", fingerprint=key.fingerprint,
                    demo=key.is_demo, protected=key.protected)


def unit_of_key(store: Store, fingerprint: str, *, besides: str | None = None) -> str | None:
    """The code of a unit (other than `besides`) for which this key is recorded, not counting the demo stand-in."""
    row = store.db.execute(
        "SELECT u.code FROM unit_keys k JOIN units u ON u.id = k.unit_id WHERE k.fingerprint = ? "
        "AND k.origin != 'demo' AND k.unit_id != ? ORDER BY u.code LIMIT 1", [fingerprint, besides or ""]).fetchone()
    return None if row is None else row[0]


def record_unit_key(store: Store, unit_id: str, fingerprint: str, public: str, *, origin: str = "manual") -> None:
    """Record which signing key a unit uses (the Board checks packages against it); one key, one unit."""
    other = None if origin == "demo" else unit_of_key(store, fingerprint, besides=unit_id)
    if other is not None:
        raise ChilinhError(_("The signing key {fingerprint} is already recorded for the unit {other}; a key belongs "
                             "to one unit only. Nothing was changed. Compare the handover slips of both units.",
                             fingerprint=fingerprint, other=other), code="package.key_taken")
    store.db.execute(
        "INSERT OR REPLACE INTO unit_keys (unit_id, fingerprint, public, recorded_at, origin) VALUES (?, ?, ?, ?, ?)",
        [unit_id, fingerprint, public, store.now_text(), origin],
    )


def read_unit_key(db_path: Path, unit_code: str) -> tuple[str, str] | None:
    """(fingerprint, public line) recorded for a unit, read without writing to the file at all."""
    inspect_file(db_path)
    # mode=ro: verification must leave the database byte for byte as it was (no migration, no WAL).
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "unit_keys" not in tables:
            return None
        row = conn.execute(
            "SELECT k.fingerprint, k.public FROM unit_keys k JOIN units u ON u.id = k.unit_id WHERE u.code = ?",
            [unit_code],
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else (row[0], row[1])
