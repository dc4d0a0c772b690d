"""The order state machine: the only moves an order can make.

pending_payment → paid → shipped → completed, pending_payment → cancelled, and
paid/shipped/completed → partially_refunded → refunded. Anything else raises
`StateError` and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from pos.errors import StateError


class Status(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


_REFUNDS = {Status.PARTIALLY_REFUNDED, Status.REFUNDED}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PENDING_PAYMENT: frozenset({Status.PAID, Status.CANCELLED}),
    Status.PAID: frozenset({Status.SHIPPED, Status.COMPLETED} | _REFUNDS),
    Status.SHIPPED: frozenset({Status.COMPLETED} | _REFUNDS),
    Status.COMPLETED: frozenset(_REFUNDS),
    Status.PARTIALLY_REFUNDED: frozenset(_REFUNDS),  # a further partial refund stays here
    Status.CANCELLED: frozenset(),
    Status.REFUNDED: frozenset(),
}


def parse_status(text: str) -> Status:
    try:
        return Status(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise StateError(f"{text!r} is not an order status; use one of {choices}.") from None


def can_move(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]


def check_move(current: str, target: str, what: str = "The order") -> None:
    if not can_move(current, target):
        raise StateError(
            f"{what} is {Status(current).label}, so it cannot become {Status(target).label}."
        )
