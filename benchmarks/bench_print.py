"""Printing speed: `print-all` for the largest demo unit, and every demo cadre's Mẫu 02B.

Run: .venv/bin/python benchmarks/bench_print.py [--jobs N]. Builds the demo city in a
temporary folder, then prints figures (documents, pages, seconds, pages per second).
The target on an office PC: 300 three-page 02Bs in under 15 seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo import build_demo
from chilinh_desktop.formspec import item_for_form, stored_form_item
from chilinh_desktop.render import PrintJob, print_settings, run_jobs, unit_print_jobs
from chilinh_desktop.render.batch import ascii_slug, filled_form, is_draft


def _report(label: str, documents: int, pages: int, gather: float, seconds: float) -> None:
    print(f"{label}: {documents} documents, {pages} pages; gathering {gather:.2f} s, "
          f"rendering {seconds:.2f} s → {pages / seconds:.0f} pages/s, {documents / seconds:.1f} documents/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores, at most 8)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store.open(root / "demo.sqlite3")
        build_demo(store, seed=2023)
        cycle = get_cycle(store)
        settings = print_settings(store)

        counts = store.db.execute(
            "SELECT u.code, count(*) FROM officials o JOIN units u ON u.id = o.unit_id GROUP BY u.code "
            "ORDER BY count(*) DESC, u.code LIMIT 1").fetchone()
        started = time.perf_counter()
        jobs = unit_print_jobs(store, cycle, counts[0], root / "unit", draft=False)
        gathered = time.perf_counter()
        pages = run_jobs(jobs, settings, workers=args.jobs)
        _report(f"print-all --unit {counts[0]}", len(jobs), pages, gathered - started,
                time.perf_counter() - gathered)

        started = time.perf_counter()
        item = item_for_form(cycle, "02B")
        jobs = []
        for official in list_officials(store):
            try:
                dossier = find_dossier(store, cycle, official_id=official.id)
            except Exception:  # managed by the province: not in this cycle's dossiers
                continue
            stored = stored_form_item(store, cycle, dossier, item)
            path = root / "02B" / f"{ascii_slug(official.full_name)}-{official.id[:8]}.pdf"
            jobs.append(PrintJob(filled_form(store, cycle, stored), is_draft(stored, False), path, official.full_name))
        gathered = time.perf_counter()
        pages = run_jobs(jobs, settings, workers=args.jobs)
        _report("02B of every demo cadre", len(jobs), pages, gathered - started, time.perf_counter() - gathered)
        per_300 = (time.perf_counter() - started) / len(jobs) * 300
        print(f"  → 300 such 02Bs would take {per_300:.1f} s (target < 15 s)")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
