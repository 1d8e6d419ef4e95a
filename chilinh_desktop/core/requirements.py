"""Who needs which dossier item: the cycle's rules applied to a unit or cadre record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from chilinh_desktop.core.cycles import Cycle, ItemKind


class Need(StrEnum):
    """Whether an item is owed by a subject."""

    REQUIRED = "required"
    OPTIONAL = "optional"  # e.g. the suggestion letter: only if one was issued
    EXEMPT = "exempt"  # owed in general, waived for this person with a reason
    NOT_APPLICABLE = "not_applicable"


class ItemState(StrEnum):
    """The state of one stored item of a dossier."""

    MISSING = "missing"
    DRAFT = "draft"
    COMPLETE = "complete"
    ATTACHED = "attached"  # a scan or file received from outside
    EXEMPT = "exempt"  # waived by hand, with a reason
    NOT_APPLICABLE = "not_applicable"


DONE_STATES = frozenset({ItemState.COMPLETE, ItemState.ATTACHED})


@dataclass(frozen=True)
class ItemStatus:
    """One item of one subject: whether it is owed, its state, and whether it is done."""

    item: ItemKind
    need: Need
    state: ItemState
    reason: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the item counts towards the required total."""
        return self.need is Need.REQUIRED

    @property
    def done(self) -> bool:
        """Whether a required item is satisfied."""
        return self.state in DONE_STATES


def need_for(item: ItemKind, attributes: dict[str, Any]) -> tuple[Need, str | None]:
    """Apply one item's rule to a subject's record attributes."""
    for attribute, expected in item.applies_when.items():
        # SQLite flags arrive as 0/1, which compare equal to False/True.
        if attributes.get(attribute) not in expected:
            return Need.NOT_APPLICABLE, None
    if item.exempt_if:
        reason = attributes.get(item.exempt_if)
        if reason:
            return Need.EXEMPT, str(reason)
    if item.optional:
        return Need.OPTIONAL, None
    return Need.REQUIRED, None


def item_statuses(
    cycle: Cycle, scope: str, attributes: dict[str, Any], stored: dict[str, tuple[str, str | None]]
) -> list[ItemStatus]:
    """Every item kind of `scope` for one subject; `stored` maps item id to (state, exempt reason)."""
    return statuses_from(needs_of(cycle, scope, attributes), stored)


Needs = list[tuple[ItemKind, Need, "str | None"]]


def needs_of(cycle: Cycle, scope: str, attributes: dict[str, Any]) -> Needs:
    """Each item kind of `scope` with what the rules say a subject with these attributes owes.

    Depends on the attributes only, so a whole tree's figures compute it once per distinct record
    shape (a province: ~10,000 cadres, a handful of shapes) and pass it to `statuses_from`.
    """
    return [(item, *need_for(item, attributes)) for item in cycle.items_for(scope)]


_STATES = {state.value: state for state in ItemState}
_NOTHING_STORED = (ItemState.MISSING.value, None)


def statuses_from(needs: Needs, stored: dict[str, tuple[str, str | None]]) -> list[ItemStatus]:
    """The statuses of one subject's items from what it owes (`needs_of`) and what is stored."""
    result = []
    for item, need, reason in needs:
        state_text, stored_reason = stored.get(item.id, _NOTHING_STORED)
        state = _STATES.get(state_text) or ItemState(state_text)
        if state is ItemState.EXEMPT and need in (Need.REQUIRED, Need.OPTIONAL):
            need, reason = Need.EXEMPT, stored_reason
        if need is Need.NOT_APPLICABLE and state is ItemState.MISSING:
            state = ItemState.NOT_APPLICABLE
        result.append(ItemStatus(item, need, state, reason))
    return result


def applies_to_unit(cycle: Cycle, attributes: dict[str, Any]) -> bool:
    """Whether a unit owes a collective dossier at all in this cycle."""
    return any(need_for(item, attributes)[0] is not Need.NOT_APPLICABLE for item in cycle.items_for("unit"))
