"""The details of one order: its lines, payments, refunds and status timeline, and actions.

It shows what `pos.views.order_view.order_detail` returns, in the store's money and
date formats, and holds the action buttons for the order; which of them are
enabled, and what they do, is the history page's business. Of a card payment
it shows only the brand and the last four digits: that is all the store keeps.
"""

from __future__ import annotations

import html
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.store.models import Order
from ui.history.actions import Action
from ui.history.labels import (
    amount_text,
    card_text,
    event_label,
    local_time_text,
    status_label,
    tender_label,
    tenders_text,
)


class OrderDetailsPane(QFrame):
    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetails")
        self.setAccessibleName(self.tr("Order details"))
        self._locale = locale
        self._currency = ""

        self.placeholder = QLabel(self.tr("Choose an order to see its lines, payments "
                                          "and history."), self)
        self.placeholder.setObjectName("historyDetailsPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.title = self._label("historyDetailTitle", self.tr("Receipt"))
        self.title.setWordWrap(False)
        self.status = self._label("historyDetailStatus", self.tr("Order status"))
        self.status.setWordWrap(False)
        self.meta = self._label("historyDetailMeta", self.tr("Order information"))
        self.lines = self._label("historyDetailLines", self.tr("Order lines"))
        self.totals = self._label("historyDetailTotals", self.tr("Order totals"))
        self.payments = self._label("historyDetailPayments", self.tr("Payments"))
        self.refunds = self._label("historyDetailRefunds", self.tr("Refunds"))
        self.timeline = self._label("historyDetailTimeline", self.tr("Status timeline"))
        self.refunds_title = self._section_title(self.tr("Refunds"))

        self.refund_button = self._button("refundButton", self.tr("&Refund…"),
                                          self.tr("Refund"))
        self.cancel_button = self._button("cancelOrderButton", self.tr("Ca&ncel order"),
                                          self.tr("Cancel order"))
        self.ship_button = self._button("markShippedButton", self.tr("Mark s&hipped"),
                                        self.tr("Mark shipped"))
        self.complete_button = self._button("markCompletedButton", self.tr("Mark co&mpleted"),
                                            self.tr("Mark completed"))
        self.reprint_button = self._button("reprintButton", self.tr("R&eprint"),
                                           self.tr("Reprint receipt"))
        self.buttons = {Action.REFUND: self.refund_button, Action.CANCEL: self.cancel_button,
                        Action.SHIP: self.ship_button, Action.COMPLETE: self.complete_button,
                        Action.REPRINT: self.reprint_button}
        self._build_layout()
        self.show_order(None, None)

    # building ------------------------------------------------------------------
    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _section_title(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setProperty("section", True)
        return label

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setMinimumHeight(44)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _build_layout(self) -> None:
        self.content = QWidget(self)
        self.content.setObjectName("historyDetailsContent")
        body = QVBoxLayout(self.content)
        body.setContentsMargins(14, 12, 14, 12)
        body.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(head)
        body.addWidget(self.meta)
        body.addWidget(self._section_title(self.tr("Items")))
        body.addWidget(self.lines)
        body.addWidget(self.totals)
        body.addWidget(self._section_title(self.tr("Payments")))
        body.addWidget(self.payments)
        body.addWidget(self.refunds_title)
        body.addWidget(self.refunds)
        body.addWidget(self._section_title(self.tr("History")))
        body.addWidget(self.timeline)
        body.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setObjectName("historyDetailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.content)
        self.scroll = scroll

        actions = QGridLayout()
        actions.setContentsMargins(14, 8, 14, 12)
        actions.setSpacing(8)
        actions.addWidget(self.refund_button, 0, 0, 1, 2)
        actions.addWidget(self.reprint_button, 0, 2, 1, 2)
        actions.addWidget(self.cancel_button, 0, 4, 1, 2)
        actions.addWidget(self.ship_button, 1, 0, 1, 3)
        actions.addWidget(self.complete_button, 1, 3, 1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

    # showing ---------------------------------------------------------------------
    def set_locale(self, locale: str) -> None:
        """Write amounts and times this locale's way from the next `show_order` on."""
        self._locale = locale

    def set_allowed(self, allowed: frozenset[Action]) -> None:
        for action, button in self.buttons.items():
            button.setEnabled(action in allowed)

    def show_order(self, order: Order | None, detail: dict | None) -> None:
        """Show `detail` (from `order_detail(order)`), or the placeholder for None."""
        self.placeholder.setVisible(detail is None)
        self.scroll.setVisible(detail is not None)
        if detail is None or order is None:
            self.set_allowed(frozenset())
            return
        self._currency = detail["currency"]
        receipt = detail["receipt"]
        self.title.setText(html.escape(self.tr("Receipt {receipt}").format(receipt=receipt)
                                       if receipt else self.tr("Unpaid order")))
        self.status.setText(html.escape(status_label(detail["status"])))
        self.status.setProperty("status", detail["status"])
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._show_meta(order, detail)
        self._show_lines(detail["lines"])
        self._show_totals(detail)
        self.payments.setText(self._payments_html(detail["payments"]))
        refunds = detail["refunds"]
        self.refunds_title.setVisible(bool(refunds))
        self.refunds.setVisible(bool(refunds))
        self.refunds.setText(self._refunds_html(refunds))
        self.timeline.setText(self._timeline_html(detail["timeline"]))
        self.scroll.verticalScrollBar().setValue(0)

    def _money(self, amount: str) -> str:
        return amount_text(amount, self._currency, self._locale)

    def _time(self, stamp: str | None) -> str:
        return local_time_text(stamp, self._locale)

    def _show_meta(self, order: Order, detail: dict) -> None:
        parts = [self._time(detail["created_at"]),
                 self.tr("Terminal {terminal}").format(terminal=detail["terminal"])]
        if order.customer_id is not None and order.customer is not None:
            parts.append(self.tr("Customer: {name}").format(name=order.customer.name))
        rows = [html.escape(" · ".join(parts))]
        if detail["ship_later"]:
            address = detail["delivery_address"] or self.tr("no address given")
            rows.append(html.escape(self.tr("Ship to: {address}").format(address=address)))
        rows.append(f"<span style='color:#5a5a5a'>{html.escape(detail['uuid'])}</span>")
        self.meta.setText("<br>".join(rows))

    def _show_lines(self, lines: list[dict]) -> None:
        """One row per line: the name, with quantity × price, discount and refunds under
        it, and on the right the line's amount before discounts in the subtotal's terms
        (pre-tax in a tax-exclusive store), as the receipt prints it: quantity × price
        gives it, and the lines less their discounts add up to the subtotal."""
        rows = []
        for line in lines:
            notes = [self.tr("{quantity} × {price}").format(
                quantity=self._quantity(line["quantity"], line["unit"]),
                price=self._unit_price(line))]
            if Decimal(line["discount"]):
                notes.append(self.tr("discount {amount}").format(
                    amount=self._money(f"{-Decimal(line['discount'])}")))
            if line["refunded_quantity"]:
                notes.append(self.tr("{quantity} refunded").format(
                    quantity=self._quantity(line["refunded_quantity"], line["unit"])))
            rows.append(_row(line["name"], self._money(line["amount"]), " · ".join(notes)))
        self.lines.setText(_table(rows))

    def _quantity(self, quantity: int, unit: str) -> str:
        if unit == "weight":  # grams
            return self.tr("{weight} kg").format(weight=format_decimal(
                Decimal(quantity).scaleb(-3), format="#,##0.000", locale=self._locale))
        return format_decimal(quantity, locale=self._locale)

    def _unit_price(self, line: dict) -> str:
        price = self._money(line["unit_price"])
        return self.tr("{price}/kg").format(price=price) if line["unit"] == "weight" else price

    def _show_totals(self, detail: dict) -> None:
        rows = [(self.tr("Subtotal"), detail["subtotal"]), (self.tr("Tax"), detail["tax"])]
        if Decimal(detail["discount"]):
            rows.insert(1, (self.tr("Discount"), f"{-Decimal(detail['discount'])}"))
        if Decimal(detail["rounding"]):
            rows.append((self.tr("Cash rounding"), detail["rounding"]))
        cells = [_row(label, self._money(amount)) for label, amount in rows]
        cells.append(_row(self.tr("Total"), self._money(detail["total"]), strong=True))
        cells.append(_row(self.tr("Paid"), self._money(detail["paid"])))
        if Decimal(detail["refunded"]):
            cells.append(_row(self.tr("Refunded"),
                              self._money(f"{-Decimal(detail['refunded'])}")))
        self.totals.setText(_table(cells))

    def _payments_html(self, payments: list[dict]) -> str:
        if not payments:
            return html.escape(self.tr("No payment yet."))
        rows = []
        for p in payments:
            what = tender_label(p["tender"])
            if p["card_brand"] or p["card_last4"]:
                what = self.tr("{tender} · {brand} •••• {last4}").format(
                    tender=what, brand=(p["card_brand"] or "").title(),
                    last4=p["card_last4"] or "????")
            note = ""
            if p["tendered"] is not None and Decimal(p["change"]):
                note = self.tr("given {tendered}, change {change}").format(
                    tendered=self._money(p["tendered"]), change=self._money(p["change"]))
            rows.append(_row(what, self._money(p["amount"]), note))
        return _table(rows)

    def _refunds_html(self, refunds: list[dict]) -> str:
        rows = []
        for r in refunds:
            notes = [self._time(r["created_at"]),
                     self.tr("restocked") if r["restock"] else self.tr("not restocked")]
            if r["reason"]:
                notes.append(r["reason"])
            parts = r.get("parts") or []
            tenders = list(dict.fromkeys(p["tender"] for p in parts)) or [r["tender"]]
            if len(parts) > 1:  # a split sale's refund: how much went back to each
                notes.append(", ".join(self._part_text(p) for p in parts))
            rows.append(_row(self.tr("To {tender}").format(tender=tenders_text(tenders)),
                             self._money(f"{-Decimal(r['amount'])}"), " · ".join(notes)))
        return _table(rows)

    def _part_text(self, part: dict) -> str:
        """One part of a refund: "cash 4.15", "Visa •••• 4242 3.16"."""
        what = (tender_label("cash") if part["tender"] == "cash"
                else card_text(part["card_brand"], part["card_last4"]))
        return self.tr("{payment} {amount}").format(payment=what,
                                                    amount=self._money(part["amount"]))

    def _timeline_html(self, timeline: list[dict]) -> str:
        rows = []
        for event in timeline:
            rows.append(_row(event_label(event["from"], event["to"]), self._time(event["at"]),
                             event["note"] or ""))
        return _table(rows)


def _row(left: str, right: str, note: str = "", strong: bool = False) -> str:
    """One row of a two-column rich-text table: a label (with a grey note under it) and
    a right-aligned value; every piece of text is escaped."""
    extra = (f"<br><span style='color:#5a5a5a'>{html.escape(note)}</span>" if note else "")
    left, right = html.escape(left), html.escape(right)
    if strong:
        left, right = f"<b>{left}</b>", f"<b>{right}</b>"
    return (f"<tr><td>{left}{extra}</td>"
            f"<td align='right' valign='top'>{right}</td></tr>")


def _table(rows: list[str]) -> str:
    return ("<table width='100%' cellspacing='0' cellpadding='2'>" + "".join(rows)
            + "</table>")
