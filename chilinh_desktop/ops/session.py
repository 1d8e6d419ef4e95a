"""One open data file: its connections, the clock, the settings and the definitions.

A `Session` is the one door to everything below ops/. It owns the writer connection (used by the
caller on the command line, and only by the serial writer thread in the window) and, for the
window, a read connection of its own for the GUI thread: SQLite in WAL mode lets one writer and
many readers work at once, and a reader sees only what a writer committed, never a row that is
later rolled back. "Today" is decided here, once: `--today`, else a day pinned in the data file
(the demo's), else the computer's clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.clock import Clock, FixedClock, SystemClock, parse_date
from chilinh_desktop.core.cycles import Cycle as Cycle  # re-exported: the plain types the front ends hold
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.settings import Settings, load_settings
from chilinh_desktop.core.store import Store as Store  # re-exported: what a use case runs on
from chilinh_desktop.core.store import default_db_path as default_db_path  # re-exported: the per-user data file
from chilinh_desktop.core.store import verify_integrity
from chilinh_desktop.i18n import _

if TYPE_CHECKING:
    from chilinh_desktop.core.definitions import Definitions
    from chilinh_desktop.core.vocabulary import Vocabulary


def parse_today(text: str) -> dt.date:
    """A "today" given by a person (`--today`, a pinned day), or a Vietnamese error naming it."""
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError(
            _("{value} is not a valid date. Write it as YYYY-MM-DD, for example 2023-12-05.", value=text),
            [("today", text)],
        ) from None


def clock_for(store: Store, today: str | None = None) -> Clock:
    """The one clock rule: `today` wins; else a day pinned in the data file; else the computer's clock."""
    text = today or load_settings(store).today
    return FixedClock(parse_today(text)) if text else SystemClock()


class Session:
    """One open data file, as every use case reaches it (Vietnamese: phiên làm việc).

    `writer` is the connection writes go through; `reader` the connection the window's GUI thread
    reads on (the command line, which has one thread, reads on the writer).
    """

    def __init__(self, store: Store, *, separate_reader: bool = False) -> None:
        self.writer = store
        self._separate_reader = separate_reader
        self._reader: Store | None = None

    @classmethod
    def open(cls, path: Path | str | None = None, *, today: str | None = None, busy_timeout: float = 5.0,
             separate_reader: bool = False) -> Session:
        """Open (creating and migrating if needed) the data file at `path` with the one clock rule."""
        store = Store.open(path, busy_timeout=busy_timeout)
        try:
            store.clock = clock_for(store, today)
        except BaseException:
            store.close()
            raise
        return cls(store, separate_reader=separate_reader)

    def verify_pages(self) -> None:
        """Read every page of a file opened with `check=False` for damage (StoreError `store.damaged`), once.

        The window calls it on its writer thread before that thread's first write.
        """
        if not self.writer.pages_checked:
            verify_integrity(self.writer.path)
            self.writer.pages_checked = True

    @property
    def reader(self) -> Store:
        """The connection for reads on the GUI thread (opened on first use); the writer when there is one thread."""
        if not self._separate_reader:
            return self.writer
        if self._reader is None:
            self._reader = Store.open_reader(self.writer)
        return self._reader

    @property
    def path(self) -> Path:
        """The data file."""
        return self.writer.path

    @property
    def clock(self) -> Clock:
        """The session's clock (both connections use it)."""
        return self.writer.clock

    @property
    def read_only(self) -> bool:
        """Whether the data file could only be opened for reading."""
        return self.writer.read_only

    @property
    def settings(self) -> Settings:
        """The stored settings, as committed (read on the reader)."""
        return load_settings(self.reader)

    @property
    def vocabulary(self) -> Vocabulary:
        """The kinds of unit and management tiers this data file uses."""
        from chilinh_desktop.core.vocabulary import vocabulary

        return vocabulary(self.reader.definitions)

    def cycle(self, cycle_id: str | None = None) -> Cycle:
        """A cycle of this data file (the current one by default), read on the reader."""
        from chilinh_desktop.core.cycles import get_cycle

        return get_cycle(self.reader, cycle_id)

    @property
    def definitions(self) -> Definitions:
        """The forms, scales and rule sets this data file uses (read on the reader)."""
        return self.reader.definitions

    def definitions_changed(self) -> None:
        """A write stored new definitions: the reader parses them again on next use."""
        if self._reader is not None:
            self._reader.reload_definitions()

    def close_reader(self) -> None:
        """Close the read connection (the window closing); the writer stays with whoever opened it."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def close(self) -> None:
        """Close the reader, then the writer (which checkpoints the WAL)."""
        self.close_reader()
        self.writer.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def find_cycle(store: Store, cycle_id: str | None = None) -> Cycle:
    """A cycle of the data file by id, or its current one (NotFoundError when there is none)."""
    from chilinh_desktop.core.cycles import get_cycle

    return get_cycle(store, cycle_id)
