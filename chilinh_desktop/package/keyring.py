"""The installation's keys in its database: making them, unlocking them, backing them up.

Protection at rest: with a passphrase, the signing key is stored in OpenSSH's own encrypted format
(bcrypt KDF) and the age identity as an age passphrase file (scrypt). A unit PC may go without a
passphrase: the key is then stored as a plain OpenSSH private key, marked protected = 0, and is
only as safe as the user account's files. A Board must set a passphrase; the demo Board key has
none and is labelled as demo so it is never mistaken for a real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.keys_store import BOARD, ENCRYPTION, SELF, SIGNING, StoredKey, get_key, put_key
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.package import keys
from chilinh_desktop.package.atomicfile import write_atomically
from chilinh_desktop.package.errors import package_error

DEMO_BOARD_LABEL = "DEMO – không dùng thật"


class KeyringError(ChilinhError):
    """A key that is needed is missing, locked or unusable."""

    code = "keys"


@dataclass(frozen=True)
class PublicKeys:
    """What `chilinh keys` shows: the signing key and, when known, the Board's age recipient."""

    signing_public: str | None
    signing_fingerprint: str | None
    signing_label: str
    recipient: str | None
    recipient_label: str
    recipient_is_demo: bool
    board_private_here: bool


def _now(store: Store) -> str:
    return store.now_text()


def _signing_row(store: Store, owner: str, key: Ed25519PrivateKey, passphrase: str | None, label: str,
                 demo: bool) -> StoredKey:
    return StoredKey(owner, SIGNING, keys.public_key_line(key, label if not demo else "demo"),
                     keys.private_key_to_openssh(key, passphrase), passphrase is not None,
                     keys.fingerprint(key), label, demo, _now(store))


def _age_row(store: Store, owner: str, identity: x25519.Identity, passphrase: str | None, label: str,
             demo: bool) -> StoredKey:
    secret = str(identity).encode("ascii")
    private = secret if passphrase is None else pyrage.passphrase.encrypt(secret, passphrase)
    recipient = keys.age_recipient(identity)
    return StoredKey(owner, ENCRYPTION, recipient, private, passphrase is not None, recipient, label, demo,
                     _now(store))


def create_installation_key(store: Store, *, board: bool = False, passphrase: str | None = None,
                            label: str = "", actor: str = "setup") -> str:
    """Make this installation's signing key (and, for a Board, its age identity); return the fingerprint."""
    if board and not passphrase:
        raise KeyringError(_("A Board installation must protect its keys with a passphrase."), code="keys.passphrase")
    passphrase = passphrase or None
    key = keys.generate_signing_key()
    owner = BOARD if board else SELF
    with store.atomic():
        put_key(store, _signing_row(store, owner, key, passphrase, label, False), actor=actor)
        if board:
            put_key(store, _age_row(store, BOARD, keys.generate_age_identity(), passphrase, label, False),
                    actor=actor)
    return keys.fingerprint(key)


def create_demo_board_keys(store: Store, *, actor: str = "demo") -> str:
    """A Board key pair with no passphrase, labelled as demo, so the whole flow can be tried; return its recipient."""
    identity = keys.generate_age_identity()
    with store.atomic():
        put_key(store, _signing_row(store, BOARD, keys.generate_signing_key(), None, DEMO_BOARD_LABEL, True),
                actor=actor)
        put_key(store, _age_row(store, BOARD, identity, None, DEMO_BOARD_LABEL, True), actor=actor)
    return keys.age_recipient(identity)


def own_signing(store: Store) -> StoredKey:
    """This installation's signing key row (a unit's own key, else the Board's)."""
    row = get_key(store, SELF, SIGNING)
    if row is None and load_settings(store).role == "board":
        row = get_key(store, BOARD, SIGNING)
    if row is None:
        raise KeyringError(_("This installation has no signing key yet. Create one with: chilinh keys init"),
                        code="keys.none")
    return row


def needs_passphrase(row: StoredKey) -> bool:
    """Whether unlocking the key asks for a passphrase."""
    return row.protected


