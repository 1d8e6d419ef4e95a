"""Operation: bring a self-review written in Word into a form (nhập từ Word).

Reading and mapping are pure (render.docx_import, render.word_mapping); saving goes through
the one check-then-save path (ops.answers.save_item), so the window and the command line refuse
the same things. Fields already filled stay unless `replace`; a dry run saves
nothing. The answers before the import come back in the result, so the import can be undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.answers import FormItem, get_form_item
from chilinh_desktop.formspec.context import record_context
from chilinh_desktop.formspec.field_types import field_type
from chilinh_desktop.formspec.scales import scales_for
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.answers import save_item


@dataclass
class WordImport:
    """What a Word file would bring into one form of one subject, before anything is saved."""

    path: Path
    item: FormItem
    mapping: Any  # render.word_mapping.WordMapping (imported on first use)
    encodings: dict[str, int]
    scales: Any  # formspec.scales.Scales of the cycle: labels of levels and ratings

    @property
    def form(self):
        """The form the file is read into."""
        return self.item.form

    def merged(self, *, replace: bool) -> tuple[dict[str, Any], list[str], list[str]]:
        """The answers after the import, the fields it fills, and the filled fields it leaves alone."""
        answers = dict(self.item.answers)
        filled, kept = [], []
        for key, value in self.mapping.answers().items():
            if _empty(value):
                continue
            if not _empty(answers.get(key)) and not replace:
                if answers.get(key) != value:
                    kept.append(key)
                continue
            answers[key] = value
            filled.append(key)
        return answers, filled, kept


@dataclass
class WordImportResult:
    """What an import did (or, on a dry run, would do), and the answers it replaced."""

    plan: WordImport
    filled: list[str]
    kept: list[str]
    previous: dict[str, Any]
    saved: bool
    complete: bool = False
    changed: frozenset[str] = field(default_factory=frozenset)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def plan_word_import(store: Store, cycle: Cycle, form_id: str, path: Path, *, official_id: str | None = None,
                     unit_code: str | None = None) -> WordImport:
    """Read a .docx and map it onto a subject's form; nothing is written."""
    from chilinh_desktop.render.docx_import import read_docx
    from chilinh_desktop.render.word_mapping import map_document

    item = get_form_item(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    document = read_docx(path)
    registry = record_context(store, cycle, item.dossier)
    scales = scales_for(cycle)
    mapping = map_document(document, item.form, scales, registry)
    return WordImport(path, item, mapping, dict(document.encodings), scales)


def apply_word_import(store: Store, cycle: Cycle, plan: WordImport, *, replace: bool = False,
                      actor: str) -> WordImportResult:
    """Save what `plan` brings (after any paragraphs were moved), checked like any other answers."""
    answers, filled, kept = plan.merged(replace=replace)
    previous = dict(plan.item.answers)
    if not filled:
        return WordImportResult(plan, filled, kept, previous, saved=False)
    saved = save_item(store, cycle, plan.item.dossier.id, plan.item.item.id, answers, actor=actor,
                      form=plan.form)
    return WordImportResult(plan, filled, kept, previous, saved=True, complete=saved.complete,
                            changed=saved.changes)


def import_word(store: Store, cycle: Cycle, form_id: str, path: Path, *, official_id: str | None = None,
                unit_code: str | None = None, dry_run: bool = False, replace: bool = False,
                actor: str) -> WordImportResult:
    """Read, map and (unless `dry_run`) save a Word self-review into a form."""
    plan = plan_word_import(store, cycle, form_id, path, official_id=official_id, unit_code=unit_code)
    if dry_run:
        _answers, filled, kept = plan.merged(replace=replace)
        return WordImportResult(plan, filled, kept, dict(plan.item.answers), saved=False)
    return apply_word_import(store, cycle, plan, replace=replace, actor=actor)


def undo_word_import(store: Store, cycle: Cycle, result: WordImportResult, *, actor: str) -> frozenset[str]:
    """Put back the answers an import replaced."""
    plan = result.plan
    return save_item(store, cycle, plan.item.dossier.id, plan.item.item.id, result.previous, actor=actor,
                     form=plan.form).changes


_SECTION_NUMBER = re.compile(r"^\s*([IVX]{1,4})\s*\.")
_FIELD_NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.\s*")


def target_fields(form) -> list[tuple[str, str]]:
    """The fields a paragraph can be moved to, each once, named with its section's number and its own words.

    "I.1. Về phẩm chất chính trị…" and "II.1. Hạn chế, khuyết điểm", never two bare "1. …"; a field without
    a number of its own takes its section's ("III. Kết quả khắc phục").
    """
    targets = []
    for section in form.sections:
        found = _SECTION_NUMBER.match(section.heading or "")
        roman = found[1] if found else ""
        for fld in section.fields:
            if field_type(fld).layout != "block":  # paragraphs move to a block of text (the field-type table)
                continue
            own = _FIELD_NUMBER.match(fld.label)
            if roman and own:
                label = f"{roman}.{own[1]}. {fld.label[own.end():]}"
            elif roman:
                label = f"{roman}. {fld.label}"
            else:
                label = fld.label
            targets.append((fld.id, label))
    return targets


def aside_reason(note: str) -> str:
    """Why a paragraph was kept aside, for a person (the mapping's note is a code and a heading)."""
    kind, _sep, where = note.partition(":")
    if kind == "before_sections":
        return _("before the first section")
    if kind == "unknown_heading":
        return _("under the heading «{heading}», which the form does not have", heading=where)
    if kind == "mismatch_heading":
        return _("under the heading «{heading}», whose number and words name different sections of the form",
                 heading=where)
    if kind == "no_item":
        return _("in «{heading}», before any numbered item", heading=where)
    return note
