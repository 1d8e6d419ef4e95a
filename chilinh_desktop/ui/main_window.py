"""The main window: the unit tree on the left; the unit, a dossier or the dashboard in the centre."""

from __future__ import annotations

import functools
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.dossiers import dossier_for_subject, unit_badges
from chilinh_desktop.ops.errors import ChilinhError
from chilinh_desktop.ops.registry import unit_tree
from chilinh_desktop.ops.session import Session, Store
from chilinh_desktop.ui.common import fit_to_screen, inform, keep_on_screen, warn
from chilinh_desktop.ui.menus import build_menus, connect_duties_notice
from chilinh_desktop.ui.operations import Cancelled, Job, error_text
from chilinh_desktop.ui.people_search import PeopleSearch, people
from chilinh_desktop.ui.session import build_context, complete_dossiers, offer_recovery
from chilinh_desktop.ui.today_pane import TodayPane
from chilinh_desktop.ui.unit_tree_model import CODE_ROLE, Column, UnitFilterModel, UnitTreeModel, widest_badge_text

if TYPE_CHECKING:
    from chilinh_desktop.ui.dashboard import Dashboard
    from chilinh_desktop.ui.dossier_view import DossierView
    from chilinh_desktop.ui.unit_pane import UnitPane

BADGE_DELAY_MS = 300


def settings_key(data_file: Path | str | None, name: str) -> str:
    """A window setting's key, kept per data file (the last unit of one file means nothing in another)."""
    import hashlib

    path = str(Path(data_file).resolve()) if data_file else ""
    return f"files/{hashlib.sha1(path.encode()).hexdigest()[:12]}/window/{name}"


