"""Rewrite the golden files of tests/render (first pages, and the 02B layout) for the installed serif font.

Run by hand after looking at the PDFs (it writes them beside the golden files with --pdf DIR):

    PYTHONPATH=. .venv/bin/python scripts/update_golden_first_pages.py [--pdf /tmp/first-pages]

The tests never write a golden file: a changed page fails until this script is run and the change
is reviewed in the diff.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "render")]

from first_pages import build_city, documents, first_page_text, golden_path, print_one  # noqa: E402

from chilinh_desktop.core.clock import FixedClock  # noqa: E402
from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files  # noqa: E402
from chilinh_desktop.core.store import Store  # noqa: E402
from chilinh_desktop.demo.build import DEMO_TODAY  # noqa: E402
from chilinh_desktop.render.fonts import serif_family  # noqa: E402


def _module(path: Path, name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_02b_layout(family: str) -> Path:
    """The golden layout of tests/render/test_golden_02b.py (every line of Mẫu 02B with its position)."""
    tools = _module(ROOT / "tests" / "render" / "conftest.py", "render_conftest")
    test = _module(ROOT / "tests" / "render" / "test_golden_02b.py", "test_golden_02b")
    path = test.GOLDEN / f"02B-2023.1-{family.lower().replace(' ', '-')}.txt"
    path.write_text("\n".join(test._layout({"layout": tools.layout_lines})) + "\n", encoding="utf-8")
    return path


def main() -> int:
    """Print every golden document and write its page 1 as text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="also write the PDFs into this folder, to look at")
    args = parser.parse_args()
    cycle = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2023"))
    family = serif_family().family
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "golden.sqlite3", clock=FixedClock(DEMO_TODAY))
        try:
            install_cycle(store, cycle)
            officials = build_city(store, cycle)
            for form, kind in documents():
                pdf = print_one(store, cycle, form, kind, officials)
                path = golden_path(family, form, kind)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(first_page_text(pdf), encoding="utf-8")
                if args.pdf:
                    args.pdf.mkdir(parents=True, exist_ok=True)
                    (args.pdf / f"{form}-{kind}.pdf").write_bytes(pdf)
                print(path.relative_to(ROOT))
        finally:
            store.close()
    print(write_02b_layout(family).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
