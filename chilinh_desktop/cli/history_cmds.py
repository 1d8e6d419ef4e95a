"""`chilinh history`: each cadre's and organisation's ratings by year."""

from __future__ import annotations

import argparse

from chilinh_desktop.cli.common import db_argument, open_store, print_json, print_table
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.history import history


def register(sub: argparse._SubParsersAction) -> None:
    """Add the history command to the CLI."""
    p = sub.add_parser("history", help=_("ratings by year of cadres and party organisations"))
    db_argument(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--official", metavar="ID", help=_("the cadre (id as `chilinh officials --json` shows)"))
    group.add_argument("--unit", metavar="CODE", help=_("the unit: its organisation, collective and cadres"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_history)


def cmd_history(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = history(store, official_id=args.official, unit_code=args.unit, with_empty=args.official is not None)
    if args.json:
        print_json({"subjects": [r.as_json() for r in rows]})
        return 0
    kinds = {"organisation": _("organisation"), "collective": _("collective"), "official": _("cadre")}
    print_table([_("Unit"), _("Subject"), _("Kind"), _("Ratings by year")],
                [[r.unit_code, r.name, kinds[r.kind], r.line] for r in rows])
    return 0
