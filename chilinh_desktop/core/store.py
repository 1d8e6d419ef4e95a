"""The one SQLite file that holds an installation's whole state.

Opening checks the file before touching it: a damaged file, a file of another
program or one written by a newer version is refused with a clear message and
left byte-for-byte as it was. Backup is SQLite's online backup into one file;
restore checks the backup first and keeps the old file until the new one is in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from chilinh_desktop.core.clock import Clock, SystemClock
from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import StoreError
from chilinh_desktop.core.migrations import MIGRATION_SET, migrations
from chilinh_desktop.i18n import _

# PRAGMA application_id marks our files ("CHLN"), so a foreign SQLite file is recognised.
APPLICATION_ID = 0x43484C4E
SQLITE_MAGIC = b"SQLite format 3\x00"
DB_FILENAME = "chilinh.sqlite3"


def default_db_path() -> Path:
    """The per-user database location (e.g. %LOCALAPPDATA%\\chilinh on Windows)."""
    return Path(platformdirs.user_data_dir("chilinh", appauthor=False)) / DB_FILENAME


def _known_migrations() -> set[str]:
    return {m.name for m in migrations._migrations}


def inspect_file(path: Path) -> None:
    """Refuse (StoreError) a file that is not a healthy chilinh database; read-only."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(_("Cannot read the data file {path}: {error}.", path=path, error=exc.strerror)) from exc
    if not header:
        return  # an empty file is a new database
    if header != SQLITE_MAGIC:
        raise StoreError(
            _("The file {path} is not a chilinh data file (it is not an SQLite database). "
              "It was not changed. Choose another file.", path=path),
            code="store.not_sqlite",
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StoreError(_("Cannot open the data file {path}: {error}.", path=path, error=str(exc))) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        applied = set()
        if "_sqlite_migrations" in tables:
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
                )
            }
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            _("The data file {path} is damaged ({error}). It was not changed. "
              "Restore it from a backup.", path=path, error=str(exc)),
            code="store.damaged",
        ) from exc
    finally:
        conn.close()
    if check != "ok":
        raise StoreError(
            _("The data file {path} is damaged ({error}). It was not changed. "
              "Restore it from a backup.", path=path, error=check),
            code="store.damaged",
        )
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise StoreError(
            _("The file {path} belongs to another program. It was not changed. "
              "Choose a chilinh data file.", path=path),
            code="store.foreign",
        )
    unknown = applied - _known_migrations()
    if unknown:
        raise StoreError(
            _("The data file {path} was written by a newer version of the program. "
              "It was not changed. Install the newer version to open it.", path=path),
            code="store.newer",
        )


class Store:
    """An open installation database; every multi-step write goes through `atomic()`."""

    def __init__(self, path: Path, db: Database, clock: Clock) -> None:
        self.path = path
        self.db = db
        self.clock = clock
        self._definitions: Definitions | None = None

    @property
    def definitions(self) -> Definitions:
        """The forms, scales and rule sets this data file uses (its stored copies over the shipped files)."""
        if self._definitions is None:
            self._definitions = Definitions.of_store(self)
        return self._definitions

    def reload_definitions(self) -> None:
        """Forget the parsed definitions (after a kit stored new ones, or a rollback)."""
        self._definitions = None

    @classmethod
    def open(cls, path: Path | str | None = None, *, clock: Clock | None = None) -> Store:
        """Open (creating if absent) and migrate the database at `path`."""
        path = Path(path) if path is not None else default_db_path()
        if path.exists():
            if path.is_dir():
                raise StoreError(_("{path} is a folder, not a data file.", path=path))
            inspect_file(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    _("Cannot create the data folder {path}: {error}.", path=path.parent, error=exc.strerror)
                ) from exc
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            db = Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=5000")
            if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            migrations.apply(db)
        except sqlite3.Error as exc:
            raise StoreError(_("Cannot open the data file {path}: {error}.", path=path, error=str(exc))) from exc
        return cls(path, db, clock or SystemClock())

    @classmethod
    def open_read_only(cls, path: Path, *, clock: Clock | None = None) -> Store:
        """A read-only connection to an existing data file, usable from another thread (WAL allows it)."""
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        return cls(Path(path), Database(conn), clock or SystemClock())

    def close(self) -> None:
        """Close the connection (and checkpoint the WAL into the main file)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (a savepoint when nested)."""
        with self.db.atomic() as db:
            yield db

    def now_text(self) -> str:
        """The clock's current time as stored (ISO 8601, UTC)."""
        return self.clock.now().isoformat()

    def audit(self, actor: str, action: str, subject: str, **detail: object) -> None:
        """Record who did what to which subject (call inside the write's transaction)."""
        self.db["audit"].insert(
            {
                "at": self.now_text(),
                "actor": actor,
                "action": action,
                "subject": subject,
                "detail": json.dumps(detail, ensure_ascii=False, default=str),
            }
        )

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting, or `default`."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting (inside the caller's transaction if any)."""
        self.db["settings"].upsert({"key": key, "value": value}, pk="key")

    # -- backup and restore ------------------------------------------------------------

    def backup(self, target: Path | str) -> Path:
        """Write a consistent copy of the live database to one file (online backup)."""
        target = Path(target)
        partial = target.with_name(target.name + ".part")
        try:
            partial.unlink(missing_ok=True)
            dest = sqlite3.connect(str(partial))
            try:
                self.db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            _fsync(partial)
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise StoreError(
                _("The backup could not be written to {path}: {error}. Your data is unchanged.",
                  path=target, error=getattr(exc, "strerror", None) or str(exc)),
                code="store.backup_failed",
            ) from exc
        return target


def restore(backup: Path | str, db_path: Path | str, clock: Clock | None = None) -> Path | None:
    """Replace the database at `db_path` with a checked backup; return where the old file was kept."""
    backup, db_path = Path(backup), Path(db_path)
    if not backup.is_file():
        raise StoreError(_("The backup file {path} does not exist.", path=backup), code="store.not_found")
    inspect_file(backup)
    if backup.stat().st_size == 0:
        raise StoreError(_("The backup file {path} is empty.", path=backup), code="store.empty_backup")
    clock = clock or SystemClock()
    incoming = db_path.with_name(db_path.name + ".restoring")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    kept: Path | None = None
    try:
        shutil.copyfile(backup, incoming)
        _fsync(incoming)
        inspect_file(incoming)
        if db_path.exists():
            # Fold any WAL content into the old file so the kept copy is whole.
            with contextlib.closing(sqlite3.connect(str(db_path))) as old:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            kept = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
            os.replace(db_path, kept)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(incoming, db_path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            incoming.unlink(missing_ok=True)
        raise StoreError(
            _("The restore failed: {error}. The current data file was kept.", error=exc.strerror or str(exc)),
            code="store.restore_failed",
        ) from exc
    # Opening migrates an older backup to the current schema.
    Store.open(db_path, clock=clock).close()
    return kept


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def utc_stamp(moment: dt.datetime) -> str:
    """A compact timestamp for file names."""
    return moment.strftime("%Y%m%dT%H%M%SZ")
