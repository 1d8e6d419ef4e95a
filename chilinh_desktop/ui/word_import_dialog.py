"""Nhập từ Word: preview where each paragraph of a .docx goes, move paragraphs, apply, undo.

The reading and placing happen in ops.word_import (no Qt); this module only shows the plan,
lets a person move a paragraph to another field (or aside), and runs the save on the writer.
Hooks into a dossier tab: a button, an undo button, and dropping a .docx onto the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _, ngettext
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.word_import import (
    WordImport,
    apply_word_import,
    aside_reason,
    plan_word_import,
    target_fields,
    undo_word_import,
)
from chilinh_desktop.ui.common import button_box_texts, fit_to_screen
from chilinh_desktop.ui.operations import error_text

if TYPE_CHECKING:
    from chilinh_desktop.ui.dossier_view import ItemPage

PREVIEW_CHARS = 140


def _short(text: str, size: int = PREVIEW_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= size else line[: size - 1] + "…"


class WordImportDialog(QDialog):
    """The mapping of a Word file, paragraph by paragraph, with a field to move each one to."""

    def __init__(self, plan: WordImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("wordImport")
        self.setWindowTitle(_("Import from Word — {file}", file=plan.path.name))
        self.targets = target_fields(plan.form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(plan.mapping.placed), 2)
        self.table.setObjectName("wordParagraphs")
        self.table.setHorizontalHeaderLabels([_("Paragraph"), _("Goes into")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.combos: list[QComboBox] = []
        for row, placed in enumerate(plan.mapping.placed):
            item = QTableWidgetItem(_short(placed.text))
            item.setToolTip(placed.text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(_("— Keep aside (not saved) —"), None)
            for field_id, label in self.targets:
                combo.addItem(_short(label, 60), field_id)
            combo.setCurrentIndex(max(combo.findData(placed.field_id), 0))
            combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self.move_paragraph(r, c.currentData()))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.fields = QListWidget()
        self.fields.setObjectName("wordFields")
        self.replace_box = QCheckBox(_("Also replace fields that already have an answer"))
        self.replace_box.toggled.connect(lambda _checked: self.refresh())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        button_box_texts(buttons)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(_("Apply"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.fields)
        split.setSizes([380, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.replace_box)
        layout.addWidget(buttons)
        fit_to_screen(self, 980, 700)  # a 1366×768 screen shows it whole, buttons included
        self.refresh()

    @property
    def replace(self) -> bool:
        """Whether fields that already have an answer are replaced too."""
        return self.replace_box.isChecked()

    def move_paragraph(self, row: int, field_id: str | None) -> None:
        """Put paragraph `row` into another field (None: keep it aside)."""
        self.plan.mapping.move(row, field_id)
        combo = self.combos[row]
        index = max(combo.findData(field_id), 0)
        if combo.currentIndex() != index:
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Recount the summary and the field-by-field preview after a move."""
        plan, mapping = self.plan, self.plan.mapping
        _answers, filled, kept = plan.merged(replace=self.replace)
        lines = []
        legacy = {k: v for k, v in plan.encodings.items() if k != "unicode" and v}
        if legacy:
            lines.append(_("Text in old fonts ({encodings}) was converted to Unicode.",
                           encodings=", ".join("TCVN3" if k == "tcvn3" else "VNI" for k in legacy)))
        lines.append(_("{filled} fields will be filled; {kept} already have an answer and stay.",
                       filled=len(filled), kept=len(kept)))
        for line in mapping.identity:
            if not line.same:
                lines.append(_("{label} in the file: «{in_file}»; in the registry: «{in_registry}» (the registry "
                               "is not changed).", label=line.label, in_file=line.in_file,
                               in_registry=line.in_registry))
        aside = mapping.aside()
        if aside:
            lines.append(ngettext("{n} paragraph fits no field: choose where it goes, or it is not saved.",
                                  "{n} paragraphs fit no field: choose where they go, or they are not saved.",
                                  len(aside)))
        self.summary.setText("\n".join(lines))
        self.fields.clear()
        texts = mapping.texts()
        for field_id, label in self.targets:
            if field_id in texts:
                count = len(texts[field_id].split("\n"))
                state = _("fill") if field_id in filled else _("keep (already filled)")
                paragraphs = ngettext("{n} paragraph", "{n} paragraphs", count)
                self.fields.addItem(_("{field} — {paragraphs} — {state}: {text}", field=_short(label, 70),
                                      paragraphs=paragraphs, state=state, text=_short(texts[field_id], 80)))
        for placed in aside:
            self.fields.addItem(_("Aside ({reason}): {text}", reason=aside_reason(placed.note),
                                  text=_short(placed.text, 80)))
        self.apply_button.setEnabled(bool(filled))


