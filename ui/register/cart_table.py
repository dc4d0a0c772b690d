"""The cart's table view: large rows for touch, the name column taking the spare width.

The figures' columns (quantity, price, discount, total) are always as wide as
their widest text, measured over every line of the cart whenever the cart
changes, so an amount is never cut off; the name takes the rest and is the
one column that may be shortened with "…" (its tooltip holds the whole name).
Qt's own ResizeToContents is not used for this: it does not re-measure when a
row is added, which cut the first scans' prices to "$0.…". The quantity is
edited in place (F4 or a double tap); Qt's own F2 edit key is left to the
register's pay-cash shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.register.cart_model import CartTableModel, Column

ROW_HEIGHT = 44
FIGURES = (Column.QUANTITY, Column.UNIT_PRICE, Column.DISCOUNT, Column.TOTAL)
SLACK = 4  # pixels beyond the measured text, so rounding never elides the last digit


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
        header.setMinimumSectionSize(24)
        # Figures take the width they need (fit_columns); the name takes the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.modelReset, model.layoutChanged, model.headerDataChanged):
            signal.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self, *_args) -> None:
        """Make each figure column as wide as its widest text, header included."""
        header = self.horizontalHeader()
        for column in FIGURES:
            header.resizeSection(column, self.column_need(column))

    def column_need(self, column: int) -> int:
        """The width the column needs to show every line's text in full."""
        model = self.model()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        need = self.horizontalHeader().sectionSizeFromContents(column).width()
        for row in range(model.rowCount()):  # a cart is short: every line is measured
            need = max(need, delegate.sizeHint(option, model.index(row, column)).width())
        return need + SLACK

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_columns()

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
