"""This installation's keys (khóa ký, khóa mã hóa): create, show, back up, restore — the same for every front end.

The package layer holds the cryptography (package/keyring.py); these are the doors the command line
(and later the window) use, each one call, its writes audited in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.store import Store

if TYPE_CHECKING:
    from chilinh_desktop.package.keyring import PublicKeys


@dataclass(frozen=True)
class KeysShown:
    """The public halves this installation holds, and the Board keys kept here without a passphrase."""

    public: PublicKeys
    unprotected_board_keys: list[str]


def show_keys(store: Store) -> KeysShown:
    """What `chilinh keys` prints: public keys and fingerprints, never a private key."""
    from chilinh_desktop.package import keyring

    return KeysShown(keyring.public_keys(store), keyring.unprotected_board_keys(store))


def create_key(store: Store, *, board: bool = False, passphrase: str | None = None, actor: str = "keys") -> str:
    """Create this installation's signing key (and, for the Board, its encryption key); return the fingerprint."""
    from chilinh_desktop.package import keyring

    return keyring.create_installation_key(store, board=board, passphrase=passphrase, actor=actor)


def board_keys_protected(store: Store) -> bool:
    """Whether the Board's decryption key here is protected by a passphrase."""
    from chilinh_desktop.package import keyring

    return keyring.needs_passphrase(keyring.board_recipient(store))


def back_up_board_keys(store: Store, target: Path, passphrase: str | None, *, plain: bool = False) -> Path:
    """Write the Board's keys to `target`: protected by `passphrase`, or (plain) the decryption key in the clear."""
    from chilinh_desktop.package import keyring

    if plain:
        keyring.write_plain_identity(store, Path(target), passphrase)
    else:
        assert passphrase is not None, "a key backup is always protected"
        keyring.backup_board_keys(store, Path(target), passphrase)
    return Path(target)


def restore_board_keys(store: Store, source: Path, passphrase: str, *, actor: str = "keys") -> str:
    """Bring the Board's keys back from a protected backup; return the Board's encryption key (age recipient)."""
    from chilinh_desktop.package import keyring

    return keyring.restore_board_keys(store, Path(source), passphrase, actor=actor)


def board_private_key_protected(store: Store) -> bool:
    """Whether this installation holds the Board's private decryption key under a passphrase (False: none here)."""
    from chilinh_desktop.core.errors import ChilinhError
    from chilinh_desktop.package import keyring

    try:
        recipient = keyring.board_recipient(store)
    except ChilinhError:
        return False
    return recipient.private is not None and keyring.needs_passphrase(recipient)


def board_signing_key_protected(store: Store) -> bool:
    """Whether the Board's signing key here is protected by a passphrase (False: none here)."""
    from chilinh_desktop.core.keys_store import BOARD, SIGNING, get_key

    row = get_key(store, BOARD, SIGNING)
    return bool(row and row.protected)