class _DocxDrop(QObject):
    """Accepts a .docx dropped anywhere on a form tab (text boxes included) and starts the import."""

    def __init__(self, page: ItemPage) -> None:
        super().__init__(page)
        self.page = page

    @staticmethod
    def _docx(event) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return paths[0] if len(paths) == 1 and paths[0].suffix.lower() == ".docx" else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self._docx(event):
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop:
            path = self._docx(event)
            if path is not None:
                event.acceptProposedAction()
                start_word_import(self.page, path)
                return True
        return False


def attach_word_import(page: ItemPage) -> None:
    """Give a form tab its "Import from Word…" and undo buttons, and accept a dropped .docx."""
    button = QPushButton(_("Import from Word…"))
    button.setToolTip(_("Bring a self-review written in Word (.docx) into this form; you can also drop the file "
                        "onto the form."))
    undo = QPushButton(_("Undo the Word import"))
    undo.hide()
    button.clicked.connect(lambda: ask_word_import(page))
    undo.clicked.connect(lambda: undo_last_import(page))
    page.head.insertWidget(1, button)
    page.head.insertWidget(2, undo)
    page.word_import_button, page.word_undo_button = button, undo
    drop = _DocxDrop(page)
    page.setAcceptDrops(True)
    page.installEventFilter(drop)
    for area in page.findChildren(QAbstractScrollArea):
        area.viewport().installEventFilter(drop)


def ask_word_import(page: ItemPage) -> None:
    """Choose a .docx and preview its import."""
    path, _filter = QFileDialog.getOpenFileName(page, _("Import from Word"), str(Path.home()),
                                                _("Word documents (*.docx)"))
    if path:
        start_word_import(page, Path(path))


def start_word_import(page: ItemPage, path: Path) -> WordImportDialog | None:
    """Read a .docx into the page's form and open the preview; applying saves through the operation."""
    ctx, view = page.ctx, page.view
    detail = view.detail
    if detail is None:
        return None
    if detail.dossier.locked:
        view.show_error(_("This dossier is signed off and read-only. To change it, choose “Reopen…”; the "
                          "reopening is recorded."))
        return None
    ctx.autosave.flush()
    ctx.runner.wait_idle()
    subject = {"official_id": detail.official.id} if detail.official else {"unit_code": detail.unit.code}
    try:
        plan = plan_word_import(ctx.store, ctx.cycle, page.item.form, path, **subject)
    except Exception as exc:  # a coded error for a person: what happened, nothing changed, what to do
        view.show_error(error_text(exc))
        return None
    dialog = WordImportDialog(plan, page)
    dialog.accepted.connect(lambda: _apply(page, plan, dialog.replace))
    page.word_dialog = dialog
    dialog.open()
    return dialog


def _apply(page: ItemPage, plan: WordImport, replace: bool) -> None:
    ctx, dossier_id = page.ctx, plan.item.dossier.id
    failed = page.expect_replacement()

    def done(result) -> None:
        page.word_result = result
        page.word_undo_button.setVisible(result.saved)

    ctx.runner.call(lambda store: apply_word_import(store, ctx.cycle, plan, replace=replace, actor=ctx.actor),
                    changes=changes.dossiers([dossier_id]), on_done=done,
                    on_error=failed)


def undo_last_import(page: ItemPage) -> None:
    """Put back the answers the last Word import replaced."""
    result = getattr(page, "word_result", None)
    if result is None or not result.saved:
        return
    ctx = page.ctx
    failed = page.expect_replacement()

    def done(_changed) -> None:
        page.word_result = None
        page.word_undo_button.hide()

    ctx.runner.call(lambda store: undo_word_import(store, ctx.cycle, result, actor=ctx.actor),
                    changes=changes.dossiers([result.plan.item.dossier.id]), on_done=done,
                    on_error=failed)
