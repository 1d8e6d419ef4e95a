"""Qt's own texts (context menus, message-box buttons) come out in Vietnamese from our catalog."""

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QLineEdit, QMessageBox, QPushButton, QTextEdit

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


ENGLISH = {"Look in:", "&Look in:", "File &name:", "Files of type:", "Files of &type:", "&Open", "&Save", "Cancel",
           "Back", "Forward", "Parent Directory", "Create New Folder", "List View", "Detail View", "Name", "Size",
           "Type", "Date Modified", "Printer", "&Name:", "P&roperties", "Location:", "Type:", "Output &file:",
           "&Options >>", "&Options <<", "&Print", "Print", "Copies", "Copies:", "Collate", "Print range",
           "Print all", "Pages from", "to", "Options", "Color Mode", "Double Sided Printing", "Paper",
           "Page size:", "Orientation", "Portrait", "Landscape", "Margins", "Page Layout", "Printer Properties",
           "Page", "Advanced", "OK", "Next page", "Zoom in", "Print Preview", "Page setup"}


def _shown_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget, QWidget

    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(n) for n in range(child.count())]
        elif isinstance(child, QComboBox) and child.objectName() != "lookInCombo":
            texts += [child.itemText(n) for n in range(child.count())]
        texts.append(child.toolTip())
    for action in widget.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    header = getattr(widget, "findChild", None) and widget.findChild(QHeaderView)
    if header is not None and header.model() is not None:
        texts += [str(header.model().headerData(n, header.orientation())) for n in range(header.count())]
    return [t for t in texts if t]


@pytest.fixture
def vietnamese_qt():
    app = QApplication.instance()
    installed = install_translators(app, "vi")
    yield
    for translator in installed:
        app.removeTranslator(translator)


def test_widget_file_dialog_is_vietnamese(qtbot, vietnamese_qt, tmp_path):
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = _shown_texts(dialog)
        assert "&Tìm trong:" in texts and "&Kiểu tệp:" in texts
        assert not ENGLISH & set(texts), ENGLISH & set(texts)
        dialog.close()


def test_print_dialogs_are_vietnamese(qtbot, vietnamese_qt):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    options = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("&Tùy chọn"))
    options.click()  # the options half: copies, range, colour, duplex, page layout
    texts = _shown_texts(dialog)
    assert {"Máy in", "&In", "Th&uộc tính"} <= set(texts)
    assert not ENGLISH & set(texts), ENGLISH & set(texts)
    dialog.close()
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    preview.show()
    texts = _shown_texts(preview)
    assert "Phóng to" in texts and not ENGLISH & set(texts), ENGLISH & set(texts)
    preview.close()


def test_the_compiled_catalog_reads_as_the_source_and_a_newer_source_wins(tmp_path, monkeypatch):
    import os

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from chilinh_desktop.resources import resources_dir
    from chilinh_desktop.ui import qt_catalog

    source = resources_dir() / "translations" / "qt_vi.po"
    (tmp_path / "translations").mkdir()
    po, mo = tmp_path / "translations" / "qt_vi.po", tmp_path / "translations" / "qt_vi.mo"
    po.write_bytes(source.read_bytes())
    monkeypatch.setattr(qt_catalog, "resources_dir", lambda: tmp_path)
    from_source = qt_catalog.load_qt_texts("vi")
    with po.open("rb") as fh, mo.open("wb") as out:
        write_mo(out, read_po(fh, locale="vi"))
    assert qt_catalog.load_qt_texts("vi") == from_source and len(from_source) > 100  # read without babel
    # A .po edited after the last compile: its text is served, not the stale .mo's.
    po.write_text(source.read_text(encoding="utf-8").replace('msgstr "&Sao chép"', 'msgstr "&Chép"'),
                  encoding="utf-8")
    os.utime(mo, (1_000_000, 1_000_000))
    assert qt_catalog.load_qt_texts("vi")[("QLineEdit", "&Copy")] == "&Chép"
