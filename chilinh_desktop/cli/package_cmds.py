"""Commands for keys, sign-off, export and verification of submission packages."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from chilinh_desktop.cli.common import (
    ProgressLine,
    cycle_argument,
    cycle_of,
    db_argument,
    open_store,
    print_json,
    print_table,
    printable,
)
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.session import Store

EXIT_REFUSED = 2
PASSPHRASE_ENV = "CHILINH_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the package commands to the CLI."""
    p = sub.add_parser("keys", help=_("show this installation's keys and their fingerprints"))
    db_argument(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_keys)
    keys_sub = p.add_subparsers(dest="keys_command", metavar=_("ACTION"), parser_class=type(p))
    q = keys_sub.add_parser("init", help=_("create this installation's signing key"))
    db_argument(q)
    q.add_argument("--board", action="store_true", help=_("this is the Organisation Board (passphrase required)"))
    q.set_defaults(func=cmd_keys_init)
    q = keys_sub.add_parser("backup", help=_("write the Board's private keys to a file protected by the passphrase"))
    db_argument(q)
    q.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the file to write"))
    q.add_argument("--plain", action="store_true",
                   help=_("write the age identity unprotected (AGE-SECRET-KEY-…) for the age tool"))
    q.set_defaults(func=cmd_keys_backup)
    q = keys_sub.add_parser("restore", help=_("read the Board's private keys back from a backup file"))
    db_argument(q)
    q.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE", help=_("the backup file"))
    q.set_defaults(func=cmd_keys_restore)

    p = sub.add_parser("export", help=_("write the signed submission package of a unit"))
    db_argument(p)
    p.add_argument("--unit", required=True, metavar="CODE", help=_("the unit code"))
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("the folder (USB stick) to write to"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    cycle_argument(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("packages", help=_("list the exported packages kept in the archive, or write one again"))
    db_argument(p)
    p.add_argument("--unit", metavar="CODE", help=_("only the packages of this unit"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_packages)
    packages_sub = p.add_subparsers(dest="packages_command", metavar=_("ACTION"), parser_class=type(p))
    q = packages_sub.add_parser("write",
                                help=_("write an archived package again (a lost stick), with its handover slip"))
    db_argument(q)
    q.add_argument("package_id", metavar="ID", help=_("the package id"))
    q.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("the folder (USB stick) to write to"))
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.set_defaults(func=cmd_packages_write)

    p = sub.add_parser("verify", help=_("check a package without changing anything"))
    p.add_argument("package", type=Path, metavar="PACKAGE", help=_("the package file (.zip)"))
    p.add_argument("--db", type=Path, default=None, metavar="PATH",
                   help=_("check the signer against the unit keys recorded in this data file (read-only)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_verify)


def read_passphrase(prompt: str, *, required: bool) -> str | None:
    """The passphrase from CHILINH_PASSPHRASE, else asked on the terminal; never from the command line."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt + " ") or None
    if required:
        from chilinh_desktop.ops.exchange import ExportError

        raise ExportError(_("A passphrase is needed: set {env} or run the command in a terminal.",
                            env=PASSPHRASE_ENV), code="keys.passphrase")
    return None


def cmd_keys(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.keys import show_keys

    with open_store(args) as store:
        keys = show_keys(store)
    shown, unprotected = keys.public, keys.unprotected_board_keys
    result: dict = {"signing": None, "unprotected_board_keys": unprotected}
    if shown.signing_public:
        result["signing"] = {"public_openssh": shown.signing_public, "fingerprint": shown.signing_fingerprint,
                             "label": shown.signing_label}
    if shown.recipient:
        result["encryption"] = {"age_recipient": shown.recipient, "label": shown.recipient_label,
                                "demo": shown.recipient_is_demo, "private_key_here": shown.board_private_here}
    if args.json:
        print_json(result)
        return 0
    if not shown.signing_public:
        print(_("This installation has no signing key yet. Create one with: chilinh keys init"))
        return EXIT_REFUSED
    print(_("Signing key (OpenSSH): {key}", key=shown.signing_public))
    print(_("Fingerprint: {fingerprint}", fingerprint=shown.signing_fingerprint))
    if shown.recipient:
        demo = _(" (DEMO, not for real use)") if shown.recipient_is_demo else ""
        print(_("Board encryption key (age): {recipient}{demo}", recipient=shown.recipient, demo=demo))
    if unprotected:
        sys.stderr.write(_("Warning: {problem}", problem=_(
            "the Board's private keys on this computer ({keys}) have no passphrase: anyone who copies the data "
            "file can sign as the Board and read every confidential declaration. Protect them: back them up "
            "with `chilinh keys backup`, then restore them with a passphrase (`chilinh keys restore`).",
            keys=", ".join(unprotected))) + "\n")
    return 0


def cmd_keys_init(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.keys import create_key

    prompt = _("Passphrase for the keys (empty for none):") if not args.board else _("Passphrase for the keys:")
    passphrase = read_passphrase(prompt, required=args.board)
    with open_store(args) as store:
        fingerprint = create_key(store, board=args.board, passphrase=passphrase, actor="keys")
    print(_("Signing key created. Fingerprint: {fingerprint}", fingerprint=fingerprint))
    return 0


def cmd_keys_backup(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.keys import back_up_board_keys, board_keys_protected

    with open_store(args) as store:
        if args.plain:
            sys.stderr.write(_("Warning: the file {path} will hold the Board's decryption key WITHOUT "
                               "protection. Anyone with it can read every confidential file. Keep it offline "
                               "and destroy it after use.", path=args.out) + "\n")
            passphrase = read_passphrase(_("Passphrase of the keys:"), required=True) \
                if board_keys_protected(store) else None
        else:
            passphrase = read_passphrase(_("Passphrase for the backup:"), required=True)
        back_up_board_keys(store, args.out, passphrase, plain=args.plain)
    print(_("Keys written to {path}.", path=args.out))
    return 0


def cmd_keys_restore(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.keys import restore_board_keys

    passphrase = read_passphrase(_("Passphrase of the backup:"), required=True)
    assert passphrase is not None
    with open_store(args) as store:
        recipient = restore_board_keys(store, args.source, passphrase)
    print(_("Keys restored. Board encryption key: {recipient}", recipient=recipient))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.exchange import ExportError, own_key_needs_passphrase

    with open_store(args) as store:
        passphrase = None
        if own_key_needs_passphrase(store):
            passphrase = read_passphrase(_("Passphrase of the signing key:"), required=True)
        try:
            result = _export(store, args, passphrase)
        except ExportError as exc:
            sys.stderr.write(_("Error: {problem}", problem=exc.message) + "\n")
            for dossier_id, subject in exc.problems:
                sys.stderr.write(f"  - {subject} ({dossier_id})\n")
            return EXIT_REFUSED
    if args.json:
        print_json({"path": str(result.path), "sha256": result.sha256, "fingerprint": result.fingerprint,
                    "size": result.size, "package_id": result.package_id, "slip": str(result.slip_path),
                    "dossiers": list(result.dossier_ids)})
    else:
        print(_("Package written and checked: {path}", path=result.path))
        print(_("SHA-256: {sha256}", sha256=result.sha256))
        print(_("Signing key fingerprint: {fingerprint}", fingerprint=result.fingerprint))
        print(_("Handover slip: {path}", path=result.slip_path))
    return 0


def _export(store: Store, args: argparse.Namespace, passphrase: str | None):
    from chilinh_desktop.ops.exchange import export_unit

    line = ProgressLine()

    def progress(done: int, total: int, _label: str) -> None:
        line(_("Writing the package: {done}/{total}", done=done, total=total), last=done >= total)

    return export_unit(store, cycle_of(store, args), args.unit, args.out, passphrase=passphrase,
                       progress=None if args.json or not line.shown else progress).result


def cmd_packages(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.queries import exported_packages

    with open_store(args) as store:
        packages = exported_packages(store, args.unit)
    rows = [{"id": p.id, "unit": p.unit_code, "file_name": p.file_name, "sha256": p.sha256,
             "size": p.size, "created_at": p.created_at} for p in packages]
    if args.json:
        print_json(rows)
    elif not rows:
        print(_("No package has been exported yet."))
    else:
        print_table([_("Id"), _("Unit"), _("File"), _("SHA-256"), _("Size (bytes)"), _("Created")],
                    [[r["id"], r["unit"], r["file_name"], r["sha256"], r["size"], r["created_at"]] for r in rows])
    return 0


def cmd_packages_write(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.exchange import rewrite_package

    with open_store(args) as store:
        result = rewrite_package(store, args.package_id, args.out, actor="packages").result
    if args.json:
        print_json({"path": str(result.path), "slip": str(result.slip_path), "sha256": result.sha256,
                    "size": result.size, "fingerprint": result.fingerprint, "already": result.already})
        return 0
    if result.already:
        print(_("The identical package was already there and checks out: {path}", path=result.path))
    else:
        print(_("Package written again and checked: {path}", path=result.path))
    print(_("SHA-256: {sha256}", sha256=result.sha256))
    print(_("Signing key fingerprint: {fingerprint}", fingerprint=result.fingerprint))
    print(_("Handover slip: {path}", path=result.slip_path))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.verify import verify_package

    check = verify_package(args.package, args.db)
    if args.json:
        print_json({
            "ok": check.ok, "path": str(check.path), "unit_code": check.unit_code,
            "cycle_id": check.info.get("Cycle-Id"), "package_id": check.info.get("Package-Id"),
            "fingerprint": check.fingerprint, "known_fingerprint": check.known_fingerprint, "sealed": check.sealed,
            "errors": [{"code": e.code, "message": e.message, "subject": e.subject} for e in check.errors],
        })
    elif check.ok:
        print(_("The package is intact and correctly signed."))
        print(_("Unit: {unit}; signing key fingerprint: {fingerprint}", unit=check.unit_code,
                fingerprint=check.fingerprint))
        if check.sealed:
            print(_("Its contents are sealed to the Organisation Board: only the Board's keys open them, and the "
                    "Board checks them on import."))
    else:
        sys.stderr.write(_("The package was refused ({count} problems):", count=len(check.errors)) + "\n")
        for error in check.errors:
            sys.stderr.write(f"  - [{error.code}] {printable(error.message, newlines=True)}\n")
    return 0 if check.ok else EXIT_REFUSED
