"""Printing speed: `print-all` for the largest demo unit, and every demo cadre's Mẫu 02B.

Run: .venv/bin/python benchmarks/bench_print.py [--jobs N] [--quick]. Builds the demo city in a
temporary folder, then prints figures (documents, pages, seconds, pages per second).
The target on an office PC: 300 three-page 02Bs in under 15 seconds. `--quick`: five documents
of each kind, two workers.

The floor, in the same run: every 02B's texts (title, headings, labels, answers, one paragraph per
line, in the same font, style and margins) through bare reportlab platypus (SimpleDocTemplate), one
process, alternating with our own rendering of the same 02Bs; ms per page of each and the ratio.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.store import Store
from chilinh_desktop.demo import build_demo
from chilinh_desktop.ops.queries import unit_codes
from chilinh_desktop.render.pipeline import item_document, page_count, prepare, print_to_folder, render, unit_documents
from chilinh_desktop.render.settings import print_settings


def _report(label: str, documents: int, pages: int, gather: float, seconds: float) -> None:
    print(f"{label}: {documents} documents, {pages} pages; gathering {gather:.2f} s, "
          f"rendering {seconds:.2f} s → {pages / seconds:.0f} pages/s, {documents / seconds:.1f} documents/s")


def _texts(filled) -> list[str]:
    texts = [filled.form.title]
    for section in filled.form.sections:
        texts += [section.heading] if section.heading else []
        for fld in section.fields:
            texts.append(fld.label)
            value = filled.answers.get(fld.id)
            if isinstance(value, str):
                texts += [line for line in value.split("\n") if line.strip()]
    return texts


def floor(store, cycle, documents) -> None:
    """Our 02Bs against bare platypus on the same texts, one process, the two alternating."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from chilinh_desktop.render.fonts import serif_family
    from chilinh_desktop.render.layout import make_styles

    settings = print_settings(store)
    renderings = [prepare(store, cycle, document) for document in documents]
    fonts = serif_family(settings.font)
    styles = make_styles(fonts)
    top, bottom, left, right = settings.margins_pt

    def bare(rendering) -> int:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=top, bottomMargin=bottom, leftMargin=left,
                                rightMargin=right, invariant=1, initialFontName=fonts.regular)
        doc.build([Paragraph(escape(text), styles.body) for text in _texts(rendering.filled)])
        return page_count(buffer.getvalue())

    totals = {"ours": [0.0, 0], "bare": [0.0, 0]}
    for rendering in renderings:
        for label, action in (("ours", lambda r=rendering: render(r, settings).pages), ("bare", bare)):
            started = time.perf_counter()
            pages = action(rendering) if label == "bare" else action()
            totals[label][0] += time.perf_counter() - started
            totals[label][1] += pages
    (ours, our_pages), (base, base_pages) = totals["ours"], totals["bare"]
    count = len(renderings)
    print(f"one 02B: ours {ours / our_pages * 1000:.2f} ms/page ({our_pages} pages, "
          f"{ours / count * 1000:.0f} ms a document); bare platypus on the same texts "
          f"{base / base_pages * 1000:.2f} ms/page ({base_pages} pages, {base / count * 1000:.0f} ms a document) "
          f"→ {ours / our_pages / (base / base_pages):.2f}× per page, {ours / base:.2f}× per document "
          f"(goal ≤ 1.1× per page)")


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
        print(f"  → 300 such 02Bs would take {per_300:.1f} s (target < 15 s; goal ≤ 6 s with 2 processes); {load()}")
        floor(store, cycle, documents)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
