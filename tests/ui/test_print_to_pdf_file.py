"""'In…' to a PDF file writes the program's own vector PDF (text, small) under a Vietnamese name, and says where."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.core.views import unit_overview
from chilinh_desktop.ops.printing import print_item
from chilinh_desktop.ui.printing import open_item_preview


def _complete_02b(store):
    cycle = get_cycle(store)
    for node in unit_tree(store, cycle.tree_date).walk():
        for cadre in unit_overview(store, cycle, node.unit.code).cadres:
            statuses = cadre.summary.statuses if cadre.summary else ()
            if any(s.item.id == "self_review" and s.state.value == "complete" for s in statuses):
                return cadre.official, cadre.summary.dossier.id
    raise AssertionError("no complete 02B in the demo")


def _print_to_file_in_the_dialog(qtbot, target) -> list[str]:
    """In the print dialog, as a person: pick 'print to a PDF file', type the file name, press Enter."""
    seen: list[str] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintDialog) and w.isVisible()),
                      None)
        if dialog is None:
            QTimer.singleShot(50, answer)
            return
        printers = dialog.findChild(QComboBox, "printers")
        pdf_row = printers.count() - 1  # Qt lists "print to file (PDF)" last
        printers.setFocus()
        printers.setCurrentIndex(pdf_row)
        name = dialog.findChild(QLineEdit, "filename")
        seen.append(name.text())
        name.setFocus()
        name.selectAll()
        qtbot.keyClicks(name, str(target))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    return seen


def test_printing_to_a_pdf_file_writes_the_programs_own_pdf_and_tells_where(qtbot, window, demo_store, tmp_path):
    official, dossier_id = _complete_02b(demo_store)
    dialog = open_item_preview(window, dossier_id, "self_review")
    try:
        assert dialog._suggested == f"{official.full_name} - Mẫu 02B.pdf"  # words a clerk knows, no ids
        target = tmp_path / "ascii-out.pdf"
        defaults = _print_to_file_in_the_dialog(qtbot, target)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        assert defaults  # the dialog was answered
        data = target.read_bytes()
        assert data == print_item(demo_store, get_cycle(demo_store), dossier_id, "self_review", final=False).pdf
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        assert official.full_name in text and "KIỂM ĐIỂM" in text.upper()  # a text layer, not page images
        assert len(data) < 400_000, len(data)  # was 16.6 MB of 1242-dpi images
        notice = dialog.saved_notice
        assert notice is not None and str(tmp_path) in notice.text() and target.name in notice.text()
        assert window.statusBar().currentMessage().endswith(str(tmp_path))
        notice.close()
    finally:
        dialog.close()
