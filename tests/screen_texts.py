"""What a person can read on the window's screens, for tests that scan them (raw placeholders, codes)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def visible_texts(root) -> list[str]:
    """Every text a person can see in a widget tree: labels, titles, buttons, tabs, choices, headers, hints."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QTabWidget,
        QWidget,
    )

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(n) for n in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(n) for n in range(widget.count())]
        if isinstance(widget, QListWidget):  # its model's columnCount is private in PySide6
            texts += [widget.item(n).text() for n in range(min(widget.count(), 200))]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(), 200)):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def main_screen_texts(qtbot, window) -> dict[str, list[str]]:
    """The visible texts of the main screens: tree, a unit, its collective and a cadre dossier (every tab),
    the deadlines dashboard and the Board's overview."""
    from chilinh_desktop.core.views import unit_overview

    screens: dict[str, list[str]] = {"tree": visible_texts(window.tree)}
    window.ctx.runner.wait_idle()
    code = "DB01"
    assert window.select_unit(code)
    window.ctx.runner.wait_idle()
    screens["unit"] = visible_texts(window.unit_pane)
    overview = unit_overview(window.ctx.store, window.ctx.cycle, code)
    dossiers = {"collective dossier": overview.collective.dossier.id if overview.collective else None,
                "cadre dossier": next(c.summary.dossier.id for c in overview.cadres if c.summary)}
    for name, dossier_id in dossiers.items():
        if dossier_id is None:
            continue
        window.open_dossier(dossier_id)
        texts = []
        for n in range(window.dossier_view.tabs.count()):
            window.dossier_view.tabs.setCurrentIndex(n)
            texts += visible_texts(window.dossier_view)
        screens[name] = texts
    window.show_dashboard()
    qtbot.waitUntil(lambda: window.dashboard.isVisible(), timeout=5_000)
    window.ctx.runner.wait_idle()
    screens["dashboard"] = visible_texts(window.dashboard)
    from chilinh_desktop.ui.board_view import BoardView

    board = BoardView(window.ctx, window)
    qtbot.addWidget(board)
    board.show()
    board.refresh()
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=20_000)
    screens["board"] = visible_texts(board)
    board.close()
    return screens
