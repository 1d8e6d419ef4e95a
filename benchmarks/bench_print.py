"""Printing speed: `print-all` for the largest demo unit, and every demo cadre's Mẫu 02B.

Run: .venv/bin/python benchmarks/bench_print.py [--jobs N] [--quick]. Builds the demo city in a
temporary folder, then prints figures (documents, pages, wall seconds and CPU seconds, this process
and its workers together, pages per second). The 02B batch is 300 documents: every demo cadre's 02B,
then the first ones again under other file names, through `print_to_folder` with `--jobs` worker
processes (default 2: the goal is 300 in 6 s with two). `--quick`: five documents of each kind.

The floor, in the same run: every 02B's texts (title, headings, labels, answers, one paragraph per
line, in the same font file, style and margins) through bare reportlab platypus (SimpleDocTemplate,
reportlab's own TTFont, so none of our caching), one process, alternating with our own rendering of
the same 02Bs; ms per page of each (CPU time, and wall) and the ratio. The machine's load average is
printed with the figures: on shared cores the wall time means little, the CPU time more.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import resource
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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the print workers)."""
    ours, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return ours.ru_utime + ours.ru_stime + children.ru_utime + children.ru_stime


def _report(label: str, documents: int, pages: int, gather: float, seconds: float, cpu: float) -> None:
    print(f"{label}: {documents} documents, {pages} pages; gathering {gather:.2f} s, "
          f"rendering {seconds:.2f} s wall, {cpu:.2f} s CPU (all processes) → {pages / seconds:.0f} pages/s, "
          f"{documents / seconds:.1f} documents/s; {load()}")


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
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from chilinh_desktop.render.fonts import serif_family
    from chilinh_desktop.render.layout import make_styles

    settings = print_settings(store)
    renderings = [prepare(store, cycle, document) for document in documents]
    fonts = serif_family(settings.font)
    # The same font file, as reportlab itself loads it (our fonts cache their subsets).
    pdfmetrics.registerFont(TTFont("bare-regular", pdfmetrics.getFont(fonts.regular).face.filename))
    style = ParagraphStyle("bare", parent=make_styles(fonts).body, fontName="bare-regular")
    top, bottom, left, right = settings.margins_pt

    def bare(rendering) -> int:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=top, bottomMargin=bottom, leftMargin=left,
                                rightMargin=right, invariant=1, initialFontName="bare-regular")
        doc.build([Paragraph(escape(text), style) for text in _texts(rendering.filled)])
        return page_count(buffer.getvalue())

    render(renderings[0], settings), bare(renderings[0])  # fonts loaded, caches warm: a batch's steady state
    totals = {"ours": [0.0, 0.0, 0], "bare": [0.0, 0.0, 0]}
    for rendering in renderings:
        for label, action in (("ours", lambda r: render(r, settings).pages), ("bare", bare)):
            started, cpu = time.perf_counter(), time.process_time()
            pages = action(rendering)
            totals[label][0] += time.perf_counter() - started
            totals[label][1] += time.process_time() - cpu
            totals[label][2] += pages
    (ours, ours_cpu, our_pages), (base, base_cpu, base_pages) = totals["ours"], totals["bare"]
    count = len(renderings)
    print(f"one 02B: ours {ours_cpu / our_pages * 1000:.2f} ms/page CPU, {ours / our_pages * 1000:.2f} wall "
          f"({our_pages} pages, {ours_cpu / count * 1000:.1f} ms CPU a document); bare platypus on the same "
          f"texts {base_cpu / base_pages * 1000:.2f} ms/page CPU, {base / base_pages * 1000:.2f} wall "
          f"({base_pages} pages, {base_cpu / count * 1000:.1f} ms CPU a document) → "
          f"{ours_cpu / our_pages / (base_cpu / base_pages):.2f}× per page in CPU time "
          f"({ours / our_pages / (base / base_pages):.2f}× wall), {ours_cpu / base_cpu:.2f}× per document "
          f"(goal ≤ 1.1× per page); {load()}")
    print(f"  300 such documents, drawing alone: bare platypus {base_cpu / count * 300:.1f} s CPU (so at best "
          f"{base_cpu / count * 150:.1f} s on two idle cores), ours {ours_cpu / count * 300:.1f} s CPU "
          f"({ours_cpu / count * 150:.1f} s on two)")


def main() -> int:
    arguments = parser(__doc__)
    arguments.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = arguments.parse_args()
    limit = 5 if args.quick else None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store.open(root / "demo.sqlite3")
        build_demo(store, seed=2023)
        cycle = get_cycle(store)

        # The unit with the most cadres, as print-all meets it.
        largest = max(unit_codes(store).values(), key=lambda code: len(list_officials(store, code)))
        started = time.perf_counter()
        documents = unit_documents(store, cycle, largest)[:limit]
        gathered, cpu = time.perf_counter(), _cpu()
        run = print_to_folder(store, cycle, documents, root / "unit", workers=args.jobs)
        _report(f"print-all --unit {largest}", len(run.paths), run.pages, gathered - started,
                time.perf_counter() - gathered, _cpu() - cpu)

        started = time.perf_counter()
        item = next(i for i in cycle.items if i.form == "02B")
        documents = []
        for official in list_officials(store)[:limit]:
            try:
                dossier = find_dossier(store, cycle, official_id=official.id)
            except NotFoundError:  # managed by the province: not in this cycle's dossiers
                continue
            documents.append(item_document(store, cycle, dossier.id, item.id))
        cadres = documents
        # 300 documents: the demo's 257 cadres, then the first ones again under other file names.
        batch = cadres if args.quick else [
            d if n < len(cadres) else dataclasses.replace(d, file_name=f"{n} {d.file_name}")
            for n, d in enumerate(itertools.islice(itertools.cycle(cadres), 300))]
        gathered, cpu = time.perf_counter(), _cpu()
        run = print_to_folder(store, cycle, batch, root / "02B", workers=args.jobs)
        _report(f"02B of every demo cadre ({len(cadres)}), to {len(batch)} documents, {args.jobs} processes",
                len(run.paths), run.pages, gathered - started, time.perf_counter() - gathered, _cpu() - cpu)
        print(f"  → {len(batch)} 02Bs in {time.perf_counter() - started:.1f} s with gathering "
              f"(goal: 300 in ≤ 6 s with 2 processes)")
        floor(store, cycle, cadres)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
