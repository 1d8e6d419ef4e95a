"""Commands over forms: list them, read and write answers, print one form or a whole unit."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from chilinh_desktop.cli import word_cmds
from chilinh_desktop.cli.common import (
    ProgressLine,
    cycle_argument,
    cycle_of,
    db_argument,
    open_store,
    print_json,
    print_table,
)
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.answers import save_form, without_computed
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.forms import ATTACHMENT_TYPES, Field, FormSpec, cycle_forms
from chilinh_desktop.ops.forms import form_item as get_form_item


def _subject(p: argparse.ArgumentParser, *, required: bool = True) -> None:
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument("--official", metavar="ID", help=_("the cadre (id as `chilinh officials --json` shows)"))
    group.add_argument("--unit", metavar="CODE", help=_("the unit, for a collective form"))


def register(sub: argparse._SubParsersAction) -> None:
    """Add the form and print commands to the CLI."""
    p = sub.add_parser("forms", help=_("list the forms of the current cycle with their fields"))
    db_argument(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    cycle_argument(p)
    p.set_defaults(func=cmd_forms)

    form = sub.add_parser("form", help=_("read or write the answers of one form"))
    actions = form.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = actions.add_parser("get", help=_("print the stored answers as JSON"))
    db_argument(p)
    _subject(p)
    p.add_argument("--form", required=True, metavar="FORM_ID", help=_("the form id, e.g. 02B"))
    cycle_argument(p)
    p.set_defaults(func=cmd_form_get)
    p = actions.add_parser("set", help=_("check and store answers from a JSON file"))
    db_argument(p)
    _subject(p)
    p.add_argument("--form", required=True, metavar="FORM_ID", help=_("the form id, e.g. 02B"))
    p.add_argument("--answers", required=True, type=Path, metavar="FILE.json",
                   help=_("a JSON object keyed by field id"))
    p.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    cycle_argument(p)
    p.set_defaults(func=cmd_form_set)
    p = actions.add_parser("import", help=_("bring a self-review written in Word (.docx) into a form"))
    db_argument(p)
    _subject(p)
    p.add_argument("--form", required=True, metavar="FORM_ID", help=_("the form id, e.g. 02B"))
    p.add_argument("--from", dest="source", required=True, type=Path, metavar="FILE.docx",
                   help=_("the Word file (.docx; TCVN3 and VNI fonts are converted)"))
    p.add_argument("--dry-run", action="store_true", help=_("show where each section would go; save nothing"))
    p.add_argument("--replace", action="store_true", help=_("also replace fields that already have an answer"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))
    cycle_argument(p)
    p.set_defaults(func=word_cmds.cmd_form_import)

    p = sub.add_parser("print", help=_("print one form of a cadre or unit to PDF or Word"))
    db_argument(p)
    p.add_argument("form_id", metavar="FORM_ID", help=_("the form id, e.g. 02B"))
    _subject(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf",
                   help=_("the file to write: .pdf, or .docx for an editable Word file"))
    p.add_argument("--draft", action="store_true", help=_("mark the printout as a draft"))
    cycle_argument(p)
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("print-all", help=_("print every filled form of a unit and its cadres"))
    db_argument(p)
    p.add_argument("--unit", required=True, metavar="CODE", help=_("the unit"))
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help=_("the folder to write PDFs into"))
    p.add_argument("--draft", action="store_true", help=_("mark every printout as a draft"))
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=_("processes to print with (default: one on a machine with fewer than 4 cores, "
                          "otherwise one less than the cores, at most 8)"))
    cycle_argument(p)
    p.set_defaults(func=cmd_print_all)


def field_json(fld: Field) -> dict[str, Any]:
    """A field as `forms --json` describes it."""
    data: dict[str, Any] = {"id": fld.id, "type": fld.type, "label": fld.label, "required": fld.required}
    if fld.help:
        data["help"] = fld.help
    if fld.options:
        data["options"] = [{"id": o.id, "label": o.label} for o in fld.options]
    if fld.source:
        data["source"] = fld.source
    if fld.required_unless:
        data["required_unless"] = fld.required_unless
    if fld.columns:
        data["columns"] = [field_json(c) for c in fld.columns]
        data["min_rows"], data["max_rows"] = fld.min_rows, fld.max_rows
    return data


def form_json(form: FormSpec) -> dict[str, Any]:
    """A form as `forms --json` describes it."""
    return {"id": form.id, "version": form.version, "name": form.name, "scope": form.scope, "kind": "form",
            "fields": [field_json(f) for f in form.fields()]}


def cmd_forms(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cycle = cycle_of(store, args)
    listing = []
    for item, form in cycle_forms(cycle):
        if form is not None:
            listing.append({**form_json(form), "item": item.id})
        else:
            # Files from outside (scans, the asset declaration): PDF or image, no fields to fill.
            listing.append({"id": item.id, "version": None, "name": item.name, "scope": item.scope,
                            "kind": "attachment", "item": item.id,
                            "accept": list(ATTACHMENT_TYPES), "fields": []})
    if args.json:
        print_json(listing)
        return 0
    print(_("Forms of the cycle {cycle}:", cycle=cycle.title))
    # A person reads the form's code (01, 02B) or, for an attached file, the item's short name; the
    # internal item ids stay in --json for scripts.
    short = {item.id: item.short_name for item in cycle.items}
    print_table([_("Form"), _("Version"), _("Name"), _("Fields")],
                [[f["id"] if f["kind"] == "form" else short.get(f["item"], f["name"]), f["version"] or "", f["name"],
                  len(f["fields"]) or _("attached file")] for f in listing])
    return 0


def cmd_form_get(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        item = get_form_item(store, cycle_of(store, args), args.form, official_id=args.official, unit_code=args.unit)
    print_json(without_computed(item.form, item.answers))  # what `form set` takes back as it is
    return 0


def _read_answers(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad on Windows writes a BOM
    except OSError as exc:
        raise ValidationError(_("Cannot read {path}: {error}.", path=path, error=exc.strerror or str(exc)),
                              [("answers", str(path))]) from exc
    except UnicodeDecodeError:
        raise ValidationError(_("{path} is not UTF-8 text. Save it as UTF-8 and try again.", path=path),
                              [("answers", str(path))]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("{path} is not valid JSON (line {line}, column {column}). Nothing was saved.",
                                path=path, line=exc.lineno, column=exc.colno), [("answers", str(path))]) from None


def cmd_form_set(args: argparse.Namespace) -> int:
    answers = _read_answers(args.answers)
    with open_store(args) as store:
        saved = save_form(store, cycle_of(store, args), args.form, answers, official_id=args.official,
                          unit_code=args.unit, actor=args.actor)
    if saved.complete:
        print(_("Saved. The form {form} is complete.", form=args.form))
    else:
        print(_("Saved as a draft. Still missing ({count}):", count=len(saved.gaps)))
        for where, problem in saved.gaps:
            print(f"  - {where}: {problem}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() == ".docx":
        return word_cmds.cmd_print_docx(args)
    from chilinh_desktop.ops.printing import dossier_errors, print_form, write_pdf

    with open_store(args) as store:
        cycle = cycle_of(store, args)
        printed = print_form(store, cycle, args.form_id, official_id=args.official, unit_code=args.unit,
                             draft=args.draft)
        errors = dossier_errors(store, cycle, printed.document.dossier_id)
    write_pdf(args.out, printed.pdf)
    print(_("Draft printed to {path}.", path=args.out) if printed.draft else _("Printed to {path}.", path=args.out))
    word_cmds.print_draft_reasons(errors)
    if printed.font_note:
        print(printed.font_note)  # the font embedded when Times New Roman is missing
    return 0


def cmd_print_all(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.printing import print_unit

    started = time.perf_counter()

    line = ProgressLine()

    def progress(done: int, total: int, label: str) -> None:
        line(_("Printing {done}/{total}: {label}", done=done, total=total, label=label), last=done == total)

    with open_store(args) as store:
        run = print_unit(store, cycle_of(store, args), args.unit, args.out, draft=args.draft, progress=progress,
                         workers=args.jobs)
    seconds = time.perf_counter() - started
    print(_("{count} documents ({pages} pages) written to {path} in {seconds:.1f} s.", count=len(run.paths),
            pages=run.pages, path=args.out, seconds=seconds))
    if run.font_note:
        print(run.font_note)
    for note in run.notes:  # a print process that stopped: said, though nothing was lost
        print(note)
    return 0
