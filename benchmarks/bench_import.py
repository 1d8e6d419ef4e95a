"""Import benchmark: units' signed packages into a Board installation; CPU time, peak memory, the curve.

Every demo unit is completed (in a temporary copy), signed off and exported by the demo file, which
plays every unit with its key; a second copy of the demo file then imports the whole folder.

Run: .venv/bin/python benchmarks/bench_import.py [--quick] [--rounds N] [--province N] [--tracemalloc]

`--rounds N` exports every unit N times (each a later package that supersedes the one before), so the
Board imports N times the demo's packages in one batch: the cost per package and the peak memory
should stay flat as N grows. `--tracemalloc` also reports the peak of Python's allocations during the
import (steadier than the peak RSS on a shared machine; it slows the run, so its CPU figure is not the one to quote).

`--province N`: instead of the demo city, a province Board of N units and 5·N cadres (`demo/province.py`), every
unit's package made from the province's rows (the documents `receive_packages` builds; each form a stand-in
whole PDF of 130 KB of random pixels, incompressible as printed PDFs are, so that a package is about as big as
the demo's, ~2 MiB with their forms, scans and confidential files), signed with the unit's own key and sealed
to the Board, as an export writes them; the Board imports them in one batch,
trusting each unit's first key. The demo takes ~0.8 s to export a package (it prints every form), so 2,000
packages are made this way in about a minute instead of half an hour. 125, 500 and 2,000 units are 1×, 4× and
16× (as `bench_board`); the packages need ~2 MiB of disk each, and the Board file and its journal as much again.

`--quick`: three demo units, then a province of 12 units: proves the script still works (CI runs it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser, peak_rss_mib, scan_pdf

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


PROVINCE_EXPORTED = dt.datetime(2023, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def make_province(board: Path, usb: Path, units: int, rounds: int = 1) -> int:
    """A province Board at `board` (its own keys, no package received) and every unit's package in `usb`, each
    `rounds` times; returns the number of units that sent one."""
    from chilinh_desktop.core.board import current_documents
    from chilinh_desktop.core.package_documents import dump
    from chilinh_desktop.core.settings import load_settings, save_settings
    from chilinh_desktop.demo.province import build_province, receive_packages
    from chilinh_desktop.package import bagit, keys, sshsig
    from chilinh_desktop.package.export import write_sealed
    from chilinh_desktop.package.keyring import create_demo_board_keys

    with Store.open(board, clock=FixedClock(DEMO_TODAY)) as store:
        cycle = build_province(store, units=units, officials=5 * units)
        save_settings(store, dataclasses.replace(load_settings(store), role="board"))
        recipient = create_demo_board_keys(store, actor="benchmark")
    # The documents each unit sends: the ones receive_packages records for the Board's views, made in a copy.
    scratch = board.with_name("documents.sqlite3")
    shutil.copyfile(board, scratch)
    with Store.open(scratch, clock=FixedClock(DEMO_TODAY)) as store:
        receive_packages(store, cycle)
        sent = current_documents(store, cycle.id)
    scratch.unlink()
    forms = [scan_pdf(130_000) for _ in range(16)]  # random pixels: stored, not deflated, as printed PDFs are
    for n, (code, (_package, unit_doc, officials)) in enumerate(sorted(sent.items())):
        key = keys.generate_signing_key()
        fingerprint = keys.fingerprint(key)
        files = sorted({name for doc in [unit_doc, *officials] if getattr(doc, "dossier", None) is not None
                        for item in doc.dossier.items.values() for name in item.payload_files})
        payload = [("unit.json", dump(unit_doc)), *((f"officials/{doc.official.id}.json", dump(doc))
                                                     for doc in officials),
                   *((name, forms[i % len(forms)]) for i, name in enumerate(files))]
        for round_ in range(rounds):
            package_id = str(uuid.uuid4())
            exported_at = (PROVINCE_EXPORTED + dt.timedelta(minutes=n % 600, hours=24 * round_)).isoformat()
            info = [("Unit-Code", code), ("Unit-Name", unit_doc.unit.name), ("Cycle-Id", cycle.id),
                    ("Package-Id", package_id), ("Exported-At", exported_at), ("App-Version", "benchmark"),
                    (bagit.SIGNER_FINGERPRINT_LABEL, fingerprint)]
            write_sealed(usb / f"{code}-{round_ + 1:02d}.zip", payload, info,
                         lambda manifest, key=key: sshsig.sign(manifest, key), recipient, DEMO_TODAY)
    return len(sent)


def import_all(board: Path, usb: Path, *, traced: bool) -> None:
    """Import every package in `usb` into `board` in one batch, trusting each unit's first key; print the figures."""
    files = package_files([usb])
    with Store.open(board, clock=FixedClock(DEMO_TODAY)) as store:
        # What an import loads (its modules, sqlite-utils' transactions, the signing and age libraries) is
        # loaded before timing, as in an open window: paid once per process, it is no cost per package, and
        # would be a large part of the three packages of --quick.
        import_packages(store, [])
        importlib.import_module("chilinh_desktop.package.keys")
        importlib.import_module("chilinh_desktop.package.agecrypt")
        importlib.import_module("sqlite_utils")  # its savepoints: one per package
        before = peak_rss_mib()
        if traced:
            tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        plan = plan_import(store, files)  # what import_packages(trust_new=True) does, timed in its two steps
        checked = time.process_time() - cpu
        outcomes = commit_import(store, plan, {o.fingerprint for o in plan.new_keys if o.fingerprint}).outcomes
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] if traced else None
        tracemalloc.stop()
    statuses = {s: sum(1 for o in outcomes if o.status == s) for s in {o.status for o in outcomes}}
    count = len(files)
    print(f"import (verify, then write): {elapsed:.2f} s, {elapsed / count * 1000:.0f} ms per package; "
          f"CPU {cpu:.2f} s, {cpu / count * 1000:.1f} ms per package (the rest waits on the disk): "
          f"checking {checked / count * 1000:.1f} ms, writing {(cpu - checked) / count * 1000:.1f} ms")
    print(f"results: {statuses}")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB (before the import, its modules loaded: {before:.0f} MiB); {load()}")
    if peak is not None:
        print(f"tracemalloc peak during the import: {peak / 2**20:.1f} MiB "
              f"(largest package {max(p.stat().st_size for p in files) / 2**20:.1f} MiB)")
    if sum(statuses.values()) != count or set(statuses) - {"imported", "superseded"}:
        refused = next((o for o in outcomes if o.status not in ("imported", "superseded")), None)
        raise SystemExit(f"not every package was imported: {refused and (refused.path.name, refused.reasons)}")


