"""The totals of the sale, in the store's currency and locale; the total in large type.

It only shows `Cart.totals()` (and the cash amount due when the store rounds
cash); every figure is computed in `pos.sales.cart`. The total is drawn as large as
the column allows: a total in the millions (¥1,234,567.89) is set in a
smaller type rather than cut off.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from pos.sales.cart import Cart
from pos.tax import PPM, TaxMode
from ui.fit_label import FitLabel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        self.setAccessibleName(self.tr("Totals"))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(14, 10, 14, 10)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 1)
        self.subtotal_label = self._value("subtotalLabel", self.tr("Subtotal"))
        self.discount_label = self._value("discountLabel", self.tr("Discounts"))
        self.total_label = self._value("totalLabel", self.tr("Total"), FitLabel)
        self.cash_label = self._value("cashDueLabel", self.tr("Cash, rounded"))
        self._tax_rows: list[tuple[QLabel, QLabel]] = []
        self._fixed_rows = [
            (QLabel(self.tr("Subtotal"), self), self.subtotal_label),
            (QLabel(self.tr("Discounts"), self), self.discount_label),
        ]
        self._total_caption = QLabel(self.tr("Total"), self)
        self._total_caption.setObjectName("totalCaption")
        self._cash_caption = QLabel(self.tr("Cash, rounded"), self)

    def _value(self, name: str, accessible_name: str = "", kind: type[QLabel] = QLabel) -> QLabel:
        label = kind(self)
        label.setObjectName(name)
        label.setAlignment(_RIGHT)
        label.setAccessibleName(accessible_name)
        return label

    def show_cart(self, cart: Cart, locale: str, cash_rounding: int = 0) -> None:
        totals = cart.totals()
        self.subtotal_label.setText(totals.subtotal.format(locale))
        self.discount_label.setText(
            ("−" + totals.discount.format(locale)) if totals.discount else "—")
        while len(self._tax_rows) < len(totals.by_rate):  # one caption and value per rate
            pair = (QLabel(self), self._value("taxValue"))
            pair[0].setObjectName("taxCaption")
            self._tax_rows.append(pair)
        rows = self._fixed_rows + self._tax_rows[:len(totals.by_rate)]
        for (caption, value), rate in zip(self._tax_rows, totals.by_rate, strict=False):
            caption.setText(self._tax_caption(cart.tax_mode, rate.rate_ppm, locale))
            value.setAccessibleName(caption.text())
            value.setText(rate.tax.format(locale))
        for caption, value in self._tax_rows[len(totals.by_rate):]:
            self.grid.removeWidget(caption)
            self.grid.removeWidget(value)
            caption.hide()
            value.hide()
        for row, (caption, value) in enumerate(rows):
            self.grid.addWidget(caption, row, 0)
            self.grid.addWidget(value, row, 1)
            caption.show()
            value.show()
        row = len(rows)
        self.grid.addWidget(self._total_caption, row, 0, 1, 2)
        self.grid.addWidget(self.total_label, row + 1, 0, 1, 2)
        self.total_label.setText(totals.total.format(locale))
        due = totals.due("cash", cash_rounding)
        rounded = due != totals.total
        self.grid.addWidget(self._cash_caption, row + 2, 0)
        self.grid.addWidget(self.cash_label, row + 2, 1)
        self._cash_caption.setVisible(rounded)
        self.cash_label.setVisible(rounded)
        self.cash_label.setText(due.format(locale) if rounded else "")

    def _tax_caption(self, mode: TaxMode, rate_ppm: int, locale: str) -> str:
        percent = format_decimal(Decimal(rate_ppm) * 100 / PPM, locale=locale)
        if mode == TaxMode.INCLUSIVE:
            return self.tr("incl. tax {percent} %").format(percent=percent)
        return self.tr("Tax {percent} %").format(percent=percent)
