"""`chilinh figures`: the classification report's figures of a unit and who is counted in each."""

from __future__ import annotations

import argparse

from chilinh_desktop.cli.common import cycle_argument, cycle_of, db_argument, open_store, print_json
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.figures import who_is_counted


def register(sub: argparse._SubParsersAction) -> None:
    """Add `figures` to the CLI."""
    p = sub.add_parser("figures", help=_("show a unit's classification figures and who is counted in each"))
    db_argument(p)
    cycle_argument(p)
    p.add_argument("--unit", required=True, metavar="CODE", help=_("the unit"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_figures)


def cmd_figures(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        counted = who_is_counted(store, cycle_of(store, args), args.unit)
    if args.json:
        print_json({"unit": counted.unit_code, "name": counted.unit_name,
                    "figures": [f.as_json() for f in counted.figures]})
        return 0
    print(_("Classification figures of {name} ({code}), computed from the rating records and the tree:",
            name=counted.unit_name, code=counted.unit_code))
    for figure in counted.figures:
        print(f"{figure.label}: {figure.value if figure.value != '' else '—'}")
        print(f"    {figure.basis}")
        for name in figure.names or ():
            print(f"    - {name}")
    return 0
