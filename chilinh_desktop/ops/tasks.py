"""Approving or returning registered breakthrough tasks (form DP2024), and the approved tasks per cadre.

`chilinh tasks` calls these. Only the approving level (the kit's setting: the Board, or the unit
leadership) may decide; a return needs its note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chilinh_desktop.core import tasks as core_tasks
from chilinh_desktop.core.assignments import unit_names
from chilinh_desktop.core.cycles import Cycle, get_cycle
from chilinh_desktop.core.errors import NotFoundError, StateError, ValidationError
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.tasks import APPROVERS, DECISIONS, RETURNED, Task
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.i18n import _

TASKS = "tasks"  # change key: decisions on breakthrough tasks


@dataclass(frozen=True)
class TaskList:
    """Every registered task and who approves them here."""

    tasks: list[Task]
    approver: str  # "board" or "unit"
    may_decide: bool  # whether this installation is the approving level
    unit_names: dict[str, str] = field(default_factory=dict)  # unit code -> name (lists show names, not codes)

    def unit_name(self, code: str) -> str:
        """A unit's name (its code if the tree no longer has it)."""
        return self.unit_names.get(code, code)


@dataclass(frozen=True)
class TaskDecided:
    """A decision recorded on one task."""

    task: Task
    decision: str

    @property
    def changes(self) -> frozenset[str]:
        """What recording it changed."""
        return frozenset({TASKS})


def _may_decide(store: Store, approver: str) -> bool:
    return load_settings(store).is_board == (approver == "board")


def task_list(store: Store, cycle: Cycle | None = None) -> TaskList:
    """The registered tasks of the cycle (read-only)."""
    cycle = cycle or get_cycle(store)
    approver = core_tasks.approver(store, cycle)
    return TaskList(core_tasks.tasks(store, cycle), approver, _may_decide(store, approver), unit_names(store))


def approved_by_cadre(store: Store, cycle: Cycle | None = None) -> dict[str, list[Task]]:
    """Approved tasks per cadre id (for the next cycle's dossier)."""
    return core_tasks.approved_tasks(store, cycle or get_cycle(store))


def set_approver(store: Store, approver: str, *, actor: str) -> str:
    """Set who approves tasks (the Board sets it; its kits carry it to the units)."""
    if approver not in APPROVERS:
        raise ValidationError(_("The approver must be board or unit."), [("approver", approver)])
    with store.atomic():
        store.set_setting(core_tasks.APPROVER_SETTING, approver)
        store.audit(actor, "task.approver", "settings", approver=approver)
    return approver


def decide(store: Store, official_id: str, task_no: int, decision: str, note: str | None = None, *,
           actor: str) -> TaskDecided:
    """Approve or return one registered task; refused at the wrong level, or for a return without its note."""
    cycle = get_cycle(store)
    note = clean_line(note or "")
    if decision not in DECISIONS:
        raise ValidationError(_("The decision must be approved or returned."), [("decision", decision)])
    if decision == RETURNED and not note:
        raise ValidationError(_("Write the note saying why the task is returned; nothing was recorded."),
                              [("note", _("required to return"))])
    _check_level(store, core_tasks.approver(store, cycle))
    found = _task(store, cycle, official_id, task_no)
    core_tasks.record_decision(store, cycle, found, decision, note, actor=actor)
    return TaskDecided(found, decision)


def _task(store: Store, cycle: Cycle, official_id: str, task_no: int) -> Task:
    found = next((t for t in core_tasks.tasks(store, cycle) if t.official_id == official_id and t.task_no == task_no),
                 None)
    if found is None:
        raise NotFoundError(_("The cadre {id} has no registered task number {n}. List them with `chilinh tasks`.",
                              id=official_id, n=task_no), code="task.unknown")
    return found


def _check_level(store: Store, approver: str) -> None:
    if not _may_decide(store, approver):
        raise StateError(_("Breakthrough tasks of this cycle are approved by {level}; nothing was recorded here.",
                           level=_("the Organisation Board") if approver == "board" else _("the unit leadership")),
                         code="task.not_approver")


def withdraw(store: Store, official_id: str, task_no: int, *, actor: str) -> TaskDecided:
    """Withdraw the decision recorded on one task (a mistake): it awaits approval again; audited."""
    cycle = get_cycle(store)
    _check_level(store, core_tasks.approver(store, cycle))
    found = _task(store, cycle, official_id, task_no)
    if not core_tasks.withdraw_decision(store, cycle, found, actor=actor):
        raise StateError(_("No decision on the task “{task}” was recorded here; nothing was changed.",
                           task=found.task), code="task.no_decision")
    return TaskDecided(found, core_tasks.PENDING)
