"""Printing speed: `print-all` for the largest demo unit, and every demo cadre's Mẫu 02B.

Run: .venv/bin/python benchmarks/bench_print.py [--jobs N] [--quick] [--callgrind [N]]. Builds the demo city
in a temporary folder, then prints figures (documents, pages, wall seconds and CPU seconds, this process and its
workers together, pages per second). The 02B batch is 300 documents: every demo cadre's 02B, then the first
ones again under other file names, through `print_to_folder` with `--jobs` worker processes (default 2: the
goal is 300 in 6 s with two). `--quick`: five documents of each kind.

The floor, in the same run: every 02B's texts (title, headings, labels, answers, one paragraph per
line, in the same font file, style and margins) through bare reportlab platypus (SimpleDocTemplate,
reportlab's own TTFont with a face of its own, so none of our caching), one process, alternating with our own
rendering of the same 02Bs; ms per page of each (CPU time, and wall) and the ratio. The machine's load average
is printed with the figures: on shared cores the wall time means little, the CPU time more.

`--callgrind [N]` (valgrind installed): the same comparison in instructions, which a shared machine does not
disturb: N 02Bs (default 20) drawn by ours, then by bare platypus, each in a process of its own under
`valgrind --tool=callgrind`, less a third process that only starts and warms up (imports, fonts, one document
of each); instructions a page of each and the ratio.

The print processes' start-up is measured too: a batch of no documents (spawned processes to ready and back),
then in a fresh process what a worker loads before and with its first document.

The last line sums up what the goals are about: the 300 02Bs' wall and CPU time, and the per-page ratios.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser

# As the console script `chilinh` does: each spawned print process imports the parent's main module again,
# so the print processes here start as print-all's do (and not with the demo builder's imports).
import chilinh_desktop.cli  # noqa: F401

CALLGRIND_DOCUMENTS = 20


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the print workers)."""
    import resource

    ours, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return ours.ru_utime + ours.ru_stime + children.ru_utime + children.ru_stime


def _children_cpu() -> float:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


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


