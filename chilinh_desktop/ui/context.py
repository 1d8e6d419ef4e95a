"""What every screen of one open data file shares: the store, the cycle, the runners, autosave."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chilinh_desktop.ops.session import Cycle, Session, Store
from chilinh_desktop.ui.autosave import Autosave
from chilinh_desktop.ui.journal import EditJournal
from chilinh_desktop.ui.operations import JobRunner, OperationRunner

if TYPE_CHECKING:
    from chilinh_desktop.ops.forms import Scales


@dataclass
class AppContext:
    """One open installation as the window sees it (reads on the GUI thread, writes via `runner`).

    `store` is the session's read connection: the GUI thread reads only what the writer committed.
    Writes go through `runner`, whose one thread alone uses the writer connection.
    """

    session: Session
    store: Store
    cycle: Cycle
    runner: OperationRunner
    jobs: JobRunner
    journal: EditJournal
    autosave: Autosave
    actor: str

    @functools.cached_property
    def scales(self) -> Scales:
        """The cycle's rating and level scales, read when an editor first needs them (not at start-up)."""
        from chilinh_desktop.ops.forms import scales_for

        return scales_for(self.cycle)
