"""Typed dates and numbers, checked as typed: an impossible value is shown as an error, never changed.

A `TypedField` is a line edit with an inline error line under it. It keeps the last value that
was valid; while the text is not valid the editor goes on saving that last good value (or
nothing), so a wrong date never reaches the database and nothing is altered behind the person's
back (no spin box that turns 31/02 into 05/02).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.forms import Field

DATE_SHAPE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
FIRST_YEAR, LAST_YEAR = 1900, 2100


class Invalid(ValueError):
    """The text is not a value of the field's type; the message says why (Vietnamese)."""


def parse_date(text: str) -> dt.date | None:
    """A typed day as dd/mm/yyyy (also d/m/yyyy, '.' or '-'); empty → None; impossible → Invalid."""
    if not text.strip():
        return None
    shape = DATE_SHAPE.match(text)
    if not shape:
        raise Invalid(_("Type the date as day/month/year, e.g. 25/12/2023."))
    day, month, year = (int(p) for p in shape.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid(
            _("The year {year} is out of range ({first}–{last}).", year=year, first=FIRST_YEAR, last=LAST_YEAR)
        )
    if not 1 <= month <= 12:
        raise Invalid(_("There is no month {month}.", month=month))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid(_("{day}/{month}/{year} does not exist.", day=day, month=month, year=year)) from None


def format_date(value: Any) -> str:
    """A stored date (ISO or dd/mm/yyyy) as dd/mm/yyyy; anything else shown unchanged."""
    if not value:
        return ""
    text = str(value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return day.strftime("%d/%m/%Y")


def parse_number(text: str, field: Field) -> int | float | None:
    """A typed number ('7,5' or '7.5'); empty → None; not a number / out of range → Invalid."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # 'inf' and 'nan' are words, not numbers (the form check refuses them too)
        raise Invalid(_("“{text}” is not a number.", text=text.strip()))
    if field.integer:
        if number != int(number):
            raise Invalid(_("Type a whole number."))
        number = int(number)
    if field.minimum is not None and number < field.minimum:
        raise Invalid(_("At least {minimum}.", minimum=_plain(field.minimum)))
    if field.maximum is not None and number > field.maximum:
        raise Invalid(_("At most {maximum}.", maximum=_plain(field.maximum)))
    return number


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def format_number(value: Any) -> str:
    """A stored number as typed in Vietnamese (decimal comma)."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return _plain(value)
    return str(value)


class TypedField(QWidget):
    """A date or number field: line edit + inline error; `value()` is the last valid value."""

    edited = Signal()  # a new valid value was typed
    validity_changed = Signal()  # the text on screen became invalid, or valid again

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.line = QLineEdit()
        self.line.setObjectName(f"input_{field.id}")
        if field.type == "date":
            self.line.setPlaceholderText(_("dd/mm/yyyy"))
            self.line.setMaxLength(10)
            self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        else:
            self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0" * 12) + 24)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.error)
        self.setFocusProxy(self.line)
        self._value: Any = None
        self._loading = False
        self.line.textEdited.connect(self._typed)

    def _parse(self, text: str) -> Any:
        if self.field.type == "date":
            day = parse_date(text)
            return day.isoformat() if day else None
        return parse_number(text, self.field)

    def _typed(self, text: str) -> None:
        try:
            value = self._parse(text)
        except Invalid as exc:
            self.show_error(str(exc) + " " + _("Not saved: the value before is kept until this is corrected."))
            return
        self.show_error("")
        if value != self._value:
            self._value = value
            self.edited.emit()

    def show_error(self, message: str) -> None:
        """Show (or with '' hide) the inline error."""
        was_valid = self.valid
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.line.setProperty("invalid", bool(message))
        self.line.setStyleSheet("border: 1px solid #b00020;" if message else "")
        if was_valid != self.valid:
            self.validity_changed.emit()

    @property
    def valid(self) -> bool:
        """Whether the text on screen is the value kept."""
        return not self.error.text()

    def value(self) -> Any:
        """The last valid value (ISO date text, int or float, or None)."""
        return self._value

    def set_value(self, value: Any) -> None:
        """Show a stored value (not an edit)."""
        self._value = value if value not in ("",) else None
        if self.field.type == "date":
            self.line.setText(format_date(value))
            try:  # a stored dd/mm/yyyy text is kept as the person wrote it, checked again
                day = parse_date(self.line.text())
                self._value = day.isoformat() if day else None
            except Invalid:
                pass
        else:
            self.line.setText(format_number(value))
        self.show_error("")

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock typing."""
        self.line.setReadOnly(read_only)
