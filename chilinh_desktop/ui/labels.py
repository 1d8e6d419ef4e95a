"""Words and colours for states, shared by every screen (translated at call time, never at import)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.dossiers import DossierState
from chilinh_desktop.core.requirements import ItemState, ItemStatus, Need
from chilinh_desktop.i18n import _

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


def item_state_label(state: ItemState) -> str:
    """A dossier item's state in words."""
    return {
        ItemState.MISSING: _("Missing"),
        ItemState.DRAFT: _("Draft"),
        ItemState.COMPLETE: _("Complete"),
        ItemState.ATTACHED: _("Attached"),
        ItemState.EXEMPT: _("Exempt"),
        ItemState.NOT_APPLICABLE: _("Not applicable"),
    }[state]


def status_label(status: ItemStatus) -> str:
    """An item's state as a person reads it, taking its need into account."""
    if status.need is Need.EXEMPT:
        return _("Exempt")
    if status.need is Need.NOT_APPLICABLE:
        return _("Not applicable")
    if status.need is Need.OPTIONAL and status.state is ItemState.MISSING:
        return _("Only if issued")
    return item_state_label(status.state)


def dossier_state_label(state: DossierState) -> str:
    """A dossier's state in words."""
    return {
        DossierState.DRAFT: _("Being prepared"),
        DossierState.COMPLETE: _("Complete, not signed off"),
        DossierState.SIGNED_OFF: _("Signed off"),
        DossierState.EXPORTED: _("Sent in a package"),
        DossierState.RECEIVED: _("Received by the Board"),
    }[state]


def format_day(day: dt.date) -> str:
    """A date as party documents write it in running text: 05/12/2023, 08/3/2018 (DOMAIN.md §5)."""
    return running_date(day)


def format_moment(moment: dt.datetime) -> str:
    """A local time as people read it: 14:05 ngày 05/12/2023."""
    return _("{time} on {day}", time=moment.strftime("%H:%M"), day=format_day(moment.date()))
