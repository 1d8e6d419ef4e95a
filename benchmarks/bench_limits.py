"""Benchmark: print a 02B filled to every input limit (each long text at forms/limits.toml's maximum).

Run: .venv/bin/python benchmarks/bench_limits.py [--quick]   (--quick: texts of a tenth of the limit)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.formspec.loader import form_for_item
from chilinh_desktop.formspec.validate import input_limits
from chilinh_desktop.ops.printing import print_form


def main() -> None:
    options = parser(__doc__).parse_args()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.sqlite3",
                                                             clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))
        install_cycle(store, cycle)
        add_unit(store, code="TU", name="Thành ủy", type="thanh_uy", parent_code=None, valid_from=dt.date(2020, 1, 1))
        official = add_official(store, full_name="Đỗ Thị Hà", unit_code="TU", tier="btv_thanh_uy")
        ensure_dossiers(store, cycle)
        limit = input_limits(store.definitions).max_length["longtext"] // (10 if options.quick else 1)
        sentence = "Bản thân luôn giữ vững lập trường tư tưởng, kiên định mục tiêu, lý tưởng của Đảng. "
        text = "\n".join([sentence * 8] * (limit // len(sentence * 8) + 1))[:limit]
        # The 02B in force for the cycle (its version changes with the definitions).
        form = form_for_item(cycle, next(item for item in cycle.items if item.form == "02B"))
        fields = [f.id for f in form.fields() if f.type == "longtext"]
        set_form_answers(store, cycle, "02B", dict.fromkeys(fields, text), official_id=official.id, actor="bench")
        started = time.perf_counter()
        printed = print_form(store, cycle, "02B", official_id=official.id)
        pdf, _draft = printed.pdf, printed.draft
        elapsed = time.perf_counter() - started
    print(f"02B with {len(fields)} long texts of {limit} characters: {len(pdf) / 2**20:.1f} MB PDF in {elapsed:.2f} s; "
          f"{load()}")


if __name__ == "__main__":
    main()
