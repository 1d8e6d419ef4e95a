"""A province-sized Board: every unit's package received, at three sizes; the cost of each Board view.

    .venv/bin/python benchmarks/bench_board.py [--sizes 125,500,2000] [--runs 3] [--no-window] [--quick]

The data set at each size (`demo/province.py`): N units under one province committee and 5·N managed
cadres (`build_province`), then a received package for every unit that owes one, recorded as the Board's
importer records a verified package (`receive_packages`: core.board.record_received with typed documents
built from the province's rows; a tenth arrive after the deadline; the stored bytes are a stand-in, since
no Board view reads them: verifying signed archives is `bench_import`'s figure). The default sizes are 1×,
4× and 16× of 125 units (the demo city has 60): the figures must grow linearly.

Measured at each size, CPU time (time.process_time, what a shared machine inflates least) beside wall time,
best of `--runs`:
- record: writing the received rows (per package);
- status: `compute_status` (the units' own rows) and `board_status` (who is late at the Board);
- F9: what the window computes for the tree's badges, the first screen and the deadline dashboard;
- overview: the *Packages received* view (arrivals, rating lines, findings);
- report: the Board report's numbers, its .xlsx workbook, and the whole report as the window writes it
  (numbers + workbook written to a file, `ops.board.write_board_report`: the goal is ≤ 3 s at 2,000 units);
- receipt: one package's receipt PDF (median of a few units);
- `chilinh status --json` and `chilinh report --out FILE` as new processes (CPU of the child; the command
  also reads every package once, as a freshly opened data file does).
Then, unless `--no-window`, the longest GUI stall (offscreen) while the window opens at the largest size,
computes the badges, and opens the dashboard (F9).

`--quick`: sizes 10, 20, 40 units, one run, a window check: proves the script still works.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _shared.py beside it, however this is loaded
from _shared import load, parser, peak_rss_mib

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store

TODAY = dt.date(2023, 12, 10)
ROOT = Path(__file__).resolve().parents[1]


def timed(function: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """(best CPU seconds, best wall seconds, last result) over `runs` calls."""
    cpu, wall, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(cpu), min(wall), result


def build(path: Path, units: int) -> tuple[int, float, float]:
    """The province Board file; (packages, CPU seconds and wall seconds to record them)."""
    from chilinh_desktop.core.settings import load_settings, save_settings
    from chilinh_desktop.demo.province import build_province, receive_packages

    with Store.open(path, clock=FixedClock(TODAY)) as store:
        cycle = build_province(store, units=units, officials=5 * units)
        save_settings(store, dataclasses.replace(load_settings(store), role="board"))
        t0, c0 = time.perf_counter(), time.process_time()
        packages = receive_packages(store, cycle)
        return packages, time.process_time() - c0, time.perf_counter() - t0


def measure(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Every Board view's (CPU, wall) best over `runs`, in a fresh store as the window opens it."""
    from chilinh_desktop.core.board import board_status
    from chilinh_desktop.core.collector import collection_paused
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.deadlines import compute_status
    from chilinh_desktop.core.rules import evaluate
    from chilinh_desktop.core.units import unit_tree
    from chilinh_desktop.core.views import unit_badges
    from chilinh_desktop.ops.board import board_report, overview, receipt, write_board_report
    from chilinh_desktop.ops.progress import tree_status
    from chilinh_desktop.ops.today import digest
    from chilinh_desktop.render.board_report import board_report_workbook

    figures: dict[str, tuple[float, float]] = {}
    with Store.open(path, clock=FixedClock(TODAY)) as store:
        cycle = get_cycle(store)
        tree = unit_tree(store, cycle.tree_date)

        def f9():
            status = tree_status(store, cycle)
            return unit_badges(tree, status), evaluate(store, cycle), digest(status)

        first = time.process_time()
        board_status(store, cycle, TODAY)
        figures["board_status, first (parses)"] = (time.process_time() - first, 0.0)
        for name, function in (("compute_status", lambda: compute_status(store, cycle, TODAY)),
                               ("board_status", lambda: board_status(store, cycle, TODAY)),
                               ("F9 (badges, digest, findings)", f9),
                               ("Packages received", lambda: overview(store, cycle)),
                               ("report numbers", lambda: board_report(store, cycle))):
            cpu, wall, _ = timed(function, runs)
            figures[name] = (cpu, wall)
        report = board_report(store, cycle)
        with collection_paused():  # as write_board_report makes it
            cpu, wall, data = timed(lambda: board_report_workbook(report), runs)
        figures["report xlsx"] = (cpu, wall)
        out = path.with_suffix(".xlsx")
        figures[REPORT] = timed(lambda: write_board_report(store, out, cycle), runs)[:2]
        codes = [row[0] for row in store.db.execute(
            "SELECT unit_code FROM received_packages ORDER BY unit_code LIMIT 5")]
        receipts = [timed(lambda c=code: receipt(store, unit_code=c, cycle=cycle), 1)[:2] for code in codes]
        figures["receipt (one)"] = (statistics.median(r[0] for r in receipts),
                                    statistics.median(r[1] for r in receipts))
        assert isinstance(data, bytes) and data[:2] == b"PK"
    return figures


