"""Worker processes for a batch of documents: spawned, one document at a time, watched.

Why not `concurrent.futures.ProcessPoolExecutor` (used before): its manager thread
wakes itself with zero-length pipe messages, and Wine 8's named pipes do not deliver a zero-length
message to a read: `poll()` reports one, the read that follows waits forever
(scripts/windows/wine_empty_message.py shows it). print-all under Wine hung that way, at random,
with PDFs written and no progress shown. CPython on a real Windows delivers such messages, so
Windows itself was not hung; but the executor also gives a batch, not one document, the blame when
a worker dies, and it needs a picklable exception to come back. Here:

- every message on a pipe carries a pickled value (never an empty one);
- each worker holds one document at a time, so the parent knows which one a dead or silent worker
  had: that document alone is affected;
- the document of a worker that dies is done again in this process, after the others (never in
  another worker); a document that does not finish within `stall_seconds` is reported as failed
  (running it again here could hang the program too): nothing is waited for forever, nothing is lost
  without a message; what no worker is left to do is done here, one after another;
- a task's error comes back as text (`Outcome.error`), so no exception object has to be pickled.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.i18n import _, current_language, set_language

START_SECONDS = 120.0  # a spawned worker must be ready by then (a frozen program on a slow PC, antivirus)
STALL_SECONDS = 90.0  # one document longer than this is a hung worker, not a slow one


@dataclass(frozen=True)
class Outcome:
    """What became of one job: its result, or the reason it failed (for a person)."""

    index: int
    result: Any = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def describe_failure(exc: BaseException) -> str:
    """A task's error as one line for a person: our own message, or the kind of error and its text."""
    if isinstance(exc, ChilinhError):
        return exc.message
    detail = f"{type(exc).__name__}: {exc}"
    return _("unexpected error: {error}", error=detail)


def run_task(task: Callable[[Any], Any], index: int, job: Any) -> Outcome:
    """Run one job, turning any error into an Outcome (the same in a worker and in this process)."""
    try:
        return Outcome(index, task(job))
    except Exception as exc:  # one document's failure is reported for that document; the batch goes on
        return Outcome(index, error=describe_failure(exc))


def _worker(task: Callable[[Any], Any], conn: Connection, language: str) -> None:
    set_language(language)  # messages and printed texts in the parent's language
    conn.send(("ready",))
    while True:
        message = conn.recv()
        if message is None:
            return
        index, job = message
        conn.send(run_task(task, index, job))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    since: float  # when it was started, or given its current job
    job: int | None = None  # the index of the job it holds
    ready: bool = False

    def overdue(self, now: float, start_seconds: float, stall_seconds: float) -> bool:
        return now > self.since + (stall_seconds if self.ready else start_seconds)

    def deadline(self, start_seconds: float, stall_seconds: float) -> float:
        return self.since + (stall_seconds if self.ready else start_seconds)


@dataclass
class Batch:
    """What a batch did: one Outcome per job (in completion order), and notes for the person."""

    outcomes: list[Outcome]
    notes: list[str]


def run_batch(task: Callable[[Any], Any], jobs: Sequence[Any] | Callable[[], Sequence[Any]], workers: int, *,
              on_outcome: Callable[[Outcome], None] = lambda outcome: None,
              start_seconds: float = START_SECONDS, stall_seconds: float = STALL_SECONDS) -> Batch:
    """Run `task(job)` for every job in up to `workers` spawned processes; never wait forever.

    `task` must be a module-level function (workers import it by name). Each outcome is passed to
    `on_outcome` as soon as it is known (progress). Jobs a dead worker held, and jobs left when no
    worker is left, are run in this process afterwards. `jobs` may be a function that makes them: it is
    called once the workers are starting, so their start-up (a new interpreter, its imports, the fonts)
    goes on while this process reads; if it raises, the workers are stopped and the error goes up."""
    context = multiprocessing.get_context("spawn")  # as on Windows and in the frozen program, everywhere
    make = jobs if callable(jobs) else None
    items: Sequence[Any] = () if callable(jobs) else jobs
    todo: deque[int] = deque()
    here: list[int] = []  # jobs whose worker died: run again in this process, never in another worker
    batch = Batch([], [])
    pool: dict[Connection, _Worker] = {}
    done: list[_Worker] = []  # told to stop; joined at the end

    def record(outcome: Outcome) -> None:
        batch.outcomes.append(outcome)
        on_outcome(outcome)

    def hand_out(worker: _Worker) -> None:
        worker.job = todo.popleft() if todo else None
        worker.since = time.monotonic()
        try:
            worker.conn.send(None if worker.job is None else (worker.job, items[worker.job]))
        except OSError:  # its pipe broke: it is dead; the next wait() sees its exit
            return
        if worker.job is None:
            del pool[worker.conn]
            done.append(worker)

    def give_up(worker: _Worker, why: str) -> None:
        del pool[worker.conn]
        worker.process.kill()
        done.append(worker)
        batch.notes.append(_("A print process stopped ({why}); the remaining documents were printed without it.",
                             why=why))

    for _n in range(workers if make else min(workers, len(items))):
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(task, theirs, current_language()), daemon=True,
                                  name="chilinh-print")
        process.start()
        theirs.close()
        pool[ours] = _Worker(process, ours, time.monotonic())
    try:
        if make is not None:
            items = make()
        todo.extend(range(len(items)))
        while pool:
            timeout = min(w.deadline(start_seconds, stall_seconds) for w in pool.values()) - time.monotonic()
            ready = wait([*pool, *(w.process.sentinel for w in pool.values())], max(0.0, timeout))
            now = time.monotonic()
            for worker in list(pool.values()):
                message: object = None
                if worker.conn in ready:
                    with contextlib.suppress(EOFError, OSError):  # it died: seen below
                        message = worker.conn.recv()
                if isinstance(message, Outcome):
                    record(message)
                    hand_out(worker)
                elif message == ("ready",):
                    worker.ready = True
                    hand_out(worker)
                elif worker.conn in ready or worker.process.sentinel in ready:  # died
                    if worker.job is not None:
                        here.append(worker.job)
                    worker.process.join(5)
                    give_up(worker, _("exit code {code}", code=worker.process.exitcode))
                elif worker.overdue(now, start_seconds, stall_seconds):
                    if worker.job is not None:  # hung on this document: not tried again (it could hang us)
                        record(Outcome(worker.job, error=_(
                            "not finished after {seconds:.0f} seconds; the print process working on it was stopped",
                            seconds=stall_seconds)))
                    give_up(worker, _("no answer for {seconds:.0f} seconds",
                                      seconds=stall_seconds if worker.ready else start_seconds))
    finally:
        for worker in pool.values():  # left only when interrupted (Ctrl+C): stop them at once
            worker.process.kill()
        for worker in [*pool.values(), *done]:
            worker.process.join(5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
    for index in [*here, *todo]:  # one after another, here
        record(run_task(task, index, items[index]))
    return batch
