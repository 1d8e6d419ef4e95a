"""A demo unit installation made from a Board's cycle kit, so the two-installation flow can be tried by hand.

The kit sets the installation up exactly as a real unit office would be; then the unit's own
dossiers are filled with demo content (complete, not signed off: signing off is the person's step).
"""

from __future__ import annotations

import random
from pathlib import Path

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.settings import load_settings, save_settings
from chilinh_desktop.core.store import Store, build_new_file
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.demo.build import DEMO_TODAY, _fill_item
from chilinh_desktop.demo.ratings import add_demo_ratings
from chilinh_desktop.package.kit import KitSetup, import_kit, read_kit


def build_unit_from_kit(store: Store, kit_path: Path, unit_code: str, *, seed: int = 2023) -> KitSetup:
    """Set `store` up as unit `unit_code` from the kit and fill that unit's dossiers with demo content."""
    setup = import_kit(store, read_kit(kit_path), unit_code, actor="demo")
    save_settings(store, load_settings(store).changed(today=DEMO_TODAY.isoformat()))
    cycle = get_cycle(store)
    unit = get_unit(store, setup.unit_code)
    rng = random.Random(f"{seed}-{unit.code}")
    # The unit's own ratings travel in its package, so the Board's summaries have something to count.
    add_demo_ratings(store, cycle, random.Random(seed + 1), unit_code=unit.code)
    with store.atomic():
        for dossier in unit_dossiers(store, cycle, unit):
            name = get_official(store, dossier.official_id).full_name if dossier.official_id else unit.name
            for status in dossier_statuses(store, cycle, dossier):
                _fill_item(store, cycle, dossier.id, status, name, 1.0, rng)
    return setup


def create_unit_demo_file(path: Path, kit_path: Path, unit_code: str, *, seed: int = 2023) -> KitSetup:
    """Set up a demo unit installation in a new data file at `path`, whole or not at all."""
    return build_new_file(path, lambda store: build_unit_from_kit(store, kit_path, unit_code, seed=seed))
