"""What the build check and the start-up benchmark read from a running window (CHILINH_SMOKE; not for users).

- `CHILINH_SMOKE=1` (scripts/build-frozen.sh): print when the unit tree is first painted, then whether the
  window is shown, and quit after a second.
- `CHILINH_SMOKE=startup` (benchmarks/bench_startup.py, also on the frozen program): print when the tree is
  first painted, then when the first progress badges are in with the longest the event loop was blocked
  meanwhile, and quit.

Each line carries the wall-clock time (`time.time()`, compared with when the caller started the process)
and this process's CPU time so far, which a shared machine does not inflate.
Loaded only when the variable is set.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 5  # how often the event loop is sampled for stalls after the first paint


def _say(what: str, extra: str = "") -> None:
    print(f"chilinh smoke: {what} {time.time():.3f} cpu {time.process_time():.3f}{extra}", flush=True)


class Probe(QObject):
    """Watches one main window from before it is shown."""

    def __init__(self, window, mode: str) -> None:
        super().__init__(window)
        self.window = window
        self.mode = mode
        self.last = 0.0
        self.worst = 0.0
        self.timer: QTimer | None = None
        window.tree.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)  # once the paint is done and the frame handed over
        return False

    def _painted(self) -> None:
        _say("painted")
        if self.mode == "startup":
            self.last = time.monotonic()
            self.timer = QTimer(self)
            self.timer.timeout.connect(self._tick)
            self.timer.start(TICK_MS)

    def _tick(self) -> None:
        now = time.monotonic()
        self.worst = max(self.worst, now - self.last)
        self.last = now
        model = self.window.model
        roots = model.tree.roots
        badges_in = not roots or model.badge(roots[0].unit.code) is not None  # an empty tree has none to wait for
        if badges_in and self.window.ctx.runner.pending == 0:
            self.timer.stop()
            _say("badges", f" stall {self.worst:.3f}")
            QApplication.instance().quit()

    def shown(self) -> None:
        """After `window.show()`: the build check reports and quits a second later."""
        if self.mode == "startup":
            return

        def done() -> None:
            print(f"chilinh smoke: window shown: {self.window.isVisible()}", flush=True)
            QApplication.instance().quit()

        QTimer.singleShot(1000, done)
