"""The plain value types and constants ops/ hands to the front ends (re-exported: plain type).

A screen or a command holds these (a cycle, a node of the unit tree, an item's state, a rule's
finding, a rating record...) and reads their fields; it gets them from ops/ functions and never
builds or stores them itself. Each name is served from its home module below ops/ on first use,
so importing this module loads nothing, and a front-end module naming one type loads only that
type's module: the window's start-up stays as light as before. The form model (fields, scales)
is re-exported by ops/forms.py, the errors by ops/errors.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chilinh_desktop.ops.lazy import lazy_getattr

_HOME = {
    # One open data file and its settings
    "Cycle": "chilinh_desktop.core.cycles",
    "Store": "chilinh_desktop.core.store",
    "Settings": "chilinh_desktop.core.settings",
    # The unit tree, the cadres, the dossiers as the screens show them
    "UnitNode": "chilinh_desktop.core.units", "UnitTree": "chilinh_desktop.core.units",
    "Badge": "chilinh_desktop.core.views", "DossierDetail": "chilinh_desktop.core.views",
    "OfficialRow": "chilinh_desktop.core.views", "UnitOverview": "chilinh_desktop.core.views",
    "ItemState": "chilinh_desktop.core.requirements", "ItemStatus": "chilinh_desktop.core.requirements",
    "Need": "chilinh_desktop.core.requirements",
    # Deadlines and progress
    "CycleStatus": "chilinh_desktop.core.deadlines", "DeadlineStatus": "chilinh_desktop.core.deadlines",
    "MissingItem": "chilinh_desktop.core.deadlines", "UnitStatus": "chilinh_desktop.core.deadlines",
    # Rule findings and ratings
    "Finding": "chilinh_desktop.core.rules",
    "Discipline": "chilinh_desktop.core.ratings", "Rating": "chilinh_desktop.core.ratings",
    "SubjectRatings": "chilinh_desktop.core.ratings", "Targets": "chilinh_desktop.core.ratings",
    "RuleSet": "chilinh_desktop.core.rulesets", "STEPS": "chilinh_desktop.core.rulesets",
    # The Board: when each unit's package arrived, and what importing a package came to
    "UnitArrival": "chilinh_desktop.core.board", "LATE": "chilinh_desktop.core.board",
    "ON_TIME": "chilinh_desktop.core.board", "OVERDUE": "chilinh_desktop.core.board",
    "REFUSED": "chilinh_desktop.package.importer", "WAITING": "chilinh_desktop.package.importer",
}

__all__ = [
    "LATE",
    "ON_TIME",
    "OVERDUE",
    "REFUSED",
    "STEPS",
    "WAITING",
    "Badge",
    "Cycle",
    "CycleStatus",
    "DeadlineStatus",
    "Discipline",
    "DossierDetail",
    "Finding",
    "ItemState",
    "ItemStatus",
    "MissingItem",
    "Need",
    "OfficialRow",
    "Rating",
    "RuleSet",
    "Settings",
    "Store",
    "SubjectRatings",
    "Targets",
    "UnitArrival",
    "UnitNode",
    "UnitOverview",
    "UnitStatus",
    "UnitTree",
]

if TYPE_CHECKING:
    from chilinh_desktop.core.board import LATE, ON_TIME, OVERDUE, UnitArrival
    from chilinh_desktop.core.cycles import Cycle
    from chilinh_desktop.core.deadlines import CycleStatus, DeadlineStatus, MissingItem, UnitStatus
    from chilinh_desktop.core.ratings import Discipline, Rating, SubjectRatings, Targets
    from chilinh_desktop.core.requirements import ItemState, ItemStatus, Need
    from chilinh_desktop.core.rules import Finding
    from chilinh_desktop.core.rulesets import STEPS, RuleSet
    from chilinh_desktop.core.settings import Settings
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.units import UnitNode, UnitTree
    from chilinh_desktop.core.views import Badge, DossierDetail, OfficialRow, UnitOverview
    from chilinh_desktop.package.importer import REFUSED, WAITING


__getattr__ = lazy_getattr(__name__, _HOME)  # each name loaded from its home on first use
