"""OpenSSH signatures (SSHSIG, see OpenSSH's PROTOCOL.sshsig) made and checked with Ed25519 keys.

The format is the one `ssh-keygen -Y sign` writes, so anyone can check a package with
    ssh-keygen -Y verify -f allowed_signers -I <principal> -n chilinh-package@chilinh \
        -s file.sig < file
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import textwrap
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.keys import (
    SIGNING_KEY_TYPE,
    fingerprint,
    public_key_blob,
    public_key_from_blob,
    public_key_from_line,
)

NAMESPACE = "chilinh-package@chilinh"
_MAGIC = b"SSHSIG"
_VERSION = 1
_HASH_ALGORITHM = "sha512"
# ssh-keygen itself signs with sha512, but PROTOCOL.sshsig also allows sha256 for verification.
_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
_LINE_WIDTH = 70  # what ssh-keygen writes


@dataclass(frozen=True)
class Signer:
    """The key that made a valid signature (người ký)."""

    public_blob: bytes
    fingerprint: str


def sign(message: bytes, key: Ed25519PrivateKey, namespace: str = NAMESPACE) -> str:
    """Sign `message` and return the armored SSHSIG text (`-----BEGIN SSH SIGNATURE-----`...)."""
    digest = _HASHES[_HASH_ALGORITHM](message).digest()
    signature = key.sign(_signed_data(namespace, b"", _HASH_ALGORITHM, digest))
    blob = (
        _MAGIC
        + struct.pack(">I", _VERSION)
        + _string(public_key_blob(key))
        + _string(namespace.encode("utf-8"))
        + _string(b"")
        + _string(_HASH_ALGORITHM.encode("ascii"))
        + _string(_string(SIGNING_KEY_TYPE.encode("ascii")) + _string(signature))
    )
    body = "\n".join(textwrap.wrap(base64.b64encode(blob).decode("ascii"), _LINE_WIDTH))
    return f"{_BEGIN}\n{body}\n{_END}\n"


def verify(
    armored: str | bytes,
    message: bytes,
    namespace: str = NAMESPACE,
    allowed_key: str | None = None,
) -> Signer:
    """Check an armored SSHSIG over `message`; return its signer or raise PackageError `sig.*`.

    `allowed_key` is an OpenSSH public key line; when given, a signature by any other key fails.
    """
    reader = _Reader(_dearmor(armored))
    if reader.raw(len(_MAGIC)) != _MAGIC:
        raise package_error("sig.malformed", detail="thiếu mã nhận dạng SSHSIG")
    version = reader.uint32()
    if version != _VERSION:
        raise package_error("sig.unsupported", detail=f"phiên bản {version}")
    key_blob = reader.string()
    signed_namespace = reader.string()
    reserved = reader.string()
    hash_algorithm = reader.string().decode("ascii", "replace")
    signature_blob = reader.string()
    reader.expect_end()

    if hash_algorithm not in _HASHES:
        raise package_error("sig.unsupported", detail=f"thuật toán băm {hash_algorithm}")
    key_type = _Reader(key_blob).string()
    if key_type != SIGNING_KEY_TYPE.encode("ascii"):
        raise package_error("sig.unsupported", detail=key_type.decode("ascii", "replace"))
    if signed_namespace != namespace.encode("utf-8"):
        raise package_error(
            "sig.wrong_namespace",
            found=signed_namespace.decode("utf-8", "replace"),
            expected=namespace,
        )
    sig_reader = _Reader(signature_blob)
    sig_type = sig_reader.string()
    raw_signature = sig_reader.string()
    sig_reader.expect_end()
    if sig_type != SIGNING_KEY_TYPE.encode("ascii"):
        raise package_error("sig.unsupported", detail=sig_type.decode("ascii", "replace"))

    try:
        public_key = public_key_from_blob(key_blob)
    except PackageError as exc:
        raise package_error("sig.malformed", detail="khóa công khai hỏng") from exc
    digest = _HASHES[hash_algorithm](message).digest()
    try:
        public_key.verify(raw_signature, _signed_data(namespace, reserved, hash_algorithm, digest))
    except InvalidSignature as exc:
        raise package_error("sig.invalid") from exc

    signer = Signer(key_blob, fingerprint(key_blob))
    if allowed_key is not None:
        expected = fingerprint(public_key_from_line(allowed_key))
        if expected != signer.fingerprint:
            raise package_error("sig.wrong_key", found=signer.fingerprint, expected=expected)
    return signer


def allowed_signers_line(principal: str, public_key_line: str, namespace: str = NAMESPACE) -> str:
    """Return an `allowed_signers` line for `ssh-keygen -Y verify`, limited to `namespace`."""
    if not principal or any(char.isspace() or char in '",*?!' for char in principal):
        raise ValueError("a principal must be one word without quotes or wildcards")
    key_type, body = public_key_line.split()[:2]
    return f'{principal} namespaces="{namespace}" {key_type} {body}'


def _signed_data(namespace: str, reserved: bytes, hash_algorithm: str, digest: bytes) -> bytes:
    # The exact byte string PROTOCOL.sshsig says is signed: the namespace binds a signature to one
    # purpose, so a signature made for something else (e.g. git commits) cannot be replayed here.
    return (
        _MAGIC
        + _string(namespace.encode("utf-8"))
        + _string(reserved)
        + _string(hash_algorithm.encode("ascii"))
        + _string(digest)
    )


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _dearmor(armored: str | bytes) -> bytes:
    text = armored.decode("ascii", "replace") if isinstance(armored, bytes) else armored
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _BEGIN or lines[-1] != _END:
        raise package_error("sig.bad_armor")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as exc:
        raise package_error("sig.bad_armor") from exc


class _Reader:
    """Reads SSH wire-format fields; running out of bytes means the signature is truncated."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def raw(self, size: int) -> bytes:
        if self._pos + size > len(self._data):
            raise package_error("sig.malformed", detail="dữ liệu bị cắt cụt")
        chunk = self._data[self._pos : self._pos + size]
        self._pos += size
        return chunk

    def uint32(self) -> int:
        return struct.unpack(">I", self.raw(4))[0]

    def string(self) -> bytes:
        return self.raw(self.uint32())

    def expect_end(self) -> None:
        if self._pos != len(self._data):
            raise package_error("sig.malformed", detail="thừa dữ liệu ở cuối")
