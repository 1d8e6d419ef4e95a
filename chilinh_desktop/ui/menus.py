"""Menus, toolbar and shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from chilinh_desktop.i18n import _

if TYPE_CHECKING:
    from chilinh_desktop.ui.dashboard import Dashboard
    from chilinh_desktop.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create every action, put them in menus and the toolbar; return them by name."""
    style = window.style()
    actions: dict[str, QAction] = {}

    def action(name: str, text: str, slot: Callable[[], object], shortcut=None, icon=None, tip: str = "") -> QAction:
        act = QAction(text, window)
        act.setObjectName(f"action_{name}")
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(style.standardIcon(icon))
        act.setToolTip(tip or text.replace("&", "").replace("…", ""))
        act.triggered.connect(lambda _checked=False: slot())
        actions[name] = act
        return act

    sp = QStyle.StandardPixmap

    def print_current() -> None:
        if window.showing_dossier() and window.dossier_view.current_page() is not None:
            window.dossier_view._print_current()
        else:
            window.statusBar().showMessage(_("Open a dossier item to print it."), 4000)

    def undo_clear() -> None:
        if window._dossier_view is None or not window.dossier_view.undo_clear():
            window.statusBar().showMessage(_("Nothing to undo."), 4000)

    def in_dossier(fn: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            if window.showing_dossier():
                fn()

        return run

    def print_unit() -> None:
        from chilinh_desktop.ui.printing import ask_print_unit

        ask_print_unit(window)

    def settings() -> None:
        from chilinh_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(window.ctx, window.settings, window).exec()

    def about() -> None:
        from chilinh_desktop.ui.about import AboutDialog

        AboutDialog(window.ctx, window).exec()

    def find() -> None:
        window.filter.setFocus()
        window.filter.selectAll()

    def save_now() -> None:
        window.ctx.autosave.flush()
        window.ctx.runner.wait_idle()

    file_menu = window.menuBar().addMenu(_("&File"))
    file_menu.addAction(
        action(
            "print",
            _("&Print preview…"),
            print_current,
            QKeySequence.StandardKey.Print,
            sp.SP_FileDialogDetailedView,
        )
    )
    file_menu.addAction(action("print_unit", _("Print the whole &unit…"), print_unit, "Ctrl+Shift+P"))
    file_menu.addSeparator()
    file_menu.addAction(
        action(
            "settings",
            _("&Settings…"),
            settings,
            QKeySequence.StandardKey.Preferences,
            sp.SP_FileDialogInfoView,
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(action("quit", _("&Quit"), window.close, QKeySequence.StandardKey.Quit))

    edit_menu = window.menuBar().addMenu(_("&Edit"))
    edit_menu.addAction(
        action(
            "save",
            _("&Save now"),
            save_now,
            QKeySequence.StandardKey.Save,
            sp.SP_DialogSaveButton,
            _("Everything is saved as you type; this saves at once."),
        )
    )
    edit_menu.addAction(
        action(
            "undo_clear",
            _("&Undo the last change to an item"),
            undo_clear,
            QKeySequence.StandardKey.Undo,
        )
    )
    edit_menu.addAction(action("find", _("&Find a unit"), find, QKeySequence.StandardKey.Find))

    view_menu = window.menuBar().addMenu(_("&View"))
    view_menu.addAction(
        action(
            "dashboard",
            _("Deadline &dashboard"),
            window.show_dashboard,
            "F9",
            sp.SP_FileDialogListView,
        )
    )
    view_menu.addAction(action("back", _("&Back to the unit"), window.show_unit_pane, "Alt+Left", sp.SP_ArrowBack))
    view_menu.addSeparator()
    view_menu.addAction(
        action(
            "previous_item",
            _("&Previous item"),
            in_dossier(lambda: window.dossier_view.next_item(-1)),
            "Ctrl+PgUp",
            sp.SP_ArrowLeft,
        )
    )
    view_menu.addAction(
        action(
            "next_item",
            _("&Next item"),
            in_dossier(lambda: window.dossier_view.next_item(1)),
            "Ctrl+PgDown",
            sp.SP_ArrowRight,
        )
    )
    view_menu.addSeparator()
    view_menu.addAction(
        action(
            "refresh",
            _("&Refresh"),
            window.refresh_progress,
            QKeySequence.StandardKey.Refresh,
            sp.SP_BrowserReload,
        )
    )

    dossier_menu = window.menuBar().addMenu(_("&Dossier"))
    def sign_off() -> None:
        if window.showing_dossier():
            window.dossier_view.ask_sign_off()
        elif window.unit_pane.unit_code:
            from chilinh_desktop.ui.unit_sign_off import UnitSignOffDialog

            UnitSignOffDialog(window.ctx, window.unit_pane.unit_code, window).exec()
        else:
            window.statusBar().showMessage(_("Choose a unit or open a dossier to sign off."), 4000)

    dossier_menu.addAction(action("sign_off", _("&Sign off…"), sign_off, "Ctrl+K"))
    dossier_menu.addAction(action("reopen", _("&Reopen…"), in_dossier(lambda: window.dossier_view.ask_reopen())))

    def exchange(name: str) -> Callable[[], None]:
        def run() -> None:
            from chilinh_desktop.ops.setup import stored_settings
            from chilinh_desktop.ui import board_view, export_dialog, import_dialog, rewrite_dialog

            if name == "export":
                code = stored_settings(window.store).unit_code
                dialog = export_dialog.ExportDialog(window.ctx, window.unit_pane.unit_code or code, window)
                dialog.open_dossier.connect(window.open_dossier)
            elif name == "rewrite":
                dialog = rewrite_dialog.RewriteDialog(window.ctx, window)
            elif name == "import":
                dialog = import_dialog.ImportDialog(window.ctx, window)
            elif name == "meetings":
                from chilinh_desktop.ui.meetings_view import MeetingsView

                dialog = MeetingsView(window.ctx, window)
                dialog.refresh()
            elif name == "duties":
                from chilinh_desktop.ui.duties_view import DutiesView

                dialog = DutiesView(window.ctx, window)
                dialog.refresh()
            elif name == "commendations":
                from chilinh_desktop.ui.commendations_view import CommendationsView

                dialog = CommendationsView(window.ctx, window)
                dialog.refresh()
            else:
                dialog = board_view.BoardView(window.ctx, window)
                dialog.refresh()
            dialog.exec()

        return run

    exchange_menu = window.menuBar().addMenu(_("E&xchange"))
    exchange_menu.addAction(action("export_package", _("&Export the unit's package…"), exchange("export"), "Ctrl+E"))
    exchange_menu.addAction(action("rewrite_package", _("&Write an exported package again…"), exchange("rewrite")))
    exchange_menu.addAction(action("import_packages", _("&Import packages…"), exchange("import"), "Ctrl+I"))
    exchange_menu.addAction(action("board_view", _("Packages &received"), exchange("board"), "F10"))

    def board_paper(name: str) -> Callable[[], None]:
        def run() -> None:  # the Board's report and receipts, as `chilinh report` / `chilinh receipt` make them
            from chilinh_desktop.ui import board_documents

            (board_documents.save_report if name == "report" else board_documents.save_receipt)(window)

        return run

    exchange_menu.addAction(action("board_report", _("&Board's Excel report…"), board_paper("report"),
                                   "Ctrl+Shift+R"))
    exchange_menu.addAction(action("receipt", _("Receipt for a &unit's package…"), board_paper("receipt"),
                                   "Ctrl+Shift+B"))
    exchange_menu.addAction(action("commendations", _("&Appraise commendation proposals…"),
                                   exchange("commendations")))
    exchange_menu.addAction(action("meetings", _("Calendar of review &meetings…"), exchange("meetings")))
    exchange_menu.addAction(action("duties", _("Assigned &leaders and breakthrough tasks…"), exchange("duties")))

    def new_cycle() -> None:  # the Board's next year (ui/cycle_dialog.py)
        from chilinh_desktop.ui.cycle_dialog import CycleDialog, can_start_cycle

        if not can_start_cycle(window.ctx):
            window.statusBar().showMessage(_("A unit office gets each new cycle with the Board's cycle kit."), 8000)
            return
        CycleDialog(window.ctx, window).exec()

    exchange_menu.addAction(action("new_cycle", _("Start a &new cycle…"), new_cycle))

    help_menu = window.menuBar().addMenu(_("&Help"))
    help_menu.addAction(action("about", _("&About"), about, QKeySequence.StandardKey.HelpContents))

    toolbar = QToolBar(_("Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    for name in ("save", "print", "dashboard", "back", "previous_item", "next_item", "settings"):
        toolbar.addAction(actions[name])
    window.addToolBar(toolbar)
    return actions


def connect_duties_notice(window: MainWindow, dashboard: Dashboard) -> None:
    """The dashboard's line on proposals still to appraise, read again when they change while it exists.

    It comes with the dashboard's figures otherwise (MainWindow.refresh_progress): read on every showing, on
    the worker while the dashboard was first drawn, it held the window up to 0.1 s at a province.
    """
    from chilinh_desktop.ui.dashboard import duties_notice

    def read() -> None:
        cycle = window.ctx.cycle
        window.ctx.runner.call(lambda store: duties_notice(store, cycle), on_done=dashboard.set_duties_notice)

    window.duties_changed.connect(read)  # a proposal appraised meanwhile: the count drops at once
