"""Stock at the till: what the catalogue says is left, and a sale that takes more.

Decision: a product the catalogue shows with too little stock still sells, with a
warning in plain words. At a till the goods are in the customer's hand, and a stock
count is often behind the shelf (a delivery not yet booked, a miscount); refusing would
turn away a paying customer for a number that is wrong. Square and Shopify POS let an
in-person sale take stock below zero, and Lightspeed warns with "Continue anyway"; we do
the same: the cashier is told, the sale goes on, and the count shows below zero until
someone corrects it. `shortage` says when to warn; the words are the window's.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.sales.cart import Cart
from pos.store.db import translate_errors
from pos.store.models import Product


@dataclass(frozen=True)
class Shortage:
    """The cart takes `in_cart` of a product whose stock is `in_stock` (pieces, or grams
    for a weighed product; it may be zero or below)."""

    name: str
    unit: str
    in_stock: int
    in_cart: int


def shortage(cart: Cart, product_id: int | None) -> Shortage | None:
    """The product's stock when the cart's lines of it come to more than the catalogue
    holds; None when there is enough (or the line is not a catalogue product)."""
    if product_id is None:
        return None
    in_cart = sum(line.quantity for line in cart.lines if line.item.product_id == product_id)
    with translate_errors():
        product = Product.get_or_none(Product.id == product_id)
    if product is None or in_cart <= product.stock:
        return None
    return Shortage(product.name, product.unit, product.stock, in_cart)
