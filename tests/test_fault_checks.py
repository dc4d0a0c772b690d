"""The fault campaign's checker (bench/fault_checks.py) on states made bad on purpose.

Each state is built on a real SQLite store through the payment services, against a real
sandbox gateway, then spoilt the way a bug would spoil it; the checker must name it with
the right counter and with no other.
"""

from __future__ import annotations

import uuid

import pytest

from bench.fault_checks import check
from pos.demo.data import create_demo, demo_cashier
from pos.money import Money
from pos.payments import attempts
from pos.payments.gateway.base import ChargeRequest
from pos.sales.cart import Cart
from pos.sales.orders import Tender, pay_order, place_order
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store.db import close_store, database, open_store
from pos.store.models import Order, Payment, Product
from tests.sandbox_fixture import fast_gateway, running_sandbox

CLEAN = (0, 0, 0, 0, True)


@pytest.fixture(scope="module")
def sandbox():
    with running_sandbox() as server:
        yield server


@pytest.fixture
def gateway(sandbox):
    return fast_gateway(sandbox, [])


@pytest.fixture
def till(tmp_path, monkeypatch, sandbox, gateway):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    open_store(tmp_path / "faults.db")
    create_demo(products=30, days=0, seed=1, currency="USD")
    yield Till(sandbox, gateway)
    close_store()


class Till:
    """Sales through the services the checkout uses, and what the checker makes of them.
    The sandbox is shared by the module's tests, so only this test's charges count."""

    def __init__(self, sandbox, gateway) -> None:
        self.sandbox, self.gateway = sandbox, gateway
        self.settings = load_settings()
        self.known = {c["id"] for c in sandbox.charges}
        self.products = list(Product.select().where(Product.active & (Product.unit == "each")))

    def place(self, items: int = 2) -> Order:
        cart = Cart(self.settings.currency, self.settings.tax_mode, self.settings.tax_rounding)
        for product in self.products[:items]:
            cart.add(item_for(product), 2)
        return place_order(cart, self.settings.terminal_id, demo_cashier())

    def card(self, order: Order, amount: int | None = None, token: str = "tok_visa",
             offline: bool = False) -> str:
        order = Order.get_by_id(order.id)
        due = Money(amount or order.total - order.paid, order.currency)
        limits = attempts.OfflineLimits(10_000_00, 10_000_00) if offline else None
        request = attempts.open_charge(order, due, "http", token, offline=limits)
        if offline:
            return request.status
        return attempts.finish(request.attempt_id, attempts.send(self.gateway, request)).status

    def cash(self, order: Order) -> Order:
        order = Order.get_by_id(order.id)
        due = Money(order.total - order.paid, order.currency)
        return pay_order(order, [Tender("cash", due, tendered=due)] if due.minor else [])

    def send_all(self, requests) -> None:
        for request in requests:
            attempts.finish(request.attempt_id, attempts.send(self.gateway, request))

    def refund(self, order: Order, quantities=None, send: bool = True) -> None:
        _, requests = attempts.refund_order(
            order, quantities, reason="test", gateway="http",
            actor=Actor(users.find_user("Sam")), terminal_id=self.settings.terminal_id)
        if send:
            self.send_all(requests)

    def findings(self, saved=()):
        charges = [c for c in self.sandbox.charges if c["id"] not in self.known]
        return check(charges, saved)

    def counts(self, saved=()) -> tuple:
        found = self.findings(saved)
        return found.lost, found.double, found.orphan, found.wrong, found.integrity


def sql(statement: str, *params) -> None:
    database.execute_sql(statement, params)


