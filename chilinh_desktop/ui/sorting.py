"""Sorting a flat list model by what its columns mean (numbers, dates, ranks), not by their display text."""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import Qt


def text_key(text: str) -> tuple[str, str]:
    """A Vietnamese name as a sort key: letters without marks first (đ as d), then the exact text."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").casefold(), text


class SortableRows:
    """Mix into a `_RowsModel`: `sort(column)` orders the rows by `sort_key(row, column)`; -1 restores the order given.

    Persistent indexes (the view's current row and selection) follow their rows.
    """

    _sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def sort_key(self, row: Any, column: int) -> Any:
        """The key of one row in one column (override)."""
        return 0

    def set_rows(self, rows: list[Any]) -> None:
        """Show these rows, kept in the chosen column's order."""
        self._given = list(rows)
        column, order = self._sort
        super().set_rows(self._ordered(self._given, column, order))  # type: ignore[misc]

    def _ordered(self, rows: list[Any], column: int, order: Qt.SortOrder) -> list[Any]:
        if column < 0:
            return list(getattr(self, "_given", rows))
        position = {id(r): i for i, r in enumerate(getattr(self, "_given", rows))}
        result = sorted(rows, key=lambda r: (self.sort_key(r, column), position.get(id(r), 0)))
        return result[::-1] if order == Qt.SortOrder.DescendingOrder else result

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        rows = self._rows  # type: ignore[attr-defined]
        self.layoutAboutToBeChanged.emit()  # type: ignore[attr-defined]
        new = self._ordered(rows, column, order)
        where = {id(r): i for i, r in enumerate(new)}
        old_indexes = self.persistentIndexList()  # type: ignore[attr-defined]
        new_indexes = [self.createIndex(where[id(rows[i.row()])], i.column()) for i in old_indexes]  # type: ignore
        self._rows = new
        self.changePersistentIndexList(old_indexes, new_indexes)  # type: ignore[attr-defined]
        self.layoutChanged.emit()  # type: ignore[attr-defined]
