"""Background work: one serial worker for every write, and a pool for long read-only jobs.

Widgets never touch the database for a change. They submit an `Operation` (a core call);
it runs on the one writer thread, in order, and its result comes back to the GUI thread
together with the set of things it changed, so each view refreshes only what it shows.
Long jobs (printing a whole unit, later export/import) run on a pool with their own
read-only connection, report progress and can be cancelled.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes as change_keys
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.session import Session, Store


@dataclass
class Operation:
    """A core call to run off the GUI thread, and what it changes (typed keys, ops/changes.py)."""

    run: Callable[[Store], Any]
    changes: frozenset[str] = frozenset()
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[Exception], None] | None = None
    label: str = ""


def error_text(exc: BaseException) -> str:
    """What to tell a person about a failure."""
    if isinstance(exc, ChilinhError):
        return exc.message
    return _("An unexpected error happened: {error}. Your saved work is safe; try again.", error=str(exc))


class _Refused(Exception):
    """An operation not run: the data file failed the check that comes before the first write."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _Writer(QObject):
    finished = Signal(object, object, object)  # operation, result, error

    def __init__(self, store: Store, verify: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._store = store
        self._verify = verify  # runs before the first operation: a damaged file is never written
        self._refusal: _Refused | None = None

    @Slot(object)
    def run(self, op: Operation) -> None:
        if self._verify is not None:
            verify, self._verify = self._verify, None
            try:
                verify()
            except Exception as exc:
                self._refusal = _Refused(exc)
        if self._refusal is not None:  # this operation and every later one, unrun
            self.finished.emit(op, None, self._refusal)
            return
        try:
            result = op.run(self._store)
        except Exception as exc:  # every failure goes back to the GUI thread to be shown
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.finished.emit(op, None, exc)
        else:
            self.finished.emit(op, result, None)


class OperationRunner(QObject):
    """Runs operations one at a time on a worker thread; results and changes return to the GUI thread."""

    changed = Signal(object)  # frozenset[str]
    failed = Signal(str)  # a message for a person, when the operation had no on_error of its own
    refused = Signal(object)  # the check before the first write failed (its error, once); nothing is written
    busy_changed = Signal(bool)
    _submit = Signal(object)

    def __init__(self, session: Session | Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The writer connection is used on the worker thread only; the GUI thread reads on the session's reader.
        self.session = session if isinstance(session, Session) else Session(session)
        self.store = self.session.writer
        self._pending = 0
        self._thread = QThread()
        self._thread.setObjectName("chilinh-writer")
        # A file opened without reading every page (the window, to show itself sooner) is read before
        # the first write, on this thread, in order with the writes.
        verify = None if self.store.pages_checked else self.session.verify_pages
        self._writer = _Writer(self.store, verify)
        self._refusal_told = False
        self._writer.moveToThread(self._thread)
        self._submit.connect(self._writer.run)
        self._writer.finished.connect(self._on_finished)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Operations submitted and not yet finished."""
        return self._pending

    def submit(self, op: Operation) -> None:
        """Queue an operation; it runs after every earlier one."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._submit.emit(op)

    def call(
        self,
        run: Callable[[Store], Any],
        *,
        changes: frozenset[str] | set[str] = frozenset(),
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Shorthand for `submit(Operation(...))`."""
        self.submit(Operation(run, frozenset(changes), on_done, on_error))

    @Slot(object, object, object)
    def _on_finished(self, op: Operation, result: Any, error: Exception | None) -> None:
        self._pending -= 1
        try:
            if isinstance(error, _Refused):
                if not self._refusal_told:  # told once; the operations after it are dropped quietly
                    self._refusal_told = True
                    self.refused.emit(error.cause)
            elif error is not None:
                if op.on_error is not None:
                    op.on_error(error)
                else:
                    self.failed.emit(error_text(error))
            else:
                if op.on_done is not None:
                    op.on_done(result)
                # An operation's result says what it changed (ops/changes.py); the caller may add more.
                changed = op.changes | frozenset(getattr(result, "changes", None) or ())
                if change_keys.DEFINITIONS in changed:  # before any view reads them again
                    self.session.definitions_changed()
                if changed:
                    self.changed.emit(changed)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def check_before_writing(self) -> None:
        """Run the check that precedes the first write now, so a damaged file is told at once."""
        self.call(lambda _store: None)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Process events until every submitted operation has finished (closing, tests)."""
        deadline = time.monotonic() + timeout
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(2)
        return self._pending == 0

    def shutdown(self) -> None:
        """Finish queued work, then stop the worker thread."""
        self.wait_idle()
        self._thread.quit()
        self._thread.wait()


class Cancelled(Exception):
    """A long job stopped because the person pressed Cancel."""


def read_only_store(store: Store) -> Store:
    """A second, read-only connection to the same file, for a job on another thread (WAL allows it)."""
    return Store.open_read_only(store.path, clock=store.clock)


@dataclass
class JobControl:
    """What a running job sees: report progress, ask whether it was cancelled."""

    progress: Callable[[int, int, str], None]
    cancelled: Callable[[], bool]

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report progress and stop (Cancelled) if the person asked to."""
        if self.cancelled():
            raise Cancelled()
        self.progress(done, total, text)


class _JobSignals(QObject):
    progress = Signal(object, int, int, str)  # job, done, total, text
    finished = Signal(object, object, object)  # job, result, error


class _JobRunnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job

    def run(self) -> None:
        job = self._job
        control = JobControl(lambda d, t, s: job.signals.progress.emit(job, d, t, s), lambda: job.cancel_requested)
        try:
            store = read_only_store(job.store)
            try:
                result = job.fn(store, control)
            finally:
                store.db.close()
        except Exception as exc:
            job.signals.finished.emit(job, None, exc)
        else:
            job.signals.finished.emit(job, result, None)


@dataclass(eq=False)
class Job:
    """A long read-only task: fn(store, control) -> result, on the pool."""

    store: Store
    fn: Callable[[Store, JobControl], Any]
    title: str
    on_done: Callable[[Any], None] | None = None
    cancel_requested: bool = False
    signals: _JobSignals = field(default_factory=_JobSignals)

    def cancel(self) -> None:
        """Ask the job to stop at its next step."""
        self.cancel_requested = True


class JobRunner(QObject):
    """Starts long jobs and tells the window about their progress and end."""

    started = Signal(object)  # Job
    progress = Signal(object, int, int, str)
    finished = Signal(object, object, object)  # Job, result, error (Cancelled when cancelled)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.running: list[Job] = []

    def start(
        self,
        fn: Callable[[Store, JobControl], Any],
        title: str,
        on_done: Callable[[Any], None] | None = None,
    ) -> Job:
        """Run fn on the pool; on_done(result) runs on the GUI thread if it succeeds."""
        job = Job(self.store, fn, title, on_done)
        self.running.append(job)
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._on_finished)
        self.started.emit(job)
        self.pool.start(_JobRunnable(job))
        return job

    @Slot(object, int, int, str)
    def _on_progress(self, job: Job, done: int, total: int, text: str) -> None:
        self.progress.emit(job, done, total, text)

    @Slot(object, object, object)
    def _on_finished(self, job: Job, result: Any, error: Exception | None) -> None:
        if job in self.running:
            self.running.remove(job)
        if error is None and job.on_done is not None:
            job.on_done(result)
        self.finished.emit(job, result, error)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Process events until every job has finished (tests)."""
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QThread.msleep(2)
        return not self.running

    def shutdown(self) -> None:
        """Cancel running jobs and wait for the pool."""
        for job in list(self.running):
            job.cancel()
        self.pool.waitForDone(10_000)
