"""What the Board derives from its stored packages, kept by package id in the open data file.

A received package never changes once stored (its id names it; a later package of the unit is another
row), yet every Board view — the tree's badges, the dashboard (F9), the unit page, Packages received,
the report, receipts — reads the units' current packages on each refresh. A province Board holds
~2,000 of them, and parsing one's JSON costs about a millisecond and a half. So each package's
documents are parsed once, with what every view derives from them (each dossier's progress), and a
value that several views derive from all current packages (the ratings they carry) is kept under
the ids it was derived from.

Kept per open store, not per process: another data file, or the same one opened again, reads anew;
a window's reader (`Store.reads_for`) shares its writer's, so what one thread parsed the other reuses.
A new import (core.board.record_received) drops the whole-cycle values and the entry of the package
it stores; an entry of a package stays valid for as long as the store is open, since its id names it.
Thread-safe: the window reads on its GUI thread and on a worker.
"""

from __future__ import annotations

import collections
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from chilinh_desktop.core import package_documents
from chilinh_desktop.core.package_documents import DossierRecord, OfficialDocument, UnitDocument
from chilinh_desktop.core.store import Store

T = TypeVar("T")
DONE_ITEM_STATES = ("complete", "attached")
MAX_PACKAGES = 4096  # a province: ~2,000 current packages and some superseded ones looked at


@dataclass(frozen=True)
class SubjectProgress:
    """One dossier a package carries: whose, and its required items done and missing."""

    key: str  # "unit:<id>" / "official:<id>"
    name: str
    dossier: DossierRecord
    required: int
    done: int
    missing: tuple[str, ...]  # item ids, in item-id order


@dataclass(frozen=True)
class StoredPackage:
    """A stored package's documents, checked, and each of its dossiers' progress: derived once."""

    unit_doc: UnitDocument
    officials: tuple[OfficialDocument, ...]
    subjects: tuple[SubjectProgress, ...]  # the collective first, then the cadres


def received_progress(dossier: DossierRecord) -> tuple[int, int, list[str]]:
    """A received dossier's required items, how many of them are done, and the ids of the others."""
    required, done, missing = 0, 0, []
    for item_id, item in sorted(dossier.items.items()):
        if item.need != "required":
            continue
        required += 1
        if item.state in DONE_ITEM_STATES:
            done += 1
        else:
            missing.append(item_id)
    return required, done, missing


def _derive(unit_doc: UnitDocument, officials: list[OfficialDocument]) -> StoredPackage:
    subjects = []
    carried = [(f"unit:{unit_doc.unit.id}", unit_doc.unit.name, unit_doc.dossier)] if unit_doc.dossier else []
    carried += [(f"official:{doc.official.id}", doc.official.full_name, doc.dossier) for doc in officials]
    for key, name, dossier in carried:
        required, done, missing = received_progress(dossier)
        subjects.append(SubjectProgress(key, name, dossier, required, done, tuple(missing)))
    return StoredPackage(unit_doc, tuple(officials), tuple(subjects))


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.packages: collections.OrderedDict[str, StoredPackage] = collections.OrderedDict()
        self.values: dict[Hashable, tuple[Hashable, Any]] = {}
        self.parsed = 0


_CACHES: weakref.WeakKeyDictionary[Store, _Cache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _cache(store: Store) -> _Cache:
    owner = store.reads_for or store
    with _CACHES_LOCK:
        found = _CACHES.get(owner)
        if found is None:
            found = _CACHES[owner] = _Cache()
        return found


def stored_package(store: Store, package_id: str, texts: Callable[[], tuple[str, str]]) -> StoredPackage:
    """The package's documents and progress, parsed from `texts()` (its two JSON columns) the first time only.

    Raises DocumentError, as parsing does, for a stored package whose documents no longer read.
    """
    cache = _cache(store)
    with cache.lock:
        found = cache.packages.get(package_id)
        if found is not None:
            cache.packages.move_to_end(package_id)
            return found
    unit_text, officials_text = texts()
    unit_doc, officials = package_documents.stored_documents(unit_text, officials_text, package_id)
    found = _derive(unit_doc, officials)
    with cache.lock:
        cache.packages[package_id] = found
        cache.parsed += 1
        while len(cache.packages) > MAX_PACKAGES:
            cache.packages.popitem(last=False)
    return found


def kept(store: Store) -> int:
    """How many packages have been parsed and kept in this open store (grows; for deciding when to settle)."""
    return _cache(store).parsed


def derived(store: Store, name: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    """A value derived from several packages, computed again only when `key` (the ids it reads) changed.

    The value is shared by every caller: treat it as read-only.
    """
    cache = _cache(store)
    with cache.lock:
        found = cache.values.get(name)
    if found is not None and found[0] == key:
        return found[1]
    value = compute()
    with cache.lock:
        cache.values[name] = (key, value)
    return value


def forget(store: Store, package_id: str | None = None) -> None:
    """After an import: drop the whole-cycle values and what was kept of `package_id`."""
    cache = _cache(store)
    with cache.lock:
        cache.values.clear()
        if package_id is not None:
            cache.packages.pop(package_id, None)
