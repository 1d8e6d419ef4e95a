"""Opening a confidential file at the Board from the command line: listed, decrypted on request, audited."""

from __future__ import annotations

import pypdf
from board_helpers import run, run_json

from chilinh_desktop.core.store import Store


def _imported(capsys, demo_path, package) -> str:
    return run_json(capsys, "import", "--db", str(demo_path), str(package), "--trust-new")[1][0]["package_id"]


def test_confidential_file_is_decrypted_to_the_out_file(demo_path, package, tmp_path, capsys):
    package_id = _imported(capsys, demo_path, package)
    code, out, _err = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id)
    names = out.split()
    assert code == 0 and names and all(n.startswith("confidential/") for n in names)
    target = tmp_path / "declaration.pdf"
    code, out, err = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id,
                         "--file", names[0], "--out", str(target))
    assert code == 0 and str(target) in out and err.strip()  # the warning that the file is sensitive
    assert len(pypdf.PdfReader(target).pages) >= 1 and not (tmp_path / "declaration.pdf.part").exists()
    with Store.open(demo_path) as store:
        audited = store.db.execute("SELECT count(*) FROM audit WHERE action = 'confidential.open'").fetchone()[0]
    assert audited == 1


def test_unknown_confidential_file_is_refused(demo_path, package, tmp_path, capsys):
    package_id = _imported(capsys, demo_path, package)
    target = tmp_path / "nothing.pdf"
    code, _out, _err = run(capsys, "open-confidential", "--db", str(demo_path), "--package", package_id,
                           "--file", "confidential/none.pdf.age", "--out", str(target))
    assert code == 2 and not target.exists()


def test_board_view_opens_a_confidential_file(demo_path, package, tmp_path, qtbot, capsys):
    from PySide6.QtCore import QSettings

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.demo.build import DEMO_TODAY
    from chilinh_desktop.ui.board_view import BoardView
    from chilinh_desktop.ui.confidential_dialog import ConfidentialDialog
    from chilinh_desktop.ui.main_window import MainWindow

    _imported(capsys, demo_path, package)
    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        view = BoardView(window.ctx, window)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: view.model.rowCount() == 60, timeout=20_000)
        row = next(n for n, r in enumerate(view.model.rows) if r.code == "DB15")
        view.table.setCurrentIndex(view.model.index(row, 0))
        listed = view.open_confidential_files()
        assert isinstance(listed, ConfidentialDialog) and listed.files.count() >= 1
        listed.close()
        opened = []
        dialog = ConfidentialDialog(window.ctx, view.selected_package(), view, open_url=opened.append)
        qtbot.addWidget(dialog)
        dialog.decrypt_to(None)
        qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
        assert len(pypdf.PdfReader(dialog.written).pages) >= 1
        dialog.done(0)
        assert not dialog.written.exists()  # the temporary copy goes with the dialog
        window.close()
