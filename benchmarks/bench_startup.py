"""Time from process start to the main window painted, against a bare PySide6 window: the demo city and a
province-sized database.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--quick] [--x11] [--frozen dist/chilinh/chilinh]

`--quick`: one run each, a 60-unit "province", everything in a fresh temporary folder (the full run
keeps its data files in $CHILINH_BENCH_DIR, default /tmp, between runs).

Each run is a fresh process started as a person starts the program, `python -m chilinh_desktop gui --db
FILE` (offscreen Qt; `--x11`: on the X server of $DISPLAY, or a private Xvfb at 1366×768 started here,
which is what a person sees), with compiled bytecode as an installed program has it (a private
PYTHONPYCACHEPREFIX, warmed by one untimed run: a checkout run with PYTHONDONTWRITEBYTECODE would compile
every module at every start), settings in a private folder, and no unit remembered from an earlier
session (the first screen). The program reports (CHILINH_SMOKE=startup, chilinh_desktop/ui/smoke.py) when
its tree is first painted, wall clock and its own CPU time, then when the progress badges (computed on
the worker thread) arrive and the longest the GUI event loop was blocked meanwhile, so "responsive while
the tree grows" is measured, not assumed.

In the same run, alternating with it, a bare PySide6 window (a QMainWindow with a tree, tabs and a table,
no data) is timed the same way: the floor Qt itself sets on this machine, so the ratio travels between
machines (targets: ≤ 3× offscreen, ≤ 2× on an X server). On a shared machine read the CPU ratio: wall
time there is mostly waiting for a core.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
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
            QTimer.singleShot(0, lambda: (print("painted", time.time(), time.process_time(), flush=True), app.quit()))
        return False


first_paint = FirstPaint()
tree.viewport().installEventFilter(first_paint)
window.show()
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


class Run:
    """One start: seconds from process start to the tree first painted (wall and the process's CPU time),
    to the badges, and the longest GUI stall meanwhile."""

    def __init__(self, painted: float, cpu: float, badges: float = float("nan"), stall: float = float("nan")):
        self.painted, self.cpu, self.badges, self.stall = painted, cpu, badges, stall


def environment(tmp: Path) -> dict[str, str]:
    """What every child gets: the platform, compiled bytecode kept apart, settings and data in `tmp`."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))  # this checkout's code
    env = {**os.environ, **PLATFORM, "PYTHONPATH": path, "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_DATA_HOME": str(tmp / "data")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def smoke_lines(out: str, started: float) -> dict[str, list[float]]:
    """The program's `chilinh smoke: WHAT WALL cpu CPU [stall S]` lines, wall times made relative to `started`."""
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("chilinh smoke: ") and len(parts) >= 6 and parts[4] == "cpu":
            found[parts[2]] = [float(parts[3]) - started, float(parts[5]), *(float(x) for x in parts[7:8])]
    return found


def run_program(command: list[str], tmp: Path, *, remember: bool = False) -> Run:
    """Start the program as a person does and read when its tree was painted and its badges came."""
    if not remember:  # the first screen, not the unit shown when the last session ended
        shutil.rmtree(tmp / "config", ignore_errors=True)
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp, timeout=300,
                          env={**environment(tmp), "CHILINH_SMOKE": "startup"})
    found = smoke_lines(done.stdout, started)
    if "painted" not in found:
        raise SystemExit(f"no first paint reported ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    painted, cpu = found["painted"][:2]
    badges, _cpu, stall = found.get("badges", [float("nan")] * 3)
    return Run(painted, cpu, badges, stall)


REMEMBER = r"""
import sys
from PySide6.QtCore import QCoreApplication, QSettings
from chilinh_desktop.ui.main_window import settings_key
QCoreApplication.setOrganizationName("chilinh")
QCoreApplication.setApplicationName("chilinh")
settings = QSettings()
settings.setValue(settings_key(sys.argv[1], "unit"), sys.argv[2])
settings.sync()
"""


def remember_unit(db: Path, tmp: Path, code: str = "DB01") -> None:
    """Settings as a session leaves them that ended on unit `code`'s page: the next start shows it first."""
    shutil.rmtree(tmp / "config", ignore_errors=True)
    subprocess.run([sys.executable, "-c", REMEMBER, str(db), code], check=True, cwd=tmp, env=environment(tmp))


def run_once(db: Path, tmp: Path, *, remember: bool = False) -> Run:
    """The program from source: `python -m chilinh_desktop gui --db DB`."""
    return run_program([sys.executable, "-m", "chilinh_desktop", "gui", "--db", str(db)], tmp, remember=remember)


def run_frozen(exe: Path, db: Path, tmp: Path) -> Run:
    """The frozen program (`chilinh gui`, as a person starts it)."""
    return run_program([str(exe.resolve()), "gui", "--db", str(db)], tmp)


def run_bare(tmp: Path) -> Run:
    """A bare PySide6 window (tree, tabs, table) from process start to first painted."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, cwd=tmp, check=True,
                         env=environment(tmp)).stdout
    line = next(line for line in out.splitlines() if line.startswith("painted"))
    return Run(float(line.split()[1]) - started, float(line.split()[2]))


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
    with tempfile.TemporaryDirectory() as scratch:  # bytecode, settings: apart from the person's own
        return measure(Path(os.environ.get("CHILINH_BENCH_DIR", "/tmp")), PROVINCE_DB, runs=args.runs, units=1800,
                       frozen=args.frozen, scratch=Path(scratch))


def ratio(pairs: list[tuple[Run, Run]], field: str) -> float:
    """The median of the paired runs' ratios (each pair ran one after the other, under the same load)."""
    return statistics.median(getattr(ours, field) / getattr(bare, field) for bare, ours in pairs)


def measure(tmp: Path, province: Path, *, runs: int, units: int, frozen: Path | None = None,
            scratch: Path | None = None) -> int:
    scratch = scratch or tmp
    demo = tmp / "chilinh-bench-demo.sqlite3"
    if not demo.exists():
        subprocess.run(
            [sys.executable, "-m", "chilinh_desktop", "demo", "--db", str(demo), "--force"],
            check=True,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
    if not province.exists():
        t = time.time()
        build_province(province, units)
        print(f"built the province database in {time.time() - t:.0f} s: {province}")
    where = "on X (xcb, 1366×768)" if PLATFORM["QT_QPA_PLATFORM"] == "xcb" else "offscreen"
    print(f"process start to the unit tree first painted, {where}, median of {runs}; {load()}")
    run_bare(scratch)  # untimed: the bytecode of this checkout compiled once, as an installed program has it
    run_once(demo, scratch)
    # Bare and demo runs alternate, so both see the same load on a shared machine.
    pairs = [(run_bare(scratch), run_once(demo, scratch)) for _ in range(runs)]
    bare = [b for b, _ in pairs]
    print(f"  {'bare Qt':22s} {statistics.median(b.painted for b in bare):.3f} s wall, "
          f"{statistics.median(b.cpu for b in bare):.3f} s CPU (QMainWindow with a tree, tabs and a table)")
    rows = [("demo city", [r for _, r in pairs]), ("province", [run_once(province, scratch) for _ in range(runs)])]
    remember_unit(demo, scratch)  # a person who left the last session on the largest unit's page
    rows.append(("demo city, DB01 shown", [run_once(demo, scratch, remember=True) for _ in range(runs)]))
    for label, results in rows:
        print(f"  {label:22s} {statistics.median(r.painted for r in results):.3f} s wall, "
              f"{statistics.median(r.cpu for r in results):.3f} s CPU · badges in "
              f"{statistics.median(r.badges for r in results):.2f} s · longest GUI stall while loading "
              f"{max(r.stall for r in results) * 1000:.0f} ms")
    goal = "2×" if PLATFORM["QT_QPA_PLATFORM"] == "xcb" else "3×"
    print(f"demo city to bare Qt {where}: {ratio(pairs, 'painted'):.2f}× wall, {ratio(pairs, 'cpu'):.2f}× CPU "
          f"(median of the {runs} paired runs; goal ≤ {goal} {where})")
    if frozen is not None:
        run_frozen(frozen, demo, scratch)
        paired = [(run_bare(scratch), run_frozen(frozen, demo, scratch)) for _ in range(runs)]
        print(f"frozen program ({frozen}) to bare Qt: {statistics.median(f.painted for _, f in paired):.3f} s wall, "
              f"{statistics.median(f.cpu for _, f in paired):.3f} s CPU: {ratio(paired, 'painted'):.2f}× wall, "
              f"{ratio(paired, 'cpu'):.2f}× CPU")
    print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
