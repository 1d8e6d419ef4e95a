"""Commands over the core: demo, units, officials, status, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chilinh_desktop.cli.common import (
    cycle_argument,
    cycle_of,
    db_argument,
    format_date,
    open_store,
    print_json,
    print_json_rows,
    print_table,
)
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.registry import officials as list_officials
from chilinh_desktop.ops.registry import unit_tree, vocabulary


def register(sub: argparse._SubParsersAction) -> None:
    """Add the core commands to the CLI."""
    p = sub.add_parser("demo", help=_("create the demo city in a new data file"))
    db_argument(p)
    p.add_argument("--seed", type=int, default=2023, help=_("random seed (same seed, same city)"))
    p.add_argument("--force", action="store_true", help=_("replace an existing data file"))
    p.add_argument("--role", choices=("city", "unit"), default="city",
                   help=_("city: the whole demo city (plays the Board); unit: one unit set up from a kit"))
    p.add_argument("--unit", metavar="CODE", help=_("with --role unit: the unit code"))
    p.add_argument("--kit", type=Path, metavar="FILE",
                   help=_("with --role unit: the Board's cycle kit for that unit (kit export --unit CODE)"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("units", help=_("list the units of the tree"))
    db_argument(p)
    p.add_argument("--today", metavar="YYYY-MM-DD", help=_("show the tree as of this day"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("officials", help=_("list the managed cadres"))
    db_argument(p)
    p.add_argument("--unit", metavar="CODE", help=_("only the cadres of this unit"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_officials)

    p = sub.add_parser("status", help=_("what is missing for each deadline, and how many days remain"))
    db_argument(p)
    p.add_argument("--unit", metavar="CODE", help=_("only this unit and the units under it"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=_("count days from this day instead of today"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    cycle_argument(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("backup", help=_("copy the whole data file to one backup file"))
    db_argument(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the backup file to write"))
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=_("replace the data file with a checked backup"))
    db_argument(p)
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                   help=_("the backup file to restore"))
    p.add_argument("--force", action="store_true",
                   help=_("restore even a backup of another installation (other role, unit or signing key)"))
    p.set_defaults(func=cmd_restore)


def cmd_demo(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.session import default_db_path
    from chilinh_desktop.ops.setup import create_demo

    path: Path = args.db or default_db_path()

    def progress(step: str, done: int, total: int) -> None:
        sys.stderr.write("\r" + _("Creating the demo dossiers: {done}/{total}", done=done, total=total))
        if done == total:
            sys.stderr.write("\n")

    if args.role == "unit":
        result = create_demo(path, seed=args.seed, replace=args.force, unit_code=args.unit or "",
                             kit=args.kit)
        print(_("Demo unit {name} ({code}) set up from the kit in {path}; Board key fingerprint: {fingerprint}",
                name=result.unit_name, code=result.unit_code, path=path, fingerprint=result.board_fingerprint))
        for note in result.notes:
            print(note)
        for warning in result.warnings:
            sys.stderr.write(_("Warning: {problem}", problem=warning) + "\n")
        return 0
    result = create_demo(path, seed=args.seed, replace=args.force, progress=progress)
    print(_("Demo city created in {path}: {units} units, {officials} cadres.", path=path, units=result.size.units,
            officials=result.size.officials))
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        nodes = list(unit_tree(store).walk())
        types = vocabulary(store).unit_types
    if args.json:
        print_json([
            {"code": n.unit.code, "name": n.unit.name, "type": n.unit.type, "parent_code": n.parent_code,
             "grassroots": n.unit.grassroots, "id": n.unit.id}
            for n in nodes
        ])
        return 0
    depth = {}
    rows = []
    for node in nodes:
        depth[node.unit.code] = depth.get(node.parent_code, -1) + 1
        rows.append(["  " * depth[node.unit.code] + node.unit.code, node.unit.name,
                     types[node.unit.type].name if node.unit.type in types else node.unit.type])
    print_table([_("Code"), _("Name"), _("Kind")], rows)
    return 0


def cmd_officials(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        officials = list_officials(store, args.unit)
        tiers = vocabulary(store).tiers
    if args.json:
        print_json([o.as_json() for o in officials])
        return 0
    print_table(
        [_("Unit"), _("Full name"), _("Party post"), _("Government post"), _("Managed by")],
        [[o.unit_code, o.full_name, o.party_post, o.government_post,
          tiers[o.tier].name if o.tier in tiers else o.tier] for o in officials],
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.dossiers import cycle_status

    with open_store(args) as store:
        cycle = cycle_of(store, args)
        status = cycle_status(store, cycle, args.unit)
    if args.json:
        print_json_rows(status_head(status), "units", (unit_json(u, status.deadlines) for u in status.units))
        return 0
    print(_("Cycle {cycle} — today {today}", cycle=cycle.title, today=format_date(status.today)))
    for d in status.deadlines:
        if d.overdue:
            when = _("overdue by {days} days", days=-d.days_left)
        else:
            when = _("{days} days left ({working} working days)", days=d.days_left, working=d.working_days_left)
        print(f"  {format_date(d.deadline.date)}  {d.deadline.label}: {when}")
    rows = []
    for u in status.units:
        if not u.items_required:
            continue
        rows.append([u.code, u.name, u.officials, f"{u.items_done}/{u.items_required}",
                     *[len(u.missing_for(d.deadline.id)) for d in status.deadlines]])
    print()
    print_table([_("Code"), _("Unit"), _("Cadres"), _("Done"),
                 *[_("Missing by {date}", date=format_date(d.deadline.date)) for d in status.deadlines]], rows)
    return 0


def status_head(status) -> dict:
    """The `status --json` document without its units: the day and the cycle's deadlines.

    The document is a contract for scripts; its shape is in the README's Command line section.
    """
    return {
        "today": status.today.isoformat(),
        "cycle": {
            "id": status.cycle.id,
            "title": status.cycle.title,
            "deadlines": [
                {"id": d.deadline.id, "date": d.deadline.date.isoformat(), "label": d.deadline.label,
                 "covers": d.deadline.covers, "days_left": d.days_left, "working_days_left": d.working_days_left,
                 "overdue": d.overdue}
                for d in status.deadlines
            ],
        },
    }


def unit_json(u, deadlines) -> dict:
    """One unit of the `status --json` document: its figures and its missing items by deadline."""
    return {
        "code": u.code, "name": u.name, "type": u.type, "parent_code": u.parent_code,
        "officials": u.officials, "items_required": u.items_required, "items_done": u.items_done,
        "items_exempt": u.exempt,
        "missing": {
            d.deadline.id: [
                {"item": m.item_id, "item_name": m.item_name, "subject_kind": m.subject_kind,
                 "subject_id": m.subject_id, "subject_name": m.subject_name}
                for m in u.missing_for(d.deadline.id)
            ]
            for d in deadlines
        },
    }


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        target = store.backup(args.out)
    print(_("Backup written to {path}.", path=target))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.setup import restore_data_file

    restored = restore_data_file(args.source, args.db, force=args.force)
    print(_("Restored {source} into {path}.", source=args.source, path=restored.path))
    if restored.kept is not None:
        print(_("The previous data file was kept as {path}.", path=restored.kept))
    return 0
