"""Commands of the Board's own duties: appraising commendations, assigned leaders, meetings, tasks."""

from __future__ import annotations

import argparse
from pathlib import Path

from chilinh_desktop.cli.common import db_argument, format_date, open_store, print_json, print_table
from chilinh_desktop.i18n import _


def _status_names() -> dict[str, str]:
    return {"pending": _("not appraised"), "accepted": _("accepted"), "rejected": _("rejected")}


def _kind_names() -> dict[str, str]:
    return {"to_chuc": _("Party organisation"), "dang_vien": _("Party member")}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the duties' commands to the CLI."""
    p = sub.add_parser("commendations", help=_("list and appraise the commendation proposals received (Board)"))
    db_argument(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=_("count days from this day instead of today"))
    p.set_defaults(func=cmd_commendations)
    actions = p.add_subparsers(dest="commendations_command", metavar=_("ACTION"), parser_class=type(p))
    q = actions.add_parser("appraise", help=_("record the Board's decision on one proposal"))
    db_argument(q)
    q.add_argument("--id", required=True, metavar="ID", help=_("the proposal id (see `chilinh commendations`)"))
    q.add_argument("--decision", required=True, choices=("accepted", "rejected"), help=_("the decision"))
    q.add_argument("--reason", metavar="TEXT", help=_("why (required to reject)"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_appraise)
    q = actions.add_parser("withdraw", help=_("withdraw the Board's decision on one proposal (audited)"))
    db_argument(q)
    q.add_argument("--id", required=True, metavar="ID", help=_("the proposal id (see `chilinh commendations`)"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_withdraw_appraisal)
    register_leaders(sub)
    register_meetings(sub)
    register_tasks(sub)


def cmd_commendations(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.commendations import worklist

    with open_store(args) as store:
        work = worklist(store)
    if args.json:
        print_json({"deadline": work.deadline.isoformat(), "pending": work.pending, "flagged": work.flagged,
                    "proposals": [p.to_json() for p in work.proposals]})
        return 0
    statuses, kinds = _status_names(), _kind_names()
    print_table([_("Id"), _("Unit"), _("Proposed for"), _("Kind"), _("Level"), _("Rating"), _("Status"), _("Flag")],
                [[p.id, p.unit_name, p.name, kinds.get(p.kind, p.kind), p.level, p.rating or "—",
                  statuses.get(p.status, p.status) + (f" ({p.reason})" if p.reason else ""), "!" if p.flag else ""]
                 for p in work.proposals])
    for p in work.proposals:
        if p.flag:
            print(f"  ! {p.id}: {p.flag}")
    print(_("Appraisal deadline: {date}; not appraised: {n}.", date=format_date(work.deadline), n=work.pending))
    return 0


def cmd_appraise(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.commendations import appraise

    with open_store(args) as store:
        done = appraise(store, args.id, args.decision, args.reason, actor=args.actor)
    print(_("Recorded: {name} ({unit}) — {decision}.", name=done.proposal.name, unit=done.proposal.unit_code,
            decision=_status_names()[done.decision]))
    return 0


def cmd_withdraw_appraisal(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.commendations import withdraw

    with open_store(args) as store:
        done = withdraw(store, args.id, actor=args.actor)
    print(_("Decision withdrawn: {name} ({unit}) is to be appraised again.", name=done.proposal.name,
            unit=done.proposal.unit_name))
    return 0


def register_leaders(sub: argparse._SubParsersAction) -> None:
    """`chilinh leaders assign|list|import` (Thông báo 1198-TB/TU)."""
    p = sub.add_parser("leaders", help=_("the leaders assigned to attend units' review meetings (Board)"))
    actions = p.add_subparsers(dest="leaders_command", metavar=_("ACTION"), parser_class=type(p), required=True)
    q = actions.add_parser("assign", help=_("assign a leader to a unit's review meeting (several per unit)"))
    db_argument(q)
    q.add_argument("--unit", required=True, metavar="UNIT", help=_("the unit: its code or its exact name"))
    q.add_argument("--name", required=True, metavar="NAME", help=_("the leader's full name"))
    q.add_argument("--post", default="", metavar="POST", help=_("the leader's post"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_leaders_assign)
    q = actions.add_parser("remove", help=_("remove a wrong assignment (recorded in the audit trail)"))
    db_argument(q)
    q.add_argument("--unit", required=True, metavar="UNIT", help=_("the unit: its code or its exact name"))
    q.add_argument("--name", required=True, metavar="NAME", help=_("the leader's full name"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_leaders_remove)
    q = actions.add_parser("list", help=_("list the assignments"))
    db_argument(q)
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.set_defaults(func=cmd_leaders_list)
    q = actions.add_parser("import", help=_("import the assignments from an Excel list (.xlsx)"))
    db_argument(q)
    q.add_argument("--from", dest="source", required=True, type=Path, metavar="FILE.xlsx",
                   help=_("the workbook: columns Mã đơn vị, Họ và tên, Chức vụ"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_leaders_import)


def cmd_leaders_assign(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.leaders import assign

    with open_store(args) as store:
        row = assign(store, args.unit, args.name, args.post, actor=args.actor).rows[0]
    print(_("Assigned: {leader} to the review meeting of {code}.", leader=row.line, code=row.unit_code))
    return 0


def cmd_leaders_remove(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.leaders import unassign

    with open_store(args) as store:
        done = unassign(store, args.unit, args.name, actor=args.actor)
    print(_("Removed: {leader} from the review meeting of {unit} ({code}).", leader=done.row.line,
            unit=done.unit_name, code=done.row.unit_code))
    return 0


def cmd_leaders_list(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.leaders import assignment_list

    with open_store(args) as store:
        found = assignment_list(store)
    if args.json:
        print_json([r.to_json() for r in found.rows])
        return 0
    print_table([_("Code"), _("Unit"), _("Full name"), _("Post")],
                [[r.unit_code, found.unit_name(r.unit_code), r.name, r.post] for r in found.rows])
    return 0


def cmd_leaders_import(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.leaders import import_assignments

    with open_store(args) as store:
        done = import_assignments(store, args.source, actor=args.actor)
    print(_("Imported {n} assignments.", n=len(done.rows)))
    return 0


def register_meetings(sub: argparse._SubParsersAction) -> None:
    """`chilinh meetings [--json]` and `chilinh meetings record`."""
    p = sub.add_parser("meetings", help=_("the units' review meetings, with findings on their dates"))
    db_argument(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_meetings)
    actions = p.add_subparsers(dest="meetings_command", metavar=_("ACTION"), parser_class=type(p))
    q = actions.add_parser("record", help=_("record a unit's review meeting (at the Board: as the unit said by "
                                            "telephone; at a unit: into its minutes)"))
    db_argument(q)
    q.add_argument("--unit", required=True, metavar="CODE", help=_("the unit code"))
    q.add_argument("--date", metavar="YYYY-MM-DD", help=_("the meeting's date"))
    q.add_argument("--time", metavar="TEXT", help=_("the meeting's start time, e.g. 7 giờ 30"))
    q.add_argument("--place", metavar="TEXT", help=_("where the meeting is held"))
    q.add_argument("--summary-date", metavar="YYYY-MM-DD", help=_("the unit's year-end summary date"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_meetings_record)


def _sources() -> dict[str, str]:
    return {"package": _("package"), "phone": _("telephone"), "own": _("this installation")}


def cmd_meetings(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.meetings import calendar

    with open_store(args) as store:
        found = calendar(store)
    if args.json:
        print_json({"deadline": found.deadline.isoformat() if found.deadline else None,
                    "meetings": [m.to_json() for m in found.meetings]})
        return 0
    sources = _sources()
    print_table([_("Unit"), _("Date"), _("Time"), _("Place"), _("Year-end summary"), _("Assigned"), _("From")],
                [[m.unit_code, format_date(_iso(m.date)) if m.date else "—", m.time, m.place,
                  format_date(_iso(m.summary_date)) if m.summary_date else "", ", ".join(m.leaders),
                  sources.get(m.source, m.source)] for m in found.meetings])
    for m in found.meetings:
        for finding in m.findings:
            print(f"  ! {m.unit_code}: {finding}")
    return 0


def _iso(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def cmd_meetings_record(args: argparse.Namespace) -> int:
    from chilinh_desktop.cli.common import parse_today
    from chilinh_desktop.ops.meetings import record_meeting

    with open_store(args) as store:
        done = record_meeting(store, args.unit, date=parse_today(args.date) if args.date else None, time=args.time,
                              place=args.place,
                              summary_date=parse_today(args.summary_date) if args.summary_date else None,
                              actor=args.actor)
    print(_("Meeting of {code} recorded.", code=done.unit_code))
    return 0


def register_tasks(sub: argparse._SubParsersAction) -> None:
    """`chilinh tasks [--json] [--approved]`, `tasks decide`, `tasks approver`."""
    p = sub.add_parser("tasks", help=_("registered breakthrough tasks (DP2024): approve or return them"))
    db_argument(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.add_argument("--approved", action="store_true", help=_("only the approved tasks, per cadre"))
    p.set_defaults(func=cmd_tasks)
    actions = p.add_subparsers(dest="tasks_command", metavar=_("ACTION"), parser_class=type(p))
    q = actions.add_parser("decide", help=_("approve or return one registered task"))
    db_argument(q)
    q.add_argument("--cadre", required=True, metavar="ID", help=_("the cadre's id"))
    q.add_argument("--task", required=True, type=int, metavar="N", help=_("the task's number (1 or 2)"))
    q.add_argument("--decision", required=True, choices=("approved", "returned"), help=_("the decision"))
    q.add_argument("--note", metavar="TEXT", help=_("a note (required to return)"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_tasks_decide)
    q = actions.add_parser("withdraw", help=_("withdraw the decision on one task (audited)"))
    db_argument(q)
    q.add_argument("--cadre", required=True, metavar="ID", help=_("the cadre's id"))
    q.add_argument("--task", required=True, type=int, metavar="N", help=_("the task's number (1 or 2)"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_tasks_withdraw)
    q = actions.add_parser("approver", help=_("show or set who approves the tasks (carried by the kit)"))
    db_argument(q)
    q.add_argument("level", nargs="?", choices=("board", "unit"), help=_("board or unit"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_tasks_approver)


def _task_statuses() -> dict[str, str]:
    return {"pending": _("awaiting approval"), "approved": _("approved"), "returned": _("returned")}


def cmd_tasks(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.tasks import task_list

    with open_store(args) as store:
        found = task_list(store)
    rows = [t for t in found.tasks if not args.approved or t.status == "approved"]
    if args.json:
        if args.approved:
            per_cadre: dict[str, list] = {}
            for t in rows:
                per_cadre.setdefault(t.official_id, []).append(t.to_json())
            print_json(per_cadre)
        else:
            print_json({"approver": found.approver, "may_decide": found.may_decide,
                        "tasks": [t.to_json() for t in rows]})
        return 0
    statuses = _task_statuses()
    print_table([_("Unit"), _("Cadre"), _("No."), _("Status"), _("Task"), _("Note")],
                [[found.unit_name(t.unit_code), t.official_name, t.task_no, statuses.get(t.status, t.status), t.task,
                  t.note] for t in rows])
    return 0


def cmd_tasks_decide(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.tasks import decide

    with open_store(args) as store:
        done = decide(store, args.cadre, args.task, args.decision, args.note, actor=args.actor)
    print(_("Recorded: {task} — {decision}.", task=done.task.task, decision=_task_statuses()[done.decision]))
    return 0


def cmd_tasks_approver(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.tasks import set_approver, task_list

    with open_store(args) as store:
        level = set_approver(store, args.level, actor=args.actor) if args.level else task_list(store).approver
    print(_("Breakthrough tasks are approved by: {level}.",
            level=_("the Organisation Board") if level == "board" else _("the unit leadership")))
    return 0


def cmd_tasks_withdraw(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.tasks import withdraw

    with open_store(args) as store:
        done = withdraw(store, args.cadre, args.task, actor=args.actor)
    print(_("Decision withdrawn: {task} awaits approval again.", task=done.task.task))
    return 0
