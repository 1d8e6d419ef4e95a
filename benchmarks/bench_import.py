"""Import benchmark: the 60 unit packages of the demo city into a Board installation; time and peak memory.

Every demo unit is completed (in a temporary copy), signed off and exported by the demo file, which
plays every unit with its key; a second copy of the demo file then imports the whole folder.
"""

from __future__ import annotations

import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.unit_signoff import sign_off_unit, unit_dossiers
from chilinh_desktop.core.units import get_unit, unit_tree
from chilinh_desktop.demo import build_demo
from chilinh_desktop.demo.build import DEMO_TODAY, ROOT_CODE, _fill_item
from chilinh_desktop.package.export import export_unit
from chilinh_desktop.package.importer import import_packages, package_files


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="chilinh-bench-import-"))
    try:
        demo = work / "demo.sqlite3"
        with Store.open(demo, clock=FixedClock(DEMO_TODAY)) as store:
            build_demo(store, seed=2023)
        shutil.copyfile(demo, work / "board.sqlite3")
        usb = work / "usb"
        usb.mkdir()
        started = time.perf_counter()
        with Store.open(demo, clock=FixedClock(DEMO_TODAY)) as store:
            cycle = get_cycle(store)
            rng = random.Random(1)
            codes = [n.unit.code for n in unit_tree(store, cycle.tree_date).by_code[ROOT_CODE].children]
            for code in codes:
                unit = get_unit(store, code)
                with store.atomic():
                    for dossier in unit_dossiers(store, cycle, unit):
                        if dossier.locked:
                            continue
                        name = get_official(store, dossier.official_id).full_name if dossier.official_id else unit.name
                        for status in dossier_statuses(store, cycle, dossier):
                            _fill_item(store, cycle, dossier.id, status, name, 1.0, rng)
                sign_off_unit(store, cycle, code, by="Bí thư")
                export_unit(store, cycle, code, usb)
        exported = time.perf_counter() - started
        files = package_files([usb])
        size = sum(p.stat().st_size for p in files)
        before = _peak_mib()
        with Store.open(work / "board.sqlite3", clock=FixedClock(DEMO_TODAY)) as board:
            started = time.perf_counter()
            outcomes = import_packages(board, files, trust_new=True)
            elapsed = time.perf_counter() - started
        statuses = {s: sum(1 for o in outcomes if o.status == s) for s in {o.status for o in outcomes}}
        print(f"packages: {len(files)} ({size / 2**20:.1f} MiB), made in {exported:.1f} s")
        print(f"import (verify + one transaction): {elapsed:.2f} s, {elapsed / len(files) * 1000:.0f} ms per package")
        print(f"results: {statuses}")
        print(f"peak RSS: {_peak_mib():.0f} MiB (before import: {before:.0f} MiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
