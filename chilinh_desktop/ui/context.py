"""What every screen of one open data file shares: the store, the cycle, the runners, autosave."""

from __future__ import annotations

from dataclasses import dataclass

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.ui.autosave import Autosave
from chilinh_desktop.ui.journal import EditJournal
from chilinh_desktop.ui.operations import JobRunner, OperationRunner


@dataclass
class AppContext:
    """One open installation as the window sees it (reads on the GUI thread, writes via `runner`)."""

    store: Store
    cycle: Cycle
    scales: Scales
    runner: OperationRunner
    jobs: JobRunner
    journal: EditJournal
    autosave: Autosave
    actor: str
