"""States and needs in words: what a person reads instead of the stored codes (screens, Excel, PDF).

Translated at call time, never at import. The window adds colours and marks (ui/labels.py);
the package summary and the reports use these words as they are.
"""

from __future__ import annotations

from chilinh_desktop.core.dossier_state import DossierState
from chilinh_desktop.core.requirements import ItemState, ItemStatus, Need
from chilinh_desktop.i18n import _


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


def need_label(need: Need) -> str:
    """Whether an item is owed, in words."""
    return {
        Need.REQUIRED: _("Required"),
        Need.OPTIONAL: _("Only if issued"),
        Need.EXEMPT: _("Exempt"),
        Need.NOT_APPLICABLE: _("Not applicable"),
    }[need]


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
