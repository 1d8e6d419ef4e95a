"""The editor generated from a form definition: one widget per field type, answers in and out.

Long text areas for the 02B sections, level and rating pickers from the cycle's scales,
editable tables for repeating rows. The editor only reports `changed` / `left_field`;
saving is the autosave controller's job.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.figures import CountedFigure
from chilinh_desktop.ops.forms import LISTED_TYPES, Field, FormSpec, Option, Scales, fill, options_for
from chilinh_desktop.ui.focus import follow_focus, skip_read_only
from chilinh_desktop.ui.typed_fields import Invalid, TypedField, format_date, parse_date

# Who is counted in a computed figure, by its source name (ops.figures.who_is_counted).
CountedLookup = Callable[[str], CountedFigure | None]


class _Input:
    """One field's widget with a uniform get/set."""

    def __init__(self, field: Field, widget: QWidget) -> None:
        self.field = field
        self.widget = widget
        self.loaded = False
        self.baseline: Any = None  # the stored value last shown: what the widget held before any typing

    def invalid(self) -> bool:
        """Whether the text on screen is not a valid value (a typed date or number shows its error)."""
        return isinstance(self.widget, TypedField) and not self.widget.valid

    def edited_here(self) -> bool:
        """Whether the person changed this field since it last showed a stored value (or left it invalid)."""
        if self.invalid():
            return True
        return self.loaded and not same_answer(self.get(), self.baseline)

    def show_stored(self, value: Any, *, force: bool) -> None:
        """Show a stored value without ever disturbing what the person is typing.

        A widget already holding the value is not touched at all, so its caret, selection and undo
        history stay; a field the person changed since the last load keeps the typed text (the autosave
        is saving it) unless `force` (an explicit replacement: clear, undo, Word import).
        """
        if self.loaded and same_answer(self.get(), value) and not self.invalid():
            self.baseline = value
            return
        if not force and self.edited_here():
            self.baseline = value
            return
        self.set(value)
        self.baseline = value
        self.loaded = True

    def get(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QComboBox):
            return w.currentData() or None
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, TypedField):
            return w.value()
        if isinstance(w, RowsEditor):
            return w.rows()
        return None

    def set(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QLineEdit):
            w.setText("" if value is None else str(value))
        elif isinstance(w, QComboBox):
            at = w.findData(value) if value is not None else 0
            w.setCurrentIndex(max(at, 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, TypedField):
            w.set_value(value)
        elif isinstance(w, RowsEditor):
            w.set_rows(value if isinstance(value, list) else [])

    def set_read_only(self, read_only: bool) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit | QLineEdit):
            w.setReadOnly(read_only)
        elif isinstance(w, RowsEditor | TypedField):
            w.set_read_only(read_only)
        else:
            w.setEnabled(not read_only)
        for widget in (w, getattr(w, "line", None)):
            if widget is not None:  # the read-only look depends on the property: restyle now
                widget.style().unpolish(widget)
                widget.style().polish(widget)


def same_answer(shown: Any, stored: Any) -> bool:
    """Whether a widget's value and a stored answer are the same answer (empty is empty)."""
    if _empty(shown) or _empty(stored):
        return _empty(shown) and _empty(stored)
    if isinstance(shown, bool) or isinstance(stored, bool):
        return shown is stored
    return bool(shown == stored)


def _empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)


LONG_HEADING = 70  # characters: past this a section heading is a wrapped label, not a box title
CODE_ROLE = Qt.ItemDataRole.UserRole  # the stored id of a choice cell; the cell shows its label


