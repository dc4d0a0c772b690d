"""Words and formats the history page shares: status and tender names, times, amounts.

The core names statuses and tenders by their stored values ("partially_refunded",
"card"); a cashier reads them in the store's language, so every name passes
through Qt's translation here, once, for the table, the filters, the details and
the refund dialog alike. Times are stored in UTC and shown in the terminal's
local time, written the store locale's way with a four-digit year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from pos.money import Money
from pos.sales.order_states import Status
from pos.store.models import to_micros

# Every string is a literal in a `QCoreApplication.translate` call, so that lupdate
# finds it: it does not follow a helper that passes the text through.


def status_label(status: str) -> str:
    """The translated name of an order status, as a cashier would say it."""
    names = {
        Status.PENDING_PAYMENT: QCoreApplication.translate("OrderHistory", "Unpaid"),
        Status.PAID: QCoreApplication.translate("OrderHistory", "Paid"),
        Status.SHIPPED: QCoreApplication.translate("OrderHistory", "Shipped"),
        Status.COMPLETED: QCoreApplication.translate("OrderHistory", "Completed"),
        Status.CANCELLED: QCoreApplication.translate("OrderHistory", "Cancelled"),
        Status.PARTIALLY_REFUNDED: QCoreApplication.translate("OrderHistory", "Partly refunded"),
        Status.REFUNDED: QCoreApplication.translate("OrderHistory", "Refunded"),
    }
    try:
        return names[Status(status)]
    except ValueError:
        return str(status)


def event_label(from_status: str | None, to_status: str) -> str:
    """A timeline entry's name: the first event is the order's creation."""
    if from_status is None:
        return QCoreApplication.translate("OrderHistory", "Created")
    return status_label(to_status)


def tender_label(tender: str) -> str:
    if tender == "cash":
        return QCoreApplication.translate("OrderHistory", "Cash")
    if tender == "card":
        return QCoreApplication.translate("OrderHistory", "Card")
    return tender


def tenders_text(tenders: list[str]) -> str:
    """'Cash', 'Card + Cash', or '—' for an order with no payment yet."""
    return " + ".join(tender_label(t) for t in tenders) if tenders else "—"


def card_text(brand: str | None, last4: str | None) -> str:
    """A card as the cashier sees it: "Visa •••• 4242", or "the card" when unknown."""
    if brand or last4:
        return QCoreApplication.translate("OrderHistory", "{brand} •••• {last4}").format(
            brand=(brand or QCoreApplication.translate("OrderHistory", "Card")).title(),
            last4=last4 or "????").strip()
    return QCoreApplication.translate("OrderHistory", "the card")


def refund_split_text(shares, currency: str, locale: str) -> str:
    """Where a refund's money goes, in plain words for the cashier: "Give back €4.15 in
    cash; €3.16 goes back to Visa •••• 4242." `shares` are `pos.sales.orders.RefundShare`s (or
    anything with tender, amount in minor units, card_brand and card_last4)."""
    pieces = []
    for share in sorted(shares, key=lambda s: s.tender != "cash"):  # the drawer's first
        amount = money_text(share.amount, currency, locale)
        if share.tender == "cash":
            pieces.append(QCoreApplication.translate(
                "OrderHistory", "give back {amount} in cash").format(amount=amount))
        else:
            pieces.append(QCoreApplication.translate(
                "OrderHistory", "{amount} goes back to {card}").format(
                amount=amount, card=card_text(share.card_brand, share.card_last4)))
    if not pieces:
        return ""
    text = QCoreApplication.translate("OrderHistory", "; ").join(pieces)
    return QCoreApplication.translate("OrderHistory", "{split}.").format(
        split=text[:1].upper() + text[1:])


def items_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("OrderHistory", "1 item")
    return QCoreApplication.translate("OrderHistory", "{count} items").format(count=count)


@lru_cache(maxsize=16)
def _datetime_format(locale: str) -> tuple[QLocale, str]:
    """The locale and its short date and time, the year written in full (14.03.2025 10:05)."""
    loc = QLocale(locale)
    date = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in date:
        date = date.replace("yy", "yyyy")
    return loc, f"{date} {loc.timeFormat(QLocale.FormatType.ShortFormat)}"


def local_time_text(value: dt.datetime | str | None, locale: str) -> str:
    """An aware UTC datetime (or its ISO text) in this terminal's local time."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    stamp = QDateTime.fromMSecsSinceEpoch(to_micros(value) // 1000)  # local time
    loc, fmt = _datetime_format(locale)
    return loc.toString(stamp, fmt)


def money_text(minor: int, currency: str, locale: str) -> str:
    return Money(minor, currency).format(locale)


def amount_text(amount: str, currency: str, locale: str) -> str:
    """An `order_view` amount ("12.50", exact major units) in the store's money format."""
    return Money.from_major(Decimal(amount), currency).format(locale)
