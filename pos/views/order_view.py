"""Orders as plain dicts for the command line, JSON/CSV output and the windows.

Amounts are exact decimal strings in major units ("12.50") beside the currency,
so a script reading JSON never meets a float.
"""

from __future__ import annotations

from collections import defaultdict

import peewee  # imported here so these additions leave the module's head untouched

from pos.money import Money
from pos.sales.orders import receipt_label
from pos.store.models import Customer, Order, OrderEvent, OrderLine, Payment, Refund, RefundPart


def _amount(minor: int, currency: str) -> str:
    return f"{Money(minor, currency).to_decimal():f}"


def _stamp(value) -> str | None:
    return value.isoformat() if value else None


def tenders_by_order(order_ids: list[int]) -> dict[int, list[str]]:
    """The tenders of many orders in one query (no query per row)."""
    found: dict[int, list[str]] = defaultdict(list)
    if order_ids:
        rows = (Payment.select(Payment.order, Payment.tender)
                .where(Payment.order.in_(order_ids)).order_by(Payment.id).tuples())
        for order_id, tender in rows:
            if tender not in found[order_id]:
                found[order_id].append(tender)
    return found


def order_summary(order: Order, tenders: list[str]) -> dict:
    c = order.currency
    return {
        "uuid": order.uuid,
        "receipt": receipt_label(order) if order.receipt_no else None,
        "terminal": order.terminal_id,
        "status": order.status,
        "currency": c,
        "subtotal": _amount(order.subtotal, c),
        "discount": _amount(order.discount, c),
        "tax": _amount(order.tax, c),
        "total": _amount(order.total, c),
        "rounding": _amount(order.rounding, c),
        "paid": _amount(order.paid, c),
        "refunded": _amount(order.refunded, c),
        "tenders": tenders,
        "customer_id": order.customer_id,
        "ship_later": bool(order.ship_later),
        "created_at": _stamp(order.created_at),
        "paid_at": _stamp(order.paid_at),
        "shipped_at": _stamp(order.shipped_at),
        "completed_at": _stamp(order.completed_at),
        "cancelled_at": _stamp(order.cancelled_at),
    }


def order_detail(order: Order) -> dict:
    c = order.currency
    payments = list(order.payments.order_by(Payment.id))
    data = order_summary(order, list(dict.fromkeys(p.tender for p in payments)))
    data["delivery_address"] = order.delivery_address
    inclusive = order.tax_mode == "inclusive"
    # "amount": the line at its price before discounts, in the subtotal's terms (tax
    # included only when prices include it), as the receipt prints it: quantity × unit
    # price, and the lines less their discounts add up to the subtotal.
    data["lines"] = [
        {
            "line": ln.line_no, "sku": ln.sku, "name": ln.name, "unit": ln.unit,
            "quantity": ln.quantity, "unit_price": _amount(ln.unit_price, c),
            "list_price": _amount(ln.list_price, c), "override_reason": ln.override_reason,
            "discount": _amount(ln.discount, c), "tax_code": ln.tax_code,
            "tax_rate_ppm": ln.tax_rate_ppm, "net": _amount(ln.net, c),
            "tax": _amount(ln.tax, c), "gross": _amount(ln.gross, c),
            "amount": _amount((ln.gross if inclusive else ln.net) + ln.discount, c),
            "refunded_quantity": ln.refunded_quantity,
        }
        for ln in order.lines.order_by(OrderLine.line_no)
    ]
    data["payments"] = [
        {
            "tender": p.tender, "status": p.status, "amount": _amount(p.amount, c),
            "fee": _amount(p.fee, c), "net": _amount(p.net, c),
            "tendered": _amount(p.tendered, c) if p.tendered is not None else None,
            "change": _amount(p.change, c), "gateway_ref": p.gateway_ref,
            "card_brand": p.card_brand, "card_last4": p.card_last4,
            "created_at": _stamp(p.created_at),
        }
        for p in payments
    ]
    parts = _refund_parts(order)
    data["refunds"] = [
        {"amount": _amount(r.amount, c), "tender": r.tender, "reason": r.reason,
         "restock": bool(r.restock), "created_at": _stamp(r.created_at),
         "parts": parts.get(r.id, [])}
        for r in order.refunds.order_by(Refund.id)
    ]
    data["timeline"] = [
        {"at": _stamp(e.at), "from": e.from_status, "to": e.to_status, "note": e.note}
        for e in order.events.order_by(OrderEvent.at, OrderEvent.id)
    ]
    return data


def _refund_parts(order: Order) -> dict[int, list[dict]]:
    """Where each refund of `order` went back, part by part (one query): the tender and
    amount of each part, with the card's brand and last four digits."""
    c = order.currency
    found: dict[int, list[dict]] = defaultdict(list)
    rows = (RefundPart.select(RefundPart, Payment).join(Payment)
            .where(Payment.order == order.id).order_by(RefundPart.id))
    for part in rows:
        found[part.refund_id].append({
            "tender": part.tender, "amount": _amount(part.amount, c),
            "card_brand": part.payment.card_brand, "card_last4": part.payment.card_last4})
    return found


def item_counts_by_order(order_ids: list[int]) -> dict[int, int]:
    """How many items each order has, in one query: pieces, and a weighed line as one item
    (its quantity is grams), as a receipt would count them."""
    if not order_ids:
        return {}
    pieces = peewee.Case(None, ((OrderLine.unit == "weight", 1),), OrderLine.quantity)
    rows = (OrderLine.select(OrderLine.order, peewee.fn.SUM(pieces))
            .where(OrderLine.order.in_(order_ids)).group_by(OrderLine.order).tuples())
    return {order_id: int(count or 0) for order_id, count in rows}


def customer_names(customer_ids: list[int]) -> dict[int, str]:
    """The names of many customers in one query (for a page of orders)."""
    ids = sorted({i for i in customer_ids if i is not None})
    if not ids:
        return {}
    rows = Customer.select(Customer.id, Customer.name).where(Customer.id.in_(ids)).tuples()
    return dict(rows)
