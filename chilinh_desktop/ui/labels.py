"""Words and colours for states, shared by every screen (translated at call time, never at import)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.display import dossier_state_label, item_state_label, need_label, screen_date, status_label
from chilinh_desktop.ops.types import ItemState

__all__ = ["STATE_COLOURS", "STATE_MARKS", "dossier_state_label", "format_day", "format_moment",
           "item_state_label", "need_label", "status_label"]

STATE_COLOURS = {
    ItemState.MISSING: QColor("#b26a00"),
    ItemState.DRAFT: QColor("#1565c0"),
    ItemState.COMPLETE: QColor("#2e7d32"),
    ItemState.ATTACHED: QColor("#2e7d32"),
    ItemState.EXEMPT: QColor("#616161"),
    ItemState.NOT_APPLICABLE: QColor("#9e9e9e"),
}
STATE_MARKS = {
    ItemState.MISSING: "○",
    ItemState.DRAFT: "◐",
    ItemState.COMPLETE: "●",
    ItemState.ATTACHED: "●",
    ItemState.EXEMPT: "–",
    ItemState.NOT_APPLICABLE: "–",
}


def format_day(day: dt.date) -> str:
    """A date on screen: dd/mm/yyyy with leading zeros (05/12/2023, 08/03/2018); printed documents differ."""
    return screen_date(day)


def format_moment(moment: dt.datetime) -> str:
    """A local time as people read it: 14:05 ngày 05/12/2023."""
    return _("{time} on {day}", time=moment.strftime("%H:%M"), day=format_day(moment.date()))
