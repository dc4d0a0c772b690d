"""What a scanned or typed code puts in the cart.

A scale label carries a weight or a price; a weighed product without one needs
the weight typed; a count typed before the code ("3*4006381333931") rings up
that many pieces. The register asks for what is missing and calls `add_scan`.
"""

from __future__ import annotations

import re

from pos.catalogue.products import ScanResult
from pos.errors import InputError
from pos.sales.cart import MAX_QUANTITY, Cart
from pos.sales.register_items import item_for

_COUNT = re.compile(r"\s*(\d{1,4})\s*[*xX×]\s*(\S.*)")


def parse_entry(text: str) -> tuple[int, str]:
    """Split a typed entry into a count and a code: '3*SKU1' → (3, 'SKU1'), 'SKU1' → (1, 'SKU1')."""
    match = _COUNT.fullmatch(text or "")
    if match is None:
        return 1, (text or "").strip()
    count = int(match.group(1))
    if not 1 <= count <= MAX_QUANTITY:
        raise InputError(f"Type a count from 1 to {MAX_QUANTITY:,} before the '*'.")
    return count, match.group(2).strip()


def needs_weight(scan: ScanResult) -> bool:
    """True when the product is sold by weight and the code carried neither weight nor price."""
    return scan.product.unit == "weight" and scan.weight_grams is None and scan.price is None


def check_count(scan: ScanResult, quantity: int) -> None:
    """Refuse a count typed before a code that names one weighed or priced piece: the
    register asks this before it asks for a weight, so the cashier never weighs an item
    only to have the line refused."""
    if quantity == 1:
        return
    product = scan.product
    if needs_weight(scan):
        raise InputError(f"{product.name} is sold by weight, not counted: scan it without "
                         f"'{quantity}*' and type its weight.")
    if scan.price is not None or product.unit == "weight":
        raise InputError(f"{product.name} cannot be multiplied: scan each label or weigh it.")


def add_scan(cart: Cart, scan: ScanResult, quantity: int = 1,
             weight_grams: int | None = None) -> int:
    """Add what `scan` names and return the cart line it went to.

    `weight_grams` is the weight typed for a weighed product whose code had none.
    """
    product = scan.product
    item = item_for(product)
    check_count(scan, quantity)
    if scan.price is not None:
        return cart.add(item, label_price=scan.price)
    if scan.weight_grams is not None:
        if product.unit != "weight":
            raise InputError(f"{product.name} is sold by the piece, but its label carries a "
                             "weight. Scan the product's own barcode.")
        return cart.add(item, weight_grams=scan.weight_grams)
    if product.unit == "weight":
        return cart.add(item, weight_grams=weight_grams)
    return cart.add(item, quantity)
