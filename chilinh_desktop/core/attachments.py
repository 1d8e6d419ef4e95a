"""Attached files (scans, PDFs) stored inside the database, content-addressed by SHA-256.

A file is read in chunks, its size checked before the first byte is read and hashed while it is
read; a file that ends before its stated size (a stick pulled out, a network drive gone) is
refused. The type is decided from the bytes, and the structure is walked to its end (a PDF's
cross-reference table, PNG chunks with their checksums, JPEG segments up to the end marker), so a
file cut short or merely renamed is refused before it reaches a dossier.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.errors import NotFoundError, ValidationError
from chilinh_desktop.core.input_files import open_regular
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024
# What staff attach: scans as PDF or image. The type is decided from the bytes, not the name.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_OBJECT_AT = re.compile(rb"\s*\d+\s+\d+\s+obj\b")


@dataclass(frozen=True)
class AttachmentFile:
    """A file read whole and checked: its bytes, their SHA-256, its type and its name."""

    data: bytes
    sha256: str
    mime: str
    name: str


def sniff_mime(data: bytes) -> str | None:
    """The type of an attachable file from its first bytes, or None if it is not one."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    return None


def read_attachment_file(path: Path | str) -> AttachmentFile:
    """Read a file to attach: size checked first, hashed while read, short reads and bad content refused."""
    path = Path(path)
    digest = hashlib.sha256()
    buffer = bytearray()
    try:
        with open_regular(path) as handle:  # a FIFO named scan.pdf is refused at once, not waited on
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _refused(_("{name} is not a file.", name=path.name), path)
            _check_size(info.st_size, path)
            while chunk := handle.read(_CHUNK):
                buffer += chunk
                digest.update(chunk)
                if len(buffer) > info.st_size:  # grew while read: not the file that was checked
                    raise _changed(path)
    except OSError as exc:
        raise _refused(_("The file {name} cannot be read: {error}.", name=path.name,
                         error=exc.strerror or str(exc)), path) from exc
    if len(buffer) != info.st_size:
        raise _changed(path)
    data = bytes(buffer)
    return AttachmentFile(data, digest.hexdigest(), content_type(data), path.name)


def content_type(data: bytes) -> str:
    """The type of attachable bytes, after walking their structure; ValidationError if not whole."""
    _check_size(len(data), None)
    mime = sniff_mime(data)
    if mime is None:
        raise ValidationError(_("Only PDF, PNG, JPEG or TIFF files can be attached."), [("file", "")])
    whole = {"application/pdf": _pdf_whole, "image/png": _png_whole, "image/jpeg": _jpeg_whole,
             "image/tiff": _tiff_whole}[mime]
    if not whole(data):
        raise ValidationError(
            _("The file is not a whole {kind} file: it is damaged or was cut short (for example copied from a "
              "USB stick pulled out too early). Nothing was attached. Scan or copy it again.",
              kind=mime.split("/")[1].upper()),
            [("file", mime)],
        )
    return mime


def put_attachment(store: Store, data: bytes) -> str:
    """Store the bytes once (idempotent) and return their SHA-256."""
    mime = content_type(data)
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


def _check_size(size: int, path: Path | None) -> None:
    where = [("file", str(path) if path else "")]
    if size == 0:
        raise ValidationError(_("The file is empty."), where)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is larger than {size} MB. Scan it at a lower resolution.", size=MAX_ATTACHMENT_BYTES // 2**20),
            [("file", str(size))],
        )


def _refused(message: str, path: Path) -> ValidationError:
    return ValidationError(message, [("file", str(path))])


def _changed(path: Path) -> ValidationError:
    return _refused(_("The file {name} changed or ended early while it was read (a USB stick or network drive "
                      "may have gone). Nothing was attached. Copy the file to this computer and try again.",
                      name=path.name), path)


def _pdf_whole(data: bytes) -> bool:
    # The last cross-reference section must be where the trailer at the very end says: a file cut
    # off anywhere before its last kilobyte has no such trailer. (Some scanners pad after %%EOF.)
    matches = list(_STARTXREF.finditer(data, max(0, len(data) - 1024)))
    if not matches:
        return False
    offset = int(matches[-1].group(1))
    return offset < len(data) and (data.startswith(b"xref", offset) or bool(_OBJECT_AT.match(data, offset)))


def _png_whole(data: bytes) -> bool:
    position, first = 8, True
    while position + 12 <= len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind = data[position + 4:position + 8]
        end = position + 12 + length
        if end > len(data) or (first and kind != b"IHDR"):
            return False
        crc = int.from_bytes(data[end - 4:end], "big")
        if zlib.crc32(data[position + 4:end - 4]) != crc:
            return False
        if kind == b"IEND":
            return True
        position, first = end, False
    return False


def _jpeg_whole(data: bytes) -> bool:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the end marker
            return data.rfind(b"\xff\xd9") > position + 2 + length
        position += 2 + length
    return False


def _tiff_whole(data: bytes) -> bool:
    order = "little" if data.startswith(b"II") else "big"
    if len(data) < 8:
        return False
    offset = int.from_bytes(data[4:8], order)
    if offset < 8 or offset + 2 > len(data):
        return False
    entries = int.from_bytes(data[offset:offset + 2], order)
    return offset + 2 + 12 * entries + 4 <= len(data)
