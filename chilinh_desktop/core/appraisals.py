"""The Board's appraisal (thẩm định) of the commendation proposals units sent (Công văn 789-CV/TU, §2).

Proposals are read from each unit's current package (core.received_ratings), like every Board report;
only the Board's decisions are stored. A proposal's id is derived from what it says, so a package sent
again with the same proposal keeps its decision, and a proposal that changed waits for a new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.received_ratings import ReceivedRatings, received_ratings
from chilinh_desktop.core.store import Store

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
DECISIONS = (ACCEPTED, REJECTED)


@dataclass(frozen=True)
class Proposal:
    """One commendation proposal as the Board appraises it."""

    id: str
    unit_code: str
    unit_name: str
    name: str
    kind: str  # "to_chuc" (organisation) or "dang_vien" (member)
    level: str  # the level the proposal states
    achievement: str
    subject: str | None
    rating: str | None  # the subject's rating in the unit's package (effective step)
    status: str  # pending, accepted, rejected
    reason: str
    decided_by: str
    decided_at: str
    flag: str  # why the proposal does not follow the rating rule; "" when it does

    def to_json(self) -> dict[str, Any]:
        """The proposal for scripts."""
        return dict(self.__dict__)


def proposal_id(cycle_id: str, unit_code: str, proposal: dict[str, Any]) -> str:
    """A short stable id of a proposal: what it is about and the level it states."""
    who = proposal.get("subject") or " ".join(str(proposal.get("name", "")).split()).casefold()
    text = "|".join([cycle_id, unit_code, str(proposal.get("kind", "")), who, str(proposal.get("level", ""))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _decisions(store: Store, cycle_id: str) -> dict[str, tuple[str, str, str, str]]:
    return {row[0]: row[1:] for row in store.db.execute(
        "SELECT proposal_id, decision, reason, decided_by, decided_at FROM commendation_appraisals "
        "WHERE cycle_id = ?", [cycle_id])}


def proposals(store: Store, cycle: Cycle, received: ReceivedRatings | None = None) -> list[Proposal]:
    """Every proposal in the units' current packages, unit by unit, with the Board's decision if any."""
    received = received or received_ratings(store, cycle)
    rules = duties_rules(cycle)
    decisions = _decisions(store, cycle.id)
    names = dict(store.db.execute("SELECT code, name FROM units").fetchall())
    result = []
    for unit_code in sorted(received.commendations):
        for sent in received.commendations[unit_code]:
            pid = proposal_id(cycle.id, unit_code, sent)
            effective = received.data.effective(sent["subject"]) if sent.get("subject") else None
            rating = effective.level if effective else None
            shown = rating or sent.get("level") or "—"
            flag = "" if not rules.required_level or shown == rules.required_level else \
                rules.flag.format(who=sent["name"], level=shown, required=rules.required_level)
            decision, reason, by, at = decisions.get(pid, (PENDING, "", "", ""))
            result.append(Proposal(pid, unit_code, names.get(unit_code, unit_code), sent["name"], sent["kind"],
                                   sent["level"], sent.get("achievement", ""), sent.get("subject"), rating, decision,
                                   reason, by, at, flag))
    return result


def record_decision(store: Store, cycle: Cycle, proposal: Proposal, decision: str, reason: str, *,
                    actor: str) -> None:
    """Store the Board's decision on one proposal (replacing an earlier one), audited."""
    with store.atomic():
        store.db.execute("INSERT OR REPLACE INTO commendation_appraisals (cycle_id, proposal_id, unit_code, name, "
                         "decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [cycle.id, proposal.id, proposal.unit_code, proposal.name, decision, reason, actor,
                          store.now_text()])
        store.audit(actor, "commendation.appraise", f"unit:{proposal.unit_code}", cycle=cycle.id,
                    proposal=proposal.id, name=proposal.name, decision=decision, reason=reason,
                    previous=proposal.status)


def withdraw_decision(store: Store, cycle: Cycle, proposal: Proposal, *, actor: str) -> bool:
    """Remove the Board's decision on one proposal (a mistake), audited; False when none was recorded."""
    with store.atomic():
        removed = store.db.execute("DELETE FROM commendation_appraisals WHERE cycle_id = ? AND proposal_id = ?",
                                   [cycle.id, proposal.id]).rowcount
        if removed:
            store.audit(actor, "commendation.withdraw", f"unit:{proposal.unit_code}", cycle=cycle.id,
                        proposal=proposal.id, name=proposal.name, previous=proposal.status, reason=proposal.reason)
    return bool(removed)