class ChoiceDelegate(QStyledItemDelegate):
    """A choice, level or rating cell: picked from its labels, stored as its id."""

    def __init__(self, options: tuple[Option, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options

    def createEditor(self, parent: QWidget, _option: Any, _index: Any) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("", None)
        for option in self.options:
            combo.addItem(option.label, option.id)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(CODE_ROLE)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText() if editor.currentData() else "", Qt.ItemDataRole.DisplayRole)


class RowsEditor(QWidget):
    """A repeating table (e.g. the 1–2 breakthrough tasks): add and remove rows, edit cells."""

    changed = Signal()

    def __init__(self, field: Field, scales: Scales | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._read_only = False
        # Choice, level and rating columns show labels and keep ids (a code never reaches the screen).
        self.options = {c.id: options_for(c, scales) for c in field.columns
                        if c.type in LISTED_TYPES and (scales is not None or c.options)}
        self.model = QStandardItemModel(0, len(field.columns), self)
        self.model.setHorizontalHeaderLabels([c.label for c in field.columns])
        self.view = QTableView()
        self.view.setModel(self.model)
        for n, column in enumerate(field.columns):
            if column.id in self.options:
                self.view.setItemDelegateForColumn(n, ChoiceDelegate(self.options[column.id], self.view))
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(140)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton(_("Add a row"))
        self.remove_button = QPushButton(_("Remove the row"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.model.itemChanged.connect(lambda _item: self.changed.emit())
        self._update_buttons()

    def _update_buttons(self) -> None:
        full = self.field.max_rows is not None and self.model.rowCount() >= self.field.max_rows
        self.add_button.setEnabled(not full and not self._read_only)

    def _add(self) -> None:
        self.model.appendRow([QStandardItem("") for _column in self.field.columns])
        self._update_buttons()
        self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))
        self.view.edit(self.view.currentIndex())
        self.changed.emit()

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.removeRow(row)
            self._update_buttons()
            self.changed.emit()

    def rows(self) -> list[dict[str, Any]]:
        """Every row as {column id: text}, empty rows left out."""
        result = []
        for r in range(self.model.rowCount()):
            row = {c.id: self._cell_value(self.model.item(r, n), c) for n, c in enumerate(self.field.columns)}
            if any(v.strip() for v in row.values()):
                result.append(row)
        return result

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show these rows (signals blocked: loading is not an edit)."""
        self.model.blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            self.model.appendRow([self._cell(c, row.get(c.id)) for c in self.field.columns])
        for _blank in range(max(0, self.field.min_rows - len(rows))):
            self.model.appendRow([QStandardItem("") for _column in self.field.columns])
        self.model.blockSignals(False)
        self.model.layoutChanged.emit()
        self._update_buttons()

    def _cell(self, column: Field, value: Any) -> QStandardItem:
        text = str(value or "")
        if column.type == "date":  # shown as dd/mm/yyyy like every date field, kept as stored
            return QStandardItem(format_date(text))
        options = self.options.get(column.id)
        if options is None:
            return QStandardItem(text)
        item = QStandardItem(next((o.label for o in options if o.id == text), text))
        item.setData(text or None, CODE_ROLE)
        return item

    def _cell_value(self, item: QStandardItem | None, column: Field) -> str:
        if item is None:
            return ""
        if column.type == "date":
            try:
                day = parse_date(item.text())
            except Invalid:
                return item.text()  # kept as typed: the form check names the impossible date
            return day.isoformat() if day else ""
        options = self.options.get(column.id)
        if options is None:
            return item.text()
        code = item.data(CODE_ROLE)
        typed = item.text().strip().casefold()
        for option in options:  # the label shown (or typed) stands for its id
            if (option.id == code and item.text() == option.label) or typed in (option.label.casefold(),
                                                                                option.id.casefold()):
                return option.id
        return item.text()

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock editing."""
        self._read_only = read_only
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        self.remove_button.setEnabled(not read_only)
        self._update_buttons()


class FormEditor(QScrollArea):
    """A form item's editor built from its definition."""

    changed = Signal()
    left_field = Signal()
    invalid_changed = Signal()  # a typed date or number became impossible, or was corrected

    def __init__(
        self,
        spec: FormSpec,
        scales: Scales,
        *,
        record_values: dict[str, Any] | None = None,
        who_is_counted: CountedLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.inputs: dict[str, _Input] = {}
        self._loading = False
        self._record_values = record_values or {}
        self._who_is_counted = who_is_counted
        self.counted_dialog: QDialog | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page.setObjectName("formPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        heading = [f"<b>{escape(self._text(spec.title))}</b>"]
        heading += [escape(self._text(line)) for line in spec.subtitle]
        if spec.template:
            heading.append(f"<i>{escape(self._text(spec.template))}</i>")
        title = QLabel("<br>".join(heading))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        layout.addWidget(title)
        for section in spec.sections:
            if not section.fields:
                continue
            heading = self._text(section.heading)
            # A group box title never wraps: a long heading (02B's III.) would widen the page past a
            # 1366 px screen, so it goes in a wrapped label inside an untitled box instead.
            long_heading = len(heading) > LONG_HEADING
            box = QGroupBox("" if long_heading else heading) if heading else QWidget()
            box_layout = QFormLayout(box)
            box_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            box_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            if long_heading:
                title = QLabel(heading)
                title.setWordWrap(True)
                title.setObjectName("sectionHeading")
                box_layout.addRow(title)
            if section.text:
                note = QLabel(self._text(section.text))
                note.setWordWrap(True)
                note.setObjectName("sectionNote")
                box_layout.addRow(note)
            for field in section.fields:
                widget = self._make_widget(field, scales)
                widget.setObjectName(f"field_{field.id}")
                widget.setToolTip(self._text(field.help))
                widget.setAccessibleName(self._text(field.label))
                self.inputs[field.id] = _Input(field, widget)
                label = QLabel(self._text(field.label) + (" *" if field.required else ""))
                # A short label stays on one line: a wrapped one in a form row is cut to the row's height.
                label.setWordWrap(len(field.label) > 40 or field.type in ("longtext", "rows"))
                label.setBuddy(widget)
                if field.type in ("longtext", "rows"):
                    box_layout.addRow(label)
                    box_layout.addRow(widget)
                elif field.computed:
                    box_layout.addRow(label, self._computed_row(field, widget))
                else:
                    box_layout.addRow(label, widget)
            layout.addWidget(box)
        layout.addStretch()
        self.setWidget(page)
        follow_focus(self)  # the view scrolls to whichever box takes the focus
        skip_read_only(self)  # Tab passes over figures from the records

    def _text(self, text: str) -> str:
        """A definition text with its `{placeholders}` filled as in print (formspec.context.fill)."""
        return fill(text, self._record_values) if text else text

    def _make_widget(self, field: Field, scales: Scales) -> QWidget:
        kind = field.type
        if kind == "longtext":
            w: QWidget = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setMinimumHeight(110)
            w.textChanged.connect(self._on_change)
        elif kind in ("choice", "level", "rating"):
            w = QComboBox()
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a level's label is never cut
            w.addItem(_("— not chosen —"), None)
            for option in options_for(field, scales):
                w.addItem(option.label, option.id)
            w.currentIndexChanged.connect(self._on_change)
        elif kind == "boolean":
            w = QCheckBox()
            w.toggled.connect(self._on_change)
        elif kind in ("number", "date"):
            w = TypedField(field)
            w.edited.connect(self._on_change)
            w.validity_changed.connect(self.invalid_changed.emit)
            w.line.installEventFilter(self)
        elif kind == "rows":
            w = RowsEditor(field, scales)
            w.changed.connect(self._on_change)
        elif field.computed:
            # Computed from the rating records and the tree, as the print shows it: never typed.
            w = QLineEdit(str(self._record_values.get(field.source or "", "")))
            w.setReadOnly(True)
            w.setToolTip(_("Computed from the rating records and the unit tree; it cannot be typed."))
            return w
        else:  # text, record
            w = QLineEdit()
            if field.max_length:
                w.setMaxLength(field.max_length)
            if kind == "record" and field.source:
                w.setPlaceholderText(str(self._record_values.get(field.source, "")))
            w.textChanged.connect(self._on_change)
        w.installEventFilter(self)
        return w

    def _computed_row(self, field: Field, widget: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget, 1)
        if self._who_is_counted is not None:
            button = QPushButton(_("Who is counted?"))
            button.setObjectName(f"counted_{field.id}")
            button.setToolTip(_("Show the organisations or members counted in this figure"))
            button.clicked.connect(lambda _checked=False, f=field: self.show_counted(f))
            layout.addWidget(button)
        return row

    def show_counted(self, field: Field) -> QDialog | None:
        """A dialog listing who is counted in a computed figure (or where its count comes from)."""
        found = self._who_is_counted(field.source or "") if self._who_is_counted else None
        if found is None:
            return None
        value, names, basis = found.value, found.names, found.basis
        dialog = QDialog(self)
        dialog.setObjectName("countedDialog")
        dialog.setWindowTitle(_("Who is counted: {label}", label=field.label))
        layout = QVBoxLayout(dialog)
        heading = QLabel(f"<b>{field.label}: {value if value != '' else '—'}</b>")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        note = QLabel(basis)
        note.setWordWrap(True)
        note.setObjectName("countedBasis")
        layout.addWidget(note)
        if names is not None:
            listing = QListWidget()
            listing.setObjectName("countedNames")
            listing.addItems(list(names) or [_("(nobody)")])
            layout.addWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(460, 360)
        self.counted_dialog = dialog
        dialog.open()
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.left_field.emit()
        return super().eventFilter(watched, event)

    def _on_change(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def answers(self) -> dict[str, Any]:
        """The answers as typed, by field id (empty fields left out)."""
        result = {}
        for field_id, inp in self.inputs.items():
            if inp.field.computed:
                continue  # shown from the records, never an answer
            value = inp.get()
            if value in (None, "", []):
                continue
            result[field_id] = value
        return result

    def set_answers(self, answers: dict[str, Any], *, force: bool = False) -> None:
        """Show stored answers (not an edit: no `changed`).

        A save of what is being typed comes back here: fields already showing the stored value are
        left alone, and fields the person changed since the last load keep what was typed, unless
        `force` (the content was replaced on purpose: cleared, restored, imported from Word).
        """
        self._loading = True
        try:
            for field_id, inp in self.inputs.items():
                if not inp.field.computed:  # a computed figure keeps the records' value, whatever was stored
                    inp.show_stored(answers.get(field_id), force=force)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Lock every field (a signed-off dossier)."""
        for inp in self.inputs.values():
            inp.set_read_only(read_only or inp.field.computed)
        skip_read_only(self)

    def invalid_fields(self) -> list[str]:
        """Fields whose text on screen is not a valid value (kept unsaved, error shown)."""
        return [f for f, inp in self.inputs.items() if isinstance(inp.widget, TypedField) and not inp.widget.valid]

    def invalid_labels(self) -> list[str]:
        """The labels of the fields whose typed text is not saved because it is not a valid value."""
        return [self._text(self.inputs[f].field.label) for f in self.invalid_fields()]

    def widget_for(self, field_id: str) -> QWidget:
        """The input widget of a field (tests, 'go to field')."""
        return self.inputs[field_id].widget
