"""Time from process start to the main window painted: the demo city and a province-sized database.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--quick] [--x11]

`--quick`: one run each, a 60-unit "province", everything in a fresh temporary folder (the full run
keeps its data files in $CHILINH_BENCH_DIR, default /tmp, between runs).

Each run is a fresh process (offscreen Qt; `--x11`: on the X server of $DISPLAY, or a private Xvfb
at 1366×768 started here, which is what a person sees). It reports when the window's tree is first
painted, when the
progress badges (computed on the worker thread) arrive, and the longest the GUI event loop
was blocked meanwhile, so "responsive while the tree grows" is measured, not assumed.

In the same run it times a bare PySide6 window (a QMainWindow with a tree, tabs and a table,
no data) the same way, and prints how many times longer our window takes on the demo city:
the floor Qt itself sets on this machine, so the figure travels between machines (targets: ≤ 3×
offscreen, ≤ 2× on an X server).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser

ROOT = Path(__file__).resolve().parents[1]
PROVINCE_DB = Path(os.environ.get("CHILINH_BENCH_DIR", "/tmp")) / "chilinh-province.sqlite3"

CHILD = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from chilinh_desktop.app import open_for_gui
from chilinh_desktop.ui.main_window import MainWindow

app = QApplication([])
store = open_for_gui(Path(sys.argv[1]), False)
window = MainWindow(store, QSettings(sys.argv[2], QSettings.Format.IniFormat))
from PySide6.QtCore import QEvent, QObject


class FirstPaint(QObject):
    # Prints when the tree has first been painted: what a person sees, on a real X server too.

    def __init__(self):
        super().__init__()
        self.done = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: print("painted", time.time(), flush=True))
        return False


first_paint = FirstPaint()
window.tree.viewport().installEventFilter(first_paint)
window.show()
app.processEvents()
print("shown", time.time(), flush=True)
state = {"last": time.monotonic(), "worst": 0.0}

def tick():
    now = time.monotonic()
    state["worst"] = max(state["worst"], now - state["last"])
    state["last"] = now
    if (first_paint.done and window.model.badge(window.model.tree.roots[0].unit.code) is not None
            and window.ctx.runner.pending == 0):
        print("badges", time.time(), state["worst"], flush=True)
        window.close()
        app.quit()

timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
app.exec()
store.close()
"""

BARE = r"""
import os, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTableView, QTabWidget, QTreeView

app = QApplication([])
window = QMainWindow()
splitter = QSplitter()
tabs = QTabWidget()
tabs.addTab(QTableView(), "table")
tree = QTreeView()
splitter.addWidget(tree)
splitter.addWidget(tabs)
window.setCentralWidget(splitter)


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("painted", time.time(), flush=True), app.quit()))
        return False


first_paint = FirstPaint()
tree.viewport().installEventFilter(first_paint)
window.show()
app.processEvents()
print("shown", time.time(), flush=True)
QTimer.singleShot(10_000, app.quit)
app.exec()
window.close()
"""


def build_province(path: Path, units: int = 1800, seed: int = 7) -> None:
    """A province-sized tree (~1,800 units under 12 districts) with ~5 managed cadres per grassroots unit."""
    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.core.cycles import install_cycle, load_cycle_file, shipped_cycle_files
    from chilinh_desktop.core.dossiers import ensure_dossiers
    from chilinh_desktop.core.officials import add_official
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.units import add_unit

    rng = random.Random(seed)
    start = dt.date(2020, 10, 1)
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        cycle = load_cycle_file(shipped_cycle_files()[0])
        with store.atomic():
            install_cycle(store, cycle)
            store.set_setting("today", "2023-12-05")
            add_unit(store, code="TINH", name="Tỉnh ủy", type="thanh_uy", parent_code=None, valid_from=start)
            per_district = units // 12
            for d in range(1, 13):
                district = f"H{d:02d}"
                add_unit(
                    store, code=district, name=f"Huyện ủy số {d}", type="thanh_uy", parent_code="TINH", valid_from=start
                )
                for u in range(1, per_district):
                    code = f"{district}-{u:03d}"
                    kind = "dang_bo_co_so" if u % 3 else "chi_bo_co_so"
                    add_unit(
                        store,
                        code=code,
                        name=f"Đảng bộ cơ sở {u} huyện {d}",
                        type=kind,
                        parent_code=district,
                        valid_from=start,
                    )
                    for c in range(rng.randint(3, 7)):
                        add_official(
                            store,
                            full_name=f"Cán bộ {d}-{u}-{c}",
                            unit_code=code,
                            tier="btv_thanh_uy",
                            party_post="Bí thư Đảng ủy" if c == 0 else "Phó Bí thư",
                        )
        ensure_dossiers(store, cycle)


PLATFORM = {"QT_QPA_PLATFORM": "offscreen"}  # --x11: "xcb", on $DISPLAY (or an Xvfb started here)


