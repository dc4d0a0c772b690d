"""The cart's table view: large rows for touch, the name column taking the spare width.

The figures' columns fit their contents and the name takes the rest, so the table
stays readable from a 1366 px screen down to the window's minimum width. The
quantity is edited in place (F4 or a double tap); Qt's own F2 edit key is
left to the register's pay-cash shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.register.cart_model import CartTableModel, Column

ROW_HEIGHT = 44
SIZE_PRECISION = 40  # rows measured to fit a column: about a screenful, not the whole cart


class CartTable(QTableView):
    def __init__(self, model: CartTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartTable")
        self.setAccessibleName(self.tr("Cart"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ensurePolished()
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # Figures take the width they need; the name takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(SIZE_PRECISION)

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.model()
        if 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, Column.NAME))
            self.scrollTo(model.index(row, Column.NAME))

    def edit_quantity(self, row: int) -> None:
        index = self.model().index(row, Column.QUANTITY)
        self.setCurrentIndex(index)
        self.edit(index)
