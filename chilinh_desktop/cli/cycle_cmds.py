"""`chilinh cycle new|list|use`: the next year's cycle without retyping, and which cycle is current."""

from __future__ import annotations

import argparse

from chilinh_desktop.cli.common import db_argument, format_date, open_store, print_json, print_table
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import cycles as cycle_ops
from chilinh_desktop.ops.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the cycle commands to the CLI."""
    p = sub.add_parser("cycle", help=_("review cycles: start the next year's, list them, choose the current one"))
    csub = p.add_subparsers(dest="cycle_command", metavar=_("COMMAND"), required=True)
    q = csub.add_parser("new", help=_("start a cycle from an earlier one (items, forms, rules copied; "
                                      "years in labels moved forward)"))
    db_argument(q)
    q.add_argument("--from", dest="copy_from", metavar="ID", default=None,
                   help=_("the cycle to copy (default: the current one)"))
    q.add_argument("--year", type=int, required=True, help=_("the year the new cycle reviews"))
    q.add_argument("--id", dest="cycle_id", metavar="ID", default=None,
                   help=_("the new cycle's id (default: the year)"))
    q.add_argument("--deadline", action="append", default=[], metavar="ID=YYYY-MM-DD",
                   help=_("a deadline of the new cycle (repeat for each: review=…, dossier=…)"))
    q.add_argument("--dispatch", default=None, metavar="NUMBER", help=_("the number of the Board's dispatch"))
    q.add_argument("--regulation", default=None, metavar="ID",
                   help=_("the rating regulation (forms/rules/ID.toml; default: the copied cycle's)"))
    q.add_argument("--keep-current", action="store_true", help=_("do not make the new cycle the current one"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_new)
    q = csub.add_parser("list", help=_("list the cycles the data file holds"))
    db_argument(q)
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.set_defaults(func=cmd_list)
    q = csub.add_parser("use", help=_("make a cycle the current one"))
    db_argument(q)
    q.add_argument("cycle_id", metavar="ID", help=_("the cycle's id"))
    q.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    q.set_defaults(func=cmd_use)


def _deadlines(values: list[str]) -> dict[str, str]:
    deadlines: dict[str, str] = {}
    for value in values:
        deadline_id, sep, day = value.partition("=")
        if not sep or not deadline_id.strip():
            raise ValidationError(_("The cycle was not started; nothing was changed."),
                                  [("--deadline", _("write it as ID=YYYY-MM-DD, for example review=2024-12-10"))])
        deadlines[deadline_id.strip()] = day.strip()
    return deadlines


def cmd_new(args: argparse.Namespace) -> int:
    deadlines = _deadlines(args.deadline)
    with open_store(args) as store:
        started = cycle_ops.start_cycle(store, copy_from=args.copy_from, year=args.year, deadlines=deadlines,
                                        cycle_id=args.cycle_id, dispatch=args.dispatch, regulation=args.regulation,
                                        make_current=not args.keep_current, actor=args.actor)
    cycle = started.cycle
    print(_("Started the cycle {id} ({title}) from {source}: {n} empty dossiers.", id=cycle.id, title=cycle.title,
            source=started.copied_from, n=started.dossiers))
    for deadline in cycle.deadlines:
        print(f"  {deadline.label}: {format_date(deadline.date)}")
    for form_id, (old, new) in sorted(started.newer_forms.items()):
        print(_("  Form {id}: version {new} (was {old}).", id=form_id, new=new, old=old))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = cycle_ops.list_cycles(store)
    if args.json:
        print_json({"cycles": [{"id": r.id, "year": r.year, "title": r.title, "current": r.current,
                                "copied_from": r.copied_from} for r in rows]})
        return 0
    print_table(["", _("Cycle"), _("Year"), _("Title"), _("Copied from")],
                [["*" if r.current else "", r.id, r.year, r.title, r.copied_from or ""] for r in rows])
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        chosen = cycle_ops.use_cycle(store, args.cycle_id, actor=args.actor)
    print(_("The current cycle is now {id} ({title}).", id=chosen.cycle.id, title=chosen.cycle.title))
    return 0
