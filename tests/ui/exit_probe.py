"""A real session that types into a dossier and closes the window at a random moment, then exits.

Run as a program by tests/ui/test_clean_exit.py (and by hand in a loop to hunt exit crashes):

    python tests/ui/exit_probe.py DATA_FILE SEED
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from chilinh_desktop import app as chilinh_app


def main() -> int:
    qapp = QApplication(sys.argv[:1])  # noqa: F841 - run() reuses it; the timer below needs it now
    rng = random.Random(int(sys.argv[2]))

    def editable_fields(window) -> list:
        page = window.dossier_view.current_page()
        if page is None or page.editor is None:
            return []
        return [e for e in page.editor.findChildren(QPlainTextEdit) + page.editor.findChildren(QLineEdit)
                if e.isVisible() and e.isEnabled() and not e.isReadOnly() and not e.inherits("QDateEdit")]

    def act() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
        try:
            window.select_unit("DB10")  # partly filled, not signed off
            rows = [row for row in window.unit_pane.overview.cadres if row.summary is not None]
            rng.shuffle(rows)
            for row in rows:
                window.open_dossier(row.summary.dossier.id)
                for _ in range(8):  # the first item with a field to type in
                    fields = editable_fields(window)
                    if fields:
                        break
                    window.dossier_view.next_item(1)
                if fields:
                    break
            field = rng.choice(fields)
            field.setFocus()
            QTest.keyClicks(field, " Bo sung" * rng.randint(1, 4))
        finally:
            QTimer.singleShot(rng.randint(0, 600), window.close)  # sometimes before autosave fires

    QTimer.singleShot(1000, act)
    code = chilinh_app.run(Path(sys.argv[1]), False)
    print(f"exit {code}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
