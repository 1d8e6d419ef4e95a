"""The Qt binding installed keeps Python's reference counts: a release that does not is refused here.

PySide6 6.12.0 returned True from SignalInstance.emit() without a reference: each signal emitted from
Python took one reference from True, and the program (or the test run) aborted at exit with
"Fatal Python error: bool_dealloc" — the exit crash of issue #14. pyproject.toml keeps Qt below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    plain = Signal()
    flag = Signal(bool)
    pair = Signal(str, bool)


def test_emitting_from_python_leaves_true_and_false_alone(qapp):
    source = _Source()
    received = []
    source.flag.connect(received.append)
    source.pair.connect(lambda text, value: received.append(value))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        source.plain.emit()
        source.flag.emit(True)
        source.pair.emit("x", False)
    received.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
