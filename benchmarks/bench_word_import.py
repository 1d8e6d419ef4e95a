"""Benchmark: importing a 30-page Word self-review (target: under one second).

Builds a 02B self-review of about 30 A4 pages (14 pt Times: ~350 words a page, so ~11,000 words
in ~330 paragraphs) twice, once in Unicode and once in TCVN3 fonts, then times reading the .docx
and placing its paragraphs (render.docx_import + render.word_mapping), then the whole import into
a real data file (ops.word_import, saving included).

The headings are the 02B's own (the version in force), the paragraphs spread evenly over its long-text
fields, so each stays under forms/limits.toml's 20,000 characters for a long text.

Run: .venv/bin/python benchmarks/bench_word_import.py [--quick]   (--quick: a tenth of the paragraphs, one run)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.legacy_text import encode_tcvn3
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec.loader import form_for_item
from chilinh_desktop.formspec.scales import scales_for
from chilinh_desktop.ops.word_import import import_word
from chilinh_desktop.render.docx_import import read_docx
from chilinh_desktop.render.word_mapping import map_document

SENTENCE = ("Bản thân luôn giữ vững lập trường tư tưởng chính trị, chấp hành nghiêm chủ trương của Đảng, "
            "chính sách, pháp luật của Nhà nước, hoàn thành tốt nhiệm vụ được giao trong năm.")
PARAGRAPHS = 330
ROMAN = re.compile(r"^[IVX]+\. ")


def headings(form) -> list[tuple[str, int]]:
    """The form's own headings (a numbered section, then each numbered field in it), the paragraphs spread
    over its long-text fields: the benchmark follows the form in force instead of a copy of its wording."""
    lines: list[tuple[str, str | None]] = []
    for section in form.sections:
        if not ROMAN.match(section.heading):
            continue
        texts = [f for f in section.fields if f.type == "longtext"]
        lines.append((section.heading, texts[0].id if len(texts) == 1 else None))
        if len(texts) > 1:
            lines += [(f.label, f.id) for f in texts]
    fields = sum(1 for _line, field in lines if field)
    return [(line, PARAGRAPHS // fields if field else 0) for line, field in lines]


def build(path: Path, form, encode=lambda s: s, font: str = "Times New Roman", share: int = 1) -> tuple[int, int]:
    doc = docx.Document()
    paragraphs = words = 0
    for line in ["BẢN KIỂM ĐIỂM CÁ NHÂN", "Năm 2023", "Họ và tên: Đỗ Thị Hà", "Ngày sinh: 05/02/1979"]:
        doc.add_paragraph().add_run(encode(line)).font.name = font
    for heading, count in headings(form):
        run = doc.add_paragraph().add_run(encode(heading))
        run.bold, run.font.name = True, font
        for n in range(count // share):
            text = f"{n + 1}) " + SENTENCE
            doc.add_paragraph().add_run(encode(text)).font.name = font
            paragraphs += 1
            words += len(text.split())
    doc.save(path)
    return paragraphs, words


def best_of(runs: int, action) -> float:
    times = []
    for _n in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    options = parser(__doc__).parse_args()
    share, runs = (10, 1) if options.quick else (1, 5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))
        store = Store.open(folder / "bench.sqlite3", clock=FixedClock(dt.date(2023, 12, 5)))
        install_cycle(store, cycle)
        add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None,
                 valid_from=dt.date(2020, 10, 1))
        add_unit(store, code="PNV", name="Phòng Nội vụ", type="phong_ban", parent_code="TU",
                 valid_from=dt.date(2020, 10, 1))
        official = add_official(store, full_name="Đỗ Thị Hà", unit_code="PNV", tier="btv_thanh_uy",
                                birth_date=dt.date(1979, 2, 5))
        ensure_dossiers(store, cycle)
        form, scales = form_for_item(cycle, next(i for i in cycle.items if i.form == "02B")), scales_for(cycle)
        print(f"{'file':<10} {'paragraphs':>10} {'words':>7} {'~pages':>6} {'read+map':>9} {'import':>8}")
        for name, encode, font in (("unicode", lambda s: s, "Times New Roman"), ("tcvn3", encode_tcvn3, ".VnTime")):
            path = folder / f"{name}.docx"
            paragraphs, words = build(path, form, encode, font, share)
            mapped = best_of(runs, lambda p=path: map_document(read_docx(p), form, scales))
            whole = best_of(min(runs, 3), lambda p=path: import_word(store, cycle, "02B", p, official_id=official.id,
                                                          replace=True, actor="bench"))
            print(f"{name:<10} {paragraphs:>10} {words:>7} {words // 350:>6} {mapped:>8.3f}s {whole:>7.3f}s")
        store.close()
    print(f"target: under 1 s for a 30-page file; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
