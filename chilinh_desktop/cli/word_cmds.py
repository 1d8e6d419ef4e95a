"""Word in and out on the command line: `form import --from FILE.docx` and `print … --out FILE.docx`."""

from __future__ import annotations

import argparse
from typing import Any

from chilinh_desktop.cli.common import cycle_of, open_store, print_json, print_table
from chilinh_desktop.i18n import _

PREVIEW_WORDS = 8


def first_words(text: str, count: int = PREVIEW_WORDS) -> str:
    """The first words of a text, on one line, for a preview."""
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def import_json(result) -> dict[str, Any]:
    """An import's result as `form import --json` prints it."""
    plan = result.plan
    texts = plan.mapping.texts()
    return {
        "form": plan.form.id, "version": plan.form.version, "file": str(plan.path), "saved": result.saved,
        "complete": result.complete, "encodings": plan.encodings,
        "fields": [{"id": key, "label": plan.form.field(key).label if plan.form.field(key) else key,
                    "paragraphs": len(value.split("\n")) if key in texts else 0, "value": value,
                    "action": "fill" if key in result.filled else "keep"}
                   for key, value in plan.mapping.answers().items()],
        "kept": result.kept,
        "identity": [{"field": i.field_id, "label": i.label, "in_file": i.in_file, "in_registry": i.in_registry,
                      "same": i.same} for i in plan.mapping.identity],
        "aside": [{"text": p.text, "reason": p.note} for p in plan.mapping.aside()],
        "ignored": len(plan.mapping.ignored),
    }


def cmd_form_import(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.word_import import import_word

    with open_store(args) as store:
        result = import_word(store, cycle_of(store, args), args.form, args.source, official_id=args.official,
                             unit_code=args.unit, dry_run=args.dry_run, replace=args.replace, actor=args.actor)
    if args.json:
        print_json(import_json(result))
        return 0
    _print_import(result, dry_run=args.dry_run)
    return 0


def _print_import(result, *, dry_run: bool) -> None:
    from chilinh_desktop.ops.word_import import aside_reason

    plan = result.plan
    legacy = {k: v for k, v in plan.encodings.items() if k != "unicode" and v}
    if legacy:
        names = ", ".join(f"{'TCVN3' if k == 'tcvn3' else 'VNI'} ({v})" for k, v in legacy.items())
        print(_("Old-font text converted to Unicode: {encodings}.", encodings=names))
    texts = plan.mapping.texts()
    rows = []
    for key, value in plan.mapping.answers().items():
        fld = plan.form.field(key)
        action = _("fill") if key in result.filled else _("keep (already filled)")
        shown = value if key in texts else _shown(plan, key, value)
        rows.append([key, first_words(fld.label if fld else key, 6), first_words(str(shown)),
                     len(value.split("\n")) if key in texts else "", action])
    print_table([_("Field"), _("Label"), _("First words"), _("Paragraphs"), _("Action")], rows)
    different = [i for i in plan.mapping.identity if not i.same]
    if different:
        print(_("Identity lines that differ from the registry (the registry is not changed):"))
        for line in different:
            print(f"  - {line.label}: «{line.in_file}» ≠ «{line.in_registry}»")
    aside = plan.mapping.aside()
    if aside:
        print(_("{count} paragraphs fit no field and were kept aside (not saved):", count=len(aside)))
        for para in aside:
            print(f"  - [{aside_reason(para.note)}] {first_words(para.text, 12)}")
    if dry_run:
        print(_("Dry run: nothing was saved."))
    elif not result.saved:
        print(_("Nothing to save: every field the file fills already has an answer (use --replace)."))
    elif result.complete:
        print(_("Saved {count} fields. The form {form} is complete.", count=len(result.filled), form=plan.form.id))
    else:
        print(_("Saved {count} fields as a draft.", count=len(result.filled)))


def _shown(plan, key: str, value: Any) -> str:
    from chilinh_desktop.ops.forms import display_value

    fld = plan.form.field(key)
    return display_value(fld, value, plan.scales) if fld else str(value)


def cmd_print_docx(args: argparse.Namespace) -> int:
    from chilinh_desktop.ops.printing import print_form_docx, write_pdf

    with open_store(args) as store:
        data, draft, errors = print_form_docx(store, cycle_of(store, args), args.form_id,
                                              official_id=args.official, unit_code=args.unit, draft=args.draft)
    write_pdf(args.out, data)  # the same whole-or-nothing write as a PDF
    print(_("Draft printed to {path}.", path=args.out) if draft else _("Printed to {path}.", path=args.out))
    print_draft_reasons(errors)
    return 0


def print_draft_reasons(errors: list) -> None:
    """Why a document came out as a draft: the same errors that refuse the final print and the sign-off."""
    from chilinh_desktop.ops.signoff import finding_line

    if errors:
        print(_("{n} documents printed as drafts: the rules find errors in their dossiers:", n=1))
        for finding in errors:
            print(f"  - {finding_line(finding)}")
