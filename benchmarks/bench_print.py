"""Printing speed: `print-all` for the largest demo unit, and every demo cadre's Mẫu 02B.

Run: .venv/bin/python benchmarks/bench_print.py [--jobs N] [--quick]. Builds the demo city in a
temporary folder, then prints figures (documents, pages, seconds, pages per second).
The target on an office PC: 300 three-page 02Bs in under 15 seconds. `--quick`: five documents
of each kind, two workers.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _shared import load, parser

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo import build_demo
from chilinh_desktop.ops.queries import unit_codes
from chilinh_desktop.render.pipeline import item_document, print_to_folder, unit_documents


def _report(label: str, documents: int, pages: int, gather: float, seconds: float) -> None:
    print(f"{label}: {documents} documents, {pages} pages; gathering {gather:.2f} s, "
          f"rendering {seconds:.2f} s → {pages / seconds:.0f} pages/s, {documents / seconds:.1f} documents/s")


def main() -> int:
    arguments = parser(__doc__)
    arguments.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores, at most 8)")
    args = arguments.parse_args()
    limit = 5 if args.quick else None
    if args.quick:
        args.jobs = 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store.open(root / "demo.sqlite3")
        build_demo(store, seed=2023)
        cycle = get_cycle(store)

        # The unit with the most cadres, as print-all meets it.
        largest = max(unit_codes(store).values(), key=lambda code: len(list_officials(store, code)))
        started = time.perf_counter()
        documents = unit_documents(store, cycle, largest)[:limit]
        gathered = time.perf_counter()
        run = print_to_folder(store, cycle, documents, root / "unit", workers=args.jobs)
        _report(f"print-all --unit {largest}", len(run.paths), run.pages, gathered - started,
                time.perf_counter() - gathered)

        started = time.perf_counter()
        item = next(i for i in cycle.items if i.form == "02B")
        documents = []
        for official in list_officials(store)[:limit]:
            try:
                dossier = find_dossier(store, cycle, official_id=official.id)
            except NotFoundError:  # managed by the province: not in this cycle's dossiers
                continue
            documents.append(item_document(store, cycle, dossier.id, item.id))
        gathered = time.perf_counter()
        run = print_to_folder(store, cycle, documents, root / "02B", workers=args.jobs)
        _report("02B of every demo cadre", len(run.paths), run.pages, gathered - started,
                time.perf_counter() - gathered)
        per_300 = (time.perf_counter() - started) / len(documents) * 300
        print(f"  → 300 such 02Bs would take {per_300:.1f} s (target < 15 s); {load()}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
