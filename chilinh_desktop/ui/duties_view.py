"""The Board's duties in the window beside the appraisal worklist and the calendar: assigned leaders and
breakthrough tasks. Thin clients of ops.leaders and ops.tasks; refusals show the operation's own words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from chilinh_desktop.ops.leaders import ASSIGNMENTS, assign, list_assignments
from chilinh_desktop.ops.tasks import TASKS, TaskList, decide, task_list
from chilinh_desktop.ui.list_models import Index, _RowsModel
from chilinh_desktop.ui.operations import error_text


class AssignmentModel(_RowsModel):
    """One row per assignment (core.assignments.Assignment)."""

    def titles(self) -> tuple[str, ...]:
        return (_("Unit"), _("Full name"), _("Post"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.row_object(index.row())
        return (row.unit_code, row.name, row.post)[index.column()]


class TaskModel(_RowsModel):
    """One row per registered task (core.tasks.Task)."""

    def titles(self) -> tuple[str, ...]:
        return (_("Unit"), _("Cadre"), _("No."), _("Task"), _("Status"), _("Note"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        t = self.row_object(index.row())
        statuses = {"pending": _("awaiting approval"), "approved": _("approved"), "returned": _("returned")}
        return (t.unit_code, t.official_name, t.task_no, t.task, statuses.get(t.status, t.status),
                t.note)[index.column()]


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
        self.unit, self.name, self.post = QLineEdit(), QLineEdit(), QLineEdit()
        for edit, hint in ((self.unit, _("Unit code")), (self.name, _("Full name")), (self.post, _("Post"))):
            edit.setPlaceholderText(hint)
        add = QPushButton(_("Assign"))
        add.clicked.connect(self.add_assignment)
        adding = QHBoxLayout()
        for widget in (self.unit, self.name, self.post, add):
            adding.addWidget(widget)
        leaders = QWidget()
        leaders_layout = QVBoxLayout(leaders)
        leaders_layout.addWidget(_table(self.assignments, "assignmentsTable"))
        leaders_layout.addLayout(adding)
        self.task_view = _table(self.tasks, "tasksTable")
        self.task_level = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Note (required to return)"))
        approve, give_back = QPushButton(_("Approve")), QPushButton(_("Return"))
        approve.clicked.connect(lambda: self.decide("approved"))
        give_back.clicked.connect(lambda: self.decide("returned"))
        deciding = QHBoxLayout()
        for widget in (self.note, approve, give_back):
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def refresh(self) -> None:
        """Read both lists again (on the writer thread, after any change queued before)."""
        cycle = self.ctx.cycle
        self.ctx.runner.call(lambda store: (list_assignments(store, cycle), task_list(store, cycle)),
                             on_done=self._show)

    def _show(self, result: tuple[list, TaskList]) -> None:
        rows, found = result
        self.assignments.set_rows(rows)
        self.tasks.set_rows(found.tasks)
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
        """Assign the typed leader to the typed unit's review meeting."""
        unit, name, post, actor = self.unit.text(), self.name.text(), self.post.text(), self.ctx.actor
        self._run(lambda store: assign(store, unit, name, post, actor=actor), {ASSIGNMENTS}, self.name)

    def decide(self, decision: str) -> None:
        """Approve or return the selected task."""
        index = self.task_view.currentIndex()
        if not index.isValid():
            self.message.setText(_("Choose a task first."))
            return
        task, note, actor = self.tasks.row_object(index.row()), self.note.text(), self.ctx.actor
        self._run(lambda store: decide(store, task.official_id, task.task_no, decision, note, actor=actor),
                  {TASKS}, self.note)
