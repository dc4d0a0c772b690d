"""The sale being rung up as a Qt table: one row per cart line.

The model owns the current `pos.sales.cart.Cart`. Every change goes through
`pos.sales.cart_edits.tried`: it is made on a copy, the copy's totals are checked,
and only then does the copy replace the cart, between the begin/end signals
Qt needs. A refused change raises `PosError` and leaves the rows as they were;
a refused quantity typed in the table is reported through `editRefused`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal

from babel.numbers import format_decimal, get_decimal_symbol
from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)

from pos.errors import PosError
from pos.money import Money
from pos.sales.cart import Cart, CartLine, Discount, parse_quantity
from pos.sales.cart_edits import set_customer, tried
from ui.table_model import ROOT, AnyIndex, TableModel


class Column(enum.IntEnum):
    NAME = 0
    QUANTITY = 1
    UNIT_PRICE = 2
    DISCOUNT = 3
    TOTAL = 4


class CartTableModel(TableModel):
    cartChanged = Signal()
    """Lines, discounts or the customer changed: totals and buttons should follow."""
    editRefused = Signal(str)
    """A quantity typed in the table was refused; the message says why."""

    right_columns = frozenset(Column) - {Column.NAME}

    def __init__(self, cart: Cart, locale: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._locale = locale
        self._headers = (self.tr("Item"), self.tr("Qty"), self.tr("Price"),
                         self.tr("Discount"), self.tr("Total"))

    @property
    def cart(self) -> Cart:
        return self._cart

    def line(self, row: int) -> CartLine:
        return self._cart.line(row)

    # changes ----------------------------------------------------------------
    def add(self, edit: Callable[[Cart], int]) -> int:
        """Apply `edit`, which adds to the cart and returns the line's row."""
        trial, row = tried(self._cart, edit)
        if len(trial.lines) > len(self._cart.lines):
            self.beginInsertRows(ROOT, row, row)
            self._cart = trial
            self.endInsertRows()
        else:
            self._cart = trial
            self._rows_changed(row)
        self.cartChanged.emit()
        return row

    def set_quantity(self, row: int, quantity: int) -> None:
        self._change_row(row, lambda cart: cart.set_quantity(row, quantity))

    def set_line_discount(self, row: int, discount: Discount | None) -> None:
        self._change_row(row, lambda cart: cart.set_line_discount(row, discount))

    def remove(self, row: int, approval_id: int | None = None) -> CartLine:
        trial, removed = tried(self._cart, lambda cart: cart.remove(row, approval_id))
        self.beginRemoveRows(ROOT, row, row)
        self._cart = trial
        self.endRemoveRows()
        self.cartChanged.emit()
        return removed

    def set_order_discount(self, discount: Discount | None) -> None:
        self._cart, _ = tried(self._cart, lambda cart: cart.set_order_discount(discount))
        self.cartChanged.emit()

    def set_customer(self, customer_id: int | None, ship_later: bool = False,
                     delivery_address: str | None = None) -> None:
        self._cart, _ = tried(self._cart, lambda cart: set_customer(
            cart, customer_id, ship_later, delivery_address))
        self.cartChanged.emit()

    def replace_cart(self, cart: Cart) -> None:
        """Show another cart (a new sale, a recalled one); refuses a cart whose totals fail."""
        cart.totals()
        self.beginResetModel()
        self._cart = cart
        self.endResetModel()
        self.cartChanged.emit()

    def set_locale(self, locale: str) -> None:
        self._locale = locale
        if self._cart.lines:
            self._rows_changed(0, len(self._cart.lines) - 1)

    def _change_row(self, row: int, edit: Callable[[Cart], object]) -> None:
        self._cart, _ = tried(self._cart, edit)
        self._rows_changed(row)
        self.cartChanged.emit()

    # QAbstractTableModel (ui.table_model.TableModel) ----------------------------
    def _row_count(self) -> int:
        return len(self._cart.lines)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.QUANTITY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _cell(self, row: int, column: int, role: int):
        line = self._cart.lines[row]
        column = Column(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.EditRole and column == Column.QUANTITY:
            return self._quantity_input(line)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            tip = f"{line.item.name} ({line.item.sku})"
            if line.override_reason:
                tip += " — " + self.tr("price: {reason}").format(reason=line.override_reason)
            return tip
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not self._valid(index)
                or index.column() != Column.QUANTITY):
            return False
        row = index.row()
        try:
            quantity = parse_quantity(str(value), self._cart.lines[row].item.unit)
            if quantity != self._cart.lines[row].quantity:
                self.set_quantity(row, quantity)
        except PosError as exc:
            self.editRefused.emit(str(exc))
            return False
        return True

    # display ----------------------------------------------------------------
    def _money(self, minor: int) -> str:
        return Money(minor, self._cart.currency).format(self._locale)

    def _text(self, line: CartLine, column: Column) -> str:
        if column == Column.NAME:
            return line.item.name
        if column == Column.QUANTITY:
            if line.item.unit == "weight":
                return self.tr("{weight} kg").format(weight=format_decimal(
                    Decimal(line.quantity).scaleb(-3), format="#,##0.000", locale=self._locale))
            return format_decimal(line.quantity, locale=self._locale)
        if column == Column.UNIT_PRICE:
            price = self._money(line.unit_price)
            return self.tr("{price}/kg").format(price=price) if line.item.unit == "weight" \
                else price
        base = line.base(self._cart.currency)
        off = line.discount.of(base) if line.discount else Money.zero(self._cart.currency)
        if column == Column.DISCOUNT:
            if not line.discount:
                return ""
            text = "−" + off.format(self._locale)
            if line.discount.percent is not None:
                percent = format_decimal(Decimal(line.discount.percent), locale=self._locale)
                text += f" ({percent} %)"
            return text
        return (base - off).format(self._locale)

    def _quantity_input(self, line: CartLine) -> str:
        if line.item.unit != "weight":
            return str(line.quantity)
        kg = f"{Decimal(line.quantity).scaleb(-3):f}"
        return kg.replace(".", get_decimal_symbol(self._locale))
