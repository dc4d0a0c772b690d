"""Migration 0009: refunds saved before split refunds get their parts, as well as the old
rows tell (the card parts the gateway was asked for, the rest from the drawer), and the
payments' `refunded` follows them."""

from __future__ import annotations

import peewee
import pytest

from pos.store import migrations
from pos.store.db import close_store, database, open_store
from pos.store.models import Order, Payment, PaymentAttempt, Refund, RefundPart


def _order(uuid: str, total: int) -> Order:
    return Order.create(uuid=uuid, terminal_id="T1", status="refunded", currency="USD",
                        subtotal=total, discount=0, tax=0, total=total, paid=total,
                        refunded=total, tax_mode="exclusive", created_at=1)


def _payment(order: Order, tender: str, amount: int, status: str = "approved",
             refunded: int = 0, ref: str | None = None) -> Payment:
    return Payment.create(order=order, tender=tender, status=status, amount=amount, net=amount,
                          refunded=refunded, gateway_ref=ref, created_at=1, updated_at=1)


@pytest.fixture
def old_store(tmp_path):
    """A store at schema 8 with refunds booked the old way, one tender per refund."""
    path = tmp_path / "old.db"
    open_store(path, migrate=False)
    migrations.migrate(database, target=8)
    # a split sale refunded in full through the gateway: the refund was booked to the first
    # payment's tender (card), the gateway refunded the card's 3.16, the drawer the rest
    split = _order("u-split", 731)
    card = _payment(split, "card", 316, status="refunded", refunded=316, ref="ch_1")
    cash = _payment(split, "cash", 415)
    refund = Refund.create(order=split, amount=731, tender="card", restock=True, created_at=2)
    PaymentAttempt.create(order=split, kind="refund", gateway="http", amount=316,
                          currency="USD", idempotency_key="k1", status="approved",
                          payment=card, refund=refund)
    # a sale whose card was voided and cash paid it all: the old code booked it to card
    voided = _order("u-voided", 500)
    _payment(voided, "card", 500, status="voided", ref="ch_2")
    cash_only = _payment(voided, "cash", 500)
    Refund.create(order=voided, amount=500, tender="card", restock=True, created_at=3)
    close_store()
    return path, {"split": (split.id, card.id, cash.id), "voided": (voided.id, cash_only.id)}


def test_old_refunds_get_their_parts_and_payments_follow(old_store):
    path, ids = old_store
    open_store(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST >= 9
        parts = [(p.refund.order_id, p.payment_id, p.tender, p.amount)
                 for p in RefundPart.select().order_by(RefundPart.id)]
        split, card, cash = ids["split"]
        voided, cash_only = ids["voided"]
        assert sorted(parts) == sorted([(split, card, "card", 316), (split, cash, "cash", 415),
                                        (voided, cash_only, "cash", 500)])
        assert [(p.refunded, p.status) for p in Payment.select().order_by(Payment.id)] == [
            (316, "refunded"), (415, "refunded"), (0, "voided"), (500, "refunded")]
        # from now on a payment never gives back more than it took, whoever writes it
        with pytest.raises(peewee.IntegrityError):
            Payment.update(refunded=Payment.amount + 1).where(Payment.id == cash).execute()
    finally:
        close_store()
