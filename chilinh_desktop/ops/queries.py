"""Small read-only questions the front ends ask, so that ui/ and cli/ never write SQL themselves."""

from __future__ import annotations

from dataclasses import dataclass

from chilinh_desktop.core.package_archive import list_packages
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import Unit, get_unit, unit_tree


@dataclass(frozen=True)
class InstallationSize:
    """How big an installation's tree is: every unit and every cadre ever recorded."""

    units: int
    officials: int


@dataclass(frozen=True)
class ExportedPackage:
    """An archived submission package, with the code of its unit (for lists)."""

    id: str
    unit_code: str
    file_name: str
    sha256: str
    size: int
    created_at: str


def unit_codes(store: Store) -> dict[str, str]:
    """Every unit's code by its id (closed units included: old packages still name them)."""
    return dict(store.db.execute("SELECT id, code FROM units").fetchall())


def active_officials_by_unit(store: Store) -> dict[str, list[str]]:
    """The ids of the active managed cadres, by the code of their unit."""
    officials: dict[str, list[str]] = {}
    for official_id, code in store.db.execute(
        "SELECT o.id, u.code FROM officials o JOIN units u ON u.id = o.unit_id WHERE o.active = 1 ORDER BY o.rowid"
    ):
        officials.setdefault(code, []).append(official_id)
    return officials


def installation_size(store: Store) -> InstallationSize:
    """How many units and cadres the data file holds."""
    units = store.db.execute("SELECT count(*) FROM units").fetchone()[0]
    officials = store.db.execute("SELECT count(*) FROM officials").fetchone()[0]
    return InstallationSize(units, officials)


def root_unit(store: Store) -> Unit | None:
    """The top of the unit tree today (the Board's own committee), or None for an empty tree."""
    tree = unit_tree(store, store.clock.today())
    return tree.roots[0].unit if tree.roots else None


def exported_packages(store: Store, unit_code: str | None = None) -> list[ExportedPackage]:
    """The archive of exported packages, newest first (of one unit when given)."""
    unit_id = get_unit(store, unit_code).id if unit_code else None
    codes = unit_codes(store)
    return [ExportedPackage(p.id, codes.get(p.unit_id, p.unit_id), p.file_name, p.sha256, p.size, p.created_at)
            for p in list_packages(store, unit_id)]


def unit_name(store: Store, code: str) -> str:
    """A unit's name as a person knows it (its code when the unit is unknown here)."""
    row = store.db.execute("SELECT name FROM units WHERE code = ?", [code]).fetchone()
    return row[0] if row else code
