"""Split refunds through the real sandbox gateway on loopback: the card parts a refund books
are exactly the refunds the gateway is asked for, one per card payment."""

from __future__ import annotations

import pytest

from pos.money import Money
from pos.payments import attempts
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox.server import SandboxServer
from pos.sales.cart import Cart
from pos.sales.orders import Tender, pay_order, place_order
from pos.store.models import Order, Payment, PaymentAttempt, RefundPart
from pos.tax import TaxMode, TaxRounding
from tests.sales.test_orders import item

KEY, SECRET = "sk_test_split_refunds", "split-refunds-signing-secret"


def usd(minor):
    return Money(minor, "USD")


@pytest.fixture
def gateway():
    with SandboxServer(api_key=KEY, signing_secret=SECRET) as server, HttpGateway(
            server.url, KEY, SECRET, read_timeout=2.0,
            policy=RetryPolicy(attempts=3, budget=3.0, base=0.01)) as adapter:
        yield adapter


def card_part(order, gateway, amount: int, token: str = "tok_visa") -> None:
    request = attempts.open_charge(order, usd(amount), "http", token)
    assert attempts.finish(request.attempt_id,
                           attempts.send(gateway, request)).status == "approved"


@pytest.fixture
def split_order(catalogue, gateway):
    """A sale paid 10.00 by a card through the gateway, 5.00 by a card on a terminal outside
    the till (no gateway reference), and the rest in cash."""
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item(catalogue["milk"]), 2)
    cart.add(item(catalogue["soap"]))
    order = place_order(cart, "T1")
    card_part(order, gateway, 1000)
    rest = Order.get_by_id(order.id).total - 1500
    return pay_order(order, [Tender("card", usd(500)), Tender("cash", usd(rest))])


def test_each_card_part_is_one_refund_for_its_own_charge(split_order, gateway):
    record, requests = attempts.refund_order(split_order, gateway="http", reason="return")
    charged = Payment.get(Payment.gateway_ref.is_null(False))
    parts = list(RefundPart.select().where(RefundPart.refund == record.id)
                 .order_by(RefundPart.id))
    assert [(p.tender, p.amount) for p in parts] == [
        ("card", 1000), ("card", 500), ("cash", split_order.paid - 1500)]
    # one attempt, for the card the gateway charged; the outside terminal's card is
    # refunded on that terminal, the cash from the drawer
    (request,) = requests
    assert (request.gateway_ref, request.amount) == (charged.gateway_ref, usd(1000))
    attempt = attempts.finish(request.attempt_id, attempts.send(gateway, request))
    assert attempt.status == "approved" and attempt.refund_id == record.id
    assert attempt.payment_id == charged.id
    for payment in Payment.select():
        assert payment.refunded == payment.amount and payment.status == "refunded"
    (charge,) = gateway.lookup(idempotency_key=charged.idempotency_key)
    assert charge.refunded == usd(1000)


def test_a_partial_refund_asks_each_card_for_its_share_only(split_order, gateway):
    milk = split_order.lines.order_by(split_order.lines.model.line_no).first()
    record, requests = attempts.refund_order(split_order, {milk.id: 1}, gateway="http")
    parts = {p.payment_id: p.amount for p in RefundPart.select()}
    assert sum(parts.values()) == record.amount == 363
    card_parts = {pid: amount for pid, amount in parts.items()
                  if Payment.get_by_id(pid).gateway_ref is not None}
    assert {(r.amount.minor, r.gateway_ref) for r in requests} == {
        (amount, Payment.get_by_id(pid).gateway_ref) for pid, amount in card_parts.items()}
    assert PaymentAttempt.select().where(PaymentAttempt.kind == "refund").count() == len(
        card_parts)


def test_a_cashier_split_all_to_cash_sends_nothing_to_the_gateway(split_order, gateway):
    cash = Payment.get(Payment.tender == "cash")
    milk = split_order.lines.order_by(split_order.lines.model.line_no).first()
    record, requests = attempts.refund_order(split_order, {milk.id: 1}, gateway="http",
                                             split={cash.id: 363})
    assert requests == [] and record.tender == "cash"


def test_a_card_refund_the_gateway_refuses_gives_the_payment_its_money_back(split_order,
                                                                          gateway):
    record, requests = attempts.refund_order(split_order, gateway="http")
    first = Payment.get_by_id(PaymentAttempt.get_by_id(requests[0].attempt_id).payment_id)
    gateway.refund(first.gateway_ref, usd(first.amount), "elsewhere-1")  # refunded meanwhile
    attempt = attempts.finish(requests[0].attempt_id,
                              attempts.send(gateway, requests[0]))
    assert attempt.status in ("declined", "failed")
    assert Payment.get_by_id(first.id).refunded == 0  # the card got nothing back from us