def test_a_clean_history_of_every_kind_of_sale_passes(till):
    """Card, split card and cash, two cards, a voided card paid in cash, a cancelled sale,
    refunds full and partial, an offline card forwarded and one declined when forwarded."""
    saved = []
    whole = till.place()
    till.card(whole)
    saved.append(till.cash(whole).uuid)
    split = till.place()
    till.card(split, Order.get_by_id(split.id).total // 2)
    saved.append(till.cash(split).uuid)
    two = till.place()
    till.card(two, Order.get_by_id(two.id).total // 3)
    till.card(two)
    saved.append(till.cash(two).uuid)
    voided = till.place()
    till.card(voided, 100)
    till.send_all([attempts.open_void(Payment.get(Payment.order == voided.id), "http")])
    saved.append(till.cash(voided).uuid)
    cancelled = till.place()
    till.card(cancelled, 100)
    till.send_all([attempts.open_void(Payment.get(Payment.order == cancelled.id), "http")])
    attempts.cancel_placed(cancelled, "customer left")
    till.refund(whole)
    line = Order.get_by_id(split.id).lines[0]
    till.refund(split, {line.id: 1})
    offline, declined = till.place(), till.place(1)
    assert till.card(offline, offline=True) == "stored_offline"
    till.card(declined, offline=True, token="tok_decline")
    saved += [till.cash(offline).uuid, till.cash(declined).uuid]
    settled = attempts.reconcile(till.gateway)
    assert sorted(a.status for a in settled) == ["approved", "declined"]
    assert Order.get_by_id(declined.id).paid == 0  # the store's risk, told to the cashier

    found = till.findings(saved)
    assert found.problems == []
    assert (found.lost, found.double, found.orphan, found.wrong, found.integrity) == CLEAN


def test_a_saved_sale_that_is_missing_or_unpaid_is_lost(till):
    placed = till.place()
    till.card(placed, 100)  # the till said SAVED, but the sale is still awaiting payment
    assert till.counts(saved=[placed.uuid]) == (1, 0, 0, 0, True)
    assert till.counts(saved=[str(uuid.uuid4())]) == (1, 0, 0, 0, True)


def test_a_charge_for_an_order_the_store_does_not_have_is_lost(till):
    till.gateway.charge(ChargeRequest(amount=Money(500, "USD"), idempotency_key="pos-nowhere",
                                      order_ref=str(uuid.uuid4()), card_token="tok_visa"))
    assert till.counts() == (1, 0, 0, 0, True)


def test_a_card_payment_whose_charge_the_gateway_does_not_hold_is_lost_money(till):
    order = till.place()
    till.card(order)
    till.cash(order)
    payment = Payment.get(Payment.order == order.id)
    till.gateway.void(payment.gateway_ref, "test-void-behind-the-tills-back")
    found = till.findings()
    assert (found.lost, found.double, found.orphan, found.wrong) == (1, 0, 0, 0)
    assert "voided charge" in found.problems[0]


def test_a_split_sale_whose_card_half_was_charged_twice_is_a_double_charge(till):
    order = till.place()
    half = Order.get_by_id(order.id).total // 2
    till.card(order, half)
    # the same half again, under another key and numbered as a further card part
    till.gateway.charge(ChargeRequest(amount=Money(half, "USD"), idempotency_key="pos-again",
                                      order_ref=order.uuid, card_token="tok_visa", part=2))
    till.cash(order)
    assert till.counts(saved=[order.uuid]) == (0, 1, 0, 0, True)


def test_a_cancelled_sale_that_kept_its_charge_is_an_orphan(till):
    order = till.place()
    till.card(order, 100)
    attempts.open_void(Payment.get(Payment.order == order.id), "http")  # saved, never sent
    attempts.cancel_placed(order, "customer left")
    assert till.counts() == (0, 0, 1, 0, True)


def test_a_charge_no_payment_records_is_an_orphan(till):
    """The till died between the approval and its commit, and nothing reconciled."""
    order = till.place()
    request = attempts.open_charge(order, Money(order.total, "USD"), "http", "tok_visa")
    attempts.send(till.gateway, request)
    assert till.counts() == (0, 0, 1, 0, True)
    attempts.reconcile(till.gateway)  # which reconciliation then attaches
    assert till.counts(saved=[order.uuid]) == CLEAN


def test_a_completed_sale_paid_less_than_its_total_is_a_wrong_total(till):
    order = till.place()
    till.cash(order)
    sql('UPDATE "orders" SET total = total + 100 WHERE id = ?', order.id)
    assert till.counts(saved=[order.uuid]) == (0, 0, 0, 1, True)


def test_a_sale_paid_more_than_its_total_is_a_wrong_total(till):
    order = till.place()
    till.cash(order)
    sql('DROP TRIGGER "orders_paid_within_total_update"')  # what a bug would get past
    sql('UPDATE "orders" SET total = total - 100 WHERE id = ?', order.id)
    assert till.counts(saved=[order.uuid]) == (0, 0, 0, 1, True)


def test_a_card_refund_the_gateway_never_made_is_a_wrong_total(till):
    order = till.place()
    till.card(order)
    till.cash(order)
    till.refund(order, send=False)  # recorded on the payment, not sent (and not reconciled)
    assert till.counts(saved=[order.uuid]) == (0, 0, 0, 1, True)


def test_paid_that_is_not_the_sum_of_its_payments_fails_integrity(till):
    order = till.place()
    till.card(order, 100)
    sql('UPDATE "orders" SET paid = paid - 1 WHERE id = ?', order.id)
    found = till.findings()
    assert (found.lost, found.double, found.orphan, found.wrong, found.integrity) == (
        0, 0, 0, 0, False)
    assert found.problems == [f"INTEGRITY: order {order.uuid} paid 99, its payments 100"]


def test_refunded_that_is_not_the_sum_of_its_refunds_fails_integrity(till):
    order = till.place()
    till.cash(order)
    sql('UPDATE "orders" SET refunded = 1 WHERE id = ?', order.id)
    assert till.counts(saved=[order.uuid]) == (0, 0, 0, 0, False)
