"""Checking answers against their form: normalised values, errors that block saving, gaps.

An *error* is a value that cannot be right (a word where a date goes, an unknown choice):
nothing is saved. A *gap* is a required answer still missing: a draft may be saved
with gaps, and the item is complete only when there are none.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.clock import parse_date
from chilinh_desktop.core.definitions import SHIPPED, Definitions
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.input_rules import LIMITS_FILE, shown, stray_character, too_long
from chilinh_desktop.core.input_rules import bad_character as bad_character  # the one rule, re-exported
from chilinh_desktop.core.text import clean_line, nfc
from chilinh_desktop.formspec.dates import running_date
from chilinh_desktop.formspec.model import Field, FormSpec, Option
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
        return fld.max_length if fld.max_length is not None else self.max_length.get(fld.type)


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


def options_for(fld: Field, scales: Scales) -> tuple[Option, ...]:
    """The allowed values of a choice, level or rating field."""
    if fld.type == "level":
        return scales.levels
    if fld.type == "rating":
        return scales.ratings
    return fld.options


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _named(fld: Field) -> str:
    return f"«{fld.label}»"


def _listed(fld: Field, value: Any, scales: Scales) -> Any:
    options = options_for(fld, scales)
    if isinstance(value, str):
        wanted = clean_line(value).casefold()
        for option in options:
            # People type the label they see; scripts send the id. Both are accepted.
            if wanted in (option.id.casefold(), option.label.casefold()):
                return option.id
    labels = ", ".join(o.label for o in options)
    raise ValueError(_("The field {field} must be one of: {choices}.", field=_named(fld), choices=labels))


def _number(fld: Field, value: Any) -> int | float:
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise ValueError(_("The field {field} must be a number.", field=_named(fld))) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(_("The field {field} must be a number.", field=_named(fld)))
    if fld.integer:
        if value != int(value):
            raise ValueError(_("The field {field} must be a whole number.", field=_named(fld)))
        value = int(value)
    if fld.minimum is not None and value < fld.minimum:
        raise ValueError(_("The field {field} must be at least {minimum}.", field=_named(fld), minimum=fld.minimum))
    if fld.maximum is not None and value > fld.maximum:
        raise ValueError(_("The field {field} must be at most {maximum}.", field=_named(fld), maximum=fld.maximum))
    return value


def _scalar(fld: Field, value: Any, scales: Scales, limits: Limits) -> Any:
    """The stored form of one non-empty value; ValueError with a Vietnamese message if impossible."""
    kind = fld.type
    if isinstance(value, str):
        _check_text(fld, value, limits)
    if kind in ("choice", "level", "rating"):
        return _listed(fld, value, scales)
    if kind == "number":
        return _number(fld, value)
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        raise ValueError(_("The field {field} must be true or false.", field=_named(fld)))
    if not isinstance(value, str):
        raise ValueError(_("The field {field} must be text.", field=_named(fld)))
    if kind == "date":
        try:
            return parse_date(value).isoformat()
        except (ValueError, TypeError):
            raise ValueError(_("The field {field} is not a valid date (write 05/12/2023 or 2023-12-05).",
                               field=_named(fld))) from None
    if kind == "longtext":
        # Keep the author's paragraphs; only line endings and trailing blanks are tidied.
        text = "\n".join(line.rstrip() for line in nfc(value).replace("\r\n", "\n").split("\n")).strip()
    else:
        text = clean_line(value)
    return text


def _check_text(fld: Field, value: str, limits: Limits) -> None:
    # The rules every incoming text follows (core/input_rules.py), said with the field's name.
    limit = limits.length_for(fld)
    if too_long(value, limit):
        raise ValueError(_("The field {field} is longer than {count} characters ({length} were given).",
                           field=_named(fld), count=limit, length=len(value)))
    bad = stray_character(value)
    if bad is not None:
        raise ValueError(_("The field {field} contains a control or invalid character ({code}) that cannot "
                           "be stored or printed. Remove it (it often comes with text pasted from another "
                           "program) and save again.", field=_named(fld), code=bad))


def _rows(fld: Field, value: Any, scales: Scales, out: CheckedAnswers, limits: Limits) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        out.errors.append((fld.id, _("The field {field} must be a list of rows.", field=_named(fld))))
        return []
    max_rows = fld.max_rows if fld.max_rows is not None else limits.max_rows
    if len(value) > max_rows + 100:  # far beyond any blank rows a table editor sends: not read further
        out.errors.append((fld.id, _("The table {field} allows at most {count} rows.", field=_named(fld),
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
                out.errors.append((shown(where), _("The table {field} has no column {column}.", field=_named(fld),
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
                                 _("Row {n}: the field {field} is required.", n=n, field=_named(column))))
        rows.append(stored)
    if len(rows) > max_rows:
        out.errors.append((fld.id, _("The table {field} allows at most {count} rows.", field=_named(fld),
                                     count=max_rows)))
    return rows


_BLANK = re.compile(r"[\s.…_\-–—]*")


def _blank_line(value: Any) -> bool:
    """A typed text that is only the dots, dashes or underscores of a blank to fill in by hand."""
    return isinstance(value, str) and _BLANK.fullmatch(value) is not None


def check_answers(form: FormSpec, answers: dict[str, Any], scales: Scales,
                  limits: Limits | None = None) -> CheckedAnswers:
    """Check and normalise (NFC) answers to `form`; report every error and gap by field id.

    `limits` are the input limits of the installation (`input_limits(store.definitions)`); by
    default the program's own forms/limits.toml.
    """
    limits = limits or input_limits(SHIPPED)  # no data file given: the program's own limits
    out = CheckedAnswers({})
    if not isinstance(answers, dict):
        out.errors.append(("", _("The answers must be one JSON object keyed by field id.")))
        return out
    for key, value in answers.items():
        fld = form.field(nfc(str(key)))
        if fld is None:
            out.errors.append((shown(str(key)), _("The form {form} has no field {field}.", form=form.id,
                                                  field=shown(str(key)))))
        elif fld.type == "rows":
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
            out.gaps.append((fld.id, _("The field {field} is required.", field=_named(fld))))
        elif fld.type == "rows" and not waived and (fld.required or present):
            count = len(out.answers.get(fld.id, []))
            if count < max(fld.min_rows, 1 if fld.required else 0):
                out.gaps.append((fld.id, _("The table {field} needs at least {count} rows.", field=_named(fld),
                                           count=max(fld.min_rows, 1))))
    return out


def display_value(fld: Field, value: Any, scales: Scales) -> str:
    """How a stored value reads on paper (labels for ids, 05/12/2023 for dates, Có/Không)."""
    if value is None or value == "":
        return ""
    if fld.type in ("choice", "level", "rating"):
        return next((o.label for o in options_for(fld, scales) if o.id == value), str(value))
    if fld.type == "date":
        return running_date(dt.date.fromisoformat(value))
    if fld.type == "boolean":
        # Printed documents are Vietnamese whatever the interface language.
        return "Có" if value else "Không"
    if fld.type == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
