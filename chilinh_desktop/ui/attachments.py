"""Attachment items: choose or drop a PDF or image, see it, replace or remove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _

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
    """The file of an attachment item, with choose / drop / remove."""

    file_chosen = Signal(str)  # a local path to attach
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self._read_only = False
        self.name_label = QLabel()
        self.name_label.setObjectName("attachmentName")
        self.choose_button = QPushButton(_("Choose a file…"))
        self.choose_button.setObjectName("chooseFile")
        self.remove_button = QPushButton(_("Remove the file"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.remove_button)
        self.drop_hint = QLabel(_("Drop a PDF or an image (PNG, JPEG, TIFF) here,\nor press “Choose a file…”."))
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pdf = PdfPreview()
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image_scroll = QScrollArea()
        image_scroll.setWidgetResizable(True)
        image_scroll.setWidget(self.image)
        self.stack = QStackedWidget()
        for widget in (self.drop_hint, self.pdf, image_scroll):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.show_empty()

    def show_empty(self) -> None:
        """No file yet."""
        self.name_label.setText(_("No file attached yet."))
        self.stack.setCurrentWidget(self.drop_hint)
        self.remove_button.setEnabled(False)

    def show_file(self, data: bytes, mime: str, name: str) -> None:
        """Preview an attached file."""
        self.name_label.setText(_("Attached: {name}", name=name))
        self.remove_button.setEnabled(not self._read_only)
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

    def set_read_only(self, read_only: bool) -> None:
        """A signed-off dossier: the file can be seen, not changed."""
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self.choose_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and self.stack.currentWidget() is not self.drop_hint)

    def choose(self) -> None:
        """Ask for a file with the file dialog."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the file to attach"),
            str(Path.home()),
            _("PDF or image") + " (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)",
        )
        if path:
            self.file_chosen.emit(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if not self._read_only and len(urls) == 1 and urls[0].isLocalFile() and accepted_file(urls[0].toLocalFile()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.file_chosen.emit(urls[0].toLocalFile())
