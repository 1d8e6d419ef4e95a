"""The findings panel: a sound Qt model over the engine's findings, in the dossier and on the dashboard."""

from __future__ import annotations

import random

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.demo.ratings import add_demo_ratings
from chilinh_desktop.ui.findings import FINDING_ROLE, FindingsModel
from chilinh_desktop.ui.main_window import MainWindow


def _rated(store):
    cycle = get_cycle(store)
    add_demo_ratings(store, cycle, random.Random(2023))
    return cycle, evaluate(store, cycle)


def test_the_findings_model_passes_qtmodeltester(qtmodeltester, demo_store):
    _cycle, findings = _rated(demo_store)
    model = FindingsModel()
    model.set_rows(findings)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())] == findings


def test_dashboard_and_dossier_show_the_demo_findings(qtbot, tmp_path, demo_store):
    from PySide6.QtCore import QSettings

    cycle, findings = _rated(demo_store)
    window = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.start_session(ask=False)
    try:
        window.show_dashboard()
        window.ctx.runner.wait_idle()
        assert window.dashboard.all_findings == findings
        error = next(f for f in findings if f.severity == "error" and f.subject.startswith("official:"))
        window.dashboard.select_unit(error.units[0])
        shown = window.dashboard.findings.model
        assert error in [shown.row_object(r) for r in range(shown.rowCount())]
        dossier = find_dossier(demo_store, cycle, official_id=error.subject.split(":", 1)[1])
        window.open_dossier(dossier.id)
        panel = window.dossier_view.findings
        assert panel.isVisible()
        assert error in [panel.model.row_object(r) for r in range(panel.model.rowCount())]
    finally:
        window.close()


def test_signing_off_a_dossier_with_a_rating_error_is_refused(qtbot, tmp_path, demo_store, monkeypatch):
    from PySide6.QtCore import QSettings

    from chilinh_desktop.core.dossiers import get_dossier
    from chilinh_desktop.ui import dossier_view

    cycle, findings = _rated(demo_store)
    shown: list[str] = []
    monkeypatch.setattr(dossier_view.DossierView, "show_error", lambda self, message: shown.append(message))
    monkeypatch.setattr(dossier_view, "ask_yes_no", lambda *a, **k: True)
    monkeypatch.setattr(dossier_view, "ask_text", lambda *a, **k: "Bí thư Đảng ủy")
    window = MainWindow(demo_store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.start_session(ask=False)
    try:
        error = next(f for f in findings if f.severity == "error" and f.subject.startswith("official:"))
        dossier = find_dossier(demo_store, cycle, official_id=error.subject.split(":", 1)[1])
        window.open_dossier(dossier.id)
        window.dossier_view.ask_sign_off()
        window.ctx.runner.wait_idle()
        assert shown and error.message in shown[0]
        assert get_dossier(demo_store, dossier.id) == dossier  # nothing signed (or re-signed)
    finally:
        window.close()
