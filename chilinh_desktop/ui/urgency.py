"""How urgency looks: a colour, an icon and a word, so colour is never the only signal."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.today import FINE, OVERDUE, SOON, SOON_WORKING_DAYS
from chilinh_desktop.ui.unit_tree_model import DONE_COLOUR, LATE_COLOUR, MISSING_COLOUR

_COLOURS = {OVERDUE: LATE_COLOUR, SOON: MISSING_COLOUR, FINE: DONE_COLOUR}
_ICONS = {OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical, SOON: QStyle.StandardPixmap.SP_MessageBoxWarning,
          FINE: QStyle.StandardPixmap.SP_DialogApplyButton}


def urgency_word(level: str) -> str:
    """The urgency in words: overdue, due within three working days, or in time."""
    soon = _("Due within {n} working days", n=SOON_WORKING_DAYS)
    return {OVERDUE: _("Overdue"), SOON: soon, FINE: _("In time")}[level]


def urgency_short(level: str) -> str:
    """The urgency in a table cell, where the unit's name needs the room (the long words go in the tooltip)."""
    return {OVERDUE: _("Overdue"), SOON: _("Due soon"), FINE: _("In time")}[level]


def urgency_brush(level: str) -> QBrush:
    """The urgency's text colour (red, orange, green)."""
    return QBrush(_COLOURS[level])


_icon_cache: dict[str, QIcon] = {}


def urgency_icon(level: str) -> QIcon:
    """The urgency's icon (error, warning, tick), from the platform's style (made once per level)."""
    if level not in _icon_cache:
        _icon_cache[level] = QApplication.style().standardIcon(_ICONS[level])
    return _icon_cache[level]
