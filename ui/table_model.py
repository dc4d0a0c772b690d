"""One base for the flat table models (orders, products, the cart).

What they all did alike lives here once: a row count and a column count that are
zero under a valid parent (a flat table), the check that an index is one of
the table's cells, the horizontal header (a translated title per column, right
aligned for figures, left for text), the same alignment for every cell of a
column, and the signal that whole rows changed. A subclass sets `_headers`
(its titles, in column order, through `self.tr` so they stay in its own
translation context), `right_columns`, and answers `_row_count()` and
`_cell(row, column, role)` for every other role.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class TableModel(QAbstractTableModel):
    """A flat table with one titled column per entry of `_headers`."""

    right_columns: frozenset[int] = frozenset()
    """Columns of figures: their cells and header are right aligned, the others left."""
    header_tips = False
    """Whether a column's title is also its header's tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()

    def _row_count(self) -> int:
        raise NotImplementedError

    def _cell(self, row: int, column: int, role: int) -> Any:
        """What `data` answers for a valid cell, for every role but the alignment."""
        raise NotImplementedError

    def _valid(self, index: AnyIndex) -> bool:
        """Whether `index` is one of the table's cells."""
        return (index.isValid() and not index.parent().isValid()
                and 0 <= index.row() < self._row_count()
                and 0 <= index.column() < len(self._headers))

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return RIGHT if column in self.right_columns else LEFT

    def _rows_changed(self, first: int, last: int | None = None) -> None:
        """Every cell of rows `first` to `last` (inclusive; just `first` by default) changed."""
        self.dataChanged.emit(self.index(first, 0),
                              self.index(first if last is None else last,
                                         len(self._headers) - 1))

    # QAbstractTableModel ---------------------------------------------------
    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        return self._cell(index.row(), index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole or (self.header_tips and role in _TEXT_ROLES):
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)
        return None
