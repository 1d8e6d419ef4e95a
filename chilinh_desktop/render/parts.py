"""What a printed form says, apart from how it is drawn: shared by the PDF (render.document) and Word (render.docx_out).

The header lines, the number line (`Số 12-BC/ĐU`), the 'Nơi nhận' lines, the signer blocks with their
placeholders filled, the fields each section prints and their texts, and the level chosen in a
four-box line are computed here once; each output format only lays them out. No PDF or Word
library is imported here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.formspec.context import fill, placeholders_in
from chilinh_desktop.formspec.dates import date_line
from chilinh_desktop.formspec.field_types import field_type
from chilinh_desktop.formspec.model import Field, FormSpec, Section
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.formspec.validate import display_value

RECIPIENTS_HEAD = "Nơi nhận:"


@dataclass(frozen=True)
class FilledForm:
    """Everything one printout needs: the form, its answers and the record values around them."""

    form: FormSpec
    answers: dict[str, Any]
    values: dict[str, Any]  # record_context() of the subject
    scales: Scales


@dataclass(frozen=True)
class SignatureText:
    """A signature block with its placeholders filled."""

    title: str
    role: str
    note: str
    name: str
    position: str


@dataclass(frozen=True)
class LevelChoice:
    """A four-box line: its label, the levels in order, and the index of the one chosen (None: none)."""

    label: str
    options: list[str]
    chosen: int | None


def placeholder_values(filled: FilledForm) -> dict[str, Any]:
    """The record values, and each answer under its field id, for `{placeholders}`."""
    values = dict(filled.values)
    for fld in filled.form.fields():
        if fld.id in filled.answers:
            values[fld.id] = display_value(fld, filled.answers[fld.id], filled.scales)
    return values


def _signature_fields(section: Section) -> set[str]:
    # A field named in its own section's signature is printed there, not a second time above it.
    used = set()
    for sig in section.signatures:
        for text in (sig.title, sig.role, sig.name):
            used.update(placeholders_in(text))
    return used


def value_text(filled: FilledForm, fld: Field) -> str:
    """The printed text of a one-line field (a record value unless typed over; a computed figure never typed)."""
    if field_type(fld).layout == "record":
        value = filled.values.get(fld.source or "")
        if fld.computed:
            return "" if value is None else str(value)  # computed from the records: never a typed figure
        return str(filled.answers.get(fld.id) or value or "")
    return display_value(fld, filled.answers.get(fld.id), filled.scales)


def level_choice(filled: FilledForm, fld: Field) -> LevelChoice:
    """The four boxes of a level field (`display = "boxes"`) and the one ticked."""
    levels = filled.scales.levels
    chosen = filled.answers.get(fld.id)
    index = next((n for n, option in enumerate(levels) if option.id == chosen), None)
    return LevelChoice(fld.label.rstrip(":") + ":", [option.label for option in levels], index)


def header_style(filled: FilledForm, values: dict[str, Any]) -> str:
    """'party' or 'state': a collective's paper takes its issuer's style (an agency prints the state's name)."""
    form = filled.form
    if form.scope == "unit" and form.header_style == "party" and values.get("header.style") == "state":
        return "state"
    return form.header_style


def document_number(filled: FilledForm, values: dict[str, Any]) -> str:
    """'Số 12-BC/ĐU' ('Số: 12/BC-PNV' on a state-style paper), dots for the hand when no number is typed."""
    form = filled.form
    if not form.number_field:
        return ""
    typed = str(filled.answers.get(form.number_field) or "").strip()
    kind = dict(values.get("header.document_symbols") or {}).get(form.document_type or "", "")
    issuer = str(values.get("header.symbol") or "")
    if header_style(filled, values) == "state":
        return f"Số: {typed or '.' * 8}/" + "-".join(part for part in (kind, issuer) if part)
    symbol = "/".join(part for part in (kind, issuer) if part)
    return f"Số {typed or '.' * 8}-{symbol}"


def recipients(filled: FilledForm, values: dict[str, Any]) -> list[str]:
    """The 'Nơi nhận' lines: as typed, else the form's default lines."""
    form = filled.form
    typed = str(filled.answers.get(form.recipients_field or "") or "")
    lines = [line.strip() for line in typed.split("\n") if line.strip()]
    return lines or [fill(line, values) for line in form.recipients]


def recipients_beside(filled: FilledForm, section: Section) -> bool:
    """Whether this section's signer block is the issuer's own, with the 'Nơi nhận' block on its left."""
    form = filled.form
    return bool(section.signatures) and bool(form.recipients or form.recipients_field) and not section.heading


def signature_texts(section: Section, values: dict[str, Any]) -> list[SignatureText]:
    """A section's signer blocks (T/M …, role, name) with their placeholders filled."""
    return [SignatureText(fill(s.title, values), fill(s.role, values), s.note, fill(s.name, values), s.position)
            for s in section.signatures]


def printed_fields(form: FormSpec, section: Section) -> tuple[list[Field], bool]:
    """The fields a section prints in its body, and whether its one block of text goes unlabelled."""
    skip = _signature_fields(section) | {form.place_field, form.date_field, form.number_field,
                                         form.recipients_field}
    fields = [f for f in section.fields if f.id not in skip]
    # Under a heading, a single block of text needs no label: the heading already says what it is.
    lone = bool(section.heading) and sum(field_type(f).block for f in fields) == 1
    return fields, lone


def header_texts(filled: FilledForm, values: dict[str, Any]) -> tuple[list[str], str]:
    """The header's left lines (issuing body) and its place-and-date line."""
    form = filled.form
    place = str(filled.answers.get(form.place_field or "", "") or values.get("place", ""))
    raw_date = filled.answers.get(form.date_field or "")
    day = dt.date.fromisoformat(raw_date) if raw_date else None
    lines = [_unbroken(fill(line, values), values.get("header.unbroken") or ()) for line in form.header_left]
    return lines, date_line(place, day)


def _unbroken(text: str, phrases) -> str:
    # A phrase a header line is never broken inside ('Việt Nam', 'nhân dân': forms/headers.toml) is
    # joined by no-break spaces, which the line breaking of the PDF and of Word both respect.
    for phrase in phrases:
        words = str(phrase).split()
        if len(words) < 2:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
        text = pattern.sub(lambda m: "\xa0".join(m.group(0).split()), text)
    return text
