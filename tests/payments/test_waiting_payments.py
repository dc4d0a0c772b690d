"""The payment flow for charges that wait for the customer (readers, wallet payment
codes, store QR), against the real sandbox on loopback: each is exactly once, a wallet
payment keeps its wallet and masked buyer, is refunded through the gateway like a card,
and a till killed mid-action finds the outcome at reconciliation."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from pos.errors import InputError, StateError
from pos.payments import attempts
from pos.payments.attempts import OfflineLimits, source
from pos.payments.gateway.base import Approved, Progress
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox.server import SandboxServer
from pos.payments.sandbox.waiting import Scripts
from pos.sales.cart import Cart
from pos.sales.order_states import Status
from pos.sales.orders import pay_order, place_order
from pos.store.models import Order, Payment, PaymentAttempt
from pos.tax import TaxMode, TaxRounding
from pos.views.payment_stats import payment_stats
from tests.payments.test_payments import KEY, SECRET, due
from tests.sales.test_orders import item
from tests.sandbox_fixture import send as raw_send

ALIPAY_CONFIRMS, ALIPAY_NEVER = "280000000000000002", "280000000000000003"
WECHAT_PAYS = "130000000000000001"


@pytest.fixture
def sandbox():
    with SandboxServer(api_key=KEY, signing_secret=SECRET,
                       scripts=Scripts(reader_delay=0.2, confirm_delay=0.2)) as server:
        yield server


@pytest.fixture
def gateway(sandbox):
    with HttpGateway(sandbox.url, KEY, SECRET, read_timeout=2.0,
                     policy=RetryPolicy(attempts=3, budget=3.0, base=0.01),
                     wait_limits={"reader": 5, "wallet_code": 2, "store_qr": 5}) as adapter:
        yield adapter


@pytest.fixture
def order(catalogue):
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item(catalogue["milk"]), 2)
    return place_order(cart, "T1")


def open_wallet(order, code, wallet="alipay"):
    return attempts.open_charge(order, due(order), "http", source("wallet_code", wallet),
                                payment_code=code)


def test_a_reader_sale_is_recorded_as_a_card_payment(order, gateway):
    request = attempts.open_charge(order, due(order), "http", source("reader", "reader-1"))
    seen: list[Progress] = []
    attempt = attempts.finish(request.attempt_id, attempts.send(gateway, request, seen.append))
    assert attempt.status == "approved" and attempt.card_token == "reader:reader-1"
    assert seen == [Progress("reader_waiting")]
    (payment,) = Order.get_by_id(order.id).payments
    assert (payment.tender, payment.card_brand, payment.card_last4, payment.wallet) == (
        "card", "Visa", "4242", None)
    assert pay_order(order, []).status == Status.COMPLETED


def test_a_wallet_sale_keeps_its_wallet_buyer_and_trade_number(order, gateway):
    request = open_wallet(order, ALIPAY_CONFIRMS)
    assert ALIPAY_CONFIRMS not in repr(request)
    attempt = attempts.finish(request.attempt_id, attempts.send(gateway, request))
    assert (attempt.status, attempt.card_token, attempt.wallet, attempt.buyer) == (
        "approved", "wallet:alipay", "alipay", "138****5678")
    (payment,) = Order.get_by_id(order.id).payments
    assert (payment.tender, payment.wallet, payment.buyer) == ("card", "alipay", "138****5678")
    assert payment.gateway_ref == attempt.gateway_ref and payment.fee > 0
    assert payment.card_brand is None and payment.card_last4 is None


def test_a_wallet_payment_is_refunded_in_parts_through_the_gateway(order, gateway):
    request = open_wallet(order, WECHAT_PAYS, "wechat")
    attempts.finish(request.attempt_id, attempts.send(gateway, request))
    sale = pay_order(order, [])
    line = sale.lines[0]
    _, sends = attempts.refund_order(sale, {line.id: 1}, reason="broken", gateway="http")
    (refund,) = sends
    assert attempts.finish(refund.attempt_id,
                           attempts.send(gateway, refund)).status == "approved"
    (record,) = gateway.lookup(idempotency_key=request.key)
    assert record.status == "partially_refunded" and record.refunded.minor == refund.amount.minor
    payment = Payment.get(Payment.wallet == "wechat")
    assert payment.refunded == refund.amount.minor


def test_what_a_wallet_charge_needs_is_checked_before_anything_is_saved(order):
    wallet = source("wallet_code", "alipay")
    with pytest.raises(InputError, match="payment code"):
        attempts.open_charge(order, due(order), "http", wallet)
    with pytest.raises(InputError, match="payment code"):
        attempts.open_charge(order, due(order), "http", wallet, payment_code=WECHAT_PAYS)
    with pytest.raises(InputError, match="never saved"):
        attempts.open_charge(order, due(order), "http", ALIPAY_CONFIRMS)
    with pytest.raises(StateError, match="offline"):
        attempts.open_charge(order, due(order), "http", wallet, payment_code=ALIPAY_CONFIRMS,
                             offline=OfflineLimits(10_000, 10_000))
    with pytest.raises(InputError):
        source("wallet_code", "paypal")
    assert PaymentAttempt.select().count() == 0


def test_the_cashier_cancels_a_waiting_wallet_payment(order, gateway):
    request = open_wallet(order, ALIPAY_NEVER)
    cancel = threading.Timer(0.3, attempts.cancel, [gateway, request])
    cancel.start()
    outcome = attempts.send(gateway, request)
    cancel.join()
    attempts.abandon_charge(request.attempt_id)
    attempt = attempts.finish(request.attempt_id, outcome)
    assert (attempt.status, attempt.decline_code) == ("declined", "cancelled")
    assert not Order.get_by_id(order.id).payments.exists()


def test_a_reader_that_approved_as_the_cashier_cancelled_is_voided(order, gateway, sandbox):
    sandbox.scripts.set_reader("fast", "tok_visa", 0)
    request = attempts.open_charge(order, due(order), "http", source("reader", "fast"))
    attempts.abandon_charge(request.attempt_id)  # the cashier cancelled meanwhile
    assert attempts.cancel(gateway, request) is None
    outcome = attempts.send(gateway, request)
    assert isinstance(outcome, Approved)
    attempts.finish(request.attempt_id, outcome)
    (settled,) = attempts.reconcile(gateway)
    assert settled.status == "voided"
    assert [r.status for r in gateway.lookup(idempotency_key=request.key)] == ["voided"]
    assert not Order.get_by_id(order.id).payments.exists()


@pytest.mark.parametrize("method, name, code, expected", [
    ("wallet_code", "alipay", ALIPAY_NEVER, "declined"),  # still waiting: cancelled
    ("wallet_code", "alipay", ALIPAY_CONFIRMS, "approved"),  # confirmed while the till was down
    ("reader", "stuck", None, "declined"),  # a reader still waiting for a card: cancelled
    ("store_qr", "wechat", None, "declined"),  # a QR nobody scanned: closed
])
def test_a_till_killed_mid_action_finds_the_outcome_at_reconciliation(
        order, gateway, sandbox, method, name, code, expected):
    sandbox.scripts.set_reader("stuck", "tok_visa", None)
    request = attempts.open_charge(order, due(order), "http", source(method, name),
                                   payment_code=code)
    body = {"amount": request.amount.minor, "currency": request.amount.currency,
            "order_ref": request.order_ref, "part": 1, "metadata": {}, "method": method,
            **({"reader_id": name} if method == "reader" else {"wallet": name}),
            **({"payment_code": code} if code else {})}
    posted = raw_send(sandbox, "POST", "/v1/charges", body, key=request.key, api_key=KEY,
                      secret=SECRET).json()  # the till posted it, then died waiting
    final = raw_send(sandbox, "GET", f"/v1/charges/{posted['id']}?wait=2", api_key=KEY,
                     secret=SECRET).json()
    assert final["status"] == ("approved" if expected == "approved" else "pending")
    (settled,) = attempts.reconcile(gateway)  # the till starts again
    assert settled.status == expected
    saved = Order.get_by_id(order.id)
    assert (saved.status == Status.COMPLETED) is (expected == "approved")
    assert [r.status for r in gateway.lookup(idempotency_key=request.key)] == [
        "approved" if expected == "approved" else "declined"]
    assert attempts.reconcile(gateway) == []


def test_stats_show_approval_and_time_to_pay_per_way_of_paying(catalogue, gateway, store):
    def sale():
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item(catalogue["soap"]))
        return place_order(cart, "T1")

    def pay(order, card_token, code=None):
        request = attempts.open_charge(order, due(order), "http", card_token,
                                       payment_code=code)
        return attempts.finish(request.attempt_id, attempts.send(gateway, request)).status

    first = sale()
    assert pay(first, source("wallet_code", "alipay"), "280000000000000004") == "declined"
    assert pay(first, source("wallet_code", "alipay"), ALIPAY_CONFIRMS) == "approved"
    assert pay(sale(), source("reader", "reader-1")) == "approved"
    assert pay(sale(), "tok_visa") == "approved"
    stats = {m.rate.key: m for m in payment_stats().by_method}
    assert set(stats) == {"alipay_code", "reader", "card"}
    alipay = stats["alipay_code"]
    assert (alipay.rate.approved, alipay.rate.failed, alipay.rate.rate) == (1, 1, 0.5)
    assert alipay.time_to_pay.count == 1 and alipay.time_to_pay.median > 0
    assert stats["reader"].rate.rate == 1.0 and stats["reader"].time_to_pay.count == 1
    run = subprocess.run([sys.executable, "-m", "pos", "payments", "stats", "--db", str(store)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Alipay code        50.0%  1 approved, 1 failed, 0 open; median" in run.stdout
    assert "Card reader       100.0%  1 approved, 0 failed, 0 open; median" in run.stdout
