"""The one table of field types (kiểu trường): what each type of a form field is, stores and prints.

A form definition names a type per field (forms/schema.json lists the same names); every later
stage asks this table instead of testing the name: the check and normalisation of a stored value
(formspec/validate.py), its text on paper and on screen, its limits key in forms/limits.toml, how
the PDF and Word writers lay it out, and how a Word import fills it. Adding a type is one row here
(plus its widget in ui/form_editor.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chilinh_desktop.core.clock import parse_date
from chilinh_desktop.core.text import clean_line, nfc
from chilinh_desktop.formspec.dates import running_date
from chilinh_desktop.formspec.model import Field, Option
from chilinh_desktop.i18n import _

if TYPE_CHECKING:
    from chilinh_desktop.formspec.scales import Scales

Normalise = Callable[[Field, Any, "Scales"], Any]
Show = Callable[[Field, Any, "Scales"], str]


@dataclass(frozen=True)
class FieldType:
    """One type of form field.

    `limits_key`: its longest value in forms/limits.toml [max_length] (None: not limited as text).
    `normalise`: the stored value of a typed or imported one, or ValueError in the user's language.
    `show`: how a stored value reads (labels for ids, 05/12/2023, Có/Không).
    `layout`: "inline" (label and value on one line), "block" (paragraphs under the label),
    "table" (rows), "record" (a value of the records, never typed).
    `choices`: for a type whose value is one of a list, that list (the form's options, the cycle's scales).
    """

    name: str
    limits_key: str | None
    normalise: Normalise
    show: Show
    layout: str = "inline"
    choices: Callable[[Field, Scales], tuple[Option, ...]] | None = None

    @property
    def listed(self) -> bool:
        """The value is one of a list (stored as the option's id, printed as its label)."""
        return self.choices is not None

    @property
    def block(self) -> bool:
        """Printed under its label as paragraphs or a table, not beside it."""
        return self.layout in ("block", "table")


def named(fld: Field) -> str:
    """A field's label as messages quote it."""
    return f"«{fld.label}»"


def options_for(fld: Field, scales: Scales) -> tuple[Option, ...]:
    """The allowed values of a choice, level or rating field (a field of another type: its own options)."""
    choices = field_type(fld).choices
    return choices(fld, scales) if choices is not None else fld.options


def _text(fld: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("The field {field} must be text.", field=named(fld)))
    return value


def _line(fld: Field, value: Any, scales: Scales) -> str:
    return clean_line(_text(fld, value))


def _paragraphs(fld: Field, value: Any, scales: Scales) -> str:
    # Keep the author's paragraphs; only line endings and trailing blanks are tidied.
    text = nfc(_text(fld, value)).replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _date(fld: Field, value: Any, scales: Scales) -> str:
    try:
        return parse_date(_text(fld, value)).isoformat()
    except (ValueError, TypeError):
        raise ValueError(_("The field {field} is not a valid date (write 05/12/2023 or 2023-12-05).",
                           field=named(fld))) from None


def _listed(fld: Field, value: Any, scales: Scales) -> str:
    options = options_for(fld, scales)
    if isinstance(value, str):
        wanted = clean_line(value).casefold()
        for option in options:
            # People type the label they see; scripts send the id. Both are accepted.
            if wanted in (option.id.casefold(), option.label.casefold()):
                return option.id
    labels = ", ".join(o.label for o in options)
    raise ValueError(_("The field {field} must be one of: {choices}.", field=named(fld), choices=labels))


def number_from_text(text: str) -> float:
    """A number as people type it: '7,5' or '7.5', spaces ignored ('1 000'); ValueError otherwise.

    The window's number field reads typed text the same way (ui/typed_fields.py), so a value the
    window accepts is one `form set` and a Word import accept too.
    """
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


def _number(fld: Field, value: Any, scales: Scales) -> int | float:
    if isinstance(value, str):
        try:
            value = number_from_text(value)
        except ValueError:
            raise ValueError(_("The field {field} must be a number.", field=named(fld))) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(_("The field {field} must be a number.", field=named(fld)))
    if fld.integer:
        if value != int(value):
            raise ValueError(_("The field {field} must be a whole number.", field=named(fld)))
        value = int(value)
    if fld.minimum is not None and value < fld.minimum:
        raise ValueError(_("The field {field} must be at least {minimum}.", field=named(fld), minimum=fld.minimum))
    if fld.maximum is not None and value > fld.maximum:
        raise ValueError(_("The field {field} must be at most {maximum}.", field=named(fld), maximum=fld.maximum))
    return value


def _boolean(fld: Field, value: Any, scales: Scales) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(_("The field {field} must be true or false.", field=named(fld)))


def _rows(fld: Field, value: Any, scales: Scales) -> Any:
    # A table's rows are checked cell by cell by validate.check_answers (each cell through its column's type).
    return value


def _as_text(fld: Field, value: Any, scales: Scales) -> str:
    return str(value)


def _show_label(fld: Field, value: Any, scales: Scales) -> str:
    return next((o.label for o in options_for(fld, scales) if o.id == value), str(value))


def _show_date(fld: Field, value: Any, scales: Scales) -> str:
    return running_date(dt.date.fromisoformat(value))


def _show_boolean(fld: Field, value: Any, scales: Scales) -> str:
    return "Có" if value else "Không"  # printed documents are Vietnamese whatever the interface language


def _show_number(fld: Field, value: Any, scales: Scales) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


TYPES: dict[str, FieldType] = {t.name: t for t in (
    FieldType("text", "text", _line, _as_text),
    FieldType("longtext", "longtext", _paragraphs, _as_text, layout="block"),
    FieldType("date", "date", _date, _show_date),
    FieldType("choice", "choice", _listed, _show_label, choices=lambda fld, scales: fld.options),
    FieldType("level", "level", _listed, _show_label, choices=lambda fld, scales: scales.levels),
    FieldType("rating", "rating", _listed, _show_label, choices=lambda fld, scales: scales.ratings),
    FieldType("number", "number", _number, _show_number),
    FieldType("boolean", None, _boolean, _show_boolean),
    FieldType("rows", None, _rows, _as_text, layout="table"),
    FieldType("record", None, _line, _as_text, layout="record"),
)}


def field_type(fld: Field | str) -> FieldType:
    """The row of the table for a field (or a type name); a name the table lacks is a definition error."""
    name = fld if isinstance(fld, str) else fld.type
    try:
        return TYPES[name]
    except KeyError:
        from chilinh_desktop.core.errors import DefinitionError

        raise DefinitionError(_("unknown field type {type}", type=name)) from None
