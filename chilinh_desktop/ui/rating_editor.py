"""The rating tab (xếp loại) of a dossier: the three steps, discipline, targets, exclusion, the unit's report.

A cadre's dossier rates the cadre; a collective dossier rates the leadership collective and the
party organisation, and holds the unit's classification counts and commendation proposals.
Every save is one core call (core/ratings.py) through the operation runner; the dossier view
then re-evaluates the rules, so a finding appears above the tabs as soon as it applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops import rating as rating_ops
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.history import subject_history
from chilinh_desktop.ops.rating import level_for_score, rate, record_discipline
from chilinh_desktop.ops.types import STEPS, DossierDetail, Finding, Rating, RuleSet, SubjectRatings
from chilinh_desktop.ui.common import ask_yes_no, list_table
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.operations import error_text
from chilinh_desktop.ui.rating_inputs import ConclusionsBox, TargetsRow, invalid, typed
from chilinh_desktop.ui.rating_models import (
    DISCIPLINE_ID_ROLE,
    CommendationModel,
    DisciplineColumn,
    DisciplineModel,
    commendation_kind_labels,
)
from chilinh_desktop.ui.typed_fields import TypedField


def _table(model) -> QTableView:
    view = list_table(model, alternating=False, word_wrap=True)
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setMaximumHeight(130)
    return view


def _combo(options: list[tuple[str, str | None]]) -> QComboBox:
    combo = QComboBox()
    # Level names are long: let the three step columns share a narrow window (the popup still shows them whole).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for label, data in options:
        combo.addItem(label, data)
    # The choice cut short in a narrow column is read whole on hover.
    combo.currentTextChanged.connect(combo.setToolTip)
    combo.setToolTip(combo.currentText())
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class _Tab:
    """Shared by the boxes of one editor: context, rule set, labels, how to save and report errors."""

    def __init__(self, editor: RatingEditor) -> None:
        self.ctx: AppContext = editor.ctx
        self.editor = editor
        self.rule_set: RuleSet | None = rating_ops.rule_set(editor.ctx.cycle)
        self.points = bool(self.rule_set and self.rule_set.rules_of("score_levels"))
        self.level_labels = {o.id: o.label for o in editor.ctx.scales.ratings}

    def level_text(self, level: str) -> str:
        return f"{self.level_labels.get(level, level)} ({level})"

    def level_choice(self, level: str) -> str:
        """A level in a picker: its abbreviation first, so a narrow column still shows what counts."""
        return f"{level} — {self.level_labels.get(level, level)}"

    def save(self, run: Callable, after: Callable[[], None],
             on_refused: Callable[[Exception], None] | None = None) -> None:
        """Run a write; reload what it touched; the dossier view then refreshes the findings."""
        dossier_id = self.editor.dossier_id

        def failed(exc: Exception) -> None:
            self.editor.show_error(error_text(exc))
            if on_refused is not None:
                on_refused(exc)

        self.ctx.runner.call(run, changes={changes.dossier(dossier_id), changes.RATINGS},
                             on_done=lambda _result: after(),
                             on_error=failed)


class StepWidgets:
    """The inputs of one step (self-rating, proposal, decision) of one subject."""

    def __init__(self, tab: _Tab, kind: str, step: str) -> None:
        self.step = step
        options = [(_("— by the score —") if tab.points else _("— not rated —"), None)]
        self.level = _combo(options + [(tab.level_choice(lv), lv) for lv in tab.ctx.cycle.levels])
        self.score = typed("score", "number", _("Score (0–100)"), maximum=100) if tab.points else None
        self.derived = QLabel()
        self.derived.setWordWrap(True)
        self.criteria: dict[str, QComboBox] = {}
        criteria = [c for c in (tab.rule_set.criteria if tab.rule_set else ()) if kind in c.applies_to]
        for criterion in criteria:
            combo = _combo([("—", None)] + [(o.label, o.id) for o in tab.ctx.scales.levels])
            combo.setAccessibleName(criterion.label)
            self.criteria[criterion.id] = combo
        self.by = QLineEdit()
        self.at = typed("at", "date", _("Date"))
        self.justification = QLineEdit()
        self.save = QPushButton(_("Save this step"))
        if self.score is not None:
            rule_set = tab.rule_set
            assert rule_set is not None
            score = self.score
            score.edited.connect(lambda: self.derived.setText(
                "" if score.value() is None else _("By the score: {level}", level=tab.level_text(
                    level_for_score(rule_set, score.value()) or "?"))))

    def inputs(self) -> list[QWidget]:
        """In keyboard order: down the column."""
        return [w for w in (self.level, self.score, *self.criteria.values(), self.by, self.at, self.justification,
                            self.save) if w is not None]


class SubjectBox(QGroupBox):
    """One rated subject: the three steps side by side, then discipline, targets and exclusion."""

    def __init__(self, tab: _Tab, kind: str, key: str, name: str, unit_code: str) -> None:
        super().__init__(name)
        self.tab, self.kind, self.key, self.name, self.unit_code = tab, kind, key, name, unit_code
        self.record: SubjectRatings | None = None
        self.inputs: list[QWidget] = []
        layout = QVBoxLayout(self)
        self.quota_note = QLabel()
        self.quota_note.setObjectName("reasonBanner")
        self.quota_note.setWordWrap(True)
        self.quota_note.hide()
        layout.addWidget(self.quota_note)
        self.history_note = QLabel()  # "2022: HTTNV · 2023: HTXSNV" (ops/history.py)
        self.history_note.setObjectName("ratingHistory")
        self.history_note.hide()
        layout.addWidget(self.history_note)
        layout.addLayout(self._steps_grid())
        if kind in ("official", "collective"):
            layout.addWidget(self._discipline_box())
        self.targets = TargetsRow(tab, key)
        layout.addWidget(self.targets)
        self.inputs += self.targets.inputs
        self.conclusions: ConclusionsBox | None = None
        if tab.rule_set and tab.rule_set.conclusion_kinds:
            self.conclusions = ConclusionsBox(tab, key)
            layout.addWidget(self.conclusions)
        self.not_rated: QCheckBox | None = None
        if kind == "official" and tab.rule_set and tab.rule_set.not_rated_reasons:
            layout.addLayout(self._not_rated_row())
        for step_widgets in self.steps.values():  # Tab goes down one step's column, then to the next step
            for first, second in pairwise(step_widgets.inputs()):
                QWidget.setTabOrder(first, second)

    # -- building ---------------------------------------------------------------------

    def _steps_grid(self) -> QGridLayout:
        tab, grid = self.tab, QGridLayout()
        self.steps = {step: StepWidgets(tab, self.kind, step) for step in STEPS}
        labels = tab.rule_set.step_labels if tab.rule_set else {}
        for column, step in enumerate(STEPS, 1):
            text = labels.get(step, step)
            head = QLabel(f"<b>{text[:1].upper() + text[1:]}</b>")
            head.setWordWrap(True)
            grid.addWidget(head, 0, column)
            grid.setColumnStretch(column, 1)
        rows: list[tuple[str, Callable[[StepWidgets], QWidget | None]]] = [
            (_("Rating"), lambda s: s.level)]
        if tab.points:
            rows += [(_("Score (0–100)"), lambda s: s.score), ("", lambda s: s.derived)]
        for criterion in (tab.rule_set.criteria if tab.rule_set else ()):
            if self.kind in criterion.applies_to:
                rows.append((criterion.label, lambda s, c=criterion.id: s.criteria[c]))
        rows += [(_("Rated by (person or body)"), lambda s: s.by), (_("Date"), lambda s: s.at),
                 (_("Justification"), lambda s: s.justification), ("", lambda s: s.save)]
        self.justification_label = None
        for row, (text, pick) in enumerate(rows, 1):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setMinimumWidth(150)
            label.setMaximumWidth(260)
            grid.addWidget(label, row, 0)
            for column, step in enumerate(STEPS, 1):
                widget = pick(self.steps[step])
                grid.addWidget(widget, row, column)
                if column == 1 and text:
                    label.setBuddy(widget)
            if pick is rows[-2][1]:
                self.justification_label = label
        for step_widgets in self.steps.values():
            step_widgets.save.clicked.connect(lambda _checked=False, s=step_widgets: self._save_step(s))
            self.inputs += step_widgets.inputs()
        grid.setColumnStretch(0, 0)
        return grid

    def _discipline_box(self) -> QGroupBox:
        box = QGroupBox(_("Discipline in {year}", year=self.tab.ctx.cycle.year))
        self.discipline_model = DisciplineModel(self)
        self.discipline_view = _table(self.discipline_model)
        self.discipline_view.setAccessibleName(box.title())
        self.discipline_date = typed("discipline_date", "date", _("Date of the decision"))
        self.discipline_form = QComboBox()
        self.discipline_form.setEditable(True)
        self.discipline_form.addItems([_("Reprimand"), _("Caution (discipline)"), _("Removal from post"),
                                       _("Expulsion from the party")])
        self.discipline_form.setAccessibleName(_("Form of discipline"))
        self.discipline_kind = _combo([(_("— not a listed case —"), None)] + [
            (label, kind) for kind, label in (self.tab.rule_set.discipline_kinds if self.tab.rule_set else {}).items()])
        self.discipline_kind.setAccessibleName(_("Kind of case"))
        self.discipline_self = QCheckBox(_("Found and &remedied by themselves"))
        self.discipline_note = QLineEdit()
        self.discipline_note.setPlaceholderText(_("Note"))
        self.discipline_add = QPushButton(_("&Add the discipline"))
        self.discipline_remove = QPushButton(_("Remove the selected record"))
        self.discipline_add.clicked.connect(self._add_discipline)
        self.discipline_remove.clicked.connect(self._remove_discipline)
        inputs = QHBoxLayout()
        for widget in (self.discipline_date, self.discipline_form, self.discipline_kind, self.discipline_self):
            inputs.addWidget(widget)
        inputs.addWidget(self.discipline_note, 1)
        if self.discipline_kind.count() < 2:  # the rule set names no kind of case
            self.discipline_kind.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.discipline_add)
        buttons.addWidget(self.discipline_remove)
        buttons.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(self.discipline_view)
        layout.addLayout(inputs)
        layout.addLayout(buttons)
        self.inputs += [self.discipline_date, self.discipline_form, self.discipline_kind, self.discipline_self,
                        self.discipline_note, self.discipline_add, self.discipline_remove]
        return box

    def _not_rated_row(self) -> QHBoxLayout:
        rule_set = self.tab.rule_set
        assert rule_set is not None
        self.not_rated = QCheckBox(_("&Not to be rated this year"))
        self.not_rated_reason = _combo([(text, key) for key, text in rule_set.not_rated_reasons.items()])
        self.not_rated_reason.setAccessibleName(_("Reason"))
        self.not_rated_note = QLineEdit()
        self.not_rated_note.setPlaceholderText(_("Note"))
        self.not_rated_save = QPushButton(_("Save"))
        self.not_rated_save.clicked.connect(self._save_not_rated)
        row = QHBoxLayout()
        row.addWidget(self.not_rated)
        row.addWidget(self.not_rated_reason)
        row.addWidget(self.not_rated_note, 1)
        row.addWidget(self.not_rated_save)
        self.inputs += [self.not_rated, self.not_rated_reason, self.not_rated_note, self.not_rated_save]
        return row

    # -- showing ----------------------------------------------------------------------

    def reload(self, part: str | None = None) -> None:
        """Re-read the subject's records and show them (only `part` when given: a step, 'discipline', …)."""
        tab = self.tab
        self.record = rating_ops.subject_ratings(tab.ctx.store, tab.ctx.cycle, self.key)
        line = subject_history(tab.ctx.store, self.key).line
        self.history_note.setText(_("Ratings by year: {years}", years=line))
        self.history_note.setVisible(bool(line))
        for step, widgets in self.steps.items():
            if part in (None, step):
                self._show_step(widgets, self.record.steps.get(step))
        if part in (None, "discipline") and hasattr(self, "discipline_model"):
            self.discipline_model.set_rows(list(self.record.disciplines))
            self.discipline_note.clear()
            self.discipline_self.setChecked(False)
            self.discipline_kind.setCurrentIndex(0)
            today = tab.ctx.store.clock.today()
            self.discipline_date.set_value((today if today.year == tab.ctx.cycle.year
                                            else dt.date(tab.ctx.cycle.year, 12, 31)).isoformat())
        if part in (None, "targets"):
            self.targets.show_targets(self.record.targets)
        if part in (None, "conclusions") and self.conclusions is not None:
            self.conclusions.reload()
        if part in (None, "not_rated") and self.not_rated is not None:
            excluded = self.record.not_rated
            self.not_rated.setChecked(excluded is not None)
            if excluded:
                _select(self.not_rated_reason, excluded[0])
            self.not_rated_note.setText(excluded[1] if excluded else "")

    def _show_step(self, widgets: StepWidgets, rating: Rating | None) -> None:
        scored = rating is not None and rating.score is not None and self.tab.points
        # On a points scale a level that only repeats the score's band is shown as "by the score".
        by_score = scored and level_for_score(self.tab.rule_set, rating.score) == rating.level  # type: ignore[arg-type]
        _select(widgets.level, None if rating is None or by_score else rating.level)
        if widgets.score is not None:
            widgets.score.set_value(rating.score if scored else None)  # type: ignore[union-attr]
            widgets.score.edited.emit()  # the "by the score" line follows the shown score
        for criterion, combo in widgets.criteria.items():
            _select(combo, rating.criteria.get(criterion) if rating else None)
        default_by = self.name if widgets.step == "self" and self.kind == "official" else ""
        widgets.by.setText(rating.by if rating else default_by)
        widgets.at.set_value((rating.at if rating else self.tab.ctx.store.clock.today()).isoformat())
        widgets.justification.setText(rating.justification or "" if rating else "")

    def show_findings(self, findings: list[Finding]) -> None:
        """Flag the quota warning: an excellent rating in an over-quota group needs a justification."""
        quota_rules = {f"{self.tab.rule_set.id}.{r.id}": r for r in self.tab.rule_set.rules_of("quota")} \
            if self.tab.rule_set else {}
        effective = None
        if self.record is not None:
            effective = rating_ops.effective_rating(self.record)
        self.quota_level = None
        for finding in findings:
            rule = quota_rules.get(finding.rule)
            if (rule and self.kind in rule.applies_to and self.unit_code in finding.units and effective
                    and effective.level == rule.params["level_rated"]):
                self.quota_level = rule.params["level_rated"]
                self.quota_note.setText(_("Quota warning: {message} A rating of {level} must carry a written "
                                          "justification.", message=finding.message, level=self.quota_level))
        self.quota_note.setVisible(self.quota_level is not None)
        if self.justification_label is not None:
            self.justification_label.setText(_("Justification") + (" *" if self.quota_level else ""))

    def set_read_only(self, read_only: bool) -> None:
        """Lock every input (a signed-off dossier)."""
        for widget in self.inputs:
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, TypedField):
                widget.set_read_only(read_only)
            else:
                widget.setEnabled(not read_only)
        if self.conclusions is not None:
            self.conclusions.set_read_only(read_only)

    # -- saving -----------------------------------------------------------------------

    def _save_step(self, widgets: StepWidgets) -> None:
        tab, key, step = self.tab, self.key, widgets.step
        if invalid(widgets.inputs()):
            tab.editor.show_error(_("Correct the values marked in red first: nothing was saved."))
            return
        level = widgets.level.currentData()
        score = widgets.score.value() if widgets.score is not None else None
        if level is None and score is None:
            tab.editor.show_error(_("Choose a level (or enter a score) before saving this step."))
            return
        criteria = {c: combo.currentData() for c, combo in widgets.criteria.items() if combo.currentData()}
        justification = widgets.justification.text().strip()
        previous = self.record.steps.get(step) if self.record else None
        if widgets.at.value() is None:
            tab.editor.show_error(_("Type the date of the step (dd/mm/yyyy)."))
            return
        by, at = widgets.by.text(), dt.date.fromisoformat(widgets.at.value())
        cycle, actor = tab.ctx.cycle, tab.ctx.actor
        tab.save(lambda store: rate(
            store, cycle, key, step, level, by=by, at=at, score=score, criteria=criteria,
            justification=justification or None, peer_group=previous.peer_group if previous else None, actor=actor),
            lambda: self.reload(step), on_refused=lambda exc: self._refused(widgets, exc))

    def _refused(self, widgets: StepWidgets, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and any(where == "justification" for where, _p in exc.problems):
            widgets.justification.setFocus()

    def _add_discipline(self) -> None:
        if not self.discipline_date.valid or self.discipline_date.value() is None:
            self.tab.editor.show_error(_("Type the date of the decision (dd/mm/yyyy): nothing was saved."))
            return
        form, date = self.discipline_form.currentText(), dt.date.fromisoformat(self.discipline_date.value())
        kind = self.discipline_kind.currentData() or ""
        remedied, note, key, actor = (self.discipline_self.isChecked(), self.discipline_note.text(), self.key,
                                      self.tab.ctx.actor)
        cycle = self.tab.ctx.cycle
        self.tab.save(lambda store: record_discipline(store, cycle, key, date=date, form=form, kind=kind,
                                                      self_remedied=remedied, note=note, actor=actor),
                      lambda: self.reload("discipline"))

    def _remove_discipline(self) -> None:
        index = self.discipline_view.currentIndex()
        if not index.isValid():
            self.tab.editor.show_error(_("Select the discipline record to remove first."))
            return
        row_id = index.siblingAtColumn(DisciplineColumn.DATE).data(DISCIPLINE_ID_ROLE)
        what = index.siblingAtColumn(DisciplineColumn.FORM).data()
        if not ask_yes_no(self, _("Remove the discipline record"),
                          _("Remove “{form}”? The removal is recorded in the audit trail.", form=what)):
            return
        key, actor = self.key, self.tab.ctx.actor
        self.tab.save(lambda store: rating_ops.remove_discipline(store, key, row_id, actor=actor),
                      lambda: self.reload("discipline"))

    def _save_not_rated(self) -> None:
        assert self.not_rated is not None
        key, cycle, actor = self.key, self.tab.ctx.cycle, self.tab.ctx.actor
        if self.not_rated.isChecked():
            reason, note = self.not_rated_reason.currentData(), self.not_rated_note.text()
            run = lambda store: rating_ops.mark_not_rated(store, cycle, key, reason, note=note, actor=actor)  # noqa: E731
        else:
            run = lambda store: rating_ops.clear_not_rated(store, cycle, key, actor=actor)  # noqa: E731
        self.tab.save(run, lambda: self.reload("not_rated"))


class UnitReportBox(QGroupBox):
    """A unit's classification report: members and cells per level, and its commendation proposals."""

    def __init__(self, tab: _Tab, unit_code: str, unit_name: str) -> None:
        super().__init__(_("Classification report and commendation proposals of {unit}", unit=unit_name))
        self.tab, self.unit_code = tab, unit_code
        levels = tab.ctx.cycle.levels
        grid = QGridLayout()
        for column, level in enumerate(levels, 1):
            head = QLabel(f"<b>{level}</b>")
            head.setToolTip(tab.level_labels.get(level, level))
            grid.addWidget(head, 0, column)
        self.counts: dict[str, dict[str, TypedField]] = {}
        self.count_buttons: dict[str, QPushButton] = {}
        kinds = {"members": _("Party members"), "cells": _("Subordinate party organisations")}
        for row, (kind, text) in enumerate(kinds.items(), 1):
            label = QLabel(text)
            grid.addWidget(label, row, 0)
            self.counts[kind] = {}
            for column, level in enumerate(levels, 1):
                spin = typed(f"{kind}_{level}", "number", f"{text}: {tab.level_labels.get(level, level)}",
                             maximum=100_000, integer=True)
                grid.addWidget(spin, row, column)
                self.counts[kind][level] = spin
            label.setBuddy(self.counts[kind][levels[0]])
            button = QPushButton(_("Save"))
            button.setAccessibleName(_("Save the counts: {kind}", kind=text))
            button.clicked.connect(lambda _checked=False, k=kind: self._save_counts(k))
            grid.addWidget(button, row, len(levels) + 1)
            self.count_buttons[kind] = button
        self.commendation_model = CommendationModel(tab.level_labels, self)
        self.commendation_view = _table(self.commendation_model)
        self.commendation_name = QLineEdit()
        self.commendation_name.setPlaceholderText(_("Organisation or member proposed"))
        self.commendation_kind = _combo([(text, kind) for kind, text in commendation_kind_labels().items()])
        self.commendation_level = _combo([(tab.level_choice(lv), lv) for lv in levels])
        self.commendation_achievement = QLineEdit()
        self.commendation_achievement.setPlaceholderText(_("Achievement"))
        self.commendation_add = QPushButton(_("Add the proposal"))
        self.commendation_add.clicked.connect(self._add_commendation)
        adding = QHBoxLayout()
        adding.addWidget(self.commendation_name, 2)
        adding.addWidget(self.commendation_kind)
        adding.addWidget(self.commendation_level)
        adding.addWidget(self.commendation_achievement, 2)
        adding.addWidget(self.commendation_add)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel(_("Commendation proposals")))
        layout.addWidget(self.commendation_view)
        layout.addLayout(adding)
        self.inputs: list[QWidget] = [s for row in self.counts.values() for s in row.values()]
        self.inputs += [*self.count_buttons.values(), self.commendation_name, self.commendation_kind,
                        self.commendation_level, self.commendation_achievement, self.commendation_add]

    def reload(self) -> None:
        """Show the stored counts and proposals."""
        store, cycle = self.tab.ctx.store, self.tab.ctx.cycle
        counts = rating_ops.classification_counts(store, cycle, self.unit_code)
        for kind, spins in self.counts.items():
            for level, spin in spins.items():
                spin.set_value(counts.get(kind, {}).get(level, 0))
        self.commendation_model.set_rows(rating_ops.unit_commendations(store, cycle, self.unit_code))
        self.commendation_name.clear()
        self.commendation_achievement.clear()

    def set_read_only(self, read_only: bool) -> None:
        """Lock every input."""
        for widget in self.inputs:
            if isinstance(widget, TypedField):
                widget.set_read_only(read_only)
            else:
                widget.setEnabled(not read_only)

    def _save_counts(self, kind: str) -> None:
        if invalid(list(self.counts[kind].values())):
            self.tab.editor.show_error(_("Correct the values marked in red first: nothing was saved."))
            return
        counts = {level: spin.value() or 0 for level, spin in self.counts[kind].items()}
        code, cycle, actor = self.unit_code, self.tab.ctx.cycle, self.tab.ctx.actor
        self.tab.save(lambda store: rating_ops.set_classification_counts(store, cycle, code, kind, counts,
                                                                         actor=actor), self.reload)

    def _add_commendation(self) -> None:
        name = self.commendation_name.text().strip()
        if not name:
            self.tab.editor.show_error(_("Name the organisation or member proposed for commendation."))
            return
        kind, level = self.commendation_kind.currentData(), self.commendation_level.currentData()
        achievement, code, cycle, actor = (self.commendation_achievement.text(), self.unit_code, self.tab.ctx.cycle,
                                           self.tab.ctx.actor)
        self.tab.save(lambda store: rating_ops.propose_commendation(store, cycle, code, name=name, kind=kind,
                                                                    level=level, achievement=achievement,
                                                                    actor=actor),
                      self.reload)


