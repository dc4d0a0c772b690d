"""A table model that grows a page at a time, shared by the products and orders tables.

It is a `ui.table_model.TableModel` whose rows are `_rows`, read a page at a time.

It holds the guard both need: while a change is being announced, a receiver
that asks for more rows (a view, a proxy, Qt's model tester, which fetches
from its rowsAboutToBeInserted and modelReset slots) would start a second
change inside the first — the same page inserted twice, or an insertion seen
before the reset. Nothing is fetched until every receiver has heard; the view
asks again. Qt's insert range is inclusive: n rows are start .. start + n - 1.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QModelIndex, QObject

from ui.table_model import AnyIndex, TableModel


class PagedTableModel(TableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._notifying = False

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        self._notifying = True
        try:
            yield
        finally:
            self._notifying = False

    def _may_fetch(self, parent: AnyIndex) -> bool:
        """Whether `canFetchMore` may say yes at all (a flat table, no change under way)."""
        return not parent.isValid() and not self._notifying

    def _append_page(self, rows: list[Any]) -> None:
        start = len(self._rows)
        with self._changing():
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _reset_rows(self, rows: list[Any], **state: Any) -> None:
        """Replace every row, setting the subclass's paging `state` inside the reset."""
        with self._changing():
            self.beginResetModel()
            self._rows = rows
            for name, value in state.items():
                setattr(self, name, value)
            self.endResetModel()

    def _row_count(self) -> int:
        return len(self._rows)
