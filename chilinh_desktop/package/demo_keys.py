"""Keys for the demo city: an installation key and a demo Board key, so export and verify can be tried."""

from __future__ import annotations

from chilinh_desktop.core.keys_store import record_unit_key
from chilinh_desktop.core.store import Store
from chilinh_desktop.package.keyring import create_demo_board_keys, create_installation_key, own_signing


def create_demo_keys(store: Store) -> None:
    """Create the demo's own signing key and demo Board keys; register the key for every demo unit."""
    create_installation_key(store, label="demo", actor="demo")
    create_demo_board_keys(store)
    own = own_signing(store)
    with store.atomic():
        # In the demo one installation plays every unit, so each unit's known key is this one.
        for (unit_id,) in store.db.execute("SELECT id FROM units").fetchall():
            record_unit_key(store, unit_id, own.fingerprint, own.public, origin="demo")
