"""Finding a product by name or SKU while typing, and adding the one chosen.

The completer shows the first `LIMIT` results of `pos.catalogue.products.search_products`
(indexed prefix and trigram searches, instant at a million products). It asks
once typing pauses for `DELAY_MS`, not once per letter. Enter adds the match
when there is exactly one, otherwise opens the list; Down opens it too. The list
has columns for the name and SKU, the price and the stock, and is as wide as they
need (right-aligned under the field), so a long name never hides the price.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QTreeView, QWidget

from pos.catalogue.products import search_products
from pos.errors import PosError
from pos.money import Money

DELAY_MS = 100
LIMIT = 20
ProductIdRole = Qt.ItemDataRole.UserRole + 1


class ProductSearch(QLineEdit):
    productChosen = Signal(int)
    """The cashier chose the product with this id."""
    failed = Signal(str)
    """A search could not run; the message says why."""
    left = Signal()
    """Escape in an empty field: the cashier is done searching."""

    def __init__(self, currency: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productSearch")
        self.currency, self.locale = currency, locale
        self.results = QStandardItemModel(0, 3, self)
        self.results.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Price"), self.tr("In stock")])
        self.suggestions = QCompleter(self.results, self)
        popup = QTreeView()
        popup.setObjectName("productSearchList")
        popup.setRootIsDecorated(False)
        popup.setUniformRowHeights(True)
        popup.setAllColumnsShowFocus(True)
        popup.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        popup.header().setStretchLastSection(False)
        self.suggestions.setPopup(popup)
        self.suggestions.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.suggestions.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.suggestions.setMaxVisibleItems(12)
        self.suggestions.setWidget(self)  # not setCompleter: the line edit must not filter
        self.suggestions.activated[QModelIndex].connect(self._on_activated)
        self._searched = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._on_return)

    def search_now(self) -> None:
        """Fill the list for the current text and open it."""
        self._timer.stop()
        text = self.text().strip()
        self._searched = text
        try:
            products = search_products(text, limit=LIMIT) if text else []
        except PosError as exc:
            self.failed.emit(str(exc))
            products = []
        self.results.removeRows(0, self.results.rowCount())
        for product in products:
            price = Money(product.price, self.currency).format(self.locale)
            if product.unit == "weight":
                price = self.tr("{price}/kg").format(price=price)
            cells = [QStandardItem(f"{product.name}   ·   {product.sku}"),
                     QStandardItem(price), QStandardItem(self.stock_text(product))]
            for cell in cells:
                cell.setData(product.id, ProductIdRole)
                cell.setEditable(False)
            for cell in cells[1:]:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.results.appendRow(cells)
        popup = self.suggestions.popup()
        if products and self.hasFocus():
            self._show_list()
            popup.setCurrentIndex(self.suggestions.completionModel().index(0, 0))
        else:
            popup.hide()

    def stock_text(self, product) -> str:
        """What the catalogue holds, in words a cashier reads at a glance."""
        if product.stock <= 0:
            return self.tr("Out of stock")
        if product.unit == "weight":
            return self.tr("{weight} kg").format(weight=format_decimal(
                Decimal(product.stock).scaleb(-3), format="#,##0.000", locale=self.locale))
        return format_decimal(product.stock, locale=self.locale)

    def _popup_rect(self) -> QRect:
        """Wide enough for every column, right-aligned under the field and kept inside the
        window (the field sits at the right of the register's top row)."""
        popup = self.suggestions.popup()
        for column in range(3):
            popup.resizeColumnToContents(column)
        wanted = sum(popup.columnWidth(c) for c in range(3)) + 2 * popup.frameWidth() + \
            popup.verticalScrollBar().sizeHint().width() + 8
        room = self.mapTo(self.window(), self.rect().bottomRight()).x()
        width = max(self.width(), min(wanted, room))
        return QRect(self.width() - width, 0, width, self.height())

    def reset(self) -> None:
        self._timer.stop()
        self.suggestions.popup().hide()
        self.clear()
        self.results.removeRows(0, self.results.rowCount())
        self._searched = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.search_now()
            return
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self.text():
                self.reset()
            else:
                self.left.emit()
            return
        super().keyPressEvent(event)

    def _on_return(self) -> None:
        if self._timer.isActive() or self._searched != self.text().strip():
            self.search_now()
        if self.results.rowCount() == 1:
            self._choose(self.results.item(0).data(ProductIdRole))
        elif self.results.rowCount() > 1:
            self._show_list()

    def _show_list(self) -> None:
        """Open the list; the completer sizes it for its rows only, so add the header's
        height, or the last row shown is cut in half."""
        self.suggestions.complete(self._popup_rect())
        popup = self.suggestions.popup()
        popup.resize(popup.width(), popup.height() + popup.header().sizeHint().height())

    def _on_activated(self, index: QModelIndex) -> None:
        product_id = index.data(ProductIdRole)
        if product_id is not None:
            self._choose(int(product_id))

    def _choose(self, product_id: int) -> None:
        self.reset()
        self.productChosen.emit(product_id)
