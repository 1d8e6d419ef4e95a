"""Attachment items: several files in order (a scan added page by page), by dialog or drop, each removable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _, ngettext

ACCEPTED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def accepted_file(path: str) -> bool:
    """Whether a dropped or chosen file looks attachable (the core checks the bytes)."""
    return path.lower().endswith(ACCEPTED_SUFFIXES)


class PdfPreview(QPdfView):
    """A PDF shown from bytes, fitting the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not a child of the view: a child document is destroyed inside the view's destructor and
        # its closing signal then reaches the half-destroyed view (a crash in QtPdf).
        self.document_ = QPdfDocument()
        self._buffer: QBuffer | None = None
        self.setDocument(self.document_)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def show_bytes(self, data: bytes) -> None:
        """Load a PDF from memory."""
        self.document_.close()
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document_.load(self._buffer)

    @property
    def page_count(self) -> int:
        """Pages of the shown document."""
        return self.document_.pageCount()


class AttachmentPane(QWidget):
    """The files of an attachment item, in order: add (dialog or drop), see one, remove one."""

    file_chosen = Signal(str)  # a local path to add after the item's other files
    remove_requested = Signal(int)  # the index of the file to remove

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self._read_only = False
        self._fetch: Callable[[int], tuple[bytes, str]] | None = None
        self.name_label = QLabel()
        self.name_label.setObjectName("attachmentName")
        self.name_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Add a file…"))
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.setToolTip(_("Add a page or a file after the ones already attached; they stay."))
        self.remove_button = QPushButton(_("Remove this file"))
        self.remove_button.setObjectName("removeFile")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self._remove_current)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.remove_button)
        self.files = QListWidget()
        self.files.setObjectName("attachedFiles")
        self.files.setMaximumWidth(260)
        self.files.currentRowChanged.connect(self._show_row)
        self.drop_hint = QLabel(_("Drop a PDF or an image (PNG, JPEG, TIFF) here,\nor press “Add a file…”. "
                                  "A scan of several pages can be added page by page."))
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        self.pdf = PdfPreview()
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image_scroll = QScrollArea()
        image_scroll.setWidgetResizable(True)
        image_scroll.setWidget(self.image)
        self.stack = QStackedWidget()
        for widget in (self.drop_hint, self.pdf, image_scroll):
            self.stack.addWidget(widget)
        body = QHBoxLayout()
        body.addWidget(self.files)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.show_empty()

    def show_empty(self) -> None:
        """No file yet."""
        self._fetch = None
        self.files.blockSignals(True)
        self.files.clear()
        self.files.blockSignals(False)
        self.files.hide()
        self.name_label.setText(_("No file attached yet."))
        self.stack.setCurrentWidget(self.drop_hint)
        self.remove_button.setEnabled(False)

    def show_files(self, names: list[str], fetch: Callable[[int], tuple[bytes, str]], *,
                   current: int | None = None) -> None:
        """List the item's files in order and preview one (`current`, else the one shown before, else the first).

        `fetch(index)` reads a file's bytes and type when it is shown, so a long scan is not read all at once.
        """
        if not names:
            self.show_empty()
            return
        keep = self.files.currentRow()
        self._fetch = fetch
        self.files.blockSignals(True)
        self.files.clear()
        for number, name in enumerate(names, start=1):
            self.files.addItem(QListWidgetItem(f"{number}. {name}"))
        self.files.blockSignals(False)
        self.files.show()
        self.name_label.setText(ngettext("{n} file attached, in this order:", "{n} files attached, in this order:",
                                   len(names)))
        row = current if current is not None else (keep if 0 <= keep < len(names) else 0)
        self.files.setCurrentRow(min(max(row, 0), len(names) - 1))
        self._show_row(self.files.currentRow())
        self.remove_button.setEnabled(not self._read_only)

    def _show_row(self, row: int) -> None:
        if self._fetch is None or row < 0:
            return
        data, mime = self._fetch(row)
        if mime == "application/pdf":
            self.pdf.show_bytes(data)
            self.stack.setCurrentWidget(self.pdf)
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            if not pixmap.isNull() and pixmap.width() > 1200:
                pixmap = pixmap.scaledToWidth(1200, Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pixmap)
            self.stack.setCurrentIndex(2)

    def _remove_current(self) -> None:
        if self.files.currentRow() >= 0:
            self.remove_requested.emit(self.files.currentRow())

    def set_read_only(self, read_only: bool) -> None:
        """A signed-off dossier: the files can be seen, not changed."""
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self.choose_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and self.files.count() > 0)

    def choose(self) -> None:
        """Ask for one or more files with the file dialog; they are added in the order chosen."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Choose the files to attach"),
            str(Path.home()),
            _("PDF or image") + " (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)",
        )
        for path in paths:
            self.file_chosen.emit(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if not self._read_only and urls and all(u.isLocalFile() and accepted_file(u.toLocalFile()) for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            for url in urls:
                self.file_chosen.emit(url.toLocalFile())
