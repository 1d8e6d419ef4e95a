"""Definition files in force (forms, scales, rule sets): an installation's own copies before the shipped ones.

A cycle kit brings the Board's definitions into the data file (table `definitions`), so a label
the Board corrects reaches every unit without a new program. Each open store owns a `Definitions`
(`store.definitions`): its stored files first, then the program's forms/ folder, with its own cache
of parsed files. Nothing is process-wide, so two data files opened in one process (a Board comparing
files, a roll-up) each see their own forms. `SHIPPED` serves the program's own files alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from chilinh_desktop.resources import forms_dir

if TYPE_CHECKING:
    from chilinh_desktop.core.store import Store

T = TypeVar("T")


class Definitions:
    """The definition files one installation uses (relative path under forms/ → bytes), and their parsed forms."""

    def __init__(self, stored: dict[str, bytes] | None = None) -> None:
        self._stored = dict(stored or {})
        self._memo: dict[tuple[Any, ...], Any] = {}

    @classmethod
    def of_store(cls, store: Store) -> Definitions:
        """The definitions a data file keeps, over the shipped ones."""
        rows = store.db.execute("SELECT path, content FROM definitions").fetchall()
        return cls({path: bytes(content) for path, content in rows})

    def read(self, relpath: str) -> bytes:
        """The bytes of a definition file in force: the installation's copy, else the shipped one (OSError if none)."""
        if relpath in self._stored:
            return self._stored[relpath]
        return (forms_dir() / relpath).read_bytes()

    def names(self, folder: str = "") -> list[str]:
        """Relative paths of the .toml definitions directly in `folder` of forms/, shipped or stored, sorted."""
        prefix = f"{folder}/" if folder else ""
        shipped = {prefix + p.name for p in (forms_dir() / folder).glob("*.toml")}
        stored = {p for p in self._stored
                  if p.startswith(prefix) and "/" not in p[len(prefix):] and p.endswith(".toml")}
        return sorted(shipped | stored)

    def memo(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The parsed value cached under `key` for these definitions, made on first use."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


SHIPPED = Definitions()


@dataclass(frozen=True)
class StoredDefinition:
    """One definition file an installation keeps (from a cycle kit)."""

    path: str
    sha256: str
    kit_id: str
    installed_at: str


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
    store.reload_definitions()


def stored_definitions(store: Store) -> list[StoredDefinition]:
    """What the installation keeps, by path."""
    rows = store.db.execute("SELECT path, sha256, kit_id, installed_at FROM definitions ORDER BY path").fetchall()
    return [StoredDefinition(*row) for row in rows]
