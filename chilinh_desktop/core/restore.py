"""Restore (khôi phục) a backup over the data file, with no moment without a data file.

The backup is opened with SQLite, so committed rows still in a `-wal` beside it are part of what is
restored, and copied with the online backup API into a new file beside the data file; that file is
checked, fsynced and renamed over the data file in one step. The old file is first copied whole
(its WAL included) to a kept file. A backup of another installation (another role, unit or signing
key) is refused unless forced, and the refusal says what would change.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.atomicfile import fsync_directory, remove_quietly, replace_file
from chilinh_desktop.core.clock import Clock, SystemClock
from chilinh_desktop.core.errors import StoreError
from chilinh_desktop.core.store import Store, busy_error, copy_database, inspect_file, is_busy, read_only_uri
from chilinh_desktop.i18n import _

RESTORING_SUFFIX = ".restoring"


@dataclass(frozen=True)
class Identity:
    """What makes an installation itself: its role, its unit and its signing key."""

    role: str
    unit_code: str
    signing_key: str

    @property
    def is_set_up(self) -> bool:
        """Whether the file belongs to an installation at all (a new, empty one does not)."""
        return bool(self.role or self.unit_code or self.signing_key)


def read_identity(conn: sqlite3.Connection) -> Identity:
    """The identity stored in an open data file (empty fields where there is none)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    settings: dict[str, str] = {}
    if "settings" in tables:
        settings = dict(conn.execute("SELECT key, value FROM settings WHERE key IN ('role', 'unit_code')"))
    key = None
    if "keys" in tables:
        # owner 'self', kind 'signing': core/keys_store.py's SELF and SIGNING (it imports this module's store).
        key = conn.execute("SELECT fingerprint FROM keys WHERE owner = 'self' AND kind = 'signing'").fetchone()
    return Identity(settings.get("role") or "", settings.get("unit_code") or "", key[0] if key else "")


def identity_changes(current: Identity, incoming: Identity) -> list[str]:
    """What restoring `incoming` over `current` would change about the installation, for a person."""
    if not current.is_set_up:
        return []
    empty = _("(none)")
    labels = (("role", _("role")), ("unit_code", _("unit code")), ("signing_key", _("signing key")))
    return [
        _("{what}: {before} → {after}", what=label, before=getattr(current, name) or empty,
          after=getattr(incoming, name) or empty)
        for name, label in labels
        if getattr(current, name) != getattr(incoming, name)
    ]


def restore_backup(backup: Path, db_path: Path, clock: Clock | None = None, *, force: bool = False) -> Path | None:
    """Replace the database at `db_path` with a checked backup; return where the old file was kept."""
    if not backup.is_file():
        raise StoreError(_("The backup file {path} does not exist.", path=backup), code="store.not_found")
    if backup.stat().st_size == 0:
        raise StoreError(_("The backup file {path} is empty.", path=backup), code="store.empty_backup")
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise StoreError(_("{path} is the data file itself; choose a backup file.", path=backup),
                         code="store.restore_onto_itself")
    inspect_file(backup)
    clock = clock or SystemClock()
    incoming = db_path.with_name(db_path.name + RESTORING_SUFFIX)
    remove_quietly(incoming)  # left by a restore that was stopped; never a data file
    try:
        _copy_backup(backup, incoming)
        inspect_file(incoming)
        _check_identity(backup, incoming, db_path, force)
        kept = _keep_current(db_path, clock)
        replace_file(incoming, db_path)
    except BaseException:
        remove_quietly(incoming)
        raise
    fsync_directory(db_path.parent)
    # Opening migrates an older backup to the current schema (one transaction per migration).
    Store.open(db_path, clock=clock).close()
    return kept


def _copy_backup(backup: Path, incoming: Path) -> None:
    try:
        source = sqlite3.connect(read_only_uri(backup), uri=True)
    except sqlite3.Error as exc:
        raise _failed(str(exc)) from exc
    try:
        copy_database(source, incoming, private=True)
    finally:
        source.close()


def _check_identity(backup: Path, incoming: Path, db_path: Path, force: bool) -> None:
    if force or not db_path.exists() or db_path.stat().st_size == 0:
        return
    with contextlib.closing(sqlite3.connect(read_only_uri(incoming), uri=True)) as new:
        after = read_identity(new)
    try:
        with contextlib.closing(sqlite3.connect(read_only_uri(db_path), uri=True)) as old:
            before = read_identity(old)
    except sqlite3.DatabaseError:
        return  # the current file is unreadable: restoring over it is the remedy, not a risk
    changes = identity_changes(before, after)
    if changes:
        raise StoreError(
            _("The backup {path} belongs to another installation; restoring it would change: {changes}. "
              "Nothing was changed. If this is really what you want (for example this computer takes over "
              "from another), restore again with --force.", path=backup, changes="; ".join(changes)),
            code="store.other_installation",
        )


def _keep_current(db_path: Path, clock: Clock) -> Path | None:
    """Copy the current data file (WAL included) to a kept file, then fold its WAL away.

    The data file itself stays in place until the rename over it, so there is no moment without one.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
    n = 1
    while kept.exists():
        n += 1
        kept = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}-{n}{db_path.suffix}")
    try:
        with contextlib.closing(sqlite3.connect(str(db_path), isolation_level=None)) as old:
            old.execute("PRAGMA busy_timeout=5000")
            copy_database(old, kept, private=True)
            # An empty WAL beside the data file, or the renamed-in file would be read through the
            # old file's WAL; if another program still writes, stop here (nothing changed yet).
            busy, _log, _done = old.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise busy_error(db_path)
    except sqlite3.Error as exc:
        if is_busy(exc):
            raise busy_error(db_path) from exc
        raise _failed(str(exc)) from exc
    for suffix in ("-wal", "-shm"):
        try:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise _failed(exc.strerror or str(exc)) from exc
    return kept


def _failed(reason: str) -> StoreError:
    return StoreError(
        _("The restore failed: {error}. The current data file was kept.", error=reason),
        code="store.restore_failed",
    )
