"""The installation's settings as one typed object, instead of string keys spread over the code.

Kept in the `settings` table of the data file (key → text), so every installation carries its own.
`load_settings` reads them all at once; `save_settings` writes only the fields that changed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields

from chilinh_desktop.core.store import Store

ROLES = ("unit", "board", "demo")


@dataclass(frozen=True)
class Settings:
    """What an installation is (vai trò: đơn vị / Ban Tổ chức) and how it prints."""

    role: str = ""  # "unit", "board", or "demo" (the demo city plays the Board)
    unit_code: str = ""  # the unit this installation belongs to (the Board's own root unit for a Board)
    unit_name: str = ""
    user_name: str = ""  # who works here, for the audit trail
    signer: str = ""  # the default name under a sign-off
    today: str = ""  # a pinned "today" (ISO date), as the demo keeps; empty: the computer's clock
    print_place: str = ""  # the place line of printed documents ("Minh Giang, ngày …")
    print_margins: str = ""  # "top,bottom,left,right" in mm; empty: the default
    print_font: str = ""  # the preferred font family; empty: Times New Roman, then fallbacks

    @property
    def is_board(self) -> bool:
        """Whether this installation receives packages (the Board, or the demo city playing it)."""
        return self.role in ("board", "demo")

    def changed(self, **values: str) -> Settings:
        """A copy with some fields replaced."""
        return dataclasses.replace(self, **values)


# Field name → key in the settings table (the keys predate this object; files in use keep them).
_KEYS = {f.name: f.name.replace("print_", "print.", 1) for f in fields(Settings)}


def settings_key(name: str) -> str:
    """The settings-table key of a Settings field."""
    return _KEYS[name]


def load_settings(store: Store) -> Settings:
    """Every setting of the installation, defaults where none is stored."""
    rows = dict(store.db.execute("SELECT key, value FROM settings").fetchall())
    return Settings(**{name: rows.get(key) or "" for name, key in _KEYS.items()})


def save_settings(store: Store, settings: Settings) -> list[str]:
    """Store the fields that differ from what is stored (inside the caller's transaction); return their names."""
    before = load_settings(store)
    changed = [f.name for f in fields(Settings) if getattr(before, f.name) != getattr(settings, f.name)]
    for name in changed:
        store.set_setting(_KEYS[name], getattr(settings, name))
    return changed
