"""Qt's own texts (context menus, message-box buttons) come out in Vietnamese from our catalog."""

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTextEdit

from chilinh_desktop.app import install_translators


@pytest.fixture(autouse=True)
def _keep_locale():
    """install_translators sets the default locale; other tests must not see it change."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_edit_menus_and_standard_buttons_are_vietnamese(qtbot):
    app = QApplication.instance()
    installed = install_translators(app, "vi")
    try:
        line = QLineEdit()
        qtbot.addWidget(line)
        texts = [a.text() for a in line.createStandardContextMenu().actions() if a.text()]
        assert "&Sao chép\tCtrl+C" in texts and "&Dán\tCtrl+V" in texts and "Chọn tất cả\tCtrl+A" in texts
        area = QTextEdit()
        qtbot.addWidget(area)
        assert "&Hoàn tác\tCtrl+Z" in [a.text() for a in area.createStandardContextMenu().actions()]
        box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert {box.button(QMessageBox.StandardButton.Yes).text(),
                box.button(QMessageBox.StandardButton.No).text()} == {"&Có", "&Không"}
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_english_keeps_qt_texts(qtbot):
    app = QApplication.instance()
    installed = install_translators(app, "en")
    try:
        line = QLineEdit()
        qtbot.addWidget(line)
        assert "&Copy\tCtrl+C" in [a.text() for a in line.createStandardContextMenu().actions()]
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_frozen_build_reads_the_compiled_catalog(tmp_path, monkeypatch):
    import shutil

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from chilinh_desktop.resources import resources_dir
    from chilinh_desktop.ui import qt_catalog

    source = resources_dir() / "translations" / "qt_vi.po"
    (tmp_path / "translations").mkdir()
    with source.open("rb") as fh, (tmp_path / "translations" / "qt_vi.mo").open("wb") as out:
        write_mo(out, read_po(fh, locale="vi"))
    monkeypatch.setattr(qt_catalog, "resources_dir", lambda: tmp_path)
    assert qt_catalog.load_qt_texts("vi")[("QLineEdit", "&Copy")] == "&Sao chép"
    shutil.rmtree(tmp_path / "translations")
    assert qt_catalog.load_qt_texts("vi") == {}
