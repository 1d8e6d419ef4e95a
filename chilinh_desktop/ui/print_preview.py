"""Print preview of the real PDF (QtPdf), printing to a printer, saving as PDF; draft or final."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import FileWriteError
from chilinh_desktop.ops.files import write_bytes
from chilinh_desktop.ui.common import fit_to_screen, message_box_texts
from chilinh_desktop.ui.saved_file import documents_folder, tell_saved
from chilinh_desktop.ui.word_export import save_word

PdfSource = Callable[[bool], bytes]  # final? -> PDF bytes


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Paint every page of a PDF onto a printer at its resolution."""
    painter = QPainter(printer)
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(page, size, QPdfDocumentRenderOptions())
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), image)
    finally:
        painter.end()


class PrintPreviewDialog(QDialog):
    """Shows the PDF that will be printed; switch draft/final, print, or save it."""

    def __init__(
        self,
        title: str,
        source: PdfSource,
        suggested_name: str,
        *,
        allow_final: bool = True,
        parent: QWidget | None = None,
        word_source: Callable[[bool], bytes] | None = None,
        draft_choice: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print preview — {title}", title=title))
        self.setObjectName("printPreview")
        self._source = source
        self._suggested = suggested_name
        self._bytes = b""
        self.saved_notice: QMessageBox | None = None  # where the last saved file went (tests reach it)
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument()  # not a child of the view: see attachments.PdfPreview
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.draft_button = QRadioButton(_("Draft (marked DRAFT)"))
        self.final_button = QRadioButton(_("Final"))
        self.final_button.setEnabled(allow_final)
        if not allow_final:
            self.final_button.setToolTip(_("The final print needs every required answer filled in."))
        group = QButtonGroup(self)
        group.addButton(self.draft_button)
        group.addButton(self.final_button)
        self.draft_button.setChecked(True)
        self.draft_button.toggled.connect(lambda _checked: self.reload())
        for button in (self.draft_button, self.final_button):
            button.setVisible(draft_choice)  # a finished file (the handover slip) has no draft
        self.pages = QLabel()
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as PDF…"))
        self.word_button = QPushButton(_("Save as Word…"))
        self.word_button.setVisible(word_source is not None)
        self.word_button.clicked.connect(lambda: word_source and save_word(
            self, word_source, str(Path(suggested_name).with_suffix(".docx")), final=self.final))
        close = QPushButton(_("Close"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        close.clicked.connect(self.reject)
        self.print_button.setShortcut("Ctrl+P")
        bar = QHBoxLayout()
        bar.addWidget(self.draft_button)
        bar.addWidget(self.final_button)
        bar.addWidget(self.pages, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.word_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        fit_to_screen(self, 860, 900)
        self.reload()

    @property
    def final(self) -> bool:
        """Whether the final (unmarked) version is shown."""
        return self.final_button.isChecked()

    def reload(self) -> None:
        """Render again (after switching draft/final)."""
        try:
            data = self._source(self.final)
        except Exception as exc:  # the renderer's message is already for a person
            QMessageBox.warning(self, _("Cannot prepare the document"), getattr(exc, "message", str(exc)))
            return
        self._bytes = data
        self.document.close()
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.pages.setText(_("{n} pages", n=self.document.pageCount()))

    @property
    def pdf_bytes(self) -> bytes:
        """The PDF shown."""
        return self._bytes

    def print_document(self) -> None:
        """Choose a printer and print; "print to a PDF file" writes the program's own PDF, not page images."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(Path(self._suggested).stem)  # Qt names a "print to file" after it
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print on the chosen printer; a PDF file gets the vector PDF shown (text, small), a printer the pages."""
        target = printer.outputFileName()
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or target:
            path = Path(target) if target else documents_folder() / self._suggested
            self.write_pdf(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))
            return
        print_pdf(self.document, printer)

    def save_document(self) -> None:
        """Write the PDF shown to a file (the Documents folder is offered, under the document's own name)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(documents_folder() / self._suggested), "PDF (*.pdf)"
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        """Write the PDF shown to `path` and say where it went; False (with the reason shown) if it was not."""
        try:
            write_bytes(path, self._bytes)
        except FileWriteError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Not saved"),
                exc.message,
                QMessageBox.StandardButton.Ok,
                self,
            )
            message_box_texts(box)
            box.exec()
            return False
        self.saved_notice = tell_saved(self, path)
        return True