def run_once(db: Path, tmp: Path) -> tuple[float, float, float]:
    """Seconds from process start to the window's tree first painted, to the badges, and the longest stall."""
    ini = tmp / "bench.ini"
    ini.unlink(missing_ok=True)
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(ini)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **PLATFORM},
    )
    painted = badges = worst = float("nan")
    for line in proc.stdout:
        parts = line.split()
        if parts[0] == "painted":
            painted = float(parts[1]) - started
        elif parts[0] == "badges":
            badges, worst = float(parts[1]) - started, float(parts[2])
    proc.wait()
    return painted, badges, worst


def run_frozen(exe: Path, db: Path, tmp: Path) -> float:
    """Seconds from starting the frozen program (`chilinh gui`, as a person starts it) to its tree first painted."""
    home = tmp / "frozen-home"
    home.mkdir(exist_ok=True)
    started = time.time()
    out = subprocess.run([str(exe), "gui", "--db", str(db)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **PLATFORM, "CHILINH_SMOKE": "1", "HOME": str(home)}).stdout
    line = next(line for line in out.splitlines() if line.startswith("chilinh smoke: painted"))
    return float(line.split()[-1]) - started


def run_bare() -> float:
    """Seconds from process start to a bare PySide6 window (tree, tabs, table) first painted."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={**os.environ, **PLATFORM}).stdout
    line = next(line for line in out.splitlines() if line.startswith("painted"))
    return float(line.split()[1]) - started


def x_server() -> subprocess.Popen | None:
    """Use the X server of $DISPLAY, or start a private Xvfb at 1366×768 (None: $DISPLAY is set)."""
    PLATFORM["QT_QPA_PLATFORM"] = "xcb"
    if os.environ.get("DISPLAY"):
        return None
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    PLATFORM["DISPLAY"] = display
    return server


def main() -> int:
    arguments = parser(__doc__)
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--x11", action="store_true",
                           help="show the windows on an X server ($DISPLAY, or a private Xvfb), not offscreen")
    arguments.add_argument("--frozen", type=Path, metavar="EXE",
                           help="also time the frozen program (scripts/build-frozen.sh: dist/chilinh/chilinh) on the "
                                "demo city, as a person starts it")
    args = arguments.parse_args()
    server = x_server() if args.x11 else None
    try:
        return run(args)
    finally:
        if server is not None:
            server.terminate()


def run(args) -> int:
    if args.quick:
        with tempfile.TemporaryDirectory() as folder:
            return measure(Path(folder), Path(folder) / "province.sqlite3", runs=1, units=60)
    return measure(Path(os.environ.get("CHILINH_BENCH_DIR", "/tmp")), PROVINCE_DB, runs=args.runs, units=1800,
                   frozen=args.frozen)


def measure(tmp: Path, province: Path, *, runs: int, units: int, frozen: Path | None = None) -> int:
    demo = tmp / "chilinh-bench-demo.sqlite3"
    if not demo.exists():
        subprocess.run(
            [sys.executable, "-m", "chilinh_desktop", "demo", "--db", str(demo), "--force"],
            check=True,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
    if not province.exists():
        t = time.time()
        build_province(province, units)
        print(f"built the province database in {time.time() - t:.0f} s: {province}")
    # Bare and demo runs alternate, so both see the same load on a shared machine.
    pairs = [(run_bare(), run_once(demo, tmp)) for _ in range(runs)]
    bare = statistics.median(b for b, _ in pairs)
    if frozen is not None:
        paired = [(run_bare(), run_frozen(frozen, demo, tmp)) for _ in range(runs)]
        print(f"{'frozen':10s} window painted {statistics.median(f for _, f in paired):.2f} s "
              f"({statistics.median(f / b for b, f in paired):.1f}× bare Qt, median of the paired runs: "
              f"the program as built for people, {frozen})")
    where = "on X (xcb)" if PLATFORM["QT_QPA_PLATFORM"] == "xcb" else "offscreen"
    print(f"{'bare Qt':10s} window painted {bare:.3f} s {where} (QMainWindow with a tree, tabs and a table; "
          f"median of {runs})")
    ratio = statistics.median(r[0] / b for b, r in pairs)
    for label, results in (("demo city", [r for _, r in pairs]),
                           ("province", [run_once(province, tmp) for _ in range(runs)])):
        shown = statistics.median(r[0] for r in results)
        badges = statistics.median(r[1] for r in results)
        worst = max(r[2] for r in results)
        versus = f" ({ratio:.1f}× bare Qt, median of the paired runs)" if label == "demo city" else ""
        print(
            f"{label:10s} window painted {shown:.2f} s{versus} · badges in {badges:.2f} s · "
            f"longest GUI stall while loading {worst * 1000:.0f} ms (median of {runs})"
        )
    print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
