"""The one SQLite file that holds an installation's whole state.

Opening checks the file before touching it: a damaged file, a file of another
program or one written by a newer version is refused with a clear message and
left byte-for-byte as it was; a file (or folder) the person may not write opens
read-only with a notice. Every write transaction starts with BEGIN IMMEDIATE
under a busy timeout, so two programs writing take turns and a file held too
long is a clear StoreBusy, never a lost edit. Backup is SQLite's online backup
into one new file; restore is the reverse (see core/restore.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import platformdirs

from chilinh_desktop.core.atomicfile import (
    check_replaceable,
    describe_os_error,
    fsync_file,
    part_path,
    remove_quietly,
    replace_file,
)
from chilinh_desktop.core.clock import Clock, SystemClock
from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import FileWriteError, StoreBusy, StoreError
from chilinh_desktop.core.input_files import NotRegularFile, open_regular
from chilinh_desktop.core.migrations import MIGRATION_SET, migrations
from chilinh_desktop.core.sqlite import Connection
from chilinh_desktop.i18n import _

# PRAGMA application_id marks our files ("CHLN"), so a foreign SQLite file is recognised.
APPLICATION_ID = 0x43484C4E
SQLITE_MAGIC = b"SQLite format 3\x00"
DB_FILENAME = "chilinh.sqlite3"
BUILDING_SUFFIX = ".building"
T = TypeVar("T")


def default_db_path() -> Path:
    """The per-user database location (e.g. %LOCALAPPDATA%\\chilinh on Windows)."""
    return Path(platformdirs.user_data_dir("chilinh", appauthor=False)) / DB_FILENAME


def _known_migrations() -> set[str]:
    return set(migrations.names())


def _owner_only(path: Path) -> list[str]:
    """Make the data file and its WAL files owner-only (0600) on POSIX; the modes that were wider, as 0644."""
    if os.name != "posix":
        return []
    wider = []
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(name.stat().st_mode)
            if mode & 0o077:
                os.chmod(name, mode & 0o700 | 0o600)
                wider.append(f"{name.name} {mode:04o}")
        except OSError:
            continue  # absent (no WAL yet) or not ours to change: SQLite reports what matters
    return wider


def is_busy(exc: BaseException) -> bool:
    """Whether an SQLite error means another connection holds the file (locked or busy)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc) or "busy" in str(exc)


def busy_error(path: Path) -> StoreBusy:
    """The refusal for a data file another program keeps busy (nothing was written)."""
    return StoreBusy(
        _("The data file {path} is busy: another window or program is writing to it. Nothing was "
          "saved by this action and the data file is unchanged. Wait a moment and try again; if it "
          "stays busy, close the other copy of the program.", path=path)
    )


def store_failure(exc: BaseException, path: Path) -> StoreError | None:
    """The person's message for an SQLite failure that escaped a Store method (busy, read-only), or None.

    A safety net for the front ends: a write made outside `atomic()` that meets a busy or read-only
    file must still reach the person as a coded refusal, never as a traceback.
    """
    if is_busy(exc):
        return busy_error(path)
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
        return read_only_error(path)
    return None


def read_only_error(path: Path) -> StoreError:
    """The refusal of a write to a data file opened read-only."""
    return StoreError(
        _("The data file {path} is open read-only (the file or its folder cannot be written), so "
          "nothing was changed. Copy it to a folder you can write to, or ask for write access, "
          "then try again.", path=path),
        code="store.read_only",
    )


