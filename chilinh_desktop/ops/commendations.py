"""The Board appraises commendation proposals (thẩm định khen thưởng, Công văn 789-CV/TU §2).

`chilinh commendations` and the window's worklist both call these; a decision is refused the same
way in both (a rejection needs its reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core import appraisals
from chilinh_desktop.core.appraisals import DECISIONS, PENDING, REJECTED, Proposal
from chilinh_desktop.core.cycles import Cycle, get_cycle
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.errors import NotFoundError, StateError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.formspec.dates import running_date
from chilinh_desktop.i18n import _

COMMENDATIONS = "commendations"  # change key: the Board's appraisals


@dataclass(frozen=True)
class Worklist:
    """Every proposal received, with the appraisal deadline and how many still wait for a decision."""

    proposals: list[Proposal]
    deadline: dt.date
    today: dt.date

    @property
    def pending(self) -> int:
        """Proposals not appraised yet."""
        return sum(1 for p in self.proposals if p.status == PENDING)

    @property
    def flagged(self) -> int:
        """Proposals that do not follow the rating rule."""
        return sum(1 for p in self.proposals if p.flag)

    @property
    def days_left(self) -> int:
        """Days until the appraisal deadline (negative once it passed)."""
        return (self.deadline - self.today).days

    def notice(self) -> str:
        """One line for the dashboard: how many proposals are not appraised, against the deadline ("" if none)."""
        if not self.pending:
            return ""
        if self.days_left < 0:
            return _("{n} commendation proposals were not appraised by {date} (the deadline has passed).",
                     n=self.pending, date=running_date(self.deadline))
        return _("{n} commendation proposals still to appraise before {date} ({days} days left).",
                 n=self.pending, date=running_date(self.deadline), days=self.days_left)


@dataclass(frozen=True)
class Appraised:
    """A decision recorded on one proposal."""

    proposal: Proposal
    decision: str

    @property
    def changes(self) -> frozenset[str]:
        """What recording the decision changed."""
        return frozenset({COMMENDATIONS})


def worklist(store: Store, cycle: Cycle | None = None) -> Worklist:
    """The appraisal worklist of the cycle (read-only)."""
    cycle = cycle or get_cycle(store)
    return Worklist(appraisals.proposals(store, cycle), duties_rules(cycle).appraisal_deadline, store.clock.today())


def appraise(store: Store, proposal_id: str, decision: str, reason: str | None = None, *,
             actor: str) -> Appraised:
    """Record the Board's decision on one proposal; a rejection without a reason is refused."""
    cycle = get_cycle(store)
    reason = clean_line(reason or "")
    if decision not in DECISIONS:
        raise ValidationError(_("The decision must be accepted or rejected."), [("decision", decision)])
    if decision == REJECTED and not reason:
        raise ValidationError(_("Write the reason for rejecting the proposal; nothing was recorded."),
                              [("reason", _("required to reject"))])
    proposal = _proposal(store, cycle, proposal_id)
    appraisals.record_decision(store, cycle, proposal, decision, reason, actor=actor)
    return Appraised(proposal, decision)


def _proposal(store: Store, cycle: Cycle, proposal_id: str) -> Proposal:
    wanted = proposal_id.strip().lower()
    proposal = next((p for p in appraisals.proposals(store, cycle) if p.id == wanted), None)
    if proposal is None:
        raise NotFoundError(_("No commendation proposal received has the id {id}. List them with "
                              "`chilinh commendations`.", id=proposal_id), code="commendation.unknown")
    return proposal


def withdraw(store: Store, proposal_id: str, *, actor: str) -> Appraised:
    """Withdraw the Board's decision on one proposal (a mistake): it is to be appraised again; audited."""
    cycle = get_cycle(store)
    proposal = _proposal(store, cycle, proposal_id)
    if not appraisals.withdraw_decision(store, cycle, proposal, actor=actor):
        raise StateError(_("The proposal for {name} has not been appraised; nothing was changed.", name=proposal.name),
                         code="commendation.no_decision")
    return Appraised(proposal, PENDING)
