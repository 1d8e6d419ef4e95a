"""Reading what the Board received: confidential files on explicit request, and the receipt's facts."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.board import find_received, received_data, received_documents
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.package_documents import DossierRecord, ItemRecord
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.vocabulary import name_sort_key, vocabulary
from chilinh_desktop.i18n import _
from chilinh_desktop.package import agecrypt, bagit, sealed
from chilinh_desktop.package.atomicfile import write_atomically
from chilinh_desktop.package.errors import package_error
from chilinh_desktop.package.keyring import board_identity

CONFIDENTIAL_DIR = "confidential/"


_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError, UnicodeDecodeError)


def _damaged(package_id: str, exc: BaseException):
    return package_error("received.damaged", package=package_id, detail=type(exc).__name__)


def inner_package(store: Store, data: bytes, passphrase: str | None = None) -> bytes:
    """The package bytes to read files from: a sealed package opened with the Board's keys, else `data` itself."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if bagit.PAYLOAD_DIR + sealed.SEALED_NAME not in archive.namelist():
                return data
            envelope = archive.read(bagit.PAYLOAD_DIR + sealed.SEALED_NAME)
    except _DAMAGE as exc:
        raise _damaged("", exc) from None
    return sealed.unseal(envelope, board_identity(store, passphrase))


def confidential_names(store: Store, package_id: str) -> list[str]:
    """The encrypted files of a received package (names under data/), never their content.

    Read from the package's stored documents, so a sealed package is listed without the Board's key.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(received_data(store, package_id))) as archive:
            names = archive.namelist()
    except _DAMAGE as exc:  # a stored value damaged on disk or by hand: a message, never a traceback
        raise _damaged(package_id, exc) from None
    if bagit.PAYLOAD_DIR + sealed.SEALED_NAME not in names:
        prefix = bagit.PAYLOAD_DIR + CONFIDENTIAL_DIR
        return [n[len(bagit.PAYLOAD_DIR):] for n in names if n.startswith(prefix)]
    unit_doc, officials = received_documents(store, package_id)
    dossiers = [doc.dossier for doc in officials] + ([unit_doc.dossier] if unit_doc.dossier else [])
    return sorted({item.file for d in dossiers for item in d.items.values()
                   if item.file and item.file.startswith(CONFIDENTIAL_DIR)})


def open_confidential(store: Store, package_id: str, name: str, passphrase: str | None = None,
                      *, actor: str = "board") -> bytes:
    """Decrypt one confidential file of a received package for a person who asked to open it (audited).

    Nothing is returned unless the package's stored bytes match the hash recorded at import, the
    sealed file matches the signed manifest, and the decrypted bytes match the plain hash the unit
    signed in its documents (packages of version 2; a scan's name is its hash in every version).
    """
    if not name.startswith(CONFIDENTIAL_DIR) or name not in confidential_names(store, package_id):
        raise NotFoundError(_("The package has no confidential file {name}.", name=name), code="received.no_file")
    data = received_data(store, package_id)
    package = find_received(store, package_id)
    if package is None or hashlib.sha256(data).hexdigest() != package.sha256:
        raise package_error("received.confidential_mismatch", name=name, what=_("the stored package"))
    identity = board_identity(store, passphrase)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if bagit.PAYLOAD_DIR + sealed.SEALED_NAME in archive.namelist():
                # A sealed package: the evidence is the envelope as it arrived; its inner package holds the file.
                data = sealed.unseal(archive.read(bagit.PAYLOAD_DIR + sealed.SEALED_NAME), identity)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            encrypted = archive.read(bagit.PAYLOAD_DIR + name)
            manifest = archive.read(bagit.MANIFEST).decode("utf-8")
        signed = dict((path, digest.lower()) for digest, path in
                      (line.split(maxsplit=1) for line in manifest.splitlines() if line.strip()))
    except _DAMAGE as exc:
        raise _damaged(package_id, exc) from None
    if signed.get(bagit.PAYLOAD_DIR + name) != hashlib.sha256(encrypted).hexdigest():
        raise package_error("received.confidential_mismatch", name=name, what=_("the signed manifest"))
    expected = _plain_hash(store, package_id, name)
    plain = agecrypt.decrypt(encrypted, identity)
    if expected is not None and hashlib.sha256(plain).hexdigest() != expected:
        raise package_error("received.confidential_mismatch", name=name, what=_("the hash the unit signed"))
    # Who opened which declaration, and when, is itself a record the Board must keep.
    with store.atomic():
        store.audit(actor, "confidential.open", f"package:{package_id}", file=name)
    return plain


def write_confidential(store: Store, package_id: str, name: str, target: Path, passphrase: str | None = None,
                       *, actor: str = "board") -> Path:
    """Decrypt and check one confidential file, then write it owner-only (0600 on POSIX) to `target`."""
    plain = open_confidential(store, package_id, name, passphrase, actor=actor)
    write_atomically(Path(target), lambda handle: handle.write(plain), private=True)
    return Path(target)


_SCAN_NAME = re.compile(r"([0-9a-f]{64})\.[a-z]+\.age")


def _plain_hash(store: Store, package_id: str, name: str) -> str | None:
    unit_doc, officials = received_documents(store, package_id)
    dossiers: list[DossierRecord] = [doc.dossier for doc in officials]
    if unit_doc.dossier is not None:
        dossiers.append(unit_doc.dossier)
    records: list[ItemRecord] = [item for d in dossiers for item in d.items.values() if item.file == name]
    if not records:
        raise package_error("received.confidential_mismatch", name=name, what=_("the package's documents"))
    hashes = {r.plain_sha256 or r.attachment_sha256 for r in records} - {None}
    scan = _SCAN_NAME.fullmatch(name[len(CONFIDENTIAL_DIR):])
    if scan:
        hashes.add(scan.group(1))
    if len(hashes) > 1:
        raise package_error("received.confidential_mismatch", name=name, what=_("the package's documents"))
    return next(iter(hashes), None)


@dataclass(frozen=True)
class ReceiptFacts:
    """What a receipt (giấy biên nhận) states about one received package."""

    package_id: str
    unit_code: str
    unit_name: str
    file_name: str
    sha256: str
    fingerprint: str
    received_at: str
    documents: list[tuple[str, str]]  # (subject, item kind id)


def receipt_facts(store: Store, package_id: str) -> ReceiptFacts:
    """The facts of a received package for its receipt."""
    package = find_received(store, package_id)
    if package is None:
        raise NotFoundError(_("The Board has not received a package with the id {id}.", id=package_id),
                            code="received.unknown")
    unit_doc, officials = received_documents(store, package_id)
    documents = []
    words = vocabulary()
    # The unit's own papers first, then its people by their highest post, then by name (never by internal id).
    officials = sorted(officials, key=lambda doc: (
        words.post_rank(doc.official.party_post, doc.official.government_post, doc.official.mass_org_post),
        name_sort_key(doc.official.full_name)))
    subjects = [(unit_doc.unit.name, unit_doc.dossier)]
    subjects += [(doc.official.full_name, doc.dossier) for doc in officials]
    for subject, dossier in subjects:
        for kind, item in (dossier.items.items() if dossier else []):  # the dossier's order, as the unit sent it
            if item.file:
                documents.append((subject, kind))
    return ReceiptFacts(package.package_id, package.unit_code, unit_doc.unit.name, package.file_name,
                        package.sha256, package.signer_fingerprint, package.received_at, documents)
