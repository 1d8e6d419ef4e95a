"""Print preview shows the real PDF; a whole unit prints in the background with progress and cancel."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader
from ui_helpers import open_editable_cadre, open_tab

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import stored_items
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.core.views import unit_overview
from chilinh_desktop.ui.operations import Cancelled, JobControl
from chilinh_desktop.ui.printing import open_item_preview, start_print_unit


def test_print_preview_shows_the_rendered_02b_as_a_draft(qtbot, window, demo_store):
    open_editable_cadre(qtbot, window, demo_store)
    open_tab(window, "self_review")
    window.actions["print"].trigger()
    dialog = window.preview
    try:
        assert dialog.isVisible()
        assert dialog.document.pageCount() >= 1
        assert dialog.pdf_bytes.startswith(b"%PDF")
        assert dialog.draft_button.isChecked()
    finally:
        dialog.close()


def test_final_print_switch_renders_without_the_draft_mark(qtbot, window, demo_store):
    cycle = get_cycle(demo_store)
    target = None
    for node in unit_tree(demo_store, cycle.tree_date).walk():
        for cadre in unit_overview(demo_store, cycle, node.unit.code).cadres:
            statuses = cadre.summary.statuses if cadre.summary else ()
            status = next((s for s in statuses if s.item.id == "self_review"), None)
            if status and status.state.value == "complete":
                target = cadre.summary.dossier.id
                break
        if target:
            break
    dialog = open_item_preview(window, target, "self_review")
    try:
        draft_text = PdfReader(io.BytesIO(dialog.pdf_bytes)).pages[0].extract_text()
        dialog.final_button.setChecked(True)
        final_text = PdfReader(io.BytesIO(dialog.pdf_bytes)).pages[0].extract_text()
        assert "NHÁP" in draft_text and "NHÁP" not in final_text
    finally:
        dialog.close()


def test_printing_a_whole_unit_runs_in_the_background_and_writes_pdfs(qtbot, window, tmp_path):
    window.select_unit("DB01")
    seen = []
    window.ctx.jobs.progress.connect(lambda job, done, total, text: seen.append((done, total)))
    job = start_print_unit(window, "DB01", tmp_path / "out")
    assert window.job_cancel.isVisibleTo(window)
    assert window.ctx.jobs.wait_idle(60)
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert files and all(f.read_bytes().startswith(b"%PDF") for f in files)
    assert seen[-1][0] == seen[-1][1] == len(files)
    assert not window.job_bar.isVisibleTo(window) and not job.cancel_requested


def test_a_cancelled_job_stops_at_its_next_step(qtbot, window):
    results = []

    def slow(store, control: JobControl):
        for n in range(1000):
            control.step(n, 1000)
            time.sleep(0.005)
        return "done"

    window.ctx.jobs.finished.connect(lambda job, result, error: results.append(error))
    job = window.ctx.jobs.start(slow, "chậm")
    qtbot.wait(50)
    window.job_cancel.click()
    assert window.ctx.jobs.wait_idle(10)
    assert isinstance(results[-1], Cancelled) and job.cancel_requested


@pytest.mark.parametrize("kind", ["asset_declaration"])
def test_attachment_preview_prints_the_attached_file(qtbot, window, demo_store, kind):
    cycle = get_cycle(demo_store)
    row = demo_store.db.execute(
        "SELECT d.id FROM dossiers d JOIN dossier_items i ON i.dossier_id = d.id "
        "JOIN item_files f ON f.item_id = i.id WHERE i.kind = ? LIMIT 1",
        [kind],
    ).fetchone()
    assert stored_items(demo_store, row[0])[kind].attachment_sha256
    dialog = open_item_preview(window, row[0], kind)
    try:
        assert dialog.document.pageCount() == 1 and dialog.final_button.isEnabled()
    finally:
        dialog.close()
    assert cycle.item(kind).kind == "attachment"