def is_writable(path: Path) -> bool:
    """Whether this process may change the data file and create its -wal beside it."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI for `path` that also works in a folder nobody may write to.

    WAL needs a -shm file beside the data file; in a read-only folder without one, SQLite can only
    read the file as immutable, which is safe exactly when no -wal holds newer pages.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists() and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"
    return uri


def inspect_file(path: Path, *, quick_check: bool = True) -> None:
    """Refuse (StoreError) a file that is not a healthy chilinh database; read-only.

    `quick_check=False` leaves out reading every page (`verify_integrity`): the window runs it on its
    writer thread after its first paint, before any write.
    """
    try:
        with open_regular(path) as fh:  # a FIFO or a device as --db is refused at once, never waited on
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        error = exc.strerror if isinstance(exc, NotRegularFile) else describe_os_error(exc)
        raise StoreError(_("Cannot read the data file {path}: {error}.", path=path, error=error),
                         code="store.unreadable") from exc
    if not header:
        return  # an empty file is a new database
    if header != SQLITE_MAGIC:
        raise StoreError(
            _("The file {path} is not a chilinh data file (it is not an SQLite database). "
              "It was not changed. Choose another file.", path=path),
            code="store.not_sqlite",
        )
    conn = _connect_read_only(path)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0] if quick_check else "ok"
        applied = _applied_migrations(conn, tables)
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(path) from exc
        if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
            # Not damage: the folder or file cannot be reached as SQLite needs (permissions).
            raise StoreError(_("Cannot open the data file {path}: {error}. It was not changed. Check that "
                               "you may read the file and its folder.", path=path, error=str(exc)),
                             code="store.unreadable") from exc
        raise damaged_error(path, str(exc)) from exc
    finally:
        conn.close()
    if check != "ok":
        raise damaged_error(path, check)
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


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the data file; StoreError `store.unreadable` when SQLite cannot open it."""
    try:
        return sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise StoreError(_("Cannot open the data file {path}: {error}.", path=path, error=str(exc)),
                         code="store.unreadable") from exc


def damaged_error(path: Path, error: str) -> StoreError:
    """The refusal of a data file whose pages SQLite finds damaged."""
    return StoreError(
        _("The data file {path} is damaged ({error}). It was not changed. "
          "Restore it from a backup.", path=path, error=error),
        code="store.damaged",
    )


def verify_integrity(path: Path) -> None:
    """Read every page of the data file (`PRAGMA quick_check`); StoreError `store.damaged` when one is bad."""
    conn = _connect_read_only(path)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(path) from exc
        raise damaged_error(path, str(exc)) from exc
    finally:
        conn.close()
    if check != "ok":
        raise damaged_error(path, check)


def _applied_migrations(conn: sqlite3.Connection, tables: set[str]) -> set[str]:
    if "_sqlite_migrations" not in tables:
        return set()
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])
    return {r[0] for r in rows}


