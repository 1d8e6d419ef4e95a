"""The Board's duties in the window beside the appraisal worklist and the calendar: assigned leaders and
breakthrough tasks. Thin clients of ops.leaders and ops.tasks; refusals show the operation's own words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.leaders import ASSIGNMENTS, AssignmentList, assign, assignment_list, unassign
from chilinh_desktop.ops.tasks import TASKS, TaskList, decide, task_list, withdraw
from chilinh_desktop.ui.common import ask_yes_no
from chilinh_desktop.ui.list_models import Index, _RowsModel
from chilinh_desktop.ui.operations import error_text
from chilinh_desktop.ui.unit_picker import UnitPicker


class AssignmentModel(_RowsModel):
    """One row per assignment (core.assignments.Assignment), the unit by its name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}  # unit code -> name

    def titles(self) -> tuple[str, ...]:
        return (_("Unit"), _("Full name"), _("Post"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_object(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return _("code {code}", code=row.unit_code)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.names.get(row.unit_code, row.unit_code), row.name, row.post)[index.column()]


class TaskCol:
    """The tasks table's columns: the status before the long task text, so it shows on a 1366-pixel screen."""

    UNIT, CADRE, NUMBER, STATUS, TASK, NOTE = range(6)


class TaskModel(_RowsModel):
    """One row per registered task (core.tasks.Task), the unit by its name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}  # unit code -> name

    def titles(self) -> tuple[str, ...]:
        return (_("Unit"), _("Cadre"), _("No."), _("Status"), _("Task"), _("Note"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        t = self.row_object(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (TaskCol.UNIT, TaskCol.TASK, TaskCol.NOTE):
            return {TaskCol.UNIT: self.names.get(t.unit_code, t.unit_code), TaskCol.TASK: t.task,
                    TaskCol.NOTE: t.note}[index.column()] or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        statuses = {"pending": _("awaiting approval"), "approved": _("approved"), "returned": _("returned")}
        return (self.names.get(t.unit_code, t.unit_code), t.official_name, t.task_no,
                statuses.get(t.status, t.status), t.task, t.note)[index.column()]

    def row_of(self, official_id: str, task_no: int) -> int | None:
        """The row of one task, if listed."""
        return next((n for n, t in enumerate(self._rows) if (t.official_id, t.task_no) == (official_id, task_no)),
                    None)


def _error(exc: Exception) -> str:
    """The operation's words, with each problem it named (a bad row says which field)."""
    problems = getattr(exc, "problems", [])
    return "\n".join([error_text(exc), *(f"– {problem}" for _where, problem in problems)])


def _table(model: _RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class DutiesView(QDialog):
    """Two tabs: leaders assigned to review meetings (TB 1198), and breakthrough tasks to approve."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dutiesView")
        self.setWindowTitle(_("Assigned leaders and breakthrough tasks"))
        self.ctx = ctx
        self.message = QLabel()
        self.message.setObjectName("dutiesMessage")
        self.assignments = AssignmentModel(self)
        self.tasks = TaskModel(self)
        self.confirm = ask_yes_no  # the question before a removal
        self.unit = UnitPicker()
        self.name, self.post = QLineEdit(), QLineEdit()
        self.name.setObjectName("leaderName")
        for edit, hint in ((self.name, _("Full name")), (self.post, _("Post"))):
            edit.setPlaceholderText(hint)
        add = QPushButton(_("Assign"))
        add.clicked.connect(self.add_assignment)
        self.name.returnPressed.connect(self.add_assignment)
        self.post.returnPressed.connect(self.add_assignment)
        self.remove_button = QPushButton(_("Remove the assignment…"))
        self.remove_button.setObjectName("removeAssignment")
        self.remove_button.clicked.connect(self.remove_assignment)
        adding = QHBoxLayout()
        adding.addWidget(self.unit, 3)
        adding.addWidget(self.name, 2)
        adding.addWidget(self.post, 2)
        adding.addWidget(add)
        leaders = QWidget()
        leaders_layout = QVBoxLayout(leaders)
        self.assignment_view = _table(self.assignments, "assignmentsTable")
        removing = QHBoxLayout()
        removing.addStretch(1)
        removing.addWidget(self.remove_button)
        leaders_layout.addWidget(self.assignment_view)
        leaders_layout.addLayout(removing)
        leaders_layout.addLayout(adding)
        self.task_view = _table(self.tasks, "tasksTable")
        header = self.task_view.horizontalHeader()
        header.setSectionResizeMode(TaskCol.TASK, QHeaderView.ResizeMode.Stretch)  # long text elides, tooltip whole
        header.setSectionResizeMode(TaskCol.NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TaskCol.NOTE, 160)
        header.setSectionResizeMode(TaskCol.UNIT, QHeaderView.ResizeMode.Interactive)  # long names elide
        header.resizeSection(TaskCol.UNIT, 190)
        self.task_view.setWordWrap(False)
        self.task_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.task_level = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Note (required to return)"))
        approve, give_back = QPushButton(_("Approve")), QPushButton(_("Return"))
        approve.clicked.connect(lambda: self.decide("approved"))
        give_back.clicked.connect(lambda: self.decide("returned"))
        self.withdraw_button = QPushButton(_("Withdraw the decision"))
        self.withdraw_button.clicked.connect(self.withdraw_decision)
        deciding = QHBoxLayout()
        for widget in (self.note, approve, give_back, self.withdraw_button):
            deciding.addWidget(widget)
        tasks = QWidget()
        tasks_layout = QVBoxLayout(tasks)
        tasks_layout.addWidget(self.task_level)
        tasks_layout.addWidget(self.task_view)
        tasks_layout.addLayout(deciding)
        self.tabs = QTabWidget()
        self.tabs.addTab(leaders, _("Assigned leaders (TB 1198)"))
        self.tabs.addTab(tasks, _("Breakthrough tasks"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter in a field does that field's action only (Assign), never a button that happens to be default.
        for button in (add, self.remove_button, approve, give_back, self.withdraw_button, *buttons.buttons()):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self._keep: tuple[str, int] | None = None  # the task to keep in view after a decision

    def refresh(self) -> None:
        """Read both lists again (on the writer thread, after any change queued before)."""
        cycle = self.ctx.cycle
        self.ctx.runner.call(lambda store: (assignment_list(store, cycle), task_list(store, cycle)),
                             on_done=self._show)

    def _show(self, result: tuple[AssignmentList, TaskList]) -> None:
        listed, found = result
        self.assignments.names = listed.unit_names
        self.tasks.names = found.unit_names
        self.unit.set_units(listed.unit_names)
        self.assignments.set_rows(listed.rows)
        self.tasks.set_rows(found.tasks)
        row = self.tasks.row_of(*self._keep) if self._keep else None
        if row is not None:  # the decided task stays selected and in view
            index = self.tasks.index(row, TaskCol.STATUS)
            self.task_view.setCurrentIndex(index)
            self.task_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        level = _("the Organisation Board") if found.approver == "board" else _("the unit leadership")
        self.task_level.setText(_("Breakthrough tasks are approved by: {level}.", level=level))

    def _run(self, run, changes: set[str], clear: QLineEdit | None = None) -> None:
        def done(_result) -> None:
            self.message.setText(_("Recorded."))
            if clear is not None:
                clear.clear()
            self.refresh()

        self.ctx.runner.call(run, changes=changes, on_done=done,
                             on_error=lambda exc: self.message.setText(_error(exc)))

    def add_assignment(self) -> None:
        """Assign the typed leader to the chosen unit's review meeting (the unit chosen by name, or typed)."""
        unit, name, post, actor = self.unit.unit(), self.name.text(), self.post.text(), self.ctx.actor
        self._run(lambda store: assign(store, unit, name, post, actor=actor), {ASSIGNMENTS}, self.name)

    def remove_assignment(self) -> None:
        """Remove the selected assignment (a wrong entry), after asking; the removal is audited."""
        index = self.assignment_view.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose an assignment first."))
            return
        row, actor = self.assignments.row_object(index.row()), self.ctx.actor
        unit_name = self.assignments.names.get(row.unit_code, row.unit_code)
        if not self.confirm(self, _("Remove the assignment"),
                            _("Remove {leader} from the review meeting of {unit}? The removal is recorded.",
                              leader=row.line, unit=unit_name), yes=_("Remove"), no=_("Keep")):
            return
        self._run(lambda store: unassign(store, row.unit_code, row.name, actor=actor), {ASSIGNMENTS})

    def decide(self, decision: str) -> None:
        """Approve or return the selected task."""
        index = self.task_view.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose a task first."))
            return
        task, note, actor = self.tasks.row_object(index.row()), self.note.text(), self.ctx.actor
        self._keep = (task.official_id, task.task_no)
        self._run(lambda store: decide(store, task.official_id, task.task_no, decision, note, actor=actor),
                  {TASKS}, self.note)

    def withdraw_decision(self) -> None:
        """Withdraw the decision on the selected task (a mistake); it awaits approval again (audited)."""
        index = self.task_view.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose a task first."))
            return
        task, actor = self.tasks.row_object(index.row()), self.ctx.actor
        self._keep = (task.official_id, task.task_no)
        self._run(lambda store: withdraw(store, task.official_id, task.task_no, actor=actor), {TASKS})
