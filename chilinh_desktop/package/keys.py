"""Keys: Ed25519 signing keys in OpenSSH formats, age (X25519) identities, and their backup file.

OpenSSH formats are used so a person can check a package with `ssh-keygen` and compare
fingerprints printed exactly as `ssh-keygen -l` prints them. Passphrase encryption of an OpenSSH
private key needs the `bcrypt` package (cryptography's `ssh` extra).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

from chilinh_desktop.package.atomicfile import write_atomically
from chilinh_desktop.package.errors import PackageError, describe_os_error, package_error

SIGNING_KEY_TYPE = "ssh-ed25519"
_BACKUP_FORMAT = "chilinh-key-backup"
_BACKUP_VERSION = 1

AnyEd25519Key = Ed25519PrivateKey | Ed25519PublicKey


def generate_signing_key() -> Ed25519PrivateKey:
    """Create a new random Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def private_key_to_openssh(key: Ed25519PrivateKey, passphrase: str | None = None) -> bytes:
    """Serialize `key` as an OpenSSH private key file, encrypted when a passphrase is given."""
    if passphrase is None:
        encryption: serialization.KeySerializationEncryption = serialization.NoEncryption()
    else:
        encryption = serialization.BestAvailableEncryption(_passphrase_bytes(passphrase))
    try:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, encryption
        )
    except UnsupportedAlgorithm as exc:
        raise package_error("keys.unsupported", detail=str(exc)) from exc


