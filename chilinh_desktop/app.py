"""The composition root: opens the store, picks the language, builds the main window."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs

from chilinh_desktop.core.errors import ChilinhError, NotFoundError
from chilinh_desktop.core.store import Store, default_db_path, verify_integrity
from chilinh_desktop.i18n import LANGUAGES, _, set_language
from chilinh_desktop.ops.session import clock_for, parse_today
from chilinh_desktop.resources import resources_dir

# Writes run on the window's worker thread, so waiting there for another program to finish its
# save keeps the window responsive; only after this long does the person see "busy, try again".
WINDOW_BUSY_TIMEOUT = 30.0


def demo_db_path() -> Path:
    """Where the demo city lives, apart from real data."""
    return Path(platformdirs.user_data_dir("chilinh", appauthor=False)) / "demo.sqlite3"


def open_for_gui(db_path: Path | None, demo: bool, today: str | None = None, *, check: bool = True) -> Store:
    """Open (for the demo: create on first use) the data file the window will show.

    `check=False`: every page is read for damage later, on the window's writer thread before its first
    write (`Store.open`), not before the window is first painted.
    """
    if demo:
        path = db_path or demo_db_path()
        if not path.exists() or path.stat().st_size == 0:
            from chilinh_desktop.ops.setup import DEMO_ARRIVALS, create_demo

            # The window's demo is a Board a few units have already sent their packages to, so the tree,
            # the arrivals and the received documents have something to show (the Board counts only those).
            with _demo_progress() as progress:
                create_demo(path, replace=True, progress=progress, arrivals=DEMO_ARRIVALS)
        store = Store.open(path, busy_timeout=WINDOW_BUSY_TIMEOUT, check=check)
    else:
        store = Store.open(db_path or default_db_path(), busy_timeout=WINDOW_BUSY_TIMEOUT, check=check)
    try:
        store.clock = clock_for(store, today)  # the one clock rule (ops/session.py)
    except BaseException:
        store.close()
        raise
    return store


@contextlib.contextmanager
def _demo_progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress dialog for building the demo while a window is running; nothing when headless."""
    # Qt is only looked at if the program already runs it: the CLI and core tests never import it here.
    if "PySide6.QtWidgets" not in sys.modules:
        yield None
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    app = QApplication.instance()
    if app is None:
        yield None
        return
    dialog = QProgressDialog(_("Creating the demo data…"), "", 0, 0)
    dialog.setObjectName("demoProgress")
    dialog.setCancelButton(None)  # the build is one job; stopping halfway would leave a half-made city
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    app.processEvents()

    def progress(_step: str, done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        app.processEvents()

    try:
        yield progress
    finally:
        dialog.close()
        dialog.deleteLater()


def needs_first_run(path: Path) -> bool:
    """A data file that does not exist yet (or is empty) means the first start on this computer."""
    return not path.exists() or path.stat().st_size == 0


def install_translators(app, language: str) -> list:
    """Qt's own dialogs in our language when Qt ships a catalog for it; our locale for dates and numbers."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
        if language == "vi"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            installed.append(translator)
    if not installed:
        # Qt ships no Vietnamese catalog: serve the texts an office user meets from our own.
        from chilinh_desktop.ui.qt_catalog import CatalogTranslator, load_qt_texts

        texts = load_qt_texts(language)
        if texts:
            translator = CatalogTranslator(texts, app)
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def apply_style(app) -> None:
    """A house style sheet, when one is shipped (resources/style.qss; none is today), for the whole program.

    The read-only look is not here: the widgets that hold read-only fields set it (ui.common.read_only_look),
    since an application style sheet makes Qt lay out and draw every widget through its style-sheet style,
    a tenth of the window's start-up.
    """
    qss = resources_dir() / "style.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def choose_language(settings, chosen: str | None = None) -> str:
    """`--lang`, else CHILINH_LANG, else the language chosen in Settings, else Vietnamese."""
    language = chosen or os.environ.get("CHILINH_LANG") or settings.value("language") or "vi"
    return language if language in LANGUAGES else "vi"


def _first_run(path: Path) -> Store | None:
    from chilinh_desktop.ops.setup import set_up_installation
    from chilinh_desktop.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog()
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()
    if choice.role == "demo":
        return open_for_gui(None, True)
    store = Store.open(path)
    messages = set_up_installation(store, choice).messages
    if messages:  # e.g. a whole-city kit brings no cadres; the kit's own form files are now in use
        from chilinh_desktop.ui.common import inform

        inform(None, _("The installation is set up"), "\n\n".join(messages))
    return store


def run(db_path: Path | None = None, demo: bool = False, *, today: str | None = None,
        language: str | None = None) -> int:
    """Start the window (`today` pins the clock, `language` overrides the settings); return the exit code."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from chilinh_desktop.ui.common import warn

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("chilinh")
    app.setOrganizationName("chilinh")
    settings = QSettings()
    language = choose_language(settings, language)
    set_language(language)
    install_translators(app, language)
    apply_style(app)
    app.setApplicationDisplayName(_("Review dossiers"))
    if today:
        try:
            parse_today(today)  # the command line's rule and words (ops/session.py)
        except ChilinhError as exc:
            warn(None, _("Cannot open the data"), exc.message)
            return 2
    try:
        if demo:
            store = open_for_gui(db_path, True, today, check=False)
        else:
            path = db_path or Path(str(settings.value("data_file") or default_db_path()))
            if needs_first_run(path):
                created = _first_run(path)
                if created is None:
                    return 0
                store = created
            else:
                store = open_for_gui(path, False, today, check=False)
    except ChilinhError as exc:
        warn(None, _("Cannot open the data"), exc.message)
        return 2
    from chilinh_desktop.ui.main_window import MainWindow

    try:
        window = MainWindow(store, settings)
    except NotFoundError as exc:
        warn(None, _("Cannot open the data"), exc.message)
        store.close()
        return 2
    except sqlite3.DatabaseError:  # a damaged page met before the check that comes after the first paint
        store.close()
        try:
            verify_integrity(store.path)
        except ChilinhError as exc:
            warn(None, _("Cannot open the data"), exc.message)
            return 2
        raise
    smoke = os.environ.get("CHILINH_SMOKE")  # the build check and bench_startup.py (ui/smoke.py), not for users
    if smoke:
        from chilinh_desktop.ui.smoke import Probe

        probe = Probe(window, smoke)
    window.show()
    window.start_session()
    if smoke:
        probe.shown()
    try:
        return app.exec()
    finally:
        window.shutdown()
        store.close()
