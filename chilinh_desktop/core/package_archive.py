"""The archive of exported packages (kho gói đã xuất), kept whole so a lost stick can be rewritten."""

from __future__ import annotations

from dataclasses import dataclass

from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class ArchivedPackage:
    """One exported package as recorded (without its bytes)."""

    id: str
    unit_id: str
    cycle_id: str
    file_name: str
    sha256: str
    size: int
    signer_fingerprint: str
    created_at: str


_COLUMNS = "id, unit_id, cycle_id, file_name, sha256, size, signer_fingerprint, created_at"


def archive_package(store: Store, package: ArchivedPackage, data: bytes) -> None:
    """Keep a package's bytes (call inside the export's transaction)."""
    store.db.execute(
        f"INSERT INTO packages ({_COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [package.id, package.unit_id, package.cycle_id, package.file_name, package.sha256, package.size,
         package.signer_fingerprint, package.created_at, data],
    )


def latest_export(store: Store, unit_id: str, cycle_id: str) -> str | None:
    """When the unit's latest recorded package of the cycle was exported (its Exported-At), if any."""
    row = store.db.execute("SELECT max(created_at) FROM packages WHERE unit_id = ? AND cycle_id = ?",
                           [unit_id, cycle_id]).fetchone()
    return row[0] if row else None


def list_packages(store: Store, unit_id: str | None = None) -> list[ArchivedPackage]:
    """Archived packages, newest first (of one unit when given)."""
    where, params = ("WHERE unit_id = ?", [unit_id]) if unit_id else ("", [])
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM packages {where} ORDER BY created_at DESC", params)
    return [ArchivedPackage(*row) for row in rows]


def package_data(store: Store, package_id: str) -> bytes:
    """The bytes of an archived package."""
    row = store.db.execute("SELECT data FROM packages WHERE id = ?", [package_id]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no exported package with the id {id}.", id=package_id),
                            code="package.unknown")
    return bytes(row[0])


def get_package(store: Store, package_id: str) -> ArchivedPackage:
    """One archived package's record."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM packages WHERE id = ?", [package_id]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no exported package with the id {id}.", id=package_id),
                            code="package.unknown")
    return ArchivedPackage(*row)
