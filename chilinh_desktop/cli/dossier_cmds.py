"""Commands over a dossier's life: sign off (a unit, or one cadre's dossier) and reopen."""

from __future__ import annotations

import argparse
import sys

from chilinh_desktop.cli.common import cycle_argument, cycle_of, db_argument, open_store
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.dossiers import find_dossier
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.registry import official as get_official
from chilinh_desktop.ops.signoff import SignOffRefused, finding_line, reopen, sign_off

EXIT_REFUSED = 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the sign-off and reopen commands to the CLI."""
    p = sub.add_parser("signoff", help=_("sign off the dossiers of a unit and its cadres"))
    db_argument(p)
    p.add_argument("--unit", metavar="CODE", help=_("the unit code"))
    p.add_argument("--official", metavar="ID", help=_("only this cadre's dossier"))
    p.add_argument("--by", required=True, metavar="NAME", help=_("who signs off"))
    p.add_argument("--acknowledge-warnings", action="store_true",
                   help=_("sign off although rating warnings remain (recorded in the audit trail)"))
    cycle_argument(p)
    p.set_defaults(func=cmd_signoff)

    p = sub.add_parser("reopen", help=_("reopen a signed-off dossier for changes (recorded in the audit trail)"))
    db_argument(p)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--official", metavar="ID", help=_("the cadre (id as `chilinh officials --json` shows)"))
    group.add_argument("--unit", metavar="CODE", help=_("the unit, for a collective form"))
    p.add_argument("--by", required=True, metavar="NAME", help=_("who reopens"))
    p.add_argument("--reason", required=True, metavar="TEXT", help=_("why the dossier must change"))
    cycle_argument(p)
    p.set_defaults(func=cmd_reopen)


def cmd_signoff(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cycle = cycle_of(store, args)
        dossier_id = None
        unit_code = args.unit
        if args.official:
            dossier_id = find_dossier(store, cycle, official_id=args.official).id
            unit_code = get_official(store, args.official).unit_code
        if not unit_code:
            raise ValidationError(_("Name the unit (--unit) or the cadre (--official)."), [("unit", "")])
        try:
            result = sign_off(store, cycle, unit_code, by=args.by, dossier_id=dossier_id,
                              acknowledge=args.acknowledge_warnings)
        except SignOffRefused as exc:
            sys.stderr.write(_("Error: {problem}", problem=exc.message) + "\n")
            for finding in exc.findings:
                sys.stderr.write(f"  - {finding_line(finding)}\n")
            return EXIT_REFUSED
    print(_("Signed off now: {signed}; already signed off: {already}.", signed=len(result.signed),
            already=len(result.already)))
    if result.complete:
        return 0
    sys.stderr.write(_("{count} dossiers could not be signed off; still missing:", count=len(result.missing)) + "\n")
    for line in result.missing:
        sys.stderr.write(f"  - {line.subject}: {'; '.join(line.missing)}\n")
    return EXIT_REFUSED


def cmd_reopen(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cycle = cycle_of(store, args)
        dossier = find_dossier(store, cycle, official_id=args.official, unit_code=args.unit)
        reopen(store, cycle, dossier.id, by=args.by, reason=args.reason)
    print(_("The dossier is open for changes again; the reopening was recorded."))
    return 0
