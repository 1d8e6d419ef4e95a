"""Signing off (ký duyệt) a unit's dossiers or one dossier, and reopening one: the same rules everywhere.

Before anything is locked the rating rules run: an error refuses the sign-off; warnings not yet
acknowledged refuse it unless the signer acknowledges them, and that acknowledgement is audited in
the same transaction as the sign-off, so it stands only if the sign-off does. Which findings count
follows the scope: a whole unit answers for all of its findings, one dossier for its subject's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chilinh_desktop.core import dossiers as core_dossiers
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, get_dossier, get_unit_by_id, missing_items
from chilinh_desktop.core.errors import StateError, ValidationError
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.rules import (
    Finding,
    acknowledge_warnings,
    findings_for_subject,
    signoff_findings,
    subject_key,
)
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes


@dataclass(frozen=True)
class DossierLine:
    """One dossier in a sign-off: whose it is, its state, and what it still misses."""

    dossier: Dossier
    subject: str
    missing: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """Whether it can be signed off now."""
        return not self.dossier.locked and not self.missing


@dataclass(frozen=True)
class SignOffPlan:
    """What a sign-off would do, shown before the signer confirms (window) or acts (command line)."""

    unit_code: str
    dossiers: tuple[DossierLine, ...]
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]

    @property
    def ready(self) -> tuple[DossierLine, ...]:
        """The dossiers that would be signed off."""
        return tuple(line for line in self.dossiers if line.ready)


class SignOffRefused(StateError):
    """The rating rules refuse the sign-off; `findings` lists why (the same in both front ends)."""

    def __init__(self, message: str, findings: list[Finding], *, code: str) -> None:
        super().__init__(message, code=code)
        self.findings = findings


def finding_line(finding: Finding) -> str:
    """A finding as both front ends list it."""
    return f"[{finding.citation}] {finding.subject_name}: {finding.message}"


@dataclass
class SignOffResult:
    """What a sign-off did: signed now, signed before, and what the others still miss."""

    signed: list[Dossier] = field(default_factory=list)
    already: list[Dossier] = field(default_factory=list)
    missing: list[DossierLine] = field(default_factory=list)
    acknowledged: list[Finding] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every dossier in scope is now signed off."""
        return not self.missing

    @property
    def changes(self) -> frozenset[str]:
        """What the sign-off changed."""
        return changes.dossiers(d.id for d in self.signed) | {changes.RATINGS}


def _scope(store: Store, cycle: Cycle, unit_code: str, dossier_id: str | None) -> list[Dossier]:
    if dossier_id is None:
        return unit_dossiers(store, cycle, get_unit(store, unit_code))
    return [get_dossier(store, dossier_id)]


def sign_off_plan(store: Store, cycle: Cycle, unit_code: str, *, dossier_id: str | None = None) -> SignOffPlan:
    """Every dossier in scope with its state and gaps, and the findings that stand in the way."""
    unit_code = unit_code.upper()
    scope = _scope(store, cycle, unit_code, dossier_id)
    unresolved = signoff_findings(store, cycle, unit_code)
    if dossier_id is not None:
        unresolved = findings_for_subject(unresolved, subject_key(scope[0].official_id, scope[0].unit_id), unit_code)
    lines = []
    for dossier in scope:
        subject = (get_official(store, dossier.official_id).full_name if dossier.official_id
                   else get_unit_by_id(store, dossier.unit_id).name)
        missing = () if dossier.locked else tuple(s.item.name for s in missing_items(store, cycle, dossier))
        lines.append(DossierLine(dossier, subject, missing))
    return SignOffPlan(unit_code, tuple(lines), tuple(f for f in unresolved if f.severity == "error"),
                       tuple(f for f in unresolved if f.severity == "warning"))


def refusal(plan: SignOffPlan, *, acknowledge: bool) -> SignOffRefused | None:
    """Why the rating rules refuse this sign-off (None: they allow it)."""
    if plan.errors:
        return SignOffRefused(_("Not signed off: the rating rules find {n} errors to correct first.",
                                n=len(plan.errors)), list(plan.errors), code="rules.errors")
    if plan.warnings and not acknowledge:
        return SignOffRefused(_("Not signed off: the rating rules give {n} warnings. Read them and confirm that "
                                "you sign off anyway.", n=len(plan.warnings)), list(plan.warnings),
                              code="rules.warnings")
    return None


def sign_off(store: Store, cycle: Cycle, unit_code: str, *, by: str, dossier_id: str | None = None,
             acknowledge: bool = False) -> SignOffResult:
    """Sign off every ready dossier of a unit (or the one named), after the rating rules allow it."""
    by = clean_line(by)
    if not by:
        raise ValidationError(_("Say who signs the dossier off."), [("by", "")])
    # The findings are evaluated once this transaction holds the write lock: a rating another
    # program (or the window's writer) records meanwhile cannot slip between the check and the lock.
    # The acknowledgement stands only if the sign-off does.
    with store.atomic():
        plan = sign_off_plan(store, cycle, unit_code, dossier_id=dossier_id)
        refused = refusal(plan, acknowledge=acknowledge)
        if refused is not None:
            raise refused
        result = SignOffResult(acknowledged=list(plan.warnings))
        acknowledge_warnings(store, cycle, plan.unit_code, list(plan.warnings), by=by)
        for line in plan.dossiers:
            if line.dossier.locked:
                result.already.append(line.dossier)
            elif line.missing:
                result.missing.append(line)
            else:
                # Open and complete as the plan found it inside this transaction: its items are not checked again.
                result.signed.append(core_dossiers.lock_checked(store, line.dossier, by=by))
    return result


@dataclass(frozen=True)
class Reopened:
    """A dossier unlocked for changes."""

    dossier: Dossier

    @property
    def changes(self) -> frozenset[str]:
        """What the reopening changed."""
        return changes.dossiers([self.dossier.id]) | {changes.RATINGS}


def reopen(store: Store, cycle: Cycle, dossier_id: str, *, by: str, reason: str) -> Reopened:
    """Unlock a signed-off dossier; who, when and why are audited."""
    return Reopened(core_dossiers.reopen(store, cycle, dossier_id, by=by, reason=reason))
