"""Attached files (scans, PDFs) stored inside the database, content-addressed by SHA-256."""

from __future__ import annotations

import hashlib

from chilinh_desktop.core.errors import NotFoundError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
# What staff attach: scans as PDF or image. The type is decided from the bytes, not the name.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def sniff_mime(data: bytes) -> str | None:
    """The type of an attachable file from its first bytes, or None if it is not one."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    return None


def put_attachment(store: Store, data: bytes) -> str:
    """Store the bytes once (idempotent) and return their SHA-256."""
    if not data:
        raise ValidationError(_("The file is empty."), [("file", "")])
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is larger than {size} MB. Scan it at a lower resolution.", size=MAX_ATTACHMENT_BYTES // 2**20),
            [("file", str(len(data)))],
        )
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(_("Only PDF, PNG, JPEG or TIFF files can be attached."), [("file", "")])
    digest = hashlib.sha256(data).hexdigest()
    store.db.execute(
        "INSERT OR IGNORE INTO attachments (sha256, size, mime, data, created_at) VALUES (?, ?, ?, ?, ?)",
        [digest, len(data), mime, data, store.now_text()],
    )
    return digest


def get_attachment(store: Store, sha256: str) -> tuple[bytes, str]:
    """The bytes and type of a stored attachment."""
    row = store.db.execute("SELECT data, mime FROM attachments WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise NotFoundError(_("The attached file {id} is not in the data file.", id=sha256[:12]))
    return bytes(row[0]), row[1]
