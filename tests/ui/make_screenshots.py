"""Screenshots for docs/: the main window, a dossier tab, the rating tab, the dashboard and the print preview.

Run under Xvfb from the repository root:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/make_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from chilinh_desktop import i18n
from chilinh_desktop.app import apply_style, install_translators, open_for_gui

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def settle(app: QApplication, window, seconds: float = 0.6) -> None:
    """Let background work, autosave and QtPdf rendering finish before a grab."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    window.repaint()
    for _ in range(20):
        app.processEvents()


def main() -> int:
    i18n.set_language("vi")
    app = QApplication(sys.argv)
    install_translators(app, "vi")
    apply_style(app)
    work = Path(tempfile.mkdtemp())
    db = work / "demo.sqlite3"
    store = open_for_gui(db, True)
    from chilinh_desktop.ui.main_window import MainWindow
    from chilinh_desktop.ui.printing import open_item_preview

    window = MainWindow(store, QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
    window.show()  # sized by the window itself to the screen's available area (1366×768 here)
    window.start_session(ask=False)
    settle(app, window)
    DOCS.mkdir(exist_ok=True)

    row = store.db.execute(
        "SELECT u.code, o.id, d.id FROM dossiers d JOIN officials o ON o.id = d.official_id "
        "JOIN units u ON u.id = d.unit_id JOIN dossier_items i ON i.dossier_id = d.id "
        "WHERE d.state = 'draft' AND i.kind = 'self_review' AND i.state = 'complete' "
        "AND u.code LIKE 'DB%' ORDER BY u.sort_key LIMIT 1"
    ).fetchone()
    code, official_id, dossier_id = row
    window.select_unit(code)
    window.unit_pane.select_cadre(official_id)
    settle(app, window)
    window.grab().save(str(DOCS / "main-window.png"))

    from chilinh_desktop.ui.unit_sign_off import UnitSignOffDialog

    sign = UnitSignOffDialog(window.ctx, code, window)
    sign.show()
    settle(app, sign)
    sign.grab().save(str(DOCS / "unit-sign-off.png"))
    sign.close()

    window.open_dossier(dossier_id, "self_review")
    settle(app, window)
    window.grab().save(str(DOCS / "dossier-tab.png"))

    date = window.dossier_view.current_page().editor.widget_for("document_date")
    date.line.setText("31/02/2023")
    date.line.textEdited.emit("31/02/2023")  # as typed: the error shows, nothing is saved
    date.line.setFocus()
    window.dossier_view.current_page().editor.ensureWidgetVisible(date)
    settle(app, window)
    window.grab().save(str(DOCS / "typed-date-error.png"))
    date.set_value(date.value())  # the kept date shown again: the later shots' status bar says all is saved

    window.dossier_view.go_to_item("residence_comment")
    settle(app, window)
    window.grab().save(str(DOCS / "attachment-tab.png"))

    # The rating tab of a cadre whose proposal breaks a rule (the demo plants a Kém criterion under HTXSNV).
    from chilinh_desktop.core.rules import evaluate

    findings = evaluate(store, window.ctx.cycle)
    drafts = {r[0]: r[1] for r in store.db.execute(
        "SELECT subject_key, id FROM dossiers WHERE state = 'draft' AND official_id IS NOT NULL")}
    rated = next(f for f in findings if f.severity == "error" and f.subject in drafts and "Kém" in f.message)
    window.open_dossier(drafts[rated.subject])
    window.dossier_view.tabs.setCurrentWidget(window.dossier_view.rating_editor)
    settle(app, window)
    window.grab().save(str(DOCS / "rating-tab.png"))

    window.show_dashboard()
    settle(app, window)
    window.dashboard.select_unit(next(u.code for u in window.dashboard.status.units if len(u.missing) > 5))
    settle(app, window)
    window.grab().save(str(DOCS / "dashboard.png"))

    dialog = open_item_preview(window, dossier_id, "self_review")
    for _ in range(100):  # QPdfView renders pages on a worker thread
        app.processEvents()
        time.sleep(0.02)
    dialog.grab().save(str(DOCS / "print-preview.png"))
    dialog.close()

    window.close()
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
