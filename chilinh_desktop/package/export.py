"""Writing a unit's submission package (gói hồ sơ nộp): the signed, sealed bag and its checks on the target.

The format work of an export, without its use case (ops/export.py decides, records and names):
- `write_sealed`: the payload as a signed inner bag, built in memory, sealed to the Board (package/sealed.py)
  and written with its labels as the signed envelope under a pending name; the plain inner bag never
  touches a disk, and the encrypted payload is stored as it is (compressing it would be a pass for nothing);
- `read_back`: the target read once from the medium, its SHA-256 taken from those bytes and the bag verified
  from them against the signer's key (the safety rule: a stick that loses data is caught here);
- the pending name and its renaming; the handover slip's PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.input_files import open_regular
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.dates import date_line
from chilinh_desktop.package import bagit, sealed
from chilinh_desktop.package.atomicfile import fsync_directory
from chilinh_desktop.package.contents import Contents
from chilinh_desktop.package.errors import describe_os_error, package_error
from chilinh_desktop.render.handover_slip import HandoverSlip, handover_slip_pdf

PENDING = ".pending"
LEFTOVER = re.compile(r".+(\.zip|-phieu-ban-giao\.pdf)(\.pending)?(\.part)?")
SLIP_SUFFIX = "-phieu-ban-giao.pdf"


def pending(path: Path) -> Path:
    """Where a package or slip is written before the export is recorded: `<name>.pending`."""
    return path.with_name(path.name + PENDING)


def finish(pending_path: Path, target: Path) -> None:
    """Give a pending file its final name, durably."""
    try:
        os.replace(pending_path, target)
    except OSError as exc:
        raise package_error("io.write_failed", path=str(target), reason=describe_os_error(exc)) from exc
    fsync_directory(target.parent)


def write_sealed(target: Path, payload: Iterable[tuple[str, bytes]], info: list[tuple[str, str]],
                 sign: Callable[[bytes], str], recipient: str, bagging_date: dt.date) -> None:
    """Write the package at `target`: the payload signed as the inner bag, sealed to `recipient`, in the envelope.

    The envelope is not read back here: `read_back` reads it once for both its hash and its verification.
    """
    inner = bagit.bag_bytes(payload, info, signer=sign, bagging_date=bagging_date)
    envelope = sealed.seal(inner, recipient)
    del inner
    bagit.write_bag(target, envelope, [*info, (sealed.SEALED_LABEL, sealed.SEALED_VALUE)], signer=sign,
                    bagging_date=bagging_date, verify=False)


def read_back(target: Path, public_line: str) -> tuple[bytes, str]:
    """The package's bytes read from the target itself, and their SHA-256, once its bag verifies with the key."""
    try:
        with open_regular(target) as handle:
            data = handle.read()
    except OSError as exc:
        raise package_error("io.read_failed", path=str(target), reason=exc.strerror or str(exc)) from exc
    report = bagit.verify_bag(target, trusted_key=public_line, data=data)
    if not report.ok:
        codes = ", ".join(dict.fromkeys(error.code for error in report.errors))
        raise package_error("bag.write_verify_failed", path=str(target), codes=codes)
    return data, hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def slip_pdf(store: Store, contents: Contents, file_name: str, digest: str, fingerprint: str,
             dossiers: list) -> bytes:
    """The handover slip printed beside the package: what it carries, its file name, hash and signing key."""
    signers = sorted({d.signed_off_by for d in dossiers if d.signed_off_by})
    superior, issuer, place, style = slip_header(store, contents.cycle, contents.unit.code, contents.unit.name)
    return handover_slip_pdf(HandoverSlip(
        issuer, contents.unit.code, contents.unit.name, contents.cycle.title, contents.documents, file_name,
        digest, fingerprint, date_line(place, store.clock.today()), ", ".join(signers), superior, style,
    ))


def slip_header(store: Store, cycle, unit_code: str, unit_name: str) -> tuple[str, str, str, str]:
    """The slip's two header lines, the place of its date line and its style, as the unit's own papers have them."""
    from chilinh_desktop.formspec.context import issuer_header

    try:
        return issuer_header(store, cycle, unit_code)
    except NotFoundError:  # a unit the data file no longer holds: its name as the package carries it
        return "", load_settings(store).unit_name or unit_name, cycle.dispatch.get("place", ""), "party"