def bare_platypus(settings):
    """The floor: a function drawing a prepared 02B's texts with bare platypus, returning its page count."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from chilinh_desktop.render.fonts import serif_family
    from chilinh_desktop.render.layout import make_styles
    from chilinh_desktop.render.pipeline import page_count

    fonts = serif_family(settings.font)
    if "bare-regular" not in pdfmetrics.getRegisteredFontNames():
        # The same font file, as reportlab itself loads it. reportlab hands out the font already registered for
        # a face of the same name, which would be ours (with its kept subsets): the face gets a name of its own.
        font = TTFont("bare-regular", pdfmetrics.getFont(fonts.regular).face.filename)
        font.face.name = b"Bare" + font.face.name
        pdfmetrics.registerFont(font)
    # The floor draws with reportlab's own font (no subsets kept), else its figures mean nothing.
    assert type(pdfmetrics.getFont("bare-regular")) is TTFont, pdfmetrics.getFont("bare-regular")
    style = ParagraphStyle("bare", parent=make_styles(fonts).body, fontName="bare-regular")
    top, bottom, left, right = settings.margins_pt

    def bare(rendering) -> int:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=top, bottomMargin=bottom, leftMargin=left,
                                rightMargin=right, invariant=1, initialFontName="bare-regular")
        doc.build([Paragraph(escape(text), style) for text in _texts(rendering.filled)])
        return page_count(buffer.getvalue())

    return bare


def floor(store, cycle, documents) -> float:
    """Our 02Bs against bare platypus on the same texts, one process, the two alternating; the CPU ratio a page."""
    import time

    from chilinh_desktop.render.pipeline import prepare, render
    from chilinh_desktop.render.settings import print_settings

    settings = print_settings(store)
    renderings = [prepare(store, cycle, document) for document in documents]
    bare = bare_platypus(settings)
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
    ratio = ours_cpu / our_pages / (base_cpu / base_pages)
    print(f"one 02B: ours {ours_cpu / our_pages * 1000:.2f} ms/page CPU, {ours / our_pages * 1000:.2f} wall "
          f"({our_pages} pages, {ours_cpu / count * 1000:.1f} ms CPU a document); bare platypus on the same "
          f"texts {base_cpu / base_pages * 1000:.2f} ms/page CPU, {base / base_pages * 1000:.2f} wall "
          f"({base_pages} pages, {base_cpu / count * 1000:.1f} ms CPU a document) → "
          f"{ratio:.2f}× per page in CPU time "
          f"({ours / our_pages / (base / base_pages):.2f}× wall), {ours_cpu / base_cpu:.2f}× per document "
          f"(goal ≤ 1.1× per page); {load()}")
    print(f"  300 such documents, drawing alone: bare platypus {base_cpu / count * 300:.1f} s CPU (so at best "
          f"{base_cpu / count * 150:.1f} s on two idle cores), ours {ours_cpu / count * 300:.1f} s CPU "
          f"({ours_cpu / count * 150:.1f} s on two)")
    return ratio


# -- instructions (callgrind) -------------------------------------------------------------------


def _count_child(path: str, side: str) -> int:
    """In a process of its own (under callgrind): warm up, then draw every prepared 02B as `side` says."""
    import pickle

    from chilinh_desktop.render.pipeline import render

    with open(path, "rb") as handle:
        settings, renderings = pickle.load(handle)
    bare = bare_platypus(settings)
    render(renderings[0], settings), bare(renderings[0])  # as in floor(): fonts loaded, caches warm
    draw = {"ours": lambda r: render(r, settings).pages, "bare": bare}.get(side)
    pages = sum(draw(r) for r in renderings) if draw else 0
    print(f"pages {pages}")
    return 0


def instructions(store, cycle, documents) -> float | None:
    """Instructions a page of ours and of bare platypus (callgrind), and their ratio; None without valgrind."""
    import os
    import pickle
    import re
    import shutil
    import subprocess
    import tempfile

    from chilinh_desktop.render.pipeline import prepare
    from chilinh_desktop.render.settings import print_settings

    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed (apt install valgrind); skipped")
        return None
    renderings = [prepare(store, cycle, document) for document in documents]
    counts: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "renderings.pickle"
        path.write_bytes(pickle.dumps((print_settings(store), renderings)))
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dictionaries' order in every run
        for side in ("none", "ours", "bare"):
            done = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
                 "--count-child", str(path), side], capture_output=True, text=True, env=env, check=False)
            collected = re.search(r"Collected : (\d+)", done.stderr)
            pages = re.search(r"pages (\d+)", done.stdout)
            if done.returncode != 0 or not collected or not pages:
                print(f"instructions: the {side} run failed:\n{done.stdout}{done.stderr[-2000:]}")
                return None
            counts[side] = (int(collected.group(1)), int(pages.group(1)))
    start = counts["none"][0]
    (ours, our_pages), (bare, bare_pages) = counts["ours"], counts["bare"]
    per_page = (ours - start) / our_pages, (bare - start) / bare_pages
    ratio = per_page[0] / per_page[1]
    print(f"instructions (callgrind, {len(renderings)} 02Bs): ours {per_page[0] / 1e6:.2f} M a page ({our_pages} "
          f"pages), bare platypus {per_page[1] / 1e6:.2f} M a page ({bare_pages} pages) → {ratio:.3f}× per page, "
          f"{(ours - start) / (bare - start):.2f}× per document (goal ≤ 1.1× per page); start-up and warm-up "
          f"{start / 1e6:.0f} M, not counted")
    return ratio


# -- print processes' start-up ---------------------------------------------------------------------


def _startup_child(path: str) -> int:
    """In a fresh process: CPU milliseconds of what a print process loads, step by step, as it goes."""
    import itertools
    import pickle
    import time

    marks = [("start", time.process_time())]
    from chilinh_desktop.render.pipeline import _render_to, render  # what unpickling the task imports

    marks.append(("pipeline_imports", time.process_time()))
    with open(path, "rb") as handle:
        settings, renderings = pickle.load(handle)
    import chilinh_desktop.render.document  # noqa: F401 (reportlab, on the first document)

    marks.append(("reportlab_and_drawing", time.process_time()))
    from chilinh_desktop.render.fonts import serif_family

    serif_family(settings.font)
    marks.append(("fonts", time.process_time()))
    render(renderings[0], settings)
    marks.append(("first_document", time.process_time()))
    render(renderings[1 % len(renderings)], settings)
    marks.append(("next_document", time.process_time()))
    del _render_to
    steps = itertools.pairwise(marks)
    print(" ".join(f"{label}={(now - before) * 1000:.0f}" for (_l, before), (label, now) in steps)
          + f" start={marks[0][1] * 1000:.0f}")  # start: the interpreter and the main module (chilinh_desktop.cli)
    return 0


def startup(store, cycle, documents, jobs: int) -> None:
    """What a print process costs before it draws: spawned to ready, then step by step in a fresh process."""
    import pickle
    import subprocess
    import tempfile
    import time

    from chilinh_desktop.render.pipeline import _render_to, prepare
    from chilinh_desktop.render.settings import print_settings
    from chilinh_desktop.render.workers import run_batch

    best = None
    for _round in range(3):
        cpu, wall = _children_cpu(), time.perf_counter()
        run_batch(_render_to, list, jobs)  # no document: started, ready, told to stop
        figures = ((_children_cpu() - cpu) / jobs, time.perf_counter() - wall)
        best = figures if best is None or figures[0] < best[0] else best
    print(f"print processes' start-up ({jobs}, spawned as on Windows; best of 3): {best[0] * 1000:.0f} ms CPU each "
          f"to ready and back (the interpreter, the main module, the pipeline's imports), {best[1]:.2f} s wall for "
          f"all; {load()}")
    renderings = [prepare(store, cycle, document) for document in documents[:2]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "renderings.pickle"
        path.write_bytes(pickle.dumps((print_settings(store), renderings)))
        steps = []
        for _round in range(3):
            done = subprocess.run([sys.executable, __file__, "--startup-child", str(path)], capture_output=True,
                                  text=True, check=True)
            steps.append(dict(item.split("=") for item in done.stdout.split() if "=" in item))
    labels = [key for key in steps[0] if key != "start"]
    print("  in a fresh process, CPU ms (best of 3): " + ", ".join(
        f"{key.replace('_', ' ')} {min(int(s[key]) for s in steps)}" for key in ["start", *labels]))


# -- the run ------------------------------------------------------------------------------------


def main() -> int:
    arguments = parser(__doc__)
    arguments.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    arguments.add_argument("--callgrind", type=int, nargs="?", const=CALLGRIND_DOCUMENTS, default=0, metavar="N",
                           help=f"also count instructions under callgrind, N 02Bs (default {CALLGRIND_DOCUMENTS})")
    arguments.add_argument("--count-child", nargs=2, help=argparse_hidden())
    arguments.add_argument("--startup-child", help=argparse_hidden())
    args = arguments.parse_args()
    if args.count_child:
        return _count_child(*args.count_child)
    if args.startup_child:
        return _startup_child(args.startup_child)

    import dataclasses
    import itertools
    import tempfile
    import time

    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.dossiers import find_dossier
    from chilinh_desktop.core.errors import NotFoundError
    from chilinh_desktop.core.officials import list_officials
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.demo import build_demo
    from chilinh_desktop.ops.queries import unit_codes
    from chilinh_desktop.render.pipeline import item_document, print_to_folder, unit_documents

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
        batch_wall, batch_cpu = time.perf_counter() - started, _cpu() - cpu
        _report(f"02B of every demo cadre ({len(cadres)}), to {len(batch)} documents, {args.jobs} processes",
                len(run.paths), run.pages, gathered - started, time.perf_counter() - gathered, batch_cpu)
        print(f"  → {len(batch)} 02Bs in {batch_wall:.1f} s with gathering (goal: 300 in ≤ 6 s with 2 processes)")
        startup(store, cycle, cadres, args.jobs)
        cpu_ratio = floor(store, cycle, cadres)
        counted = instructions(store, cycle, cadres[:args.callgrind]) if args.callgrind else None
        store.close()
    instructions_text = f", {counted:.3f}× in instructions" if counted else " (instructions: --callgrind)"
    print(f"SUMMARY: {len(batch)} 02Bs with {args.jobs} processes: {batch_wall:.1f} s wall, {batch_cpu:.1f} s CPU "
          f"all processes together (goal ≤ 6 s wall); a 02B page against bare platypus: {cpu_ratio:.2f}× in CPU "
          f"time{instructions_text} (goal ≤ 1.1×); {load()}")
    return 0


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