class MainWindow(QMainWindow):
    """One open data file: tree, unit, dossier tabs, dashboard, menus, autosave."""

    duties_changed = Signal()  # proposals appraised, tasks decided: the dashboard's duties line is read again
    started = Signal()  # once: the first paint is done (or the window was not shown), the deferred work begins

    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        # One session per open data file: writes on `store` (the writer thread's alone), reads on its reader.
        self.session = Session(store, separate_reader=True)
        self.store = self.session.reader
        store = self.store
        self.settings = settings or QSettings()
        try:
            self.ctx = build_context(self.session, self)
        except BaseException:  # no cycle in the file (NotFoundError): the caller closes the writer, we the reader
            self.session.close_reader()
            raise
        try:
            self._build(store)
        except BaseException:  # a damaged page met by the first screen (app.run tells it): no thread left running
            self.ctx.jobs.shutdown()
            self.ctx.runner.shutdown()
            self.session.close_reader()
            raise

    def _build(self, store: Store) -> None:
        cycle = self.ctx.cycle
        self.setWindowTitle(_("Review dossiers — {title}", title=cycle.title))

        self.model = UnitTreeModel(unit_tree(store, cycle.tree_date), self)
        self.proxy = UnitFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("unitFilter")
        self.filter.setPlaceholderText(_("Find a unit or a cadre (Ctrl+F)…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.people = PeopleSearch(self.filter, functools.partial(people, store, self.ctx.cycle))
        self.people.chosen.connect(self.open_official)
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(Column.CODE, QHeaderView.ResizeMode.ResizeToContents)
        # A fixed width wide enough for the longest badge: sizing to contents asks the model for
        # every visible row before the first paint, which is most of the window's start-up.
        self.tree.header().setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Fixed)
        widest = self.tree.fontMetrics().horizontalAdvance(widest_badge_text())
        self.tree.header().resizeSection(Column.PROGRESS, widest + 24)
        self.tree.setColumnHidden(Column.CODE, True)
        self.tree.expandToDepth(0)
        self.tree.selectionModel().currentChanged.connect(self._unit_selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.tree)

        self.welcome = TodayPane()  # the first screen: today's deadlines and what is late
        self.welcome.open_unit.connect(self.open_unit)
        self.welcome.open_dashboard.connect(self.show_dashboard)
        # The unit page, the dossier tabs and the dashboard are built the first time they are shown:
        # a session starts on the first screen (or on the unit it ended on, built then), and building
        # them (and importing their modules) would double the time to the first window
        # (benchmarks/bench_startup.py).
        self._unit_pane: UnitPane | None = None
        self._dossier_view: DossierView | None = None
        self._dashboard: Dashboard | None = None
        self._progress: tuple | None = None  # the last figures: (status, findings, dashboard figures)
        # Changes the figures must show, and how many of them the last computation asked for included.
        self._progress_changes, self._progress_asked = 0, -1
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 4, 6, 4)
        centre_layout.addWidget(self.stack)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 830])  # long ward names fit beside their badge at 1366×768
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel(_("All changes are saved."))
        self.job_label = QLabel()
        self.job_bar = QProgressBar()
        self.job_bar.setMaximumWidth(220)
        self.job_cancel = QPushButton(_("Cancel"))
        self.job_cancel.clicked.connect(self._cancel_jobs)
        for widget in (self.job_label, self.job_bar, self.job_cancel):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self.statusBar().addWidget(self.save_label, 1)

        self.actions = build_menus(self)
        self.ctx.runner.changed.connect(self._on_changed)
        self.ctx.runner.failed.connect(lambda message: warn(self, _("The action was not done"), message))
        self.ctx.runner.refused.connect(self._file_refused)
        self.ctx.autosave.status.connect(self.save_label.setText)
        self.ctx.jobs.started.connect(self._job_started)
        self.ctx.jobs.progress.connect(self._job_progress)
        self.ctx.jobs.finished.connect(self._job_finished)
        self._badge_timer = QTimer(self)
        self._badge_timer.setSingleShot(True)
        self._badge_timer.setInterval(BADGE_DELAY_MS)
        self._badge_timer.timeout.connect(self.refresh_progress)
        self._closed = False
        fit_to_screen(self, 1280, 800)
        self.restore_state()
        # The background work of a new session (missing dossiers, then the first badges) starts once
        # the tree has been painted, or after a short delay when the window is not shown: run on the
        # worker meanwhile, it would compete with the first paint for the interpreter and delay the
        # window by a third (benchmarks/bench_startup.py).
        self._started = False
        self.tree.viewport().installEventFilter(self)
        QTimer.singleShot(BADGE_DELAY_MS, self.start_background_work)

    @property
    def unit_pane(self) -> UnitPane:
        """The selected unit's page, built on first use."""
        if self._unit_pane is None:
            from chilinh_desktop.ui.unit_pane import UnitPane

            pane = UnitPane(self.ctx)
            pane.open_dossier.connect(self.open_dossier)
            self.stack.insertWidget(1, pane)  # after the first screen, as before
            self._unit_pane = pane
        return self._unit_pane

    @property
    def shown_unit(self) -> str | None:
        """The code of the unit whose page was last shown (without building the page to find out)."""
        return self._unit_pane.unit_code if self._unit_pane is not None else None

    @property
    def dossier_view(self) -> DossierView:
        """The dossier tabs, built on first use."""
        if self._dossier_view is None:
            from chilinh_desktop.ui.dossier_view import DossierView

            view = DossierView(self.ctx)
            view.back_requested.connect(self.show_unit_pane)
            view.print_requested.connect(self.print_preview)
            self.stack.addWidget(view)
            self._dossier_view = view
        return self._dossier_view

    @property
    def dashboard(self) -> Dashboard:
        """The deadline dashboard, built on first use and fed the last figures computed."""
        if self._dashboard is None:
            from chilinh_desktop.ui.dashboard import Dashboard

            dashboard = Dashboard(self.ctx.cycle)
            dashboard.open_item.connect(self.open_subject_item)
            dashboard.open_unit.connect(self.open_unit)
            connect_duties_notice(self, dashboard)
            self.stack.addWidget(dashboard)
            self._dashboard = dashboard
            if self._progress is not None:
                dashboard.set_figures(self._progress[2])
        return self._dashboard

    def showing_dossier(self) -> bool:
        """Whether the centre shows the dossier tabs (without building them to find out)."""
        return self._dossier_view is not None and self.stack.currentWidget() is self._dossier_view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.start_background_work)
        return super().eventFilter(watched, event)

    def start_background_work(self) -> None:
        """Complete missing dossiers and compute the first badges, once per window."""
        if self._started or self._closed:
            return
        self._started = True
        # Reading every page for damage was left out of opening to show the window sooner: it runs now,
        # on the writer thread, before that thread's first write (a damaged file is never written).
        self.ctx.runner.check_before_writing()
        complete_dossiers(self.ctx)
        self.refresh_progress()
        self.started.emit()

    def _file_refused(self, error: Exception) -> None:
        """The data file is damaged: told in the words and the dialog of a refused opening; the window closes."""
        warn(self, _("Cannot open the data"), error_text(error))
        QCoreApplication.exit(2)  # `chilinh gui` ends as when opening refuses the file
        self.close()

    # -- session ----------------------------------------------------------------------

    def start_session(self, *, ask: bool = True) -> None:
        """Mark the session open and, after an unclean exit, offer to restore unsaved work.

        A data file that cannot be written (a read-only file or folder) opens for reading and
        printing only: the person is told so once, the title says it, and no journal is kept.
        """
        notice = self.store.read_only_notice()
        if notice is not None:
            self.setWindowTitle(_("{title} (read only)", title=self.windowTitle()))
            self.statusBar().showMessage(notice)
            if ask:
                inform(self, _("Read only"), notice)
            return
        for found in self.session.writer.notices:  # what opening found and fixed (the data file's permissions)
            self.statusBar().showMessage(found)  # already fixed: told, not asked (no dialog in the way)
        start = self.ctx.journal.begin_session()
        if ask and start.pending:
            offer_recovery(self.ctx, self, unclean=start.unclean_exit, entries=start.pending)

    def restore_state(self) -> None:
        """Window geometry, toolbar/dock state and splitter as the person left them."""
        geometry = self.settings.value(self._key("geometry"))
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)
        state = self.settings.value(self._key("state"))
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value(self._key("splitter"))
        if splitter is not None:
            self.splitter.restoreState(splitter)
        last = self.settings.value(self._key("unit"))
        if isinstance(last, str) and last:
            self.select_unit(last)

    def _key(self, name: str) -> str:
        return settings_key(getattr(self.store, "path", None), name)

    def save_state(self) -> None:
        """Remember the window for next time."""
        self.settings.setValue(self._key("geometry"), self.saveGeometry())
        self.settings.setValue(self._key("state"), self.saveState())
        self.settings.setValue(self._key("splitter"), self.splitter.saveState())
        if self.shown_unit:
            self.settings.setValue(self._key("unit"), self.shown_unit)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self._may_leave_dossier():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save everything typed, stop the workers, close the session cleanly (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.ctx.autosave.flush()
        self.ctx.jobs.shutdown()
        self.ctx.runner.shutdown()
        self.save_state()
        self.ctx.journal.end_session()
        self.session.close_reader()
        # Break leftover reference cycles now, on the GUI thread: Qt wrappers freed later by a collection
        # on a worker thread or during interpreter shutdown crash (`bool_dealloc`, segfault).
        gc.collect()

    # -- navigation -------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text, {p.unit_code for p in self.people.matching(text)})
        if text:
            self.tree.expandAll()

    def select_unit(self, code: str) -> bool:
        """Select a unit in the tree (clearing a filter that hides it)."""
        source = self.model.index_of(code)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _may_leave_dossier(self) -> bool:
        """Leaving the dossier in front drops a typed value that is not valid: the person decides."""
        view = self._dossier_view
        return view is None or self.stack.currentWidget() is not view or view.may_leave()

    def _unit_selected(self, current: QModelIndex, previous: QModelIndex) -> None:
        code = current.data(CODE_ROLE)
        if code:
            if not self._may_leave_dossier():  # stay: the tree goes back to where it was
                selection = self.tree.selectionModel()
                selection.blockSignals(True)
                try:
                    selection.setCurrentIndex(previous, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                finally:
                    selection.blockSignals(False)
                self.tree.viewport().update()
                return
            self.ctx.autosave.flush()
            self.unit_pane.show_unit(code)
            self.stack.setCurrentWidget(self.unit_pane)

    def open_unit(self, code: str) -> None:
        """Show a unit's page (from the first screen or the dashboard)."""
        already = self.unit_pane.unit_code == code
        if already and not self._may_leave_dossier():
            return
        if self.select_unit(code):  # a new selection shows the unit (_unit_selected)
            if already:
                self.unit_pane.refresh()
            self.stack.setCurrentWidget(self.unit_pane)

    def show_unit_pane(self) -> None:
        """Back from a dossier to its unit."""
        if not self._may_leave_dossier():
            return
        self.ctx.autosave.flush()
        detail = self._dossier_view.detail if self._dossier_view is not None else None
        if detail is not None and self.unit_pane.unit_code != detail.unit.code:
            self.select_unit(detail.unit.code)
        self.unit_pane.refresh()
        if detail is not None and detail.official is not None:
            self.unit_pane.select_cadre(detail.official.id)
        self.stack.setCurrentWidget(self.unit_pane)

    def open_official(self, official_id: str, unit_code: str = "") -> None:
        """Open a cadre's dossier (found by name); a cadre without one is shown in their unit's list."""
        from chilinh_desktop.ops.dossiers import find_dossier
        from chilinh_desktop.ops.errors import NotFoundError

        try:
            dossier = find_dossier(self.store, self.ctx.cycle, official_id=official_id)
        except NotFoundError:
            if unit_code and self.select_unit(unit_code):
                self.show_unit_pane()
                self.unit_pane.select_cadre(official_id)
                self.statusBar().showMessage(_("This cadre has no review dossier in this cycle."), 6000)
            return
        self.open_dossier(dossier.id)

    def open_dossier(self, dossier_id: str, item_kind: str | None = None) -> None:
        """Show a dossier's tabs (at an item)."""
        if self.dossier_view.dossier_id != dossier_id:
            if not self._may_leave_dossier():
                return
            self.dossier_view.open(dossier_id, item_kind)
        elif item_kind:
            self.dossier_view.go_to_item(item_kind)
        self.stack.setCurrentWidget(self.dossier_view)
        page = self.dossier_view.current_page()
        if self.dossier_view.sides.showing_received:  # at the Board: what the unit sent, not the hidden copy
            self.dossier_view.sides.received.items.setFocus()
        elif page is not None and page.editor is not None:
            page.editor.setFocus()

    def open_subject_item(self, subject_kind: str, subject_id: str, item_kind: str) -> None:
        """From the dashboard: the item of a unit or cadre."""
        try:
            dossier = dossier_for_subject(self.store, self.ctx.cycle, subject_kind, subject_id)
        except ChilinhError as exc:
            warn(self, _("The action was not done"), exc.message)
            return
        self.open_dossier(dossier.id, item_kind)

    def show_dashboard(self) -> None:
        """The whole tree against the deadlines."""
        if not self._may_leave_dossier():
            return
        self.ctx.autosave.flush()
        self.stack.setCurrentWidget(self.dashboard)
        if self._progress_due():
            self._badge_timer.stop()
            self.refresh_progress()

    def _progress_due(self) -> bool:
        """Whether the figures must be computed again: a change since they were asked for, or a new day.

        Otherwise the dashboard shows the last figures at once: recomputing a province on every F9 kept
        the interpreter busy while the dashboard was first drawn.
        """
        if self._progress_asked != self._progress_changes:
            return True
        return self._progress is not None and self._progress[0].today != self.store.clock.today()

    # -- refreshing -------------------------------------------------------------------

    def _on_changed(self, changed: frozenset) -> None:
        """Refresh each view whose own list of changes (ops/changes.py) meets what an operation changed."""
        shown = self._dossier_view.dossier_id if self._dossier_view is not None else None
        if shown and changes.dossier(shown) in changed:
            # Answers typed in this window (ANSWERS) are already in the editor: only an operation's
            # content (CONTENT) or a file (ATTACHMENT) reloads it.
            self.dossier_view.refresh(contents=bool(changed & {changes.CONTENT, changes.ATTACHMENT}))
        if self._unit_pane is not None and self.stack.currentWidget() is self._unit_pane \
                and changes.shows(changes.UNIT_PAGE, changed):
            self.unit_pane.refresh()
        if changes.TREE in changed:
            self.people.forget()
            self.model.set_tree(unit_tree(self.store, self.ctx.cycle.tree_date))
            self._keep_place()
        if changes.shows(changes.PROGRESS, changed) or changes.shows(changes.DUTIES, changed):
            self._progress_changes += 1  # the dashboard's figures (its duties line too) are out of date
        if changes.shows(changes.PROGRESS, changed):
            self._badge_timer.start()  # badges, the first screen and the dashboard's figures
        if self._dashboard is not None and changes.shows(changes.DUTIES, changed):
            self.duties_changed.emit()

    def _keep_place(self) -> None:
        """After the tree is rebuilt (an import, a new cadre), show it opened as before, at the unit shown."""
        self.tree.expandToDepth(0)
        code = self.shown_unit
        index = self.proxy.mapFromSource(self.model.index_of(code)) if code else None
        if index is not None and index.isValid():
            selection = self.tree.selectionModel()
            selection.blockSignals(True)  # marking the row again must not switch the centre pane
            self.tree.setCurrentIndex(index)
            selection.blockSignals(False)
            self.tree.scrollTo(index)

    def refresh_progress(self) -> None:
        """Recompute badges and the dashboard off the GUI thread."""
        cycle, tree = self.ctx.cycle, self.model.tree
        self._progress_asked = self._progress_changes
        if self._dashboard is not None:
            self._dashboard.set_loading()

        def run(store: Store):
            # Loaded here, on the worker thread, not before the window is first shown.
            from chilinh_desktop.ops.progress import tree_status
            from chilinh_desktop.ops.rating import findings
            from chilinh_desktop.ops.today import digest
            from chilinh_desktop.ui.dashboard import dashboard_figures, duties_notice

            status = tree_status(store, cycle)  # a unit whose package the Board received counts from it
            found = findings(store, cycle)
            figures = dashboard_figures(status, found, duties_notice(store, cycle))  # counted here, not in paint
            return status, unit_badges(tree, status), found, digest(status), figures

        def done(result) -> None:
            status, badges, findings, today, figures = result
            self.model.set_badges(badges)
            self._progress = (status, findings, figures)
            self.welcome.show_digest(today)  # the first screen: today's deadlines, late units
            if self._dashboard is not None:
                self._dashboard.set_figures(figures)

        def failed(error: Exception) -> None:
            self._progress_asked = -1  # the next F9 tries again
            self.ctx.runner.failed.emit(error_text(error))

        self.ctx.runner.call(run, on_done=done, on_error=failed)

    # -- long jobs --------------------------------------------------------------------

    def _job_started(self, job: Job) -> None:
        self.job_label.setText(job.title)
        self.job_bar.setRange(0, 0)
        for widget in (self.job_label, self.job_bar, self.job_cancel):
            widget.show()

    def _job_progress(self, _job: Job, done: int, total: int, text: str) -> None:
        self.job_bar.setRange(0, max(total, 1))
        self.job_bar.setValue(done)
        if text:
            self.job_label.setText(text)

    def _job_finished(self, job: Job, _result: object, error: Exception | None) -> None:
        if not self.ctx.jobs.running:
            for widget in (self.job_label, self.job_bar, self.job_cancel):
                widget.hide()
        if isinstance(error, Cancelled):
            self.statusBar().showMessage(_("Cancelled: {title}", title=job.title), 5000)
        elif error is not None:
            warn(self, _("The action was not done"), error_text(error))

    def _cancel_jobs(self) -> None:
        for job in list(self.ctx.jobs.running):
            job.cancel()

    def print_preview(self, dossier_id: str, item_kind: str) -> None:
        """Open the print preview of one item."""
        from chilinh_desktop.ui.printing import open_item_preview

        open_item_preview(self, dossier_id, item_kind)