def run(work: Path, *, units: int | None, rounds: int, province: int | None, traced: bool) -> None:
    """Make the packages (the demo's units, or a province's), then import them into a Board that has none."""
    board, usb = work / "board.sqlite3", work / "usb"
    usb.mkdir()
    started, cpu = time.perf_counter(), time.process_time()
    if province is not None:
        senders = make_province(board, usb, province, rounds)
        what = f"province of {province} units, {senders} sending"
    else:
        demo = work / "demo.sqlite3"
        with Store.open(demo, clock=FixedClock(DEMO_TODAY)) as store:
            build_demo(store, seed=2023)
        shutil.copyfile(demo, board)
        senders = make_packages(demo, usb, units, rounds=rounds)
        demo.unlink()
        what = f"demo city, {senders} units"
    files = package_files([usb])
    print(f"{what}: {len(files)} packages ({sum(p.stat().st_size for p in files) / 2**20:.1f} MiB), "
          f"made in {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU)")
    import_all(board, usb, traced=traced)


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--rounds", type=int, default=1, help="export every unit this many times")
    arguments.add_argument("--province", type=int, metavar="N", help="a province Board of N units instead of the demo")
    arguments.add_argument("--tracemalloc", action="store_true", help="also measure the import's allocation peak")
    options = arguments.parse_args()
    runs = [(3, None), (None, 12)] if options.quick else [(None, options.province)]
    for units, province in runs:
        work = Path(tempfile.mkdtemp(prefix="chilinh-bench-import-", dir=os.environ.get("CHILINH_BENCH_DIR")))
        try:
            run(work, units=units, rounds=options.rounds, province=province, traced=options.tracemalloc)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
