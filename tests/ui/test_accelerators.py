"""Every menu and every menu item has its own accelerator letter (Alt+T opened two menus once)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

from chilinh_desktop.i18n import current_language


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _duplicates(texts: list[str]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        letter = _letter(text)
        if letter:
            by_letter.setdefault(letter, []).append(text)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def test_menu_accelerators_are_unique(window):
    assert current_language() == "vi"
    menus = [a for a in window.menuBar().actions() if a.menu() is not None]
    assert not _duplicates([a.text() for a in menus])
    for top in menus:
        menu: QMenu = top.menu()
        items = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert not _duplicates(items), (top.text(), _duplicates(items))
        assert all(_letter(t) or a.shortcut().toString() for t, a in zip(items, [
            a for a in menu.actions() if not a.isSeparator()], strict=True)), top.text()
