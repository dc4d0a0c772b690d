"""The Products page: the catalogue as a paged table with a search box.

The search waits `SEARCH_DELAY_MS` after the last key before it queries, so
typing a word costs one search, not one per letter.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.products.product_table_model import Column, ProductTableModel
from ui.session import Session

SEARCH_DELAY_MS = 150

# Column widths in average character widths; the name takes the rest.
_COLUMN_CHARS = {Column.SKU: 14, Column.PRICE: 14, Column.TAX_CLASS: 18,
                 Column.CATEGORY: 18, Column.STOCK: 12}


class ProductsView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("productsView")
        settings = session.settings
        self.products = ProductTableModel(settings.currency, settings.locale, self)

        self.search_edit = self._make_search_edit()
        self.table = self._make_table()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("productCountLabel")
        self._build_layout()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(self._schedule_search)
        self.search_edit.returnPressed.connect(self._apply_search)
        self.products.modelReset.connect(self._update_count)
        session.catalogueChanged.connect(self._apply_search)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit,
                           self.search_edit.clear)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._update_count()

    def _make_search_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("productSearch")
        edit.setPlaceholderText(self.tr("Search products by name or SKU"))
        edit.setAccessibleName(self.tr("Search products"))
        edit.setAccessibleDescription(self.tr("Type part of a product name or the start of "
                                              "its SKU; the list below shows the matches."))
        edit.setClearButtonEnabled(True)
        return edit

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("productTable")
        table.setAccessibleName(self.tr("Products"))
        table.setModel(self.products)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setSortingEnabled(False)  # rows come in id order, page by page
        table.setTabKeyNavigation(False)
        table.ensurePolished()  # the style sheet's font, for the sizes below
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size queries
        rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        char = table.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            header.resizeSection(column, chars * char + 16)
        return table

    def _build_layout(self) -> None:
        label = QLabel(self.tr("&Search:"), self)
        label.setBuddy(self.search_edit)
        search_row = QHBoxLayout()
        search_row.addWidget(label)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

    # behaviour -------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _schedule_search(self) -> None:
        self._search_timer.start()  # restarts: the search runs once typing pauses

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.products.set_query(self.search_edit.text())

    def _number(self, value: int) -> str:
        return format_decimal(value, locale=self.session.settings.locale)

    def _update_count(self) -> None:
        total = self.products.total_count()
        if not self.products.is_searching:
            text = (self.tr("1 product") if total == 1
                    else self.tr("{count} products").format(count=self._number(total)))
        else:
            shown = self.products.rowCount()
            if shown >= self.products.search_limit:
                text = self.tr("First {shown} matches of {total} products")
            else:
                text = self.tr("{shown} matches of {total} products")
            text = text.format(shown=self._number(shown), total=self._number(total))
        self.count_label.setText(text)
