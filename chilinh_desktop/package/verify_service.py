"""Checking a received package (kiểm tra gói): read-only, every problem reported, signer pinned when known.

Beyond the bag and its signature, the package's documents are read through their typed schema, so
`chilinh verify` refuses a signed package whose unit.json or cadre documents are malformed. A sealed
package (package/sealed.py) is checked without the Board's key: labels, manifests, signature, and
that its one payload file is the sealed inner package; its documents are checked at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.keys_store import read_unit_key
from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.inbound import inspect
from chilinh_desktop.package.keys import fingerprint, public_key_from_line


@dataclass(frozen=True)
class PackageCheck:
    """The outcome of checking one package file."""

    path: Path
    errors: tuple[ChilinhError, ...]  # PackageError, or DocumentError for a malformed document
    info: dict[str, str]
    fingerprint: str | None
    known_fingerprint: str | None  # what the database records for the unit, when --db was given
    sealed: bool = False  # the payload is sealed to the Board: documents are read (and checked) at import

    @property
    def ok(self) -> bool:
        """True when nothing at all was wrong."""
        return not self.errors

    @property
    def unit_code(self) -> str | None:
        """The unit the package says it comes from."""
        return self.info.get("Unit-Code")


class UnknownUnitKey(PackageError):
    """The database has no signing key on record for the package's unit."""


def verify_package(path: Path, db_path: Path | None = None) -> PackageCheck:
    """Check ZIP safety, BagIt manifests, the signature and, with a database, the signer's identity."""
    path = Path(path)
    inspected = inspect(path)
    errors = inspected.errors
    known = None
    unit_code = inspected.info.get("Unit-Code")
    if db_path is not None and unit_code:
        recorded = read_unit_key(Path(db_path), unit_code)
        if recorded is None:
            errors.append(UnknownUnitKey(
                "package.unknown_unit_key",
                f"Cơ sở dữ liệu chưa có khóa ký của đơn vị {unit_code}, nên không xác nhận được người ký. "
                "Không có gì được ghi hay thay đổi. Hãy đăng ký khóa của đơn vị rồi kiểm tra lại.",
                unit_code,
            ))
        else:
            # Re-derive from the public line: a fingerprint column edited by hand cannot vouch for a key.
            known = fingerprint(public_key_from_line(recorded[1]))
            if inspected.fingerprint is not None and inspected.fingerprint != known:
                errors.append(package_error("sig.wrong_key", found=inspected.fingerprint, expected=known))
    return PackageCheck(path, tuple(errors), inspected.info, inspected.fingerprint, known, inspected.sealed)