class Store:
    """An open installation database; every multi-step write goes through `atomic()`.

    `read_only` is True when the file or its folder cannot be written: everything can be read,
    and every write is refused with a clear message (`store.read_only`).
    """

    def __init__(self, path: Path, db: Connection, clock: Clock, *, read_only: bool = False,
                 busy_timeout: float = 5.0) -> None:
        self.path = path
        self.db = db
        self.clock = clock
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self.notices: list[str] = []  # what opening found and fixed, to tell a person once
        self._definitions: Definitions | None = None
        self.reads_for: Store | None = None  # a reader: the writer whose committed state it reads
        self.pages_checked = True  # False: opened with check=False, `verify_integrity` has yet to read every page

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
    def open(cls, path: Path | str | None = None, *, clock: Clock | None = None,
             busy_timeout: float = 5.0, check: bool = True) -> Store:
        """Open (creating if absent) and migrate the database at `path`.

        `busy_timeout` is how long (seconds) a write waits for another program to finish its own
        before StoreBusy; the window may pass a longer one than the command line.
        `check=False` leaves reading every page for damage to the caller (`verify_integrity`, before
        its first write: `pages_checked` says it is still to do), unless the file needs migrating.
        """
        path = Path(path) if path is not None else default_db_path()
        checked = True
        if path.exists():
            if path.is_dir():
                raise StoreError(_("{path} is a folder, not a data file.", path=path))
            checked = check or path.stat().st_size == 0
            inspect_file(path, quick_check=checked)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Owner-only from the first byte: the file holds the installation's private keys
                # (SQLite gives its -wal and -shm the same mode).
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass  # another process created it meanwhile: open it as it is
            except OSError as exc:
                raise StoreError(
                    _("Cannot create the data folder {path}: {error}.", path=path.parent,
                      error=describe_os_error(exc))
                ) from exc
        read_only = path.exists() and path.stat().st_size > 0 and not is_writable(path)
        tightened = [] if read_only else _owner_only(path)
        try:
            if read_only:
                db = _open_read_only(path)
            else:
                conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
                db = Connection(conn)
                db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA foreign_keys=ON")
                if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if _known_migrations() - _applied_migrations(conn, tables):
                    if not checked:  # never migrate a damaged file
                        try:
                            verify_integrity(path)
                        except StoreError:
                            conn.close()
                            raise
                        checked = True
                    migrations.apply(db)  # loads sqlite-utils; a current file never does
        except sqlite3.Error as exc:
            if is_busy(exc):
                raise busy_error(path) from exc
            raise StoreError(_("Cannot open the data file {path}: {error}.", path=path, error=str(exc))) from exc
        store = cls(path, db, clock or SystemClock(), read_only=read_only, busy_timeout=busy_timeout)
        store.pages_checked = checked
        if tightened:
            store.notices.append(_("Warning: the data file {path} (it holds this installation's private keys) could "
                                   "be read by other users of this computer ({mode}); it is now readable by its "
                                   "owner only (0600).", path=path, mode=", ".join(tightened)))
        return store

    def read_only_notice(self) -> str | None:
        """What to tell a person when this store was opened read-only (None when it can be written)."""
        if self.reads_for is not None:
            return self.reads_for.read_only_notice()
        if not self.read_only:
            return None
        return _("The data file {path} cannot be written (the file or its folder is read-only), so it was "
                 "opened for reading only: you can look and print, but not change anything.", path=self.path)

    @classmethod
    def open_read_only(cls, path: Path, *, clock: Clock | None = None) -> Store:
        """A read-only connection to an existing data file, usable from another thread (WAL allows it)."""
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        return cls(Path(path), Connection(conn), clock or SystemClock(), read_only=True)

    @classmethod
    def open_reader(cls, writer: Store) -> Store:
        """A second connection to `writer`'s file, for reads on another thread while the writer writes.

        SQLite in WAL mode gives each read the last committed state: a row the writer has not
        committed yet, or rolls back, is never seen. The reader shares the writer's clock.
        """
        uri = read_only_uri(writer.path) if writer.read_only else f"{writer.path.resolve().as_uri()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout={int(writer.busy_timeout * 1000)}")
        except sqlite3.Error as exc:
            raise StoreError(_("Cannot open the data file {path}: {error}.", path=writer.path, error=str(exc))) from exc
        reader = cls(writer.path, Connection(conn), writer.clock, read_only=True, busy_timeout=writer.busy_timeout)
        reader.reads_for = writer
        return reader

    def close(self) -> None:
        """Close the connection (and checkpoint the WAL into the main file)."""
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):
                # Best effort, without waiting: another program writing would otherwise make every
                # busy refusal wait a second busy timeout here (10 s instead of the documented 5 s).
                self.db.execute("PRAGMA busy_timeout=0")
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One write transaction (a savepoint when nested), begun with BEGIN IMMEDIATE.

        Taking the write lock first means the busy timeout applies and no edit fails half-way
        because another program wrote meanwhile. StoreBusy if the file stays busy; nothing is written then.
        """
        if self.read_only:
            raise read_only_error(self.path)
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic() as db:  # a savepoint inside the caller's transaction
                yield db
            return
        self._begin()
        try:
            yield self.db
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if is_busy(exc):
                raise busy_error(self.path) from exc
            raise

    def _begin(self) -> None:
        # SQLite's busy handler already waits busy_timeout; this loop also covers the moments it
        # does not (a checkpoint in progress, a lock taken before the handler is installed).
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                self.db.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise busy_error(self.path) from exc
                time.sleep(0.05)

    def now_text(self) -> str:
        """The clock's current time as stored (ISO 8601, UTC)."""
        return self.clock.now().isoformat()

    def audit(self, actor: str, action: str, subject: str, **detail: object) -> None:
        """Record who did what to which subject (call inside the write's transaction)."""
        with self.atomic():
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
        with self.atomic():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")

    # -- backup ------------------------------------------------------------------------

    def backup(self, target: Path | str) -> Path:
        """Write a consistent copy of the live database to one new (or regular) file, owner-only."""
        target = Path(target)
        if target.exists() and target.resolve() == self.path.resolve():
            raise StoreError(_("A backup cannot be written over the data file itself ({path}). "
                               "Choose another file name.", path=target), code="store.backup_onto_itself")
        check_replaceable(target)
        copy_database(self.db.conn, target, private=True)
        return target