def signing_key(store: Store, passphrase: str | None = None) -> Ed25519PrivateKey:
    """Unlock this installation's signing key."""
    row = own_signing(store)
    assert row.private is not None  # an own key always has its private part
    return keys.private_key_from_openssh(row.private, passphrase)


def board_recipient(store: Store) -> StoredKey:
    """The Board's age recipient that confidential files are encrypted to."""
    row = get_key(store, BOARD, ENCRYPTION)
    if row is None:
        raise KeyringError(_("The Organisation Board's encryption key is not known yet. Import the cycle kit "
                          "from the Board first."), code="keys.no_board")
    return row


def board_identity(store: Store, passphrase: str | None = None) -> x25519.Identity:
    """Unlock the Board's age identity (only present on the Board's PC or in the demo)."""
    row = board_recipient(store)
    if row.private is None:
        raise KeyringError(_("The Board's private keys are not on this computer."), code="keys.no_board_private")
    if not row.protected:
        return keys.age_identity_from_str(row.private.decode("ascii"))
    if not passphrase:
        raise package_error("keys.passphrase_required")
    try:
        text = pyrage.passphrase.decrypt(row.private, passphrase).decode("ascii")
    except pyrage.DecryptError as exc:
        raise package_error("keys.wrong_passphrase") from exc
    return keys.age_identity_from_str(text)


def board_signing_key(store: Store, passphrase: str | None = None) -> Ed25519PrivateKey:
    """Unlock the Board's signing key."""
    row = get_key(store, BOARD, SIGNING)
    if row is None or row.private is None:
        raise KeyringError(_("The Board's private keys are not on this computer."), code="keys.no_board_private")
    return keys.private_key_from_openssh(row.private, passphrase)


def public_keys(store: Store) -> PublicKeys:
    """The public side of every key this installation holds, for display."""
    try:
        signing: StoredKey | None = own_signing(store)
    except KeyringError:
        signing = None
    board = get_key(store, BOARD, ENCRYPTION)
    return PublicKeys(
        signing.public if signing else None, signing.fingerprint if signing else None,
        signing.label if signing else "", board.public if board else None, board.label if board else "",
        bool(board and board.is_demo), bool(board and board.private is not None),
    )


def backup_board_keys(store: Store, target: Path, passphrase: str) -> None:
    """Write the Board's private keys to one file protected by `passphrase`."""
    # The row's own passphrase unlocks it; a demo key has none, and the backup passphrase is used then.
    backup = keys.KeyBackup(board_signing_key(store, passphrase), board_identity(store, passphrase))
    keys.write_key_backup(target, backup, passphrase)
    store.audit("keys", "key.backup", f"key:{BOARD}", path=str(target))


def restore_board_keys(store: Store, source: Path, passphrase: str, *, actor: str = "keys") -> str:
    """Read a key backup back into this installation (protected by the same passphrase); return its recipient."""
    backup = keys.read_key_backup(source, passphrase)
    with store.atomic():
        put_key(store, _signing_row(store, BOARD, backup.signing_key, passphrase, "", False), actor=actor)
        put_key(store, _age_row(store, BOARD, backup.age_identity, passphrase, "", False), actor=actor)
    return keys.age_recipient(backup.age_identity)


def write_plain_identity(store: Store, target: Path, passphrase: str | None = None) -> None:
    """Write the Board's age identity unprotected, as the `age` tool reads it (`age -d -i FILE`)."""
    identity = board_identity(store, passphrase)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    text = (f"# created: {created}\n# public key: {keys.age_recipient(identity)}\n{identity}\n").encode("ascii")
    write_atomically(Path(target), lambda handle: handle.write(text), private=True)  # a secret: owner only
    store.audit("keys", "key.backup_plain", f"key:{BOARD}", path=str(target))


def unprotected_board_keys(store: Store) -> list[str]:
    """Which real (not demo) private keys of the Board are stored here without a passphrase."""
    found = []
    for kind, name in ((SIGNING, "signing"), (ENCRYPTION, "age")):
        key = get_key(store, BOARD, kind)
        if key is not None and key.private is not None and not key.protected and not key.is_demo:
            found.append(name)
    return found
