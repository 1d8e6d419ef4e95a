"""Reading a package file that arrived at the Board, in as few passes over its bytes as possible.

The file is read once (hashed as it is read) and its bag verified from those bytes; the payload files
the checks need (the documents, the scans' kinds, a sealed envelope's inner package) are handed over
while the manifests are checked, so no entry is inflated twice. A sealed package's inner package is
decrypted in memory and verified the same way (package/sealed.py). Nothing here knows the Board's
records: ops/importing.py judges units, cycles, keys and what to write.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.input_files import open_regular
from chilinh_desktop.core.input_rules import TextLimits
from chilinh_desktop.core.package_documents import OfficialDocument, UnitDocument
from chilinh_desktop.package import bagit, sealed
from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.incoming import DocumentReader

IN_MEMORY = 256 << 20  # a package file up to this size is read once into memory; a bigger one is streamed
REQUIRED_INFO = ("Unit-Code", "Cycle-Id", "Package-Id", bagit.SIGNER_FINGERPRINT_LABEL)
Documents = tuple[UnitDocument, list[OfficialDocument]]


@dataclass
class Inspected:
    """A package's bag checked: every problem, its labels and signer, and what reading its documents needs.

    `sealed_payload` (an envelope's encrypted inner package) or `documents` (a plain package's, read while
    its bag was verified) is filled in only when the bag is sound.
    """

    errors: list[ChilinhError]
    info: dict[str, str]
    fingerprint: str | None
    signer_public: str | None
    sealed: bool
    sealed_payload: bytes | None = None
    documents: Documents | None = None


def read_file(path: Path, *, whole: bool = False) -> tuple[bytes | None, str, int]:
    """The bytes of a package file, their SHA-256 and size (OSError when it cannot be read; a FIFO is refused at once).

    Unless `whole` (the bytes are to be stored), a file over IN_MEMORY bytes is only hashed, in chunks (its bytes
    are None): it is then verified from the file, and a crafted huge file never fills the memory.
    """
    with open_regular(path) as handle:
        if whole:
            data = handle.read()
            return data, hashlib.sha256(data).hexdigest(), len(data)
        size = os.fstat(handle.fileno()).st_size
        if size <= IN_MEMORY:
            # Its size and a byte more (a file that grew while read shows it): asking for IN_MEMORY bytes would
            # map and fault in a fresh 256 MiB buffer for every file (0.4 ms CPU of a 2 MiB package).
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(IN_MEMORY + 1 - len(data))
            if len(data) <= IN_MEMORY:
                return data, hashlib.sha256(data).hexdigest(), len(data)
            digest, size = hashlib.sha256(data), len(data)  # it grew beyond IN_MEMORY while read: go on in chunks
        else:
            digest, size = hashlib.sha256(), 0
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return None, digest.hexdigest(), size


def inspect(path: Path, data: bytes | None = None, limits: TextLimits | None = None) -> Inspected:
    """Verify the bag (ZIP safety, manifests, signature) and read what its kind of package carries (its texts
    held to `limits`, the receiving installation's)."""
    documents = DocumentReader(limits)
    kept: dict[str, bytes] = {}

    def wanted(name: str) -> bool:
        return name == sealed.SEALED_NAME or documents.wanted(name)

    def visit(name: str, content: bytes) -> None:
        if name == sealed.SEALED_NAME:
            kept[name] = content
        else:
            documents.visit(name, content)

    report = bagit.verify_bag(Path(path), require_signature=True, data=data, wanted=wanted, visit=visit)
    errors: list[ChilinhError] = list(report.errors)
    result = Inspected(errors, dict(report.info), report.signer_fingerprint, report.signer_public,
                       sealed.is_sealed(report.info))
    if not errors and result.sealed:
        # Only the sealed inner package: its documents are the Board's to read, with its key.
        extra = [name for name in report.payload_names if name != sealed.SEALED_NAME]
        if extra or sealed.SEALED_NAME not in kept:
            errors.append(package_error("package.unexpected_file", name=extra[0] if extra else sealed.SEALED_NAME))
        else:
            result.sealed_payload = kept.pop(sealed.SEALED_NAME)
    elif not errors:
        try:
            result.documents = documents.documents(report.payload_names)
        except ChilinhError as exc:
            errors.append(exc)
    if report.info:
        errors += [PackageError("package.info_missing", _info_missing(label), label)
                   for label in REQUIRED_INFO if label not in report.info]
    return result


def unsealed_documents(inspected: Inspected, identity: Callable[[], Any], limits: TextLimits | None = None
                       ) -> Documents:
    """The documents of a sound envelope's inner package, decrypted with `identity()` (the Board's key).

    The inner package must be a whole signed bag by the same key with the same labels (package/sealed.py).
    """
    assert inspected.sealed_payload is not None
    inner = sealed.unseal(inspected.sealed_payload, identity())
    inspected.sealed_payload = None  # the encrypted copy is not needed any more
    documents = DocumentReader(limits)
    report = bagit.verify_bag(Path(sealed.SEALED_NAME), require_signature=True, data=inner,
                              wanted=documents.wanted, visit=documents.visit)
    del inner
    if report.errors:
        raise report.errors[0]
    if sealed.is_sealed(report.info):
        raise package_error("package.unexpected_file", name=sealed.SEALED_NAME)
    if report.signer_fingerprint != inspected.fingerprint or sealed.labels_differ(inspected.info, report.info):
        raise package_error("package.sealed_mismatch", labels=", ".join(
            sealed.labels_differ(inspected.info, report.info) or [bagit.SIGNER_FINGERPRINT_LABEL]))
    return documents.documents(report.payload_names)


def _info_missing(label: str) -> str:
    return (f'Tệp bag-info.txt thiếu nhãn "{label}" bắt buộc của gói hồ sơ. Không có gì được ghi hay thay đổi. '
            "Không dùng gói này; hãy đề nghị nơi gửi xuất lại gói và chép lại vào USB.")
