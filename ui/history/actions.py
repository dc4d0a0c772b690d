"""Which of the history's actions an order allows, so the buttons can say so in advance.

This only greys buttons out: the services in `pos.sales.orders` decide, and refuse
an illegal move with a `StateError` whatever a button showed (the order may
have changed on another screen since it was drawn). Moves come from the state
machine (`can_move`); a refund also needs money left to return.
"""

from __future__ import annotations

import enum

from pos.sales.order_states import Status, can_move
from pos.store.models import Order


class Action(enum.Enum):
    REFUND = "refund"
    CANCEL = "cancel"
    SHIP = "ship"
    COMPLETE = "complete"
    REPRINT = "reprint"


TARGETS = {Action.CANCEL: Status.CANCELLED, Action.SHIP: Status.SHIPPED,
           Action.COMPLETE: Status.COMPLETED}
"""The status each state-changing button moves an order to."""


def allowed_actions(order: Order | None) -> frozenset[Action]:
    """The actions worth offering for `order` (none without an order)."""
    if order is None:
        return frozenset()
    found = {action for action, target in TARGETS.items() if can_move(order.status, target)}
    refund_move = (can_move(order.status, Status.PARTIALLY_REFUNDED)
                   or can_move(order.status, Status.REFUNDED))
    if refund_move and order.paid - order.refunded > 0:
        found.add(Action.REFUND)
    if order.receipt_no is not None:  # a saved sale has a receipt to print again
        found.add(Action.REPRINT)
    return frozenset(found)
