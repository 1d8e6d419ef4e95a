"""Nothing readable on a lost USB stick: the whole package sealed to the Board (gói niêm phong).

A unit's package travels as an envelope: a signed BagIt bag whose only payload file is
`data/sealed/package.zip.age`, the complete inner package (the signed bag of earlier versions:
unit.json, cadres, forms, scans, summary) encrypted to the Board's age key. What stays readable is
what a Board needs to check the envelope before decrypting: bag-info's labels (unit code, cycle,
package id, export moment, signer fingerprint), the manifests and the SSHSIG signature. The
handover slip is printed beside the package as before.

`chilinh verify` checks an envelope without the Board's key (ZIP safety, manifests, signature);
the Board's import decrypts it and checks the inner package as it always did, and requires the
inner package to be signed by the same key with the same labels. Packages made before sealing (no
`Payload-Sealed` label) still import unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from chilinh_desktop.package import agecrypt, bagit
from chilinh_desktop.package.errors import package_error
from chilinh_desktop.package.zipsafe import BoundedReader, open_zip

SEALED_LABEL, SEALED_VALUE = "Payload-Sealed", "age"
SEALED_NAME = "sealed/package.zip.age"  # relative to data/
# Labels the envelope and the inner package must both carry alike.
SHARED_LABELS = ("Unit-Code", "Cycle-Id", "Package-Id", "Exported-At", bagit.SIGNER_FINGERPRINT_LABEL)


def is_sealed(info: Mapping[str, str]) -> bool:
    """Whether a bag's labels say its payload is the sealed inner package."""
    return info.get(SEALED_LABEL) == SEALED_VALUE


def seal(inner: bytes, recipient: str) -> list[tuple[str, bytes]]:
    """The envelope's payload: the inner package's bytes encrypted to the Board's recipient."""
    return [(SEALED_NAME, agecrypt.encrypt(inner, [recipient]))]


def sealed_bytes(path: Path) -> bytes:
    """The encrypted inner package of a verified envelope (ZIP limits apply)."""
    with open_zip(path) as archive:
        names = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        payload = [n for n in names if n.startswith(bagit.PAYLOAD_DIR)]
        if payload != [bagit.PAYLOAD_DIR + SEALED_NAME]:
            extra = next((n for n in payload if n != bagit.PAYLOAD_DIR + SEALED_NAME), SEALED_NAME)
            raise package_error("package.unexpected_file", name=extra[len(bagit.PAYLOAD_DIR):])
        return BoundedReader(archive).read(names[bagit.PAYLOAD_DIR + SEALED_NAME])


def unseal(sealed: bytes, identity) -> bytes:
    """The inner package's bytes (PackageError when the key is not the Board's or the data is damaged)."""
    return agecrypt.decrypt(sealed, identity)


def labels_differ(outer: Mapping[str, str], inner: Mapping[str, str]) -> list[str]:
    """The shared labels on which the envelope and its inner package disagree."""
    return [label for label in SHARED_LABELS if (outer.get(label) or "") != (inner.get(label) or "")]
