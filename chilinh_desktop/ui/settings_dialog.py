"""Settings: unit identity, print margins and font, language, data folder, backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chilinh_desktop.i18n import _, current_language
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.setup import stored_settings, update_settings
from chilinh_desktop.ops.types import Settings
from chilinh_desktop.ui.common import button_box_texts, read_only_look, warn
from chilinh_desktop.ui.context import AppContext
from chilinh_desktop.ui.operations import error_text

MARGIN_KEYS = ("top", "bottom", "left", "right")
DEFAULT_MARGINS = "20,20,30,15"


class SettingsDialog(QDialog):
    """Edit the settings of this installation (stored in the data file) and of this computer (QSettings)."""

    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        read_only_look(self)  # the data file's path
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settingsDialog")
        store = ctx.store
        self.stored = stored_settings(store)
        tabs = QTabWidget()

        identity = QWidget()
        form = QFormLayout(identity)
        self.unit_code = QLineEdit(self.stored.unit_code)
        self.unit_name = QLineEdit(self.stored.unit_name)
        self.user_name = QLineEdit(self.stored.user_name)
        self.signer = QLineEdit(self.stored.signer)
        self.place = QLineEdit(self.stored.print_place)
        role = self.stored.role or "unit"
        role_text = {
            "demo": _("Demo city"),
            "board": _("Organisation Board"),
            "unit": _("Unit office"),
        }
        form.addRow(_("Installation:"), QLabel(role_text.get(role, role)))
        form.addRow(_("Unit code:"), self.unit_code)
        form.addRow(_("Unit name:"), self.unit_name)
        form.addRow(_("Your name (audit trail):"), self.user_name)
        form.addRow(_("Usual signer:"), self.signer)
        form.addRow(_("Place on documents:"), self.place)
        tabs.addTab(identity, _("Unit"))

        printing = QWidget()
        pform = QFormLayout(printing)
        margins = (self.stored.print_margins or DEFAULT_MARGINS).split(",")
        self.margins: list[QDoubleSpinBox] = []
        labels = (
            _("Top margin (mm):"),
            _("Bottom margin (mm):"),
            _("Left margin (mm):"),
            _("Right margin (mm):"),
        )
        for label, value in zip(labels, margins, strict=False):
            spin = QDoubleSpinBox()
            spin.setRange(5, 60)
            spin.setDecimals(0)
            spin.setValue(float(value) if value.strip() else 20)
            self.margins.append(spin)
            pform.addRow(label, spin)
        self.font = QFontComboBox()
        self.font.setWritingSystem(self.font.writingSystem().Vietnamese)
        if self.stored.print_font:
            self.font.setCurrentText(self.stored.print_font)
        else:
            self.font.setCurrentText("Times New Roman")
        pform.addRow(_("Font:"), self.font)
        tabs.addTab(printing, _("Printing"))

        general = QWidget()
        gform = QFormLayout(general)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.value("language", current_language()))))
        gform.addRow(_("Language (after restart):"), self.language)
        self.data_file = QLineEdit(str(store.path))
        self.data_file.setReadOnly(True)
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_data_file)
        row = QHBoxLayout()
        row.addWidget(self.data_file, 1)
        row.addWidget(choose)
        gform.addRow(_("Data file (after restart):"), row)
        backup = QPushButton(_("Back up now…"))
        backup.setObjectName("backupNow")
        backup.clicked.connect(self._backup)
        self.backup_note = QLabel(_("A backup is one file with everything, including attached scans."))
        self.backup_note.setWordWrap(True)
        gform.addRow(_("Backup:"), backup)
        gform.addRow("", self.backup_note)
        tabs.addTab(general, _("General"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        button_box_texts(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def values(self) -> Settings:
        """The installation's settings as they will be stored."""
        return self.stored.changed(
            unit_code=self.unit_code.text(),
            unit_name=self.unit_name.text(),
            user_name=self.user_name.text(),
            signer=self.signer.text(),
            print_place=self.place.text(),
            print_margins=",".join(str(int(s.value())) for s in self.margins),
            print_font=self.font.currentText(),
        )

    def accept(self) -> None:
        new, actor, window = self.values(), self.ctx.actor, self.parentWidget()
        self.ctx.runner.call(
            lambda store: update_settings(store, new, actor=actor),
            changes={changes.SETTINGS},
            on_error=lambda exc: warn(window, _("Settings"), error_text(exc)),
        )
        self.settings.setValue("language", self.language.currentData())
        self.settings.setValue("data_file", self.data_file.text())
        super().accept()

    def _choose_data_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Choose the data file"),
            self.data_file.text(),
            _("Data files") + " (*.sqlite3)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.data_file.setText(path)

    def _backup(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        suggested = str(Path.home() / f"chilinh-backup-{stamp}.sqlite3")
        path, _filter = QFileDialog.getSaveFileName(self, _("Back up to"), suggested, _("Data files") + " (*.sqlite3)")
        if not path:
            return
        self.ctx.autosave.flush()
        self.ctx.runner.call(
            lambda store: store.backup(path),
            on_done=lambda target: self.backup_note.setText(_("Backed up to {path}.", path=str(target))),
            on_error=lambda exc: warn(self, _("Backup"), error_text(exc)),
        )
