"""Exactly once while the till runs: random interleavings of the real payment services
against the real sandbox gateway on loopback (hypothesis' stateful testing).

The machine plays what happens on one till's GUI thread in any order: sales
placed, cards charged (some answers lost after the gateway charged, some
requests never sent), the reconciliation tick split in two (the worker asks
the gateway, the answers are recorded later, after other steps ran), "check
again", cash taken while a card answer is unknown, voids, cancels, refunds
and offline store-and-forward. After every step it checks what the owner
must be able to trust:

- an order is never paid more than it owes, and a completed one exactly that;
- what an order was paid is what its payments say;
- every approved, unvoided charge at the gateway belongs to exactly one payment
  of a live order, or to an attempt still open that reconciliation will settle;
  once the example ends and reconciliation runs, to a payment only;
- no payment the store counts as money taken was voided at the gateway;
- the drawer's expected cash (the shift's X report) is what the cash taken and
  given back says.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pos.catalogue.products import ProductInput, ensure_tax_class, save_product
from pos.errors import PosError
from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import OfflineLimits
from pos.payments.gateway.base import OutcomeUnknown
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox.server import SandboxServer
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.order_states import Status
from pos.sales.orders import Tender, pay_order, place_order
from pos.settings import save_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store.db import close_store, open_store
from pos.store.models import Order, OrderLine, Payment, PaymentAttempt
from pos.tax import TaxMode, TaxRounding
from tests.sales.test_orders import item

KEY, SECRET = "sk_test_live", "live-signing-secret"
FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)
FLOAT = 10_000
MONEY_TAKEN = ("approved", "partially_refunded", "refunded", "stored_offline")
DONE = (Status.PAID, Status.COMPLETED, Status.PARTIALLY_REFUNDED, Status.REFUNDED)


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer(api_key=KEY, signing_secret=SECRET) as server:
        yield server


def usd(minor: int) -> Money:
    return Money(minor, "USD")


class LiveTill(RuleBasedStateMachine):
    """One till and its gateway; a fresh store per example, the sandbox shared."""

    server: SandboxServer
    folder = None
    orders = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        LiveTill.runs += 1
        path = self.folder / f"store-{LiveTill.runs}.db"
        open_store(path)
        save_settings(currency="USD", locale="en_US", tax_mode="exclusive")
        ensure_tax_class("standard", "Standard", 88_750)
        self.products = [save_product(ProductInput(f"P{n}", f"Item {n}", usd(price),
                                                   "standard", stock=10_000))
                         for n, price in enumerate((199, 349, 1999))]
        self.manager = Actor(users.create_first_manager("Mo", pin="1234", params=FAST))
        self.shift = shifts.open_shift(self.manager.user, usd(FLOAT), "T1")
        self.gateway = HttpGateway(self.server.url, KEY, SECRET, read_timeout=2.0,
                                   policy=RetryPolicy(attempts=2, budget=2.0, base=0.01))
        self.cash_in = 0  # what the drawer took (change already given back)
        self.cash_out = 0  # what the drawer paid out for refunds
        self.resolutions: list[attempts.Resolution] = []  # a reconcile tick in flight
        self.placed = 0

    def teardown(self) -> None:
        try:
            self.resolutions = []
            attempts.reconcile(self.gateway)  # settles and marks what is left ...
            attempts.reconcile(self.gateway)  # ... and voids what was approved too late
            self.check_all(settled=True)
        finally:
            self.gateway.close()
            close_store()

    # --- the till's moves -------------------------------------------------------------
    @initialize(target=orders)
    def first_sale(self):
        return self._place(1)

    @precondition(lambda self: self.placed < 3)  # few sales, so moves meet on one sale
    @rule(target=orders, lines=st.integers(1, 3))
    def new_sale(self, lines):
        return self._place(lines)

    def _place(self, lines: int) -> int:
        self.placed += 1
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        for product in self.products[:lines]:
            cart.add(item(product), 1)
        return place_order(cart, "T1", self.manager).id

    @rule(order=orders, half=st.booleans(), declined=st.sampled_from([False, False, True]),
          answer=st.sampled_from(["received", "lost", "lost", "never_sent"]))
    def charge(self, order, half, declined, answer):
        saved = Order.get_by_id(order)
        owed = saved.total - saved.paid
        amount = max(1, owed // 2) if half else owed
        try:
            request = attempts.open_charge(saved, usd(amount), "http",
                                           "tok_decline" if declined else "tok_visa")
        except PosError:
            return  # refused: not pending, nothing owed, another charge in flight
        if answer == "never_sent":
            attempts.finish(request.attempt_id, OutcomeUnknown("the till died first"))
            return
        outcome = attempts.send(self.gateway, request)
        if answer == "lost":
            outcome = OutcomeUnknown("the answer was lost")
        attempts.finish(request.attempt_id, outcome)

    @rule(order=orders)
    def check_again(self, order):
        """The checkout's "Check again" on an unknown answer (it completes nothing)."""
        for attempt in PaymentAttempt.select().where((PaymentAttempt.order == order)
                                                     & (PaymentAttempt.status == "unknown")):
            request = attempts.request_for(attempt.id)
            attempts.settle_open(attempts.resolve(self.gateway, request), complete_paid=False)

    @rule()
    def reconcile_asks(self):
        """The tick's first half: read the open attempts, ask the gateway (the worker)."""
        if not self.resolutions:
            self.resolutions = [attempts.resolve(self.gateway, r)
                                for r in attempts.open_requests()]

    @rule()
    def reconcile_records(self):
        """The tick's second half: the answers reach the GUI thread, maybe much later."""
        resolutions, self.resolutions = self.resolutions, []
        for resolution in resolutions:
            attempts.settle_open(resolution)

    @rule(order=orders, meanwhile=st.sampled_from(
        ["take_cash", "cancel", "check_again", "void_a_card", "card_offline", "charge"]))
    def answers_land_after(self, order, meanwhile):
        """A whole tick around one move of the cashier's: the gateway was asked before it,
        its answers are recorded after it (the race of finding 1 and 3)."""
        self.resolutions = []
        self.reconcile_asks()
        if meanwhile == "charge":
            self.charge(order, half=True, declined=False, answer="received")
        else:
            getattr(self, meanwhile)(order)
        self.reconcile_records()

    @rule(order=orders)
    def take_cash(self, order):
        """The rest in cash (or nothing, when cards paid it all): the sale completes."""
        saved = Order.get_by_id(order)
        owed = saved.total - saved.paid
        tenders = [Tender("cash", usd(owed + 500), tendered=usd(owed + 500))] if owed else []
        try:
            paid = pay_order(saved, tenders)
        except PosError:
            return
        self.cash_in += paid.paid - saved.paid

    @rule(order=orders)
    def void_a_card(self, order):
        """A card part payment removed in the checkout (or before cancelling)."""
        saved = Order.get_by_id(order)
        if saved.status != Status.PENDING_PAYMENT:
            return
        card = saved.payments.where((Payment.tender == "card")
                                    & Payment.status.in_(("approved", "stored_offline")))
        for payment in card.limit(1):
            request = attempts.open_void(payment, "http")
            if request is not None:
                attempts.finish(request.attempt_id, attempts.send(self.gateway, request))

    @rule(order=orders)
    def cancel(self, order):
        with contextlib.suppress(PosError):  # a card payment is still on it: void it first
            attempts.cancel_placed(Order.get_by_id(order), "customer left")

    @rule(order=orders, whole=st.booleans())
    def refund(self, order, whole):
        saved = Order.get_by_id(order)
        if saved.status not in DONE or saved.status == Status.REFUNDED:
            return
        line = OrderLine.select().where((OrderLine.order == order)
                                        & (OrderLine.quantity > OrderLine.refunded_quantity)
                                        ).first()
        quantities = None if whole or line is None else {line.id: 1}
        try:
            record, requests = attempts.refund_order(saved, quantities, reason="returned",
                                                     gateway="http", actor=self.manager,
                                                     terminal_id="T1")
        except PosError:
            return
        self.cash_out += record.amount - sum(r.amount.minor for r in requests)
        for request in requests:
            attempts.finish(request.attempt_id, attempts.send(self.gateway, request))

    @rule(order=orders)
    def card_offline(self, order):
        """The gateway is down: the card is stored, and forwarded by reconciliation."""
        saved = Order.get_by_id(order)
        with contextlib.suppress(PosError):  # not pending, nothing owed, a charge in flight
            attempts.open_charge(saved, usd(saved.total - saved.paid), "http", "tok_visa",
                                 offline=OfflineLimits(100_000, 1_000_000))

    # --- what must always hold --------------------------------------------------------
    @invariant()
    def books_balance(self):
        self.check_all(settled=False)

    def check_all(self, settled: bool) -> None:
        orders = {o.id: o for o in Order.select()}
        taken: dict[str, Payment] = {}
        for order in orders.values():
            assert 0 <= order.paid <= order.total + order.rounding, order
            if order.status in DONE:
                assert order.paid == order.total + order.rounding, order
            live = [p for p in order.payments if p.status in MONEY_TAKEN]
            assert order.paid == sum(p.amount for p in live), order
            for payment in live:
                if payment.gateway_ref:
                    assert payment.gateway_ref not in taken, "two payments, one charge"
                    taken[payment.gateway_ref] = payment
        open_keys = {a.idempotency_key for a in PaymentAttempt.select().where(
            PaymentAttempt.status.in_(attempts.OPEN))}
        for charge in self.server.charges:
            ours = charge["order_ref"] in {o.uuid for o in orders.values()}
            if not ours:
                continue  # another example's store
            payment = taken.get(charge["id"])
            if charge["status"] == "voided":
                assert payment is None, f"the store counts a voided charge: {charge}"
            elif charge["status"] != "declined":
                if payment is None:
                    assert not settled and charge["idempotency_key"] in open_keys, \
                        f"a live charge no payment records: {charge}"
                else:
                    assert orders[payment.order_id].status != Status.CANCELLED
                    assert payment.amount == charge["amount"]
                    assert payment.refunded == charge["refunded"] or not settled
        report = shifts.x_report(self.shift)
        assert report.expected["cash"] == FLOAT + self.cash_in - self.cash_out, report


LiveTill.runs = 0


@pytest.mark.slow
def test_random_interleavings_never_pay_twice_or_short(sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    LiveTill.server, LiveTill.folder = sandbox, tmp_path
    run_state_machine_as_test(LiveTill, settings=settings(
        max_examples=50, stateful_step_count=40, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