class RatingEditor(QScrollArea):
    """The 'Xếp loại' tab of a dossier."""

    def __init__(self, ctx: AppContext, show_error: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingEditor")
        self.ctx = ctx
        self.show_error = show_error
        self.dossier_id: str | None = None
        self.subjects: list[SubjectBox] = []
        self.report: UnitReportBox | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def open(self, detail: DossierDetail) -> None:
        """Build the boxes for a dossier's subjects and show their records."""
        self.dossier_id = detail.dossier.id
        tab = _Tab(self)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 12, 12)
        if tab.rule_set is None:
            layout.addWidget(QLabel(_("This cycle has no rating rules.")))
        elif detail.official is not None:
            self.subjects = [SubjectBox(tab, "official", f"official:{detail.official.id}", detail.official.full_name,
                                        detail.unit.code)]
        else:
            unit = detail.unit
            labels = tab.rule_set.subject_labels
            self.subjects = [
                SubjectBox(tab, "collective", f"collective:{unit.id}",
                           labels.get("collective", "{name}").format(name=unit.name), unit.code),
                SubjectBox(tab, "organisation", f"unit:{unit.id}",
                           labels.get("organisation", "{name}").format(name=unit.name), unit.code),
            ]
            self.report = UnitReportBox(tab, unit.code, unit.name) if unit.grassroots else None
        title = QLabel(tab.rule_set.title if tab.rule_set else "")
        title.setWordWrap(True)
        title.setObjectName("sectionNote")
        layout.addWidget(title)
        for box in self.subjects:
            layout.addWidget(box)
            box.reload()
        if self.report is not None:
            layout.addWidget(self.report)
            self.report.reload()
        layout.addStretch()
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(page)

    def load(self, detail: DossierDetail, findings: list[Finding], *, contents: bool) -> None:
        """Follow the dossier's state and findings (and, with `contents`, re-read the records)."""
        if detail.dossier.id != self.dossier_id:
            self.open(detail)
        elif contents:
            for box in self.subjects:
                box.reload()
            if self.report is not None:
                self.report.reload()
        for box in self.subjects:
            box.show_findings(findings)
            box.set_read_only(detail.dossier.locked)
        if self.report is not None:
            self.report.set_read_only(detail.dossier.locked)
