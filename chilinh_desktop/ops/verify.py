"""Checking a submission package without importing it (`chilinh verify`): nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chilinh_desktop.package.verify_service import PackageCheck


def verify_package(path: Path, db_path: Path | None = None) -> PackageCheck:
    """ZIP safety, BagIt manifests and the signature; with a data file, the signer's identity too."""
    from chilinh_desktop.package.verify_service import verify_package as verify

    return verify(path, db_path)
