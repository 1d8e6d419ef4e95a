"""Fixtures for package tests: keys, a signed sample bag, and a maker of hand-crafted ZIP files."""

from __future__ import annotations

import datetime as dt
import shutil
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chilinh_desktop.package import bagit, keys, sshsig
from chilinh_desktop.package.zipsafe import ZipLimits

ZipEntry = tuple[str | zipfile.ZipInfo, bytes]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def ssh_keygen() -> str:
    """Path of OpenSSH's ssh-keygen; the test is skipped where it is absent."""
    return _tool("ssh-keygen")


@pytest.fixture
def age_cli() -> str:
    """Path of the reference `age` tool; the test is skipped where it is absent."""
    return _tool("age")


@pytest.fixture(scope="session")
def signing_key():
    """One Ed25519 key for the whole session (generation is cheap, but fingerprints stay stable)."""
    return keys.generate_signing_key()


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[[str, list[ZipEntry]], Path]:
    """Write a ZIP `name` in tmp_path with exactly the given entries, hostile ones included."""

    def make(name: str, entries: list[ZipEntry]) -> Path:
        path = tmp_path / name
        with warnings.catch_warnings():
            # zipfile warns about duplicate names; writing them is the point of some tests.
            warnings.simplefilter("ignore", UserWarning)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for entry, data in entries:
                    archive.writestr(entry, data)
        return path

    return make


@pytest.fixture
def sample_payload(tmp_path: Path) -> list[tuple[str, bytes | Path]]:
    """A small payload: JSON given as bytes and a scan given as a file path."""
    scan = tmp_path / "source-scan.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return [("dossier.json", b'{"unit": "CL01"}'), ("scans/scan-001.pdf", scan)]


@pytest.fixture
def signed_bag(tmp_path: Path, signing_key, sample_payload) -> Path:
    """A valid signed bag written by write_bag, as a unit office would export it."""
    target = tmp_path / "CL01-2024.zip"
    bagit.write_bag(
        target,
        sample_payload,
        [
            ("Source-Organization", "Đảng bộ phường Cộng Hòa"),
            ("Unit-Code", "CL01"),
            (bagit.SIGNER_FINGERPRINT_LABEL, keys.fingerprint(signing_key)),
        ],
        signer=lambda tagmanifest: sshsig.sign(tagmanifest, signing_key),
        bagging_date=dt.date(2024, 12, 5),
    )
    return target


@pytest.fixture
def small_limits() -> ZipLimits:
    """Limits small enough to trip with tiny test archives."""
    return ZipLimits(max_entries=5, max_file_size=1000, max_total_size=2500)
