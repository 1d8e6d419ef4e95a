"""What an operation changed, as typed values, so each view refreshes only what it shows.

An operation's result carries `changes`: a frozenset of `Change` members (what kind of record
changed, anywhere) and `DossierChanged` values (which dossier). Each view says which changes it
shows (`shows_…` below, or a view's own `SHOWS`) and refreshes on those alone. `Change` is a
`StrEnum`, so a key still spelled as a plain string elsewhere compares equal while it is migrated;
a misspelled key is an AttributeError here instead of a change nobody reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Change(StrEnum):
    """A kind of record an operation changed."""

    TREE = "tree"  # units and cadres
    CONTENT = "content"  # answers and files of any dossier, written by an operation: editors reload them
    ANSWERS = "answers"  # answers typed in the window (the autosave): figures refresh, editors keep what is typed
    ATTACHMENT = "attachment"  # a file attached to an item, or removed from it
    RATINGS = "ratings"  # rating steps and the inputs the rating rules read
    SETTINGS = "settings"
    PACKAGES = "packages"  # exported or received packages
    DEFINITIONS = "definitions"  # forms, scales, rule sets (a kit)
    COMMENDATIONS = "commendations"  # commendation proposals and the Board's appraisals
    MEETINGS = "meetings"  # review meetings
    TASKS = "tasks"  # decisions on breakthrough tasks


@dataclass(frozen=True)
class DossierChanged:
    """One dossier changed (its items, state or ratings)."""

    dossier_id: str

    def __str__(self) -> str:
        return f"dossier:{self.dossier_id}"


ChangeKey = Change | DossierChanged
Changes = frozenset[ChangeKey]

TREE = Change.TREE
CONTENT = Change.CONTENT
ANSWERS = Change.ANSWERS
ATTACHMENT = Change.ATTACHMENT
RATINGS = Change.RATINGS
SETTINGS = Change.SETTINGS
PACKAGES = Change.PACKAGES
DEFINITIONS = Change.DEFINITIONS
COMMENDATIONS = Change.COMMENDATIONS
MEETINGS = Change.MEETINGS
TASKS = Change.TASKS


def dossier(dossier_id: str) -> DossierChanged:
    """The change key of one dossier."""
    return DossierChanged(dossier_id)


def dossiers(ids: Iterable[str]) -> Changes:
    """The change keys of several dossiers, plus the content key every dossier change by an operation implies."""
    return frozenset({CONTENT, *(dossier(i) for i in ids)})


def answers(dossier_id: str) -> Changes:
    """The change keys of answers typed in the window and saved: states change, the text on screen does not."""
    return frozenset({ANSWERS, dossier(dossier_id)})


def dossier_ids(changes: Iterable[object]) -> frozenset[str]:
    """The dossiers named in a set of changes."""
    return frozenset(c.dossier_id for c in changes if isinstance(c, DossierChanged))


# What the window's shared views show (a view with more to say has its own SHOWS).
PROGRESS: frozenset[Change] = frozenset({TREE, CONTENT, ANSWERS, ATTACHMENT, RATINGS, PACKAGES, DEFINITIONS})
"""The badges, the first screen and the deadline dashboard's figures: what is done, missing or late."""
UNIT_PAGE: frozenset[Change] = PROGRESS | {SETTINGS, MEETINGS, COMMENDATIONS}
"""A unit's page: its dossiers, cadres, packages and duties."""
DUTIES: frozenset[Change] = frozenset({COMMENDATIONS, TASKS, PACKAGES})
"""The dashboard's line on the Board's duties (proposals still to appraise)."""


def shows(view_keys: Iterable[Change], changes: Iterable[object]) -> bool:
    """Whether changes touch what a view shows (any dossier counts for a view of progress)."""
    keys = frozenset(view_keys)
    return any(c in keys or (isinstance(c, DossierChanged) and keys & PROGRESS) for c in changes)
