"""Import benchmark: the demo city's unit packages into a Board installation; time and peak memory.

Every demo unit is completed (in a temporary copy), signed off and exported by the demo file, which
plays every unit with its key; a second copy of the demo file then imports the whole folder.

Run: .venv/bin/python benchmarks/bench_import.py [--quick] [--rounds N] [--tracemalloc]   (--quick: three units)

`--rounds N` exports every unit N times (each a later package that supersedes the one before), so the
Board imports N times the demo's packages in one batch: the cost per package and the peak memory
should stay flat as N grows. `--tracemalloc` also reports the peak of Python's allocations during the
import (steadier than the peak RSS on a shared machine; it slows the run, so its CPU figure is not the one to quote).
"""

from __future__ import annotations

import importlib
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser, peak_rss_mib

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses, sign_off
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit, unit_tree
from chilinh_desktop.demo import build_demo
from chilinh_desktop.demo.build import DEMO_TODAY, ROOT_CODE, _fill_item
from chilinh_desktop.ops.exchange import commit_import, export_unit, import_packages, package_files, plan_import


def make_packages(demo: Path, usb: Path, units: int | None = None, rounds: int = 1) -> int:
    """Complete, sign off and export the demo's top-level units (the first `units` of them) into `usb`,
    each `rounds` times."""
    with Store.open(demo, clock=FixedClock(DEMO_TODAY)) as store:
        cycle = get_cycle(store)
        rng = random.Random(1)
        codes = [n.unit.code for n in unit_tree(store, cycle.tree_date).by_code[ROOT_CODE].children][:units]
        for code in codes:
            unit = get_unit(store, code)
            # Each dossier signed off as such: the demo plants rating findings some units would have to
            # correct first (ops.signoff refuses them), which is not what this benchmark measures.
            with store.atomic():
                for dossier in unit_dossiers(store, cycle, unit):
                    if dossier.locked:
                        continue
                    name = get_official(store, dossier.official_id).full_name if dossier.official_id else unit.name
                    for status in dossier_statuses(store, cycle, dossier):
                        _fill_item(store, cycle, dossier.id, status, name, 1.0, rng)
                    sign_off(store, cycle, dossier.id, by="Bí thư")
        for _round in range(rounds):
            for code in codes:
                export_unit(store, cycle, code, usb)
    return len(codes)


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--rounds", type=int, default=1, help="export every unit this many times")
    arguments.add_argument("--tracemalloc", action="store_true", help="also measure the import's allocation peak")
    options = arguments.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chilinh-bench-import-"))
    try:
        demo = work / "demo.sqlite3"
        with Store.open(demo, clock=FixedClock(DEMO_TODAY)) as store:
            build_demo(store, seed=2023)
        shutil.copyfile(demo, work / "board.sqlite3")
        usb = work / "usb"
        usb.mkdir()
        started = time.perf_counter()
        make_packages(demo, usb, 3 if options.quick else None, rounds=options.rounds)
        exported = time.perf_counter() - started
        files = package_files([usb])
        size = sum(p.stat().st_size for p in files)
        before = peak_rss_mib()
        with Store.open(work / "board.sqlite3", clock=FixedClock(DEMO_TODAY)) as board:
            # What an import loads (its modules, sqlite-utils' transactions, the signing and age libraries) is
            # loaded before timing, as in an open window: paid once per process, it is no cost per package, and
            # would be a large part of the three packages of --quick.
            import_packages(board, [])
            importlib.import_module("chilinh_desktop.package.keys")
            importlib.import_module("chilinh_desktop.package.agecrypt")
            importlib.import_module("sqlite_utils")  # its savepoints: one per package
            if options.tracemalloc:
                tracemalloc.start()
            started, cpu = time.perf_counter(), time.process_time()
            plan = plan_import(board, files)  # what import_packages(trust_new=True) does, timed in its two steps
            checked = time.process_time() - cpu
            outcomes = commit_import(board, plan, {o.fingerprint for o in plan.new_keys if o.fingerprint}).outcomes
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            traced = tracemalloc.get_traced_memory()[1] if options.tracemalloc else None
            tracemalloc.stop()
        statuses = {s: sum(1 for o in outcomes if o.status == s) for s in {o.status for o in outcomes}}
        print(f"packages: {len(files)} ({size / 2**20:.1f} MiB), made in {exported:.1f} s")
        print(f"import (verify + one transaction): {elapsed:.2f} s, {elapsed / len(files) * 1000:.0f} ms per package; "
              f"CPU {cpu:.2f} s, {cpu / len(files) * 1000:.0f} ms per package (the rest waits on the disk): "
              f"checking {checked / len(files) * 1000:.0f} ms, writing {(cpu - checked) / len(files) * 1000:.0f} ms")
        print(f"results: {statuses}")
        print(f"peak RSS: {peak_rss_mib():.0f} MiB (before import: {before:.0f} MiB); {load()}")
        if traced is not None:
            print(f"tracemalloc peak during the import: {traced / 2**20:.1f} MiB "
                  f"(largest package {max(p.stat().st_size for p in files) / 2**20:.1f} MiB)")
        if sum(statuses.values()) != len(files) or set(statuses) - {"imported", "superseded"}:
            raise SystemExit("not every package was imported")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
