"""'Open the handover slip': the system viewer, or the program's own PDF view where there is none."""

from __future__ import annotations

import pytest
from PySide6.QtPdf import QPdfDocument

from chilinh_desktop.ui.export_dialog import ExportDialog


class Viewer:
    """The system's openUrl as a test sees it: records the URLs, succeeds or not.

    It holds no reference to the dialog: a cycle through a Qt widget would be collected at
    interpreter exit, after Qt is gone (a bool_dealloc abort)."""

    def __init__(self) -> None:
        self.ok = True
        self.opened = []

    def __call__(self, url) -> bool:
        self.opened.append(url)
        return self.ok


@pytest.fixture
def viewer():
    return Viewer()


@pytest.fixture
def exported(qtbot, window, tmp_path, viewer):
    """An export dialog that has written DB01's package (the demo's DB01 is signed off)."""
    dialog = ExportDialog(window.ctx, "DB01", window, open_url=viewer)
    qtbot.addWidget(dialog)
    dialog.set_target(tmp_path)
    dialog.run_export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.slip.isEnabled()
    yield dialog
    if dialog.slip_view is not None:
        dialog.slip_view.close()


def test_the_slip_opens_in_the_system_viewer(exported, viewer):
    exported.slip.click()
    assert [url.toLocalFile() for url in viewer.opened] == [str(exported.result.slip_path)]
    assert exported.slip_view is None


def test_without_a_viewer_the_slip_opens_in_the_programs_own_view(exported, viewer):
    viewer.ok = False  # openUrl fails: no viewer registered
    exported.slip.click()
    view = exported.slip_view
    assert len(viewer.opened) == 1 and view is not None and view.isVisible()
    assert view.pdf_bytes == exported.result.slip_path.read_bytes()
    assert view.document.status() == QPdfDocument.Status.Ready and view.document.pageCount() >= 1
    assert not view.draft_button.isVisible() and not view.final_button.isVisible()
    assert view.print_button.isVisible() and view.save_button.isVisible()
