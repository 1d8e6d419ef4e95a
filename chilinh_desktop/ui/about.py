"""The About dialog: what the program is, its version, the cycle in force and where the data lives."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from chilinh_desktop import __version__
from chilinh_desktop.i18n import _
from chilinh_desktop.ui.common import button_box_texts
from chilinh_desktop.ui.context import AppContext


class AboutDialog(QDialog):
    """Version, cycle and legal basis, data file, libraries."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About"))
        cycle = ctx.cycle
        basis = "".join(f"<li>{b.get('ref', '')} — {b.get('title', '')}</li>" for b in cycle.legal_basis)
        parts = [
            "<h2>" + _("Review dossiers") + "</h2>",
            "<p>" + _("Version {version}", version=__version__) + "</p>",
            "<p>"
            + _("An offline program for the annual review, evaluation and rating dossiers of party offices.")
            + "</p>",
            f"<p><b>{cycle.title}</b><br>" + _("Dispatch {number}", number=cycle.dispatch.get("number", "")),
            f"<ul>{basis}</ul>",
            "<p>" + _("Data file: {path}", path=str(ctx.store.path)) + "</p>",
            f"<p><small>Qt {qVersion()} · PySide6 {PySide6.__version__}</small></p>",
        ]
        text = "".join(parts)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        button_box_texts(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.resize(560, 460)
