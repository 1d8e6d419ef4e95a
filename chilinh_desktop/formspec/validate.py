"""Checking answers against their form: normalised values, errors that block saving, gaps.

An *error* is a value that cannot be right (a word where a date goes, an unknown choice):
nothing is saved. A *gap* is a required answer still missing: a draft may be saved
with gaps, and the item is complete only when there are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.input_rules import LIMITS_FILE, shown, stray_character, too_long
from chilinh_desktop.core.input_rules import bad_character as bad_character  # the one rule, re-exported
from chilinh_desktop.core.text import nfc
from chilinh_desktop.formspec.field_types import field_type, named
from chilinh_desktop.formspec.field_types import options_for as options_for  # re-exported
from chilinh_desktop.formspec.model import Field, FormSpec
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.formspec.schema import check_part
from chilinh_desktop.i18n import _

Problem = tuple[str, str]

@dataclass(frozen=True)
class Limits:
    """Input limits of forms/limits.toml: longest value per field type, most rows of a table."""

    max_length: dict[str, int]
    max_rows: int

    def length_for(self, fld: Field) -> int | None:
        """The longest value `fld` takes: its own max_length, else its type's."""
        key = field_type(fld).limits_key
        return fld.max_length if fld.max_length is not None else self.max_length.get(key) if key else None


def input_limits(definitions: Definitions) -> Limits:
    """The limits in force: the installation's copy of forms/limits.toml, else the shipped one."""
    return definitions.memo(("limits",), lambda: _read_limits(definitions))


def _read_limits(definitions: Definitions) -> Limits:
    data = definitions.toml(LIMITS_FILE)
    problems = check_part(data, "limits")
    if problems:
        where, problem = problems[0]
        raise DefinitionError(_("{file}, {where}: {problem}", file=LIMITS_FILE, where=where, problem=problem))
    return Limits(dict(data["max_length"]), data["rows"]["max_rows"])


@dataclass
class CheckedAnswers:
    """The outcome of checking: answers as they will be stored, errors, and gaps."""

    answers: dict[str, Any]
    errors: list[Problem] = field(default_factory=list)
    gaps: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether the answers validate fully (no errors, no gaps)."""
        return not self.errors and not self.gaps


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _scalar(fld: Field, value: Any, scales: Scales, limits: Limits) -> Any:
    if isinstance(value, str):
        _check_text(fld, value, limits)
    return field_type(fld).normalise(fld, value, scales)  # the one table of field types


def _check_text(fld: Field, value: str, limits: Limits) -> None:
    # The rules every incoming text follows (core/input_rules.py), said with the field's name.
    limit = limits.length_for(fld)
    if too_long(value, limit):
        raise ValueError(_("The field {field} is longer than {count} characters ({length} were given).",
                           field=named(fld), count=limit, length=len(value)))
    bad = stray_character(value)
    if bad is not None:
        raise ValueError(_("The field {field} contains a control or invalid character ({code}) that cannot "
                           "be stored or printed. Remove it (it often comes with text pasted from another "
                           "program) and save again.", field=named(fld), code=bad))


def _rows(fld: Field, value: Any, scales: Scales, out: CheckedAnswers, limits: Limits) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        out.errors.append((fld.id, _("The field {field} must be a list of rows.", field=named(fld))))
        return []
    max_rows = fld.max_rows if fld.max_rows is not None else limits.max_rows
    if len(value) > max_rows + 100:  # far beyond any blank rows a table editor sends: not read further
        out.errors.append((fld.id, _("The table {field} allows at most {count} rows.", field=named(fld),
                                     count=max_rows)))
        return []
    rows = []
    columns = {c.id: c for c in fld.columns}
    for n, row in enumerate(value, 1):
        stored: dict[str, Any] = {}
        for key, cell in row.items():
            where = f"{fld.id}[{n}].{key}"
            column = columns.get(nfc(key))
            if column is None:
                out.errors.append((shown(where), _("The table {field} has no column {column}.", field=named(fld),
                                                   column=shown(str(key)))))
                continue
            if _empty(cell):
                continue
            try:
                stored[column.id] = _scalar(column, cell, scales, limits)
            except ValueError as exc:
                out.errors.append((where, _("Row {n}: {problem}", n=n, problem=str(exc))))
        if not stored:
            continue  # a blank row is not an answer
        for column in fld.columns:
            if column.required and column.id not in stored:
                out.gaps.append((f"{fld.id}[{n}].{column.id}",
                                 _("Row {n}: the field {field} is required.", n=n, field=named(column))))
        rows.append(stored)
    if len(rows) > max_rows:
        out.errors.append((fld.id, _("The table {field} allows at most {count} rows.", field=named(fld),
                                     count=max_rows)))
    return rows


_BLANK = re.compile(r"[\s.…_\-–—]*")


def _blank_line(value: Any) -> bool:
    """A typed text that is only the dots, dashes or underscores of a blank to fill in by hand."""
    return isinstance(value, str) and _BLANK.fullmatch(value) is not None


def check_answers(form: FormSpec, answers: dict[str, Any], scales: Scales, limits: Limits) -> CheckedAnswers:
    """Check and normalise (NFC) answers to `form`; report every error and gap by field id.

    `limits` are the input limits of the installation (`input_limits(store.definitions)`).
    """
    out = CheckedAnswers({})
    if not isinstance(answers, dict):
        out.errors.append(("", _("The answers must be one JSON object keyed by field id.")))
        return out
    for key, value in answers.items():
        fld = form.field(nfc(str(key)))
        if fld is None:
            out.errors.append((shown(str(key)), _("The form {form} has no field {field}.", form=form.id,
                                                  field=shown(str(key)))))
        elif field_type(fld).layout == "table":
            if not _empty(value):
                rows = _rows(fld, value, scales, out, limits)
                if rows:
                    out.answers[fld.id] = rows
        elif not _empty(value):
            try:
                out.answers[fld.id] = _scalar(fld, value, scales, limits)
            except ValueError as exc:
                out.errors.append((fld.id, str(exc)))
    for fld in form.fields():
        waived = fld.required_unless is not None and out.answers.get(fld.required_unless) is True
        # A required text left as dots or dashes (a paper's blank, typed) is still missing.
        present = fld.id in out.answers and not _blank_line(out.answers[fld.id])
        if fld.required and not waived and not present:
            out.gaps.append((fld.id, _("The field {field} is required.", field=named(fld))))
        elif field_type(fld).layout == "table" and not waived and (fld.required or present):
            count = len(out.answers.get(fld.id, []))
            if count < max(fld.min_rows, 1 if fld.required else 0):
                out.gaps.append((fld.id, _("The table {field} needs at least {count} rows.", field=named(fld),
                                           count=max(fld.min_rows, 1))))
    return out


def display_value(fld: Field, value: Any, scales: Scales) -> str:
    """How a stored value reads on paper (labels for ids, 05/12/2023 for dates, Có/Không)."""
    if value is None or value == "":
        return ""
    return field_type(fld).show(fld, value, scales)
