"""The registry as the front ends read it: the unit tree, the managed cadres, the kinds of unit and tiers.

Read-only questions; the writes are in ops/setup.py and the kit import. The tree is the one in force
on a given day, today by the data file's clock unless a cycle's tree day is given.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chilinh_desktop.core.officials import Official
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.units import UnitTree
    from chilinh_desktop.core.vocabulary import Vocabulary


def unit_tree(store: Store, day: dt.date | None = None) -> UnitTree:
    """The units in force on `day` (today by the data file's clock), as a tree."""
    from chilinh_desktop.core.units import unit_tree as tree

    return tree(store, day or store.clock.today())


def officials(store: Store, unit_code: str | None = None) -> list[Official]:
    """The active managed cadres (of one unit when given)."""
    from chilinh_desktop.core.officials import list_officials

    return list_officials(store, unit_code)


def official(store: Store, official_id: str) -> Official:
    """One cadre by id (NotFoundError when unknown)."""
    from chilinh_desktop.core.officials import get_official

    return get_official(store, official_id)


def vocabulary(store: Store) -> Vocabulary:
    """The kinds of unit and management tiers this data file's definitions name."""
    from chilinh_desktop.core.vocabulary import vocabulary as words

    return words(store.definitions)


def shipped_vocabulary() -> Vocabulary:
    """The kinds of unit and tiers the program ships with (for setting up, before any data file exists)."""
    from chilinh_desktop.core.definitions import SHIPPED
    from chilinh_desktop.core.vocabulary import vocabulary as words

    return words(SHIPPED)