def copy_database(source: sqlite3.Connection, target: Path, *, private: bool = False) -> None:
    """Copy a live database into `target` with SQLite's online backup: via a .part, fsynced, renamed.

    The copy is a standalone file (rollback journal, not WAL), so one file is the whole state.
    """
    partial = part_path(target)
    try:
        remove_quietly(partial)
        # Created first, so an owner-only mode is set before any page is written.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600 if private else 0o666)
        if private and os.name == "posix":
            os.fchmod(fd, 0o600)
        os.close(fd)
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        fsync_file(partial)
        replace_file(partial, target)
    except FileWriteError:
        remove_quietly(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        remove_quietly(partial)
        if is_busy(exc):
            raise busy_error(target) from exc
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise StoreError(
            _("The backup could not be written to {path}: {error}. Your data is unchanged.",
              path=target, error=reason),
            code="store.backup_failed",
        ) from exc


def _open_read_only(path: Path) -> Connection:
    conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False, isolation_level=None)
    db = Connection(conn)
    db.execute("PRAGMA foreign_keys=ON")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if _known_migrations() - _applied_migrations(conn, tables):
        conn.close()
        raise StoreError(
            _("The data file {path} was written by an older version and must be upgraded, but it cannot "
              "be written (the file or its folder is read-only). It was not changed. Copy it to a folder "
              "you can write to and open the copy.", path=path),
            code="store.read_only_upgrade",
        )
    return db


def build_new_file(path: Path | str, fill: Callable[[Store], T], *, clock: Clock | None = None) -> T:
    """Create a data file whole or not at all: filled under `<name>.building`, then renamed over `path`.

    A build that is stopped (killed, a full disk) leaves no half-made file at `path` that a later
    command could take for a real installation; its `.building` file is removed by the next build.
    """
    path = Path(path)
    check_replaceable(path)
    building = path.with_name(path.name + BUILDING_SUFFIX)
    companions = [building, Path(f"{building}-wal"), Path(f"{building}-shm")]
    for leftover in companions:
        remove_quietly(leftover)
    try:
        store = Store.open(building, clock=clock)
        try:
            result = fill(store)
            # One self-contained file (no -wal beside it) is what gets renamed.
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.db.execute("PRAGMA journal_mode=DELETE")
        finally:
            store.db.close()
        fsync_file(building)
        # The replaced file's WAL must not be read into the new one.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        replace_file(building, path)
    except OSError as exc:
        for leftover in companions:
            remove_quietly(leftover)
        raise StoreError(_("Cannot create the data file {path}: {error}.", path=path,
                           error=describe_os_error(exc)), code="store.create_failed") from exc
    except BaseException:
        for leftover in companions:
            remove_quietly(leftover)
        raise
    return result


def restore(backup: Path | str, db_path: Path | str, clock: Clock | None = None, *, force: bool = False) -> Path | None:
    """Replace the data file with a checked backup; return where the old file was kept (core/restore.py)."""
    from chilinh_desktop.core.restore import restore_backup

    return restore_backup(Path(backup), Path(db_path), clock, force=force)

def utc_stamp(moment: dt.datetime) -> str:
    """A compact timestamp for file names."""
    return moment.strftime("%Y%m%dT%H%M%SZ")
