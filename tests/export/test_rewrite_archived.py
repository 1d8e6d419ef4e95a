"""Writing an archived package again: the same bytes under the same name, checked, never over other content."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdf
from export_helpers import SIGNED_UNIT, file_hash, run_json

from chilinh_desktop.cli import main
from chilinh_desktop.demo.build import DEMO_TODAY
from chilinh_desktop.package.bagit import verify_bag


def test_archive_lists_the_export(exported, demo_path, capsys):
    code, rows = run_json(capsys, "packages", "--db", str(demo_path), "--unit", SIGNED_UNIT)
    assert code == 0 and [(r["id"], r["unit"], r["sha256"]) for r in rows] == [
        (exported["package_id"], SIGNED_UNIT, exported["sha256"])]


def test_lost_stick_is_written_again_byte_for_byte(exported, demo_path, tmp_path, capsys):
    second = tmp_path / "second-stick"
    second.mkdir()
    code, result = run_json(capsys, "packages", "write", exported["package_id"], "--db", str(demo_path),
                            "--out", str(second))
    assert code == 0 and not result["already"]
    written = Path(result["path"])
    assert written.name == Path(exported["path"]).name and file_hash(written) == exported["sha256"]
    assert verify_bag(written).ok and not list(second.glob("*.part"))
    slip = pypdf.PdfReader(Path(result["slip"])).pages[0].extract_text()
    assert exported["sha256"][:16] in slip.replace(" ", "").replace("\n", "")


def test_an_identical_file_is_kept_and_accepted(exported, demo_path, usb, capsys):
    code, result = run_json(capsys, "packages", "write", exported["package_id"], "--db", str(demo_path),
                            "--out", str(usb))
    assert code == 0 and result["already"] and file_hash(Path(result["path"])) == exported["sha256"]


def test_a_different_file_with_the_same_name_is_never_overwritten(exported, demo_path, tmp_path, capsys):
    other = tmp_path / "other"
    other.mkdir()
    squatter = other / Path(exported["path"]).name
    squatter.write_bytes(b"someone else's file")
    code = main(["packages", "write", exported["package_id"], "--db", str(demo_path), "--out", str(other)])
    err = capsys.readouterr().err
    assert code == 2 and str(squatter) in err
    assert squatter.read_bytes() == b"someone else's file"
    assert hashlib.sha256(squatter.read_bytes()).hexdigest() != exported["sha256"]


def test_unknown_package_id_is_refused(demo_path, usb, capsys):
    assert main(["packages", "write", "no-such-id", "--db", str(demo_path), "--out", str(usb)]) == 2


def test_rewrite_dialog_writes_the_chosen_package(exported, demo_path, tmp_path, qtbot):
    from PySide6.QtCore import QSettings

    from chilinh_desktop.core.clock import FixedClock
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.ui.main_window import MainWindow
    from chilinh_desktop.ui.rewrite_dialog import RewriteDialog

    with Store.open(demo_path, clock=FixedClock(DEMO_TODAY)) as store:
        window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.start_session(ask=False)
        dialog = RewriteDialog(window.ctx, window)
        qtbot.addWidget(dialog)
        assert dialog.packages.count() == 1
        target = tmp_path / "stick"
        target.mkdir()
        dialog.set_target(target)
        dialog.run_write()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
        assert file_hash(target / Path(exported["path"]).name) == exported["sha256"]
        window.close()
