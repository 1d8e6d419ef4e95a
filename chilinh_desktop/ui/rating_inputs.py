"""The inputs the rating rules read besides the levels: targets (met, exceeded, main targets, force majeure,
behind schedule, shortcomings fixed) and conclusions of the competent level.

Dates and numbers are typed fields (ui/typed_fields.py): an impossible value shows an inline error
and nothing is saved. Every save is one operation of ops/rating.py, so the window refuses what
`chilinh targets` and `chilinh conclusion add` refuse, with the same words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.forms import Field
from chilinh_desktop.ops.rating import record_conclusion, record_targets, subject_conclusions, subject_ratings
from chilinh_desktop.ops.types import Targets
from chilinh_desktop.ui.labels import format_day
from chilinh_desktop.ui.typed_fields import TypedField

if TYPE_CHECKING:
    from chilinh_desktop.ui.rating_editor import _Tab

def typed(field_id: str, kind: str, label: str, *, maximum: float | None = None, integer: bool = False) -> TypedField:
    """A typed date or number input (a number from 0, up to `maximum`; `integer`: a whole number)."""
    field = Field(field_id, kind, label, minimum=0 if kind == "number" else None, maximum=maximum, integer=integer)
    widget = TypedField(field)
    widget.setAccessibleName(label)
    return widget


def invalid(widgets: list[QWidget]) -> bool:
    """Whether any typed field shows text that is not a valid value (its inline error says why)."""
    return any(isinstance(w, TypedField) and not w.valid for w in widgets)


def _yes_no(label: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(label)
    for value, text in ((None, _("— not recorded —")), (True, _("Yes")), (False, _("No"))):
        combo.addItem(text, value)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(next((n for n in range(combo.count()) if combo.itemData(n) == value), 0), 0))


class TargetsRow(QWidget):
    """A subject's targets this cycle: what the targets grounds and QĐ 366's level conditions read."""

    def __init__(self, tab: _Tab, key: str) -> None:
        super().__init__()
        self.tab, self.key = tab, key
        self.met = typed("met_pct", "number", _("Targets met (%)"), maximum=100)
        self.exceeded = typed("exceeded_pct", "number", _("of which exceeded (%)"), maximum=100)
        self.main_met = _yes_no(_("Main targets met"))
        self.force_majeure = QCheckBox(_("Missed for reasons of force majeure"))
        rule_set = tab.rule_set
        self.conditions = bool(rule_set and rule_set.rules_of("level_conditions"))
        self.behind = typed("behind_pct", "number", _("Tasks behind schedule (%)"), maximum=100)
        self.shortcomings = _yes_no(_("Every shortcoming fixed"))
        self.save = QPushButton(_("Save the targets"))
        self.save.clicked.connect(self._save)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, pairs in ((first, ((_("Targets met (%)"), self.met), (_("of which exceeded (%)"), self.exceeded),
                                    (_("Main targets met"), self.main_met))),
                           (second, ((_("Tasks behind schedule (%)"), self.behind),
                                     (_("Every shortcoming fixed"), self.shortcomings)))):
            for text, widget in pairs:
                label = QLabel(text)
                label.setBuddy(widget)
                row.addWidget(label)
                row.addWidget(widget)
                if row is second and not self.conditions:  # only QĐ 366's level conditions read these
                    label.hide()
                    widget.hide()
        first.addStretch()
        second.insertWidget(0, self.force_majeure)  # the first row fits a 1366-pixel screen without it
        second.addWidget(self.save)
        second.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        self.inputs: list[QWidget] = [self.met, self.exceeded, self.main_met, self.force_majeure]
        self.inputs += [self.behind, self.shortcomings] if self.conditions else []
        self.inputs.append(self.save)

    def show_targets(self, targets: Targets | None) -> None:
        """Show the stored targets (not an edit)."""
        self.met.set_value(targets.met_pct if targets else None)
        self.exceeded.set_value(targets.exceeded_pct if targets and targets.exceeded_pct else None)
        _select(self.main_met, targets.main_met if targets else None)
        self.force_majeure.setChecked(bool(targets and targets.force_majeure))
        self.behind.set_value(targets.behind_pct if targets else None)
        _select(self.shortcomings, targets.shortcomings_fixed if targets else None)

    def _save(self) -> None:
        editor = self.tab.editor
        if invalid(self.inputs):
            editor.show_error(_("Correct the values marked in red first: nothing was saved."))
            return
        met = self.met.value()
        if met is None:
            editor.show_error(_("Enter the share of targets met before saving."))
            return
        exceeded, main_met, force_majeure = self.exceeded.value() or 0, self.main_met.currentData(), \
            self.force_majeure.isChecked()
        behind = self.behind.value() if self.conditions else None
        fixed = self.shortcomings.currentData() if self.conditions else None
        key, cycle, actor = self.key, self.tab.ctx.cycle, self.tab.ctx.actor
        self.tab.save(lambda store: record_targets(store, cycle, key, met_pct=met, exceeded_pct=exceeded,
                                                   main_met=main_met, force_majeure=force_majeure, behind_pct=behind,
                                                   shortcomings_fixed=fixed, actor=actor),
                      lambda: self.show_targets(subject_ratings(self.tab.ctx.store, cycle, key).targets))

    def set_read_only(self, read_only: bool) -> None:
        """Lock every input."""
        for widget in self.inputs:
            if isinstance(widget, TypedField):
                widget.set_read_only(read_only)
            else:
                widget.setEnabled(not read_only)


class ConclusionsBox(QGroupBox):
    """Conclusions of the competent level about the subject this cycle (degradation, disunity …)."""

    def __init__(self, tab: _Tab, key: str) -> None:
        super().__init__(_("Conclusions of the competent level in {year}", year=tab.ctx.cycle.year))
        self.tab, self.key = tab, key
        kinds = tab.rule_set.conclusion_kinds if tab.rule_set else {}
        self.listing = QLabel()
        self.listing.setObjectName("conclusionList")
        self.listing.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("What was concluded"))
        self.kind.addItem(_("— choose —"), None)
        for kind, label in kinds.items():
            self.kind.addItem(label, kind)
        self.date = typed("conclusion_date", "date", _("Date of the conclusion"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Note"))
        self.add = QPushButton(_("Add the conclusion"))
        self.add.clicked.connect(self._add)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.date)
        row.addWidget(self.note, 1)
        row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.listing)
        layout.addLayout(row)
        self.inputs: list[QWidget] = [self.kind, self.date, self.note, self.add]

    def reload(self) -> None:
        """Show the recorded conclusions; clear the inputs."""
        store, cycle = self.tab.ctx.store, self.tab.ctx.cycle
        labels = self.tab.rule_set.conclusion_kinds if self.tab.rule_set else {}
        found = subject_conclusions(store, cycle, self.key)
        self.listing.setText("\n".join(
            f"• {format_day(c.date)}: {labels.get(c.kind, c.kind)}" + (f" — {c.note}" if c.note else "")
            for c in found) or _("No conclusion recorded."))
        self.kind.setCurrentIndex(0)
        self.note.clear()
        self.date.set_value(None)

    def _add(self) -> None:
        editor = self.tab.editor
        if invalid(self.inputs):
            editor.show_error(_("Correct the values marked in red first: nothing was saved."))
            return
        day = self.date.value()
        if day is None:
            editor.show_error(_("Type the date of the conclusion (dd/mm/yyyy)."))
            return
        kind, note, key = self.kind.currentData() or "", self.note.text(), self.key
        cycle, actor, date = self.tab.ctx.cycle, self.tab.ctx.actor, dt.date.fromisoformat(day)
        self.tab.save(lambda store: record_conclusion(store, cycle, key, kind, date=date, note=note, actor=actor),
                      self.reload)

    def set_read_only(self, read_only: bool) -> None:
        """Lock every input."""
        for widget in self.inputs:
            if isinstance(widget, TypedField):
                widget.set_read_only(read_only)
            elif isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
