"""The data file's connection: plain sqlite3 for reads, sqlite-utils loaded on the first table write.

Opening the window or running `status` only reads, so importing sqlite-utils (and click, pluggy and
dateutil with it, about a tenth of the window's start) waits until something is inserted or a
migration runs. Writes through `db["table"]` and `db.atomic()` are sqlite-utils' own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


class Connection:
    """What the code uses of sqlite-utils' Database, with the Database itself made on first need."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        """sqlite-utils' Database over the same connection (imported on first use)."""
        if self._database is None:
            from sqlite_utils import Database

            self._database = Database(self.conn)
        return self._database

    def execute(self, sql: str, parameters: Iterable[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement on the connection."""
        return self.conn.execute(sql, parameters if parameters is not None else ())

    def executescript(self, script: str) -> sqlite3.Cursor:
        """Run several statements."""
        return self.conn.executescript(script)

    def __getitem__(self, table: str) -> Any:
        return self.database[table]

    def atomic(self) -> Any:
        """sqlite-utils' transaction (a savepoint when nested)."""
        return self.database.atomic()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
