"""The part payments taken so far, each with a remove button until the sale is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.sales.orders import Tender
from ui.elided_label import ElidedLabel


class PaymentList(QWidget):
    removeRequested = Signal(int)
    """The cashier pressed remove on the payment at this index."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentList")
        self.setAccessibleName(self.tr("Payments taken"))
        self.locale = locale
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        caption = QLabel(self.tr("Payments"), self)
        caption.setObjectName("paymentsCaption")
        self._layout.addWidget(caption)
        self.empty_label = QLabel(self.tr(
            "None yet. To split, take part by card (F3) or cash (F4), then the rest."), self)
        self.empty_label.setObjectName("noPaymentsLabel")
        self.empty_label.setWordWrap(True)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.rows: list[QWidget] = []

    def set_payments(self, payments: list[Tender], removable: bool = True) -> None:
        for row in self.rows:
            self._layout.removeWidget(row)
            row.hide()
            row.setParent(None)  # gone from findChild at once, not at the next event loop
            row.deleteLater()
        self.rows = [self._row(n, p, removable) for n, p in enumerate(payments)]
        for n, row in enumerate(self.rows):
            self._layout.insertWidget(2 + n, row)
            row.show()  # a layout shows new rows only at the next event loop
        self.empty_label.setVisible(not payments)

    def describe(self, payment: Tender) -> str:
        """'Visa ···· 4242', 'Card' or 'Cash': never more of a card than brand and last four."""
        if payment.kind != "card":
            return self.tr("Cash")
        text = payment.card_brand or self.tr("Card")
        return f"{text} ···· {payment.card_last4}" if payment.card_last4 else text

    def _row(self, index: int, payment: Tender, removable: bool) -> QWidget:
        row = QWidget(self)
        row.setObjectName(f"payment_{index}")
        row.setProperty("paymentRow", True)
        row.setMinimumHeight(52)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 2, 2, 2)
        what = ElidedLabel(self.describe(payment), row)  # "Master…·· 4242" if narrow
        what.setObjectName("paymentWhat")
        amount = QLabel(payment.amount.format(self.locale), row)
        amount.setObjectName("paymentAmount")
        amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(what, 1)
        layout.addWidget(amount)
        remove = QPushButton(self.tr("Remove"), row)
        remove.setObjectName(f"removePayment_{index}")
        remove.setProperty("removePayment", True)
        remove.setAccessibleName(self.tr("Remove the payment {what}, {amount}").format(
            what=what.full_text(), amount=amount.text()))
        remove.setAutoDefault(False)
        remove.setMinimumSize(88, 48)
        remove.setVisible(removable)
        remove.clicked.connect(lambda _=False, i=index: self.removeRequested.emit(i))
        layout.addWidget(remove)
        return row
