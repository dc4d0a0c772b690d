"""Parked carts: a sale put aside (the customer forgot something) and recalled later.

Parked carts are stored in the database as JSON so they survive a restart.
"""

from __future__ import annotations

from pos.errors import InputError, NotFound
from pos.sales.cart import Cart
from pos.store.db import database, translate_errors
from pos.store.models import ParkedCart


def park(cart: Cart, terminal_id: str, label: str = "") -> ParkedCart:
    if cart.is_empty:
        raise InputError("There is nothing to park: the sale is empty.")
    totals = cart.totals()
    label = label.strip() or f"{len(cart.lines)} lines, {totals.total}"
    with translate_errors(), database.atomic():
        return ParkedCart.create(terminal_id=terminal_id, label=label, payload=cart.to_json())


def parked(terminal_id: str) -> list[ParkedCart]:
    return list(ParkedCart.select().where(ParkedCart.terminal_id == terminal_id)
                .order_by(ParkedCart.created_at))


def recall(parked_id: int) -> Cart:
    """Take a parked cart back; it leaves the parked list in the same transaction."""
    with translate_errors(), database.atomic():
        row = ParkedCart.get_or_none(ParkedCart.id == parked_id)
        if row is None:
            raise NotFound("That parked sale was already recalled.")
        cart = Cart.from_json(row.payload)
        row.delete_instance()
    return cart
