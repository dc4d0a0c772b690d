"""Reading a discount the cashier typed, as a percentage or as an amount of money."""

from __future__ import annotations

from pos.errors import InputError
from pos.money import parse_money
from pos.sales.cart import Discount

KINDS = ("percent", "amount")


def parse_discount(text: str, kind: str, currency: str, locale: str) -> Discount:
    """'10' as a percent is 10 %; '1,50' as an amount is 1.50 in the store's currency.

    A trailing '%' always means a percentage.
    """
    raw = (text or "").strip()
    if kind not in KINDS:
        raise ValueError(f"a discount is a percent or an amount, not {kind!r}")
    if kind == "percent" or raw.endswith("%"):
        return Discount.parse_percent(raw)
    amount = parse_money(raw, currency, locale, what="discount")
    if amount.minor <= 0:
        raise InputError("A discount must be more than 0.")
    return Discount(amount=amount.minor)
