"""The receipt as data: everything a receipt shows, read once from a saved order.

Every renderer (text, ESC/POS, PDF, the system printer) works from this frozen
value, never from the database, so printing can run on a worker thread and a
reprint shows exactly what the store holds. Cards show brand, last four digits
and the gateway's reference only: the store never has more of a card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pos.money import Money
from pos.sales.orders import receipt_label
from pos.settings import StoreSettings
from pos.store.models import Order, OrderLine, Payment, Refund, RefundPart


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int  # pieces, or grams when `unit` is "weight"
    unit: str
    unit_price: Money  # per piece, or per kilogram
    discount: Money
    total: Money


@dataclass(frozen=True)
class TaxRow:
    rate_ppm: int
    net: Money
    tax: Money


@dataclass(frozen=True)
class TenderRow:
    kind: str  # "cash" or "card"
    amount: Money
    tendered: Money | None = None
    change: Money | None = None
    card_brand: str | None = None
    card_last4: str | None = None
    gateway_ref: str | None = None  # the gateway's reference: a wallet's trade number
    wallet: str | None = None  # a wallet payment through the gateway ("alipay", ...)
    buyer: str | None = None  # its buyer's account, masked by the gateway


@dataclass(frozen=True)
class Receipt:
    kind: str  # "sale" or "refund"
    locale: str
    currency: str
    store_name: str
    store_address: str
    tax_number: str
    header: str
    footer: str
    number: str  # the receipt label, e.g. T1-000042
    order_uuid: str
    at: dt.datetime  # local time
    terminal: str
    cashier: str
    lines: tuple[ReceiptLine, ...]
    subtotal: Money
    discount: Money
    tax: Money
    tax_included: bool
    taxes: tuple[TaxRow, ...]
    total: Money
    rounding: Money
    tenders: tuple[TenderRow, ...]
    copy: bool = False
    reason: str = ""
    qr: str = field(default="")
    refunds: tuple[TenderRow, ...] = ()  # a sale's copy: what was given back since, where

    @property
    def opens_drawer(self) -> bool:
        """Cash changed hands: a cash sale, or a refund paid out in cash (never a copy)."""
        return not self.copy and any(t.kind == "cash" for t in self.tenders)


def order_cashier(order: Order, default: str = "") -> str:
    """Who rang the sale up: the name saved on the order as signed in at the sale
    (`cashier_name`, migration 0006); `default` (the signed-in cashier) only for an order
    saved without one (before the store had staff)."""
    return order.cashier_name or default


def qr_payload(order: Order) -> str:
    """What the receipt's QR code carries: the order's UUID (the staff issue appends the
    audit-chain hash here once it exists)."""
    return order.uuid


def build_receipt(order: Order, settings: StoreSettings, *, cashier: str = "",
                  copy: bool = False) -> Receipt:
    """The receipt of a saved (paid) order; `copy` marks a reprint."""
    c = order.currency
    inclusive = order.tax_mode == "inclusive"
    # Each line at its price before discounts, in the subtotal's terms (tax included only
    # when prices include it), so the lines less their discounts add up to the subtotal.
    lines = tuple(
        ReceiptLine(ln.name, ln.quantity, ln.unit, Money(ln.unit_price, c),
                    Money(ln.discount, c),
                    Money((ln.gross if inclusive else ln.net) + ln.discount, c))
        for ln in order.lines.order_by(OrderLine.line_no))
    tenders = tuple(
        TenderRow(p.tender, Money(p.amount, c),
                  Money(p.tendered, c) if p.tendered is not None else None,
                  Money(p.change, c) if p.tender == "cash" else None,
                  p.card_brand, p.card_last4, p.gateway_ref, p.wallet, p.buyer)
        for p in order.payments.order_by(Payment.id))
    return Receipt(
        kind="sale", copy=copy, **_store(settings), currency=c,
        number=receipt_label(order), order_uuid=order.uuid,
        at=(order.paid_at or order.created_at).astimezone(), terminal=order.terminal_id,
        cashier=order_cashier(order, cashier), lines=lines,
        subtotal=Money(order.subtotal, c), discount=Money(order.discount, c),
        tax=Money(order.tax, c), tax_included=order.tax_mode == "inclusive",
        taxes=_tax_rows(order), total=Money(order.total, c),
        rounding=Money(order.rounding, c), tenders=tenders, qr=qr_payload(order),
        refunds=_refund_rows(order) if copy else ())


def _refund_rows(order: Order) -> tuple[TenderRow, ...]:
    """Every refund of the order so far, one row per part (where the money went back)."""
    c = order.currency
    rows = []
    for refund in order.refunds.order_by(Refund.id):
        rows += _refund_tenders(refund, Money(refund.amount, c))
    return tuple(rows)


def build_refund_receipt(refund: Refund, settings: StoreSettings, *, cashier: str = "",
                         copy: bool = False) -> Receipt:
    """The receipt of one refund: the lines and amount given back, to which tender."""
    order = refund.order
    c = order.currency
    lines = tuple(
        ReceiptLine(rl.order_line.name, rl.quantity, rl.order_line.unit,
                    Money(rl.order_line.unit_price, c), Money(0, c), Money(rl.amount, c))
        for rl in refund.lines.join(OrderLine).order_by(OrderLine.line_no))
    amount = Money(refund.amount, c)
    return Receipt(
        kind="refund", copy=copy, **_store(settings), currency=c,
        number=receipt_label(order), order_uuid=order.uuid,
        at=refund.created_at.astimezone(), terminal=order.terminal_id,
        cashier=order_cashier(order, cashier), lines=lines, subtotal=amount,
        discount=Money(0, c), tax=Money(0, c), tax_included=order.tax_mode == "inclusive",
        taxes=(), total=amount, rounding=Money(0, c),
        tenders=_refund_tenders(refund, amount), reason=refund.reason or "",
        qr=qr_payload(order))


def _refund_tenders(refund: Refund, amount: Money) -> tuple[TenderRow, ...]:
    """Where the refund went back, one row per part (cash from the drawer, each card part
    to its card); a refund saved with no parts (nothing to give back) shows its tender."""
    c = amount.currency
    rows = tuple(
        TenderRow(part.tender, Money(part.amount, c), card_brand=part.payment.card_brand,
                  card_last4=part.payment.card_last4, gateway_ref=part.payment.gateway_ref,
                  wallet=part.payment.wallet, buyer=part.payment.buyer)
        for part in RefundPart.select(RefundPart, Payment).join(Payment)
        .where(RefundPart.refund == refund.id).order_by(RefundPart.id))
    return rows or (TenderRow(refund.tender, amount),)


def _store(settings: StoreSettings) -> dict:
    return dict(locale=settings.locale, store_name=settings.store_name,
                store_address=settings.store_address, tax_number=settings.tax_number,
                header=settings.receipt_header, footer=settings.receipt_footer)


def _tax_rows(order: Order) -> tuple[TaxRow, ...]:
    """Net and tax per rate, highest rate first, summed from the frozen lines (so the
    rows add up to the order's tax, to the unit)."""
    sums: dict[int, list[int]] = {}
    for rate, net, tax in order.lines.select(
            OrderLine.tax_rate_ppm, OrderLine.net, OrderLine.tax).tuples():
        row = sums.setdefault(rate, [0, 0])
        row[0] += net
        row[1] += tax
    c = order.currency
    return tuple(TaxRow(rate, Money(net, c), Money(tax, c))
                 for rate, (net, tax) in sorted(sums.items(), reverse=True))

