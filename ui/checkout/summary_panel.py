"""The left side of the checkout: amount due, cash rounding, paid, still due, payments, change.

It only shows a `TenderPlan` (and, once saved, the order); it decides nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from pos.money import Money
from pos.sales.cart import Cart, Totals
from pos.sales.orders import Tender
from pos.sales.tendering import TenderPlan
from pos.store.models import Order
from ui.checkout.payment_list import PaymentList
from ui.fit_label import FitLabel

WIDTH = 380
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class SummaryPanel(QWidget):
    removeRequested = Signal(int)
    """Remove was pressed on the part payment at this index."""

    def __init__(self, cart: Cart, totals: Totals, locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutSummary")
        self.setFixedWidth(WIDTH)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the white card
        self.locale = locale
        box = QVBoxLayout(self)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(6)
        box.addWidget(self._label("dueCaption", self.tr("Amount due")))
        self.due_label = self._figure("dueLabel", self.tr("Amount due"))
        self.due_label.setAlignment(_RIGHT)
        self.due_label.setText(totals.total.format(locale))
        box.addWidget(self.due_label)
        items = sum(1 if ln.item.unit == "weight" else ln.quantity for ln in cart.lines)
        count = (self.tr("1 item") if items == 1
                 else self.tr("{count} items").format(count=items))
        box.addWidget(self._label("itemCountLabel", self.tr("{items} · tax {tax}").format(
            items=count, tax=totals.tax.format(locale))))

        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.rounding_caption = self._label("roundingCaption", self.tr("Cash rounding"))
        self.rounding_label = self._figure("roundingLabel", self.tr("Cash rounding"))
        self.paid_caption = self._label("paidCaption", self.tr("Paid"))
        self.paid_label = self._figure("paidLabel", self.tr("Paid so far"))
        self.remaining_caption = self._label("remainingCaption", self.tr("Still due"))
        self.remaining_label = self._figure("remainingLabel", self.tr("Still due"))
        for row, (caption, value) in enumerate(((self.rounding_caption, self.rounding_label),
                                                 (self.paid_caption, self.paid_label),
                                                 (self.remaining_caption, self.remaining_label))):
            value.setAlignment(_RIGHT)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        box.addLayout(grid)

        self.payment_list = PaymentList(locale, self)
        self.payment_list.removeRequested.connect(self.removeRequested)
        scroll = QScrollArea(self)
        scroll.setObjectName("paymentScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.payment_list)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        box.addWidget(scroll, 1)

        change_box = QWidget(self)
        change_box.setObjectName("changeBox")
        change_layout = QVBoxLayout(change_box)
        change_layout.setContentsMargins(16, 8, 16, 8)
        change_layout.addWidget(self._label("changeCaption", self.tr("Change due")))
        self.change_label = self._figure("changeLabel", self.tr("Change due"))
        self.change_label.setAlignment(_RIGHT)
        change_layout.addWidget(self.change_label)
        box.addWidget(change_box)
        self.show_change(None)

    def _figure(self, name: str, accessible: str) -> QLabel:
        """An amount: set in smaller type, never cut off, when it is too wide."""
        return self._label(name, accessible=accessible, kind=FitLabel)

    def _label(self, name: str, text: str = "", accessible: str | None = None,
               kind: type[QLabel] = QLabel) -> QLabel:
        label = kind(text, self)
        label.setObjectName(name)
        if accessible:
            label.setAccessibleName(accessible)
        return label

    def show_plan(self, plan: TenderPlan, kind: str, removable: bool = True) -> None:
        """What a final payment of `kind` must bring, after the part payments in `plan`
        (which can be removed only while nothing is in flight)."""
        rounding = plan.rounding(kind)
        self.rounding_label.setText(("+" if rounding.minor > 0 else "") + self._fmt(rounding))
        self._show_row(self.rounding_caption, self.rounding_label, bool(rounding.minor))
        self.paid_label.setText(self._fmt(plan.paid))
        self._show_row(self.paid_caption, self.paid_label, bool(plan.payments))
        self.remaining_label.setText(self._fmt(plan.due(kind)))
        self.payment_list.set_payments(plan.payments, removable=removable)

    def show_saved(self, order: Order) -> None:
        """The sale as saved: all paid, the payments as applied, none removable."""
        self.paid_label.setText(self._fmt(Money(order.paid, order.currency)))
        self._show_row(self.paid_caption, self.paid_label, True)
        self.remaining_label.setText(self._fmt(Money.zero(order.currency)))
        self.payment_list.set_payments(saved_tenders(order), removable=False)

    def show_change(self, change: Money | None) -> None:
        """The change due, or a grey '—' while the cash does not cover what is due."""
        self.change_label.setText("—" if change is None else self._fmt(change))
        pending = change is None
        if self.change_label.property("pending") != pending:
            self.change_label.setProperty("pending", pending)
            self.change_label.style().unpolish(self.change_label)
            self.change_label.style().polish(self.change_label)

    @staticmethod
    def _show_row(caption: QLabel, value: QLabel, visible: bool) -> None:
        caption.setVisible(visible)
        value.setVisible(visible)

    def _fmt(self, money: Money) -> str:
        return money.format(self.locale)


def saved_tenders(order: Order) -> list[Tender]:
    """The payments as saved (cash shows what it paid, not what was handed over)."""
    return [Tender(p.tender, Money(p.amount, order.currency), card_brand=p.card_brand,
                   card_last4=p.card_last4) for p in order.payments]
