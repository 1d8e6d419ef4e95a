"""Definition files in force (forms, scales, rule sets): an installation's own copies before the shipped ones.

A cycle kit brings the Board's definitions into the data file (table `definitions`), so a label
the Board corrects reaches every unit without a new program. Each open store owns a `Definitions`
(`store.definitions`): its stored files first, then the program's forms/ folder, with its own cache
of parsed files. Nothing is process-wide, so two data files opened in one process (a Board comparing
files, a roll-up) each see their own forms. `SHIPPED` serves the program's own files alone, and is
passed by name where that is meant (a shipped cycle file, a first start), never as a default.

Every loader reads its file through `Definitions.toml` (or `parse_toml` for a kit's bytes not yet
installed): one reader, one decoded copy per data file, and one message for a file that is missing,
not UTF-8 or not TOML, naming the file and the line. The loaders check only their own content.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.i18n import _
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

    def has(self, relpath: str) -> bool:
        """Whether a definition file of that path is in force (stored or shipped)."""
        return relpath in self._stored or (forms_dir() / relpath).is_file()

    def names(self, folder: str = "") -> list[str]:
        """Relative paths of the .toml definitions directly in `folder` of forms/, shipped or stored, sorted."""
        prefix = f"{folder}/" if folder else ""
        shipped = {prefix + p.name for p in (forms_dir() / folder).glob("*.toml")}
        stored = {p for p in self._stored
                  if p.startswith(prefix) and "/" not in p[len(prefix):] and p.endswith(".toml")}
        return sorted(shipped | stored)

    def toml(self, relpath: str) -> dict[str, Any]:
        """The decoded TOML of a definition file in force, read once per `Definitions`.

        A missing file, bytes that are not UTF-8 or text that is not TOML raise the one
        DefinitionError of `parse_toml`; each loader then checks only its own content.
        """
        def load() -> dict[str, Any]:
            try:
                data = self.read(relpath)
            except OSError as exc:
                raise not_opened(relpath, exc) from exc
            return parse_toml(data, relpath)

        return self.memo(("toml", relpath), load)

    def memo(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The parsed value cached under `key` for these definitions, made on first use."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


SHIPPED = Definitions()

_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def unreadable(relpath: str, problem: str, line: int | None = None) -> DefinitionError:
    """The one error of a definition file that cannot be read, naming the file (and the line when known)."""
    if line is None:
        return DefinitionError(_("The definition file {file} cannot be read: {problem}.", file=relpath,
                                 problem=problem))
    return DefinitionError(_("The definition file {file} cannot be read, line {line}: {problem}.", file=relpath,
                             line=line, problem=problem))


def not_opened(relpath: str, exc: OSError) -> DefinitionError:
    """The one error of a definition file that is missing or cannot be opened."""
    if isinstance(exc, FileNotFoundError):
        return unreadable(relpath, _("the file is missing"))
    return unreadable(relpath, _("the file cannot be opened ({error})", error=exc.strerror or type(exc).__name__))


def parse_toml(data: bytes, relpath: str) -> dict[str, Any]:
    """Decode the bytes of the definition file `relpath` (UTF-8 TOML), or DefinitionError naming file and line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise unreadable(relpath, _("it is not UTF-8 text"), data[:exc.start].count(b"\n") + 1) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        if where is None:
            raise unreadable(relpath, _("it is not valid TOML")) from exc
        raise unreadable(relpath, _("it is not valid TOML (column {column})", column=int(where[2])),
                         int(where[1])) from exc


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
