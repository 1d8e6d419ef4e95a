"""Approval of registered breakthrough tasks (phê duyệt việc đột phá, sáng tạo; Công văn 789-CV/TU §3.1).

Each leader registers 1–2 tasks on form DP2024; the competent level approves or returns each with a
note. Who approves is the kit's setting (`task_approver`: "board" or "unit"; default from
forms/duties/<cycle>.toml). The tasks are read from the units' current packages at the Board and
from this installation's own dossiers otherwise; only decisions are stored. `approved_tasks` is what
the next cycle's dossier shows for reporting results (branch `cycles` builds that cycle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.board import current_packages
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.package_documents import TaskDecisionRecord
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line

APPROVED, RETURNED, PENDING = "approved", "returned", "pending"
DECISIONS = (APPROVED, RETURNED)
APPROVER_SETTING = "task_approver"
APPROVERS = ("board", "unit")


@dataclass(frozen=True)
class Task:
    """One registered task of one cadre, with the decision on it."""

    official_id: str
    official_name: str
    unit_code: str
    task_no: int  # 1-based row of the registration
    task: str
    details: dict[str, Any]  # the row's other columns (product, deadline, responsible …)
    status: str
    note: str
    decided_by: str
    decided_at: str

    def to_json(self) -> dict[str, Any]:
        """The task for scripts and for the next cycle."""
        return dict(self.__dict__)


def approver(store: Store, cycle: Cycle) -> str:
    """Who approves tasks in this cycle: the kit's (or Board's) setting, else the cycle's duties default."""
    value = store.get_setting(APPROVER_SETTING)
    return value if value in APPROVERS else duties_rules(cycle).tasks.approver


_Registered = tuple[str, str, str, list[dict[str, Any]]]
_Decision = tuple[str, str, str, str, str]  # decision, note, by, at, the task's text when decided


def _registered(store: Store, cycle: Cycle) -> tuple[list[_Registered], dict[tuple[str, int], _Decision]]:
    """Every cadre's registered rows, and the decisions the unit leadership sent with its package."""
    rule = duties_rules(cycle).tasks
    found: dict[str, _Registered] = {}
    sent: dict[tuple[str, int], _Decision] = {}
    for code, (_package, stored) in current_packages(store, cycle.id).items():  # each parsed once per open file
        unit_doc, officials = stored.unit_doc, stored.officials
        ids = {doc.official.id for doc in officials}
        for d in unit_doc.task_decisions:
            if d.official_id in ids:  # a package speaks only for its own cadres
                sent[(d.official_id, d.task_no)] = (d.decision, d.note, d.decided_by, d.decided_at, d.task)
        for doc in officials:
            item = next((i for i in doc.dossier.items.values() if i.form_id == rule.form and i.answers), None)
            if item is not None:
                found[doc.official.id] = (doc.official.id, doc.official.full_name, code,
                                          list(item.answers.get(rule.field) or []))
    for official_id, name, code, text in store.db.execute(
            "SELECT o.id, o.full_name, u.code, i.answers FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
            "JOIN officials o ON o.id = d.official_id JOIN units u ON u.id = d.unit_id WHERE d.cycle_id = ? "
            "AND i.form_id = ? AND i.answers IS NOT NULL ORDER BY u.code, o.sort_key", [cycle.id, rule.form]):
        if official_id not in found:
            found[official_id] = (official_id, name, code, list(json.loads(text or "{}").get(rule.field) or []))
    return sorted(found.values(), key=lambda r: (r[2], r[1])), sent


def tasks(store: Store, cycle: Cycle) -> list[Task]:
    """Every registered task, cadre by cadre, with its decision."""
    column = duties_rules(cycle).tasks.column
    registered, sent = _registered(store, cycle)
    if approver(store, cycle) != "unit":
        sent = {}  # a unit's package never decides what the Board approves (import refuses it; older rows too)
    decisions = {**sent, **{(r[0], r[1]): r[2:] for r in store.db.execute(
        "SELECT official_id, task_no, decision, note, decided_by, decided_at, task FROM task_approvals "
        "WHERE cycle_id = ?", [cycle.id])}}
    result = []
    for official_id, name, code, rows in registered:
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict) or not clean_line(str(row.get(column) or "")):
                continue
            text = clean_line(str(row[column]))
            decision, note, by, at, decided_task = decisions.get((official_id, n), (PENDING, "", "", "", text))
            if decided_task != text:  # the task was rewritten after the decision: decide again
                decision, note, by, at = PENDING, "", "", ""
            result.append(Task(official_id, name, code, n, text, {k: v for k, v in row.items() if k != column},
                               decision, note, by, at))
    return result


def record_decision(store: Store, cycle: Cycle, task: Task, decision: str, note: str, *, actor: str) -> None:
    """Store the decision on one task (replacing an earlier one), audited."""
    with store.atomic():
        store.db.execute(
            "INSERT OR REPLACE INTO task_approvals (cycle_id, official_id, task_no, task, decision, note, decided_by, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [cycle.id, task.official_id, task.task_no, task.task, decision, note, actor, store.now_text()])
        store.audit(actor, "task.decide", f"official:{task.official_id}", cycle=cycle.id, task_no=task.task_no,
                    task=task.task, decision=decision, note=note, previous=task.status)


def withdraw_decision(store: Store, cycle: Cycle, task: Task, *, actor: str) -> bool:
    """Remove the decision recorded here on one task (a mistake), audited; False when none was recorded here."""
    with store.atomic():
        removed = store.db.execute("DELETE FROM task_approvals WHERE cycle_id = ? AND official_id = ? AND task_no = ?",
                                   [cycle.id, task.official_id, task.task_no]).rowcount
        if removed:
            store.audit(actor, "task.withdraw", f"official:{task.official_id}", cycle=cycle.id, task_no=task.task_no,
                        task=task.task, previous=task.status, note=task.note)
    return bool(removed)


def approved_tasks(store: Store, cycle: Cycle) -> dict[str, list[Task]]:
    """Approved tasks per cadre id: what the next cycle's dossier shows for reporting their results."""
    result: dict[str, list[Task]] = {}
    for task in tasks(store, cycle):
        if task.status == APPROVED:
            result.setdefault(task.official_id, []).append(task)
    return result


def unit_task_decisions(store: Store, cycle: Cycle, official_ids: list[str]) -> list[TaskDecisionRecord]:
    """The decisions taken here on these cadres' tasks, for the unit's package (the Board lists them)."""
    wanted = set(official_ids)
    return [TaskDecisionRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in store.db.execute(
        "SELECT official_id, task_no, task, decision, note, decided_by, decided_at FROM task_approvals "
        "WHERE cycle_id = ? ORDER BY official_id, task_no", [cycle.id]) if r[0] in wanted]
