"""Definition files in force (forms, scales, rule sets): an installation's own copies before the shipped ones.

A cycle kit brings the Board's definitions into the data file (table `definitions`), so a label
the Board corrects reaches every unit without a new program. Loaders read through
`read_definition`, which looks in the overlay of the installation in use first, then in forms/.
`Store.open` activates the overlay of the file it opens: the last installation opened in a
process is the one its loaders serve (one per CLI command or window; tests switch freely).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from chilinh_desktop.resources import forms_dir

if TYPE_CHECKING:
    from chilinh_desktop.core.store import Store

F = TypeVar("F", bound=Callable)

# Relative path under forms/ (POSIX separators) → bytes, of the installation in use.
_overlay: dict[str, bytes] = {}
_cache_clearers: list[Callable[[], None]] = []


@dataclass(frozen=True)
class StoredDefinition:
    """One definition file an installation keeps (from a cycle kit)."""

    path: str
    sha256: str
    kit_id: str
    installed_at: str


def cached(fn: F) -> F:
    """functools.cache for a loader of definitions, emptied whenever the definitions in use change."""
    wrapper = functools.cache(fn)
    _cache_clearers.append(wrapper.cache_clear)
    return wrapper  # type: ignore[return-value]


def activate(store: Store | None) -> None:
    """Serve this installation's stored definitions from now on in this process (None: the shipped files)."""
    rows = store.db.execute("SELECT path, content FROM definitions").fetchall() if store is not None else []
    _use({path: bytes(content) for path, content in rows})


def _use(overlay: dict[str, bytes]) -> None:
    global _overlay
    if overlay == _overlay:
        return  # switching between installations with the same definitions keeps the parsed forms
    _overlay = overlay
    for clear in _cache_clearers:
        clear()


def read_definition(relpath: str) -> bytes:
    """The bytes of a definition file in force: the installation's copy, else the shipped one (OSError if none)."""
    if relpath in _overlay:
        return _overlay[relpath]
    return (forms_dir() / relpath).read_bytes()


def definition_names(folder: str = "") -> list[str]:
    """Relative paths of the .toml definitions directly in `folder` of forms/, shipped or stored, sorted."""
    prefix = f"{folder}/" if folder else ""
    shipped = {prefix + p.name for p in (forms_dir() / folder).glob("*.toml")}
    stored = {p for p in _overlay if p.startswith(prefix) and "/" not in p[len(prefix):] and p.endswith(".toml")}
    return sorted(shipped | stored)


def differs_from_shipped(relpath: str, content: bytes) -> bool:
    """Whether these bytes are not exactly the program's own file of that path."""
    try:
        return (forms_dir() / relpath).read_bytes() != content
    except OSError:
        return True


def store_definitions(store: Store, files: dict[str, bytes], kit_id: str) -> None:
    """Replace the installation's stored definitions by these (call inside the import's transaction)."""
    now = store.now_text()
    store.db.execute("DELETE FROM definitions")
    for path, content in sorted(files.items()):
        store.db.execute("INSERT INTO definitions (path, content, sha256, kit_id, installed_at) VALUES (?, ?, ?, ?, ?)",
                         [path, content, hashlib.sha256(content).hexdigest(), kit_id, now])


def stored_definitions(store: Store) -> list[StoredDefinition]:
    """What the installation keeps, by path."""
    rows = store.db.execute("SELECT path, sha256, kit_id, installed_at FROM definitions ORDER BY path").fetchall()
    return [StoredDefinition(*row) for row in rows]
