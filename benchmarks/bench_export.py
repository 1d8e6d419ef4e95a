"""Benchmark: export of the largest signed demo unit carrying 200 MiB of scans, against zip + sha256sum.

Run: .venv/bin/python benchmarks/bench_export.py [--quick]   (needs `zip` and `sha256sum`; apt-get install zip)

The scans are whole one-page PDFs whose image is random bytes (incompressible, like real scans), so the
attachment check (PDF trailer walked to its end) accepts them. `--quick` attaches 2 MiB and skips the
reference when `zip` is missing.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser, scan_pdf

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import attach_file, dossier_statuses, reopen, sign_off
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.demo import build_demo
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.ops.exchange import export_unit

UNIT = "DB01"


def _add_scans(store: Store, folder: Path, target: int) -> list[Path]:
    """Attach scans to every attachment item of the unit until `target` bytes."""
    cycle = get_cycle(store)
    dossiers = unit_dossiers(store, cycle, get_unit(store, UNIT))
    slots = [(d, s.item.id) for d in dossiers for s in dossier_statuses(store, cycle, d)
             if s.item.kind == "attachment" and s.need.value != "not_applicable"]
    size = target // len(slots)
    files = []
    for d in dossiers:
        if d.locked:
            reopen(store, cycle, d.id, by="bench", reason="benchmark scans")
    for n, (dossier, kind) in enumerate(slots):
        data = scan_pdf(size)
        attach_file(store, cycle, dossier.id, kind, data, f"scan{n}.pdf", actor="bench")
        path = folder / f"scan{n}.pdf"
        path.write_bytes(data)
        files.append(path)
    for d in unit_dossiers(store, cycle, get_unit(store, UNIT)):
        if not d.locked:
            sign_off(store, cycle, d.id, by="bench")
    return files


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    options = parser(__doc__).parse_args()
    tools = all(shutil.which(tool) for tool in ("zip", "sha256sum"))
    if not tools and not options.quick:
        sys.exit("zip or sha256sum is missing (apt-get install zip)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scans, usb = root / "scans", root / "usb"
        scans.mkdir()
        usb.mkdir()
        with Store.open(root / "bench.sqlite3", clock=FixedClock(DEMO_TODAY)) as store:
            build_demo(store)
            files = _add_scans(store, scans, (2 if options.quick else 200) * 2**20)
            total = sum(f.stat().st_size for f in files)
            started, cpu = time.perf_counter(), time.process_time()
            result = export_unit(store, get_cycle(store), UNIT, usb).result
            ours, ours_cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"scans: {len(files)} files, {total / 2**20:.0f} MiB; package {result.size / 2**20:.0f} MiB")
        print(f"chilinh export (render, zip, sign, age, read back + verify on the target, archive): {ours:.2f} s, "
              f"CPU {ours_cpu:.2f} s")
        if tools:
            started, cpu = time.perf_counter(), _children_cpu()
            subprocess.run(["zip", "-q", "-r", str(root / "ref.zip"), "."], cwd=scans, check=True)
            subprocess.run(["sha256sum", str(root / "ref.zip"), *map(str, files)], check=True, capture_output=True)
            reference, reference_cpu = time.perf_counter() - started, _children_cpu() - cpu
            print(f"zip -r + sha256sum of the same scans: {reference:.2f} s, CPU {reference_cpu:.2f} s")
            print(f"ratio: {ours / reference:.2f}x wall, {ours_cpu / reference_cpu:.2f}x CPU (goal <= 1.2x); {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
