"""The dossiers as the screens and commands read them: finding one, its detail, its findings, a unit's page.

Read-only questions; the writes are in ops/dossier_items.py, ops/answers.py and ops/signoff.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chilinh_desktop.core.cycles import Cycle
    from chilinh_desktop.core.deadlines import CycleStatus
    from chilinh_desktop.core.dossiers import Dossier
    from chilinh_desktop.core.rules import Finding
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.units import UnitTree
    from chilinh_desktop.core.views import Badge, DossierDetail, UnitOverview


def find_dossier(store: Store, cycle: Cycle, *, unit_code: str | None = None,
                 official_id: str | None = None) -> Dossier:
    """The cycle's dossier of a cadre, or a unit's collective dossier (NotFoundError when there is none)."""
    from chilinh_desktop.core.dossiers import find_dossier as find

    return find(store, cycle, unit_code=unit_code, official_id=official_id)


def dossier_for_subject(store: Store, cycle: Cycle, subject_kind: str, subject_id: str) -> Dossier:
    """The dossier of a unit (by UUID) or of a cadre (by id), as the deadline report names them."""
    from chilinh_desktop.core.views import dossier_for_subject as find

    return find(store, cycle, subject_kind, subject_id)


def dossier_detail(store: Store, cycle: Cycle, dossier_id: str) -> DossierDetail:
    """A dossier with its subject, its unit, every item's state and the stored items."""
    from chilinh_desktop.core.views import dossier_detail as detail

    return detail(store, cycle, dossier_id)


def dossier_findings(store: Store, cycle: Cycle, detail: DossierDetail) -> list[Finding]:
    """What the rating rules find over the dossier's unit (and the units under it)."""
    from chilinh_desktop.core.rules import evaluate

    return evaluate(store, cycle, detail.unit.code)


def subject_findings(findings: list[Finding], detail: DossierDetail) -> list[Finding]:
    """The findings about a dossier's subject (a collective dossier also shows its unit's group findings)."""
    from chilinh_desktop.core.rules import findings_for_subject, subject_key

    key = subject_key(detail.official.id if detail.official else None, detail.unit.id)
    return findings_for_subject(findings, key, detail.unit.code)


def unit_overview(store: Store, cycle: Cycle, unit_code: str) -> UnitOverview:
    """A unit's page: its collective dossier and its cadres with their dossiers' progress."""
    from chilinh_desktop.core.views import unit_overview as overview

    return overview(store, cycle, unit_code)


def cycle_status(store: Store, cycle: Cycle, unit_code: str | None = None) -> CycleStatus:
    """Today's deadlines and what each unit still owes, from this data file's own dossiers (`chilinh status`)."""
    from chilinh_desktop.core.deadlines import compute_status

    return compute_status(store, cycle, store.clock.today(), unit_code)


def unit_badges(tree: UnitTree, status: CycleStatus) -> dict[str, Badge]:
    """The progress badge of every unit of the tree (a unit's own and those under it), by code."""
    from chilinh_desktop.core.views import unit_badges as badges

    return badges(tree, status)


def attachment(store: Store, sha256: str) -> tuple[bytes, str]:
    """An attached file's bytes and its type, by its SHA-256."""
    from chilinh_desktop.core.attachments import get_attachment

    return get_attachment(store, sha256)
