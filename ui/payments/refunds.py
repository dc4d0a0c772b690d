"""Refunds of gateway card payments from the order history.

The refund and the attempts that send its card parts back are saved in one
transaction (`pos.payments.attempts.refund_order`); the requests then go out on the
card service's worker. An answer that never comes leaves the attempt open and
reconciliation sends it again with the same key: the card is refunded once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from pos.money import Money
from pos.payments import attempts
from pos.sales.orders import receipt_label
from pos.store.models import Order, PaymentAttempt, Refund
from ui.session import Session

log = logging.getLogger(__name__)


def gateway_refunder(session: Session) -> Callable[..., Refund]:
    """A `refunder` for the refund dialog: saves, then sends each card part back to its
    card (one request per card payment the refund draws on)."""

    def refund_through_gateway(order: Order, quantities: dict[int, int] | None, *,
                               reason: str = "", restock: bool = True,
                               split: dict[int, int] | None = None, actor=None,
                               terminal_id: str | None = None) -> Refund:
        record, requests = attempts.refund_order(
            order, quantities, reason=reason, restock=restock,
            gateway=session.settings.card_gateway, split=split, actor=actor,
            terminal_id=terminal_id)
        service = session.card_service
        for request in requests:
            service.send(request, lambda attempt: _sent(service, attempt),
                         lambda text: _not_sent(service, text))
        return record

    return refund_through_gateway


def _not_sent(service, text: str) -> None:
    """Something other than the gateway failed: the refund is saved and its card part is
    sent again by reconciliation; the cashier hears of it now."""
    service.refundFailed.emit(QCoreApplication.translate(
        "CardService", "The card refund could not be sent yet: {reason} It is sent again "
        "automatically; do not give the money back another way.").format(reason=text))


def _sent(service, attempt: PaymentAttempt) -> None:
    """A refused card refund is the cashier's to settle now (the money is still owed); one
    without an answer is sent again by reconciliation with the same key."""
    if attempt.status in ("declined", "failed"):
        service.refundFailed.emit(QCoreApplication.translate(
            "CardService", "The card refund of {amount} on receipt {receipt} was refused by "
            "the gateway: {reason} Give the money back another way.").format(
            amount=Money(attempt.amount, attempt.currency).format(service.settings.locale),
            receipt=receipt_label(attempt.order), reason=attempt.message or ""))
    elif attempt.status != "approved":
        log.warning("Card refund attempt %s is %s: %s", attempt.id, attempt.status,
                    attempt.message or "reconciliation sends it again")
