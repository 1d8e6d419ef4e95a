"""The normalised form structure every later stage uses (definition → this → answers → output)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Types whose value is a label from a list: the `listed` rows of formspec/field_types.py TYPES (a test
# keeps them equal; kept here for the editor, which imports the model).
LISTED_TYPES = ("choice", "level", "rating")


@dataclass(frozen=True)
class Option:
    """One allowed value of a choice, level or rating: stored id and printed label."""

    id: str
    label: str


@dataclass(frozen=True)
class Field:
    """One answer of a form (trường), or one column of a repeating table."""

    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    required_unless: str | None = None
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    max_length: int | None = None
    source: str | None = None
    columns: tuple[Field, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    widths: tuple[float, ...] = ()
    display: str = ""  # "boxes": a level printed as four boxes, the chosen one ticked
    # rows: printed while nothing is typed, as (column, text) pairs per row (never an answer)
    blank_rows: tuple[tuple[tuple[str, Any], ...], ...] = ()

    def printed_blank_rows(self) -> list[dict[str, Any]]:
        """The rows a table prints while nothing is typed: its `blank_rows`, else one empty row."""
        return [dict(row) for row in self.blank_rows] or [{}]

    @property
    def computed(self) -> bool:
        """A figure computed from the rating records and the tree (`figures.*`): shown, never typed."""
        return self.type == "record" and (self.source or "").startswith("figures.")


@dataclass(frozen=True)
class Move:
    """Where the text of a field an older version had goes in this version (and how it is marked)."""

    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Migration:
    """How answers made with an older version of the form move to this one."""

    from_version: str
    moves: tuple[Move, ...]
    drops: dict[str, str] = field(default_factory=dict)  # field id → why it is computed now, not typed


@dataclass(frozen=True)
class Signature:
    """A signing block (khối chữ ký): title, role, hint and printed name."""

    title: str
    role: str = ""
    note: str = ""
    name: str = ""
    position: str = "right"


@dataclass(frozen=True)
class Section:
    """A part of the document: an optional heading and text, its fields, its signature blocks."""

    heading: str = ""
    text: str = ""
    fields: tuple[Field, ...] = ()
    signatures: tuple[Signature, ...] = ()


@dataclass(frozen=True)
class FormSpec:
    """One version of one form (mẫu biểu), as loaded from forms/<id>-<version>.toml."""

    id: str
    version: str
    name: str
    scope: str
    title: str
    header_style: str
    header_left: tuple[str, ...]
    sections: tuple[Section, ...]
    template: str = ""
    note: str = ""  # for the next engineer: what was not verified (never printed)
    subtitle: tuple[str, ...] = ()
    intro: str = ""
    place_field: str | None = None
    date_field: str | None = None
    source: str = ""
    number_field: str | None = None
    document_type: str | None = None
    recipients: tuple[str, ...] = ()
    recipients_field: str | None = None
    migrations: tuple[Migration, ...] = ()
    _index: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)

    def fields(self) -> Iterator[Field]:
        """Every top-level field, in document order."""
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> Field | None:
        """The top-level field with this id, or None."""
        if not self._index:
            self._index.update({f.id: f for f in self.fields()})
        return self._index.get(field_id)