def private_key_from_openssh(data: bytes, passphrase: str | None = None) -> Ed25519PrivateKey:
    """Load an OpenSSH private key file; a passphrase given for an unencrypted key is ignored."""
    # An empty answer to the passphrase prompt means "none given", not "set an empty one".
    password = _passphrase_bytes(passphrase) if passphrase else None
    try:
        key = serialization.load_ssh_private_key(data, password)
    except TypeError as exc:
        # cryptography signals both "password missing" and "key not encrypted" with TypeError;
        # which one it was follows from whether we passed a password.
        if password is None:
            raise package_error("keys.passphrase_required") from exc
        return private_key_from_openssh(data, None)
    except ValueError as exc:
        # A wrong passphrase decrypts to garbage, which the loader reports as a broken checksum.
        if password is not None and _is_encrypted_openssh(data):
            raise package_error("keys.wrong_passphrase") from exc
        raise package_error("keys.invalid_private_key") from exc
    except UnsupportedAlgorithm as exc:
        raise package_error("keys.unsupported", detail=str(exc)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise package_error("keys.wrong_key_type", key_type=type(key).__name__)
    return key


def public_key_blob(key: AnyEd25519Key) -> bytes:
    """Return the SSH wire-format public key blob (`string "ssh-ed25519" || string key`)."""
    return base64.b64decode(_openssh_public_fields(key)[1])


def public_key_line(key: AnyEd25519Key, comment: str = "") -> str:
    """Return the one-line OpenSSH public key `ssh-ed25519 AAAA... comment`."""
    if "\n" in comment or "\r" in comment:
        raise ValueError("a public key comment must be one line")
    key_type, body = _openssh_public_fields(key)
    return f"{key_type} {body} {comment}".rstrip(" ")


def public_key_from_line(line: str) -> Ed25519PublicKey:
    """Parse an OpenSSH public key line (`ssh-ed25519 AAAA... [comment]`)."""
    fields = line.strip().split(maxsplit=2)
    if len(fields) < 2:
        raise package_error("keys.invalid_public_key", detail="thiếu phần khóa")
    if fields[0] != SIGNING_KEY_TYPE:
        raise package_error("keys.wrong_key_type", key_type=fields[0])
    try:
        blob = base64.b64decode(fields[1], validate=True)
    except binascii.Error as exc:
        raise package_error("keys.invalid_public_key", detail="mã base64 hỏng") from exc
    return public_key_from_blob(blob)


def public_key_from_blob(blob: bytes) -> Ed25519PublicKey:
    """Load an Ed25519 public key from its SSH wire-format blob."""
    line = SIGNING_KEY_TYPE.encode() + b" " + base64.b64encode(blob)
    try:
        key = serialization.load_ssh_public_key(line)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise package_error("keys.invalid_public_key", detail="cấu trúc khóa hỏng") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise package_error("keys.wrong_key_type", key_type=type(key).__name__)
    return key


def fingerprint(key: AnyEd25519Key | bytes) -> str:
    """Return the fingerprint as `ssh-keygen -l` prints it: `SHA256:` + unpadded base64."""
    blob = key if isinstance(key, bytes) else public_key_blob(key)
    digest = hashlib.sha256(blob).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def generate_age_identity() -> x25519.Identity:
    """Create a new age X25519 identity (its text form is `AGE-SECRET-KEY-1...`)."""
    return x25519.Identity.generate()


def age_identity_from_str(text: str) -> x25519.Identity:
    """Parse an `AGE-SECRET-KEY-1...` identity."""
    try:
        return x25519.Identity.from_str(text.strip())
    except pyrage.IdentityError as exc:
        raise package_error("keys.invalid_age_key", detail=str(exc)) from exc


def age_recipient(identity: x25519.Identity) -> str:
    """Return the public `age1...` recipient of `identity`."""
    return str(identity.to_public())


@dataclass(frozen=True)
class KeyBackup:
    """What an office needs to restore its keys (sao lưu khóa): signing key and age identity."""

    signing_key: Ed25519PrivateKey
    age_identity: x25519.Identity


def write_key_backup(path: Path, backup: KeyBackup, passphrase: str) -> None:
    """Write `backup` to `path` as one age file encrypted with `passphrase` (scrypt)."""
    document = {
        "format": _BACKUP_FORMAT,
        "version": _BACKUP_VERSION,
        # The inner key stays unencrypted: the whole file is already passphrase-encrypted, and one
        # passphrase is what a person can be expected to keep.
        "signing_key": private_key_to_openssh(backup.signing_key).decode("ascii"),
        "age_identity": str(backup.age_identity),
    }
    plain = json.dumps(document, indent=2).encode("utf-8")
    sealed = pyrage.passphrase.encrypt(plain, _normalized_passphrase(passphrase))
    write_atomically(Path(path), lambda handle: handle.write(sealed), private=True)


def read_key_backup(path: Path, passphrase: str) -> KeyBackup:
    """Read a backup written by `write_key_backup`."""
    try:
        sealed = Path(path).read_bytes()
    except OSError as exc:
        reason = describe_os_error(exc)
        raise package_error("io.read_failed", path=str(path), reason=reason) from exc
    if not sealed.startswith(b"age-encryption.org/v1\n-> scrypt "):
        raise package_error("keys.backup_invalid", detail="không phải tệp age có mật khẩu")
    try:
        plain = pyrage.passphrase.decrypt(sealed, _normalized_passphrase(passphrase))
    except pyrage.DecryptError as exc:
        raise package_error("keys.backup_wrong_passphrase") from exc
    try:
        document = json.loads(plain)
        if document.get("format") != _BACKUP_FORMAT or document.get("version") != _BACKUP_VERSION:
            raise ValueError("unknown format or version")
        signing_key = private_key_from_openssh(document["signing_key"].encode("ascii"))
        age_identity = age_identity_from_str(document["age_identity"])
    except (ValueError, KeyError, AttributeError, UnicodeError, PackageError) as exc:
        raise package_error("keys.backup_invalid", detail="nội dung không đúng định dạng") from exc
    return KeyBackup(signing_key, age_identity)


def _openssh_public_fields(key: AnyEd25519Key) -> tuple[str, str]:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    line = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    key_type, body = line.decode("ascii").split(" ")[:2]
    return key_type, body


def _normalized_passphrase(passphrase: str) -> str:
    # Vietnamese input methods may produce composed or decomposed letters for the same passphrase;
    # NFC makes both unlock the same key.
    if not passphrase:
        raise package_error("keys.passphrase_empty")
    return unicodedata.normalize("NFC", passphrase)


def _passphrase_bytes(passphrase: str) -> bytes:
    return _normalized_passphrase(passphrase).encode("utf-8")


def _is_encrypted_openssh(data: bytes) -> bool:
    # Loading without a password fails with TypeError exactly when the key is encrypted; it stops
    # before any key derivation, so the probe is cheap.
    try:
        serialization.load_ssh_private_key(data, None)
    except TypeError:
        return True
    except (ValueError, UnsupportedAlgorithm):
        return False
    return False