REPORT = "report, whole (numbers + file)"
REPORT_COMMAND = "`chilinh report` (new process)"
GOAL = 3.0  # seconds for the whole report at 2,000 units


def command(path: Path, runs: int, *arguments: str) -> tuple[float, float]:
    """A `chilinh` command as a new process: best (wall, CPU of the child) seconds."""
    wall, cpu = [], []
    for _ in range(runs):
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "chilinh_desktop", *arguments, "--db", str(path),
                        "--today", TODAY.isoformat()], check=True, capture_output=True)
        wall.append(time.perf_counter() - t0)
        after = os.times()
        cpu.append(after.children_user + after.children_system - before.children_user - before.children_system)
    return min(wall), min(cpu)


WINDOW = r"""
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
window.show()
app.processEvents()
state = {"last": time.monotonic(), "worst": {}, "phase": "badges", "since": time.monotonic()}

def tick():
    now = time.monotonic()
    phase = state["phase"]
    state["worst"][phase] = max(state["worst"].get(phase, 0.0), now - state["last"])
    state["last"] = now
    idle = window.ctx.runner.pending == 0
    if phase == "badges" and idle and window.model.badge(window.model.tree.roots[0].unit.code) is not None:
        state["phase"], state["since"] = "dashboard", now
        window.show_dashboard()
    elif phase == "dashboard" and idle and now - state["since"] > 0.5:
        print("stalls", state["worst"].get("badges", 0.0), state["worst"].get("dashboard", 0.0), flush=True)
        window.close()
        app.quit()

timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
app.exec()
store.close()
"""


def window_stalls(path: Path) -> tuple[float, float]:
    """The longest GUI stall (seconds) while the window computes its badges, then while the dashboard opens."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-c", WINDOW, str(path), str(Path(folder) / "settings.ini")],
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("stalls")), None)
    if line is None:
        raise SystemExit(f"the window did not finish: {done.stdout}{done.stderr}")
    _word, badges, dashboard = line.split()
    return float(badges), float(dashboard)


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--sizes", default="125,500,2000", help="unit counts, comma-separated")
    arguments.add_argument("--runs", type=int, default=3)
    arguments.add_argument("--no-window", action="store_true", help="skip the window's stall measurement")
    options = arguments.parse_args()
    sizes = [10, 20, 40] if options.quick else [int(s) for s in options.sizes.split(",")]
    runs = 1 if options.quick else options.runs
    rows: list[tuple[int, int, float, float, dict[str, tuple[float, float]], tuple[float, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        for units in sizes:
            path = Path(folder) / f"board-{units}.sqlite3"
            packages, cpu, wall = build(path, units)
            figures = measure(path, runs)
            figures["`status --json` (new process)"] = command(path, runs, "status", "--json")[::-1]
            figures[REPORT_COMMAND] = command(path, runs, "report", "--out", str(path.with_suffix(".cli.xlsx")))[::-1]
            rows.append((units, packages, cpu, wall, figures, (0.0, 0.0)))
            print(f"{units} units, {5 * units} cadres, {packages} packages received "
                  f"({path.stat().st_size / 2**20:.1f} MiB): recorded in {cpu:.2f} s CPU "
                  f"({cpu / packages * 1000:.1f} ms a package), {wall:.2f} s wall", flush=True)
            for name, (c, w) in figures.items():
                print(f"  {name:<32} CPU {c * 1000:8.0f} ms   wall {w * 1000:8.0f} ms", flush=True)
        print("\nthe curve (CPU ms; in brackets: per unit, µs — flat when linear):")
        names = list(rows[0][4])
        print(" " * 34 + "".join(f"{units:>20}" for units, *_ in rows))
        for name in names:
            cells = "".join(f"{r[4][name][0] * 1000:>10.0f} ({r[4][name][0] / r[0] * 1e6:>6.0f})" for r in rows)
            print(f"  {name:<32}{cells}")
        units, *_rest, figures, _window = rows[-1]
        (numbers, _w), (workbook, _w2), (whole, whole_wall) = (figures["report numbers"], figures["report xlsx"],
                                                               figures[REPORT])
        cli_cpu, cli_wall = figures[REPORT_COMMAND]
        verdict = ("met" if whole <= GOAL else "NOT met") if units >= 2000 else "not judged below 2,000 units"
        print(f"\nBoard report at {units} units, as the window writes it (packages already read): {whole:.2f} s CPU "
              f"({whole_wall:.2f} s wall) = numbers {numbers:.2f} s + workbook {workbook:.2f} s + file; "
              f"goal ≤ {GOAL:g} s at 2,000 units: {verdict}")
        print(f"`chilinh report` at {units} units, a new process (start, read every package once, report, file): "
              f"{cli_cpu:.2f} s CPU, {cli_wall:.2f} s wall")
        if not options.no_window:
            largest = Path(folder) / f"board-{sizes[-1]}.sqlite3"
            badges, dashboard = window_stalls(largest)
            print(f"\nwindow at {sizes[-1]} units (offscreen): longest GUI stall {badges * 1000:.0f} ms while the "
                  f"badges are computed, {dashboard * 1000:.0f} ms while the dashboard (F9) opens (goal ≤ 100 ms)")
    print(f"peak RSS {peak_rss_mib():.0f} MiB; {load()}")


if __name__ == "__main__":
    main()
