"""Changing a cart all or nothing: each change is made on a copy and checked first.

Some checks run only after a cart method has changed something (a quantity that
makes the line's amount discount larger than the line), and some only when the
totals are computed (an order discount larger than what is left after a line is
removed). Making the change on a copy and computing the copy's totals means the
register's cart is only ever replaced by a cart that is whole: a refused change
leaves the sale exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from pos.card_data import refuse_card_number
from pos.errors import InputError
from pos.sales.cart import Cart

T = TypeVar("T")

MAX_ADDRESS = 500


def copy_cart(cart: Cart) -> Cart:
    """A copy whose lines can be changed without touching `cart` (items are immutable)."""
    return replace(cart, lines=[replace(line) for line in cart.lines],
                   voided=list(cart.voided))


def tried(cart: Cart, edit: Callable[[Cart], T]) -> tuple[Cart, T]:
    """Apply `edit` to a copy of `cart` and check the copy's totals.

    Returns the changed copy and what `edit` returned; raises (leaving `cart`
    untouched) if the edit or the totals refuse.
    """
    trial = copy_cart(cart)
    result = edit(trial)
    trial.totals()
    return trial, result


def set_customer(cart: Cart, customer_id: int | None, ship_later: bool = False,
                 delivery_address: str | None = None) -> None:
    """Attach (or with None detach) a customer; a sale shipped later needs one and an address."""
    address = (delivery_address or "").strip() or None
    if ship_later and customer_id is None:
        raise InputError("Attach a customer before marking the sale to ship later.")
    if ship_later and address is None:
        raise InputError("Give the delivery address to ship this sale later.")
    if address is not None and len(address) > MAX_ADDRESS:
        raise InputError(f"The delivery address is too long (at most {MAX_ADDRESS} characters).")
    refuse_card_number(address)
    cart.customer_id = customer_id
    cart.ship_later = bool(ship_later)
    cart.delivery_address = address if ship_later else None
