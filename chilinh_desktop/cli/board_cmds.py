"""Commands of the Organisation Board's exchange: cycle kits, importing packages, reports, receipts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chilinh_desktop.cli.common import (
    cycle_argument,
    cycle_of,
    db_argument,
    open_store,
    print_json,
    print_table,
    printable,
)
from chilinh_desktop.cli.package_cmds import read_passphrase
from chilinh_desktop.i18n import _

EXIT_REFUSED = 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the Board's commands to the CLI."""
    p = sub.add_parser("kit", help=_("write or import the cycle kit"))
    kit_sub = p.add_subparsers(dest="kit_command", metavar=_("ACTION"), parser_class=type(p))
    q = kit_sub.add_parser("export", help=_("write the signed cycle kit for the units (Board)"))
    db_argument(q)
    q.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the kit file to write"))
    q.add_argument("--unit", metavar="CODE",
                   help=_("a kit for this unit, with its own cadres only (without it: a whole-city kit, no cadres)"))
    q.set_defaults(func=cmd_kit_export)
    q = kit_sub.add_parser("import", help=_("set this installation up as a unit from the Board's kit"))
    db_argument(q)
    q.add_argument("--kit", type=Path, required=True, metavar="FILE", help=_("the kit file"))
    q.add_argument("--unit", required=True, metavar="CODE", help=_("the unit code"))
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.set_defaults(func=cmd_kit_import)

    p = sub.add_parser("import", help=_("check and import units' packages (files or folders)"))
    db_argument(p)
    p.add_argument("packages", type=Path, nargs="+", metavar="PACKAGE", help=_("package files or folders"))
    p.add_argument("--trust-new", action="store_true",
                   help=_("accept the signing key of a unit's first package (compare it with the handover slip)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("report", help=_("write the Board's Excel report (classification, missing, commendations)"))
    db_argument(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help=_("the workbook to write"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=_("count days from this day instead of today"))
    cycle_argument(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("open-confidential",
                       help=_("decrypt one confidential file of a received package (recorded in the audit trail)"))
    db_argument(p)
    p.add_argument("--package", required=True, metavar="ID", help=_("the package id"))
    p.add_argument("--file", metavar="NAME",
                   help=_("the confidential file (without it: list the package's confidential files)"))
    p.add_argument("--out", type=Path, metavar="FILE", help=_("where to write the decrypted file"))
    p.set_defaults(func=cmd_open_confidential)

    p = sub.add_parser("receipt", help=_("print the receipt of a received package (PDF)"))
    db_argument(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--package", metavar="ID", help=_("the package id"))
    which.add_argument("--unit", metavar="CODE", help=_("the unit's current package"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    cycle_argument(p)
    p.set_defaults(func=cmd_receipt)


def cmd_kit_export(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        from chilinh_desktop.ops.keys import board_signing_key_protected

        passphrase = read_passphrase(_("Passphrase of the Board's keys:"), required=True) \
            if board_signing_key_protected(store) else None
        from chilinh_desktop.ops.exchange import export_kit

        kit = export_kit(store, args.out, passphrase=passphrase, unit_code=args.unit)
        fingerprint = kit.fingerprint
    print(_("Cycle kit written: {path}", path=kit.path))
    if kit.unit_code:
        print(_("It carries the cadres of {code} only: give it to that unit alone.", code=kit.unit_code))
    else:
        print(_("It carries no cadres: each unit gets its cadres with its own kit (kit export --unit CODE)."))
    print(_("Board key fingerprint (print it in the dispatch): {fingerprint}", fingerprint=fingerprint))
    return 0


def cmd_kit_import(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.setup import kit_signer, set_up_from_kit

    kit_signer(args.kit)  # a damaged or foreign kit is refused before the passphrase is asked
    passphrase = read_passphrase(_("Passphrase for this unit's signing key (empty for none):"), required=False)
    with open_store(args) as store:
        result = set_up_from_kit(store, args.kit, args.unit, passphrase=passphrase)
    setup = result.kit
    assert setup is not None  # set up from a kit: the kit's own account is there
    if args.json:
        print_json({"board_fingerprint": setup.fingerprint, "board_name": setup.board_name, "cycle_id": setup.cycle_id,
                    "unit_code": setup.unit_code, "unit_name": setup.unit_name, "officials": setup.officials,
                    "dossiers_created": setup.dossiers_created, "own_fingerprint": setup.own_fingerprint,
                    "first_kit": setup.first_kit, "warnings": setup.warnings, "notes": setup.notes})
        return 0
    print(_("Set up as {name} ({code}) for the cycle {cycle}: {officials} cadres.", name=setup.unit_name,
            code=setup.unit_code, cycle=setup.cycle_id, officials=setup.officials))
    print(_("Board key fingerprint: {fingerprint} — compare it with the one printed in the dispatch.",
            fingerprint=setup.fingerprint))
    print(_("This unit's signing key fingerprint: {fingerprint}", fingerprint=setup.own_fingerprint))
    for note in setup.notes:
        print(note)
    for warning in setup.warnings:
        sys.stderr.write(_("Warning: {problem}", problem=warning) + "\n")
    return 0


def _status_names() -> dict[str, str]:
    return {"imported": _("imported"), "superseded": _("imported, replaces the earlier package"),
            "already": _("already received"), "waiting": _("waiting for key confirmation"),
            "refused": _("refused")}


def cmd_import(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.exchange import import_packages
    from chilinh_desktop.ops.types import REFUSED, WAITING

    with open_store(args) as store:
        passphrase = None
        if _board_keys_protected(store):  # sealed packages open with the Board's keys
            passphrase = read_passphrase(_("Passphrase of the Board's keys:"), required=True)
        outcomes = import_packages(store, args.packages, trust_new=args.trust_new, passphrase=passphrase).outcomes
    if args.json:
        print_json([o.as_json() for o in outcomes])
    else:
        names = _status_names()
        print_table([_("File"), _("Unit"), _("Result"), _("Fingerprint")],
                    [[o.path.name, o.unit_code or "", names[o.status], o.fingerprint or ""] for o in outcomes])
        for outcome in outcomes:
            for reason in outcome.reasons:
                print(f"  - {printable(outcome.path.name)}: {printable(reason, newlines=True)}")
    return EXIT_REFUSED if any(o.status in (REFUSED, WAITING) for o in outcomes) else 0


def _board_keys_protected(store) -> bool:
    from chilinh_desktop.ops.keys import board_private_key_protected

    return board_private_key_protected(store)


def cmd_report(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.board import write_board_report

    with open_store(args) as store:
        written = write_board_report(store, args.out, cycle_of(store, args))
    print(_("Report written: {path}", path=written.path))
    return 0


def cmd_open_confidential(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.exchange import board_key_needs_passphrase, confidential_files, open_confidential

    with open_store(args) as store:
        names = confidential_files(store, args.package)  # refused when the Board received no such package
        if not args.file:
            for name in names:
                print(name)
            return 0
        if args.out is None:
            sys.stderr.write(_("Error: {problem}", problem=_("--file needs --out FILE.")) + "\n")
            return EXIT_REFUSED
        passphrase = None
        if board_key_needs_passphrase(store):
            passphrase = read_passphrase(_("Passphrase of the Board's keys:"), required=True)
        open_confidential(store, args.package, args.file, args.out, passphrase, actor="open-confidential")
    print(_("Decrypted file written: {path}", path=args.out))
    sys.stderr.write(_("Warning: {problem}", problem=_(
        "this file is a confidential declaration in plain form. Keep it only as long as needed, never on a "
        "USB stick or a shared folder, and delete it after use.")) + "\n")
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.board import write_receipt

    with open_store(args) as store:
        written = write_receipt(store, args.out, package_id=args.package, unit_code=args.unit,
                                cycle=cycle_of(store, args))
    print(_("Receipt written: {path}", path=written.path))
    return 0
