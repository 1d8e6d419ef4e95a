"""age encryption (X25519) of confidential payload files, readable with the standard `age` tool."""

from __future__ import annotations

from collections.abc import Sequence

import pyrage
from pyrage import x25519

from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.keys import age_identity_from_str

# Both encodings of the age header; anything else is not age data at all.
_BINARY_HEADER = b"age-encryption.org/v1\n"
_ARMOR_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"


def encrypt(data: bytes, recipients: Sequence[str]) -> bytes:
    """Encrypt `data` (binary age format) so that any of the `age1...` recipients can decrypt it."""
    if not recipients:
        # Encrypting to nobody would lose the data; that is a programming error, not a user's.
        raise ValueError("at least one recipient is required")
    parsed = []
    for recipient in recipients:
        try:
            parsed.append(x25519.Recipient.from_str(recipient.strip()))
        except pyrage.RecipientError as exc:
            raise package_error("age.bad_recipient", detail=f"{recipient!r}: {exc}") from exc
    return pyrage.encrypt(data, parsed)


def decrypt(data: bytes, identity: x25519.Identity | str) -> bytes:
    """Decrypt age `data` with `identity` (an Identity or its `AGE-SECRET-KEY-1...` text)."""
    if isinstance(identity, str):
        try:
            identity = age_identity_from_str(identity)
        except PackageError as exc:
            raise package_error("age.bad_identity", detail="không phải AGE-SECRET-KEY-1") from exc
    if not is_age(data):
        raise package_error("age.not_age")
    try:
        return pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        # pyrage reports every failure with one exception type; only its text tells a foreign
        # recipient (a fixable mistake) from damaged data.
        if "no matching keys" in str(exc).lower():
            raise package_error("age.wrong_identity") from exc
        raise package_error("age.corrupt", detail=str(exc)) from exc


def is_age(data: bytes) -> bool:
    """Tell whether `data` starts like an age file (binary or ASCII-armored)."""
    return data.startswith(_BINARY_HEADER) or data.lstrip().startswith(_ARMOR_HEADER)
