"""Reading what the Board received: confidential files on explicit request, and the receipt's facts."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from chilinh_desktop.core.board import find_received, received_data, received_documents
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.package import agecrypt, bagit
from chilinh_desktop.package.keyring import board_identity

CONFIDENTIAL_DIR = "confidential/"


def confidential_names(store: Store, package_id: str) -> list[str]:
    """The encrypted files of a received package (names under data/), never their content."""
    with zipfile.ZipFile(io.BytesIO(received_data(store, package_id))) as archive:
        prefix = bagit.PAYLOAD_DIR + CONFIDENTIAL_DIR
        return [n[len(bagit.PAYLOAD_DIR):] for n in archive.namelist() if n.startswith(prefix)]


def open_confidential(store: Store, package_id: str, name: str, passphrase: str | None = None,
                      *, actor: str = "board") -> bytes:
    """Decrypt one confidential file of a received package for a person who asked to open it (audited)."""
    if not name.startswith(CONFIDENTIAL_DIR) or name not in confidential_names(store, package_id):
        raise NotFoundError(_("The package has no confidential file {name}.", name=name), code="received.no_file")
    with zipfile.ZipFile(io.BytesIO(received_data(store, package_id))) as archive:
        sealed = archive.read(bagit.PAYLOAD_DIR + name)
    plain = agecrypt.decrypt(sealed, board_identity(store, passphrase))
    # Who opened which declaration, and when, is itself a record the Board must keep.
    with store.atomic():
        store.audit(actor, "confidential.open", f"package:{package_id}", file=name)
    return plain


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
    subjects = [(unit_doc["unit"]["name"], unit_doc.get("dossier"))]
    subjects += [(doc["official"]["full_name"], doc["dossier"]) for doc in officials]
    for subject, dossier in subjects:
        for kind, item in sorted((dossier or {}).get("items", {}).items()):
            if item.get("file"):
                documents.append((subject, kind))
    return ReceiptFacts(package.package_id, package.unit_code, unit_doc["unit"]["name"], package.file_name,
                        package.sha256, package.signer_fingerprint, package.received_at, documents)
