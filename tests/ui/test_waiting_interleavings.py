"""Charges that wait for the customer, interleaved at random with what else reaches the
till's GUI thread (hypothesis' stateful testing), through the real checkout, the real card
service on a worker and the real sandbox on loopback.

The cashier starts a reader, wallet-code or store-QR charge, cancels it in the charge
window, presses Esc on the checkout, scans another code meanwhile; the reconciliation tick
fires; the customer's phone pays the QR; time passes, so answers land between the steps.
After every step: the sale is never paid more than it owes and the gateway has at most one
charge waiting for it. At the end, once every answer is in and reconciliation has run,
every approved charge still standing at the gateway is exactly one approved payment, and
the sale's paid amount is theirs.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pos.payments.gateway.factory import SANDBOX_CARDS
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.settings import load_settings, save_settings
from pos.store.db import close_store
from pos.store.models import Order, Payment
from tests.sandbox_fixture import send
from tests.ui.card_checkout import KEY, SECRET
from tests.ui.sample_store import build_sample_store
from tests.ui.test_charge_window_waiting import READER, cancel_charge, charge_window, code
from tests.ui.test_checkout import make_cart
from ui.checkout import CheckoutDialog
from ui.payments.card_service import CardService
from ui.payments.gateway_charger import GatewayCharger
from ui.session import Session
from ui.workers import wait_for_all

WALLET_CODES = [code(wallet, behaviour) for wallet in ("alipay", "wechat")
                for behaviour in ("pays", "confirms", "never", "insufficient", "late")]


class WaitingTill(RuleBasedStateMachine):
    """One checkout on a fresh store per example; the sandbox is shared."""

    server = qtbot = folder = None
    runs = 0

    def __init__(self) -> None:
        super().__init__()
        WaitingTill.runs += 1
        path = self.folder / f"store-{WaitingTill.runs}.db"
        build_sample_store(path)
        save_settings(card_gateway="sandbox", card_reader=READER, wallet_codes=1,
                      store_qr="alipay")
        self.charges_before = len(self.server.charges)
        self.gateway = HttpGateway(self.server.url, KEY, SECRET, read_timeout=4.0,
                                   policy=RetryPolicy(attempts=2, budget=4.0, base=0.01),
                                   wait_limits={"reader": 2.0, "wallet_code": 2.0,
                                                "store_qr": 2.0})
        self.service = CardService(self.gateway, load_settings(), SANDBOX_CARDS)
        session = Session(load_settings(), path)
        session.card_service = self.service
        self.checkout = CheckoutDialog(session, make_cart(), "card", card_charger=GatewayCharger(
            self.service, "sandbox", session.settings.locale))
        self.checkout.show()

    def teardown(self) -> None:
        try:
            self._all_answered()
            if self.checkout.placed is not None:
                self.service.release(self.checkout.placed.id)
                for _ in range(2):  # settles, then voids what was approved too late
                    self.service.reconcile()
                    wait_for_all()
                    self.qtbot.wait(100)
                self._books_balance()
        finally:
            self.checkout.close()
            self.checkout.deleteLater()
            self.service.deleteLater()
            self.qtbot.wait(10)
            self.gateway.close()
            close_store()

    def _all_answered(self) -> None:
        def answered() -> bool:
            window = charge_window()
            if window is not None and window.check_button.isVisible():
                window.cancel_button.click()  # no clear answer: left to reconciliation
            return not self.checkout.flow.busy

        self.qtbot.waitUntil(answered, timeout=20_000)

    @property
    def charges(self) -> list[dict]:
        return self.server.charges[self.charges_before:]

    # --- what reaches the GUI thread ------------------------------------------------------
    def _ready(self) -> bool:
        return (self.checkout.order is None and not self.checkout.flow.busy
                and not self.checkout.plan.settled)

    @precondition(lambda self: self._ready())
    @rule(delay=st.sampled_from([0.0, 0.3, None]), card=st.sampled_from(
        ["tok_visa", "tok_visa", "tok_decline"]))
    def reader(self, delay, card):
        self.server.scripts.set_reader(READER, card, delay)
        self.checkout.set_tender("card")
        self.checkout.commit()

    @precondition(lambda self: self._ready())
    @rule(payment_code=st.sampled_from(WALLET_CODES))
    def scan_a_wallet_code(self, payment_code):
        assert self.checkout.take_scan(payment_code)

    @precondition(lambda self: self._ready())
    @rule()
    def store_qr(self):
        self.checkout.charge_store_qr()

    @precondition(lambda self: self.checkout.flow.busy)
    @rule(payment_code=st.sampled_from(WALLET_CODES))
    def scan_while_busy(self, payment_code):
        before = len(self.charges)
        assert self.checkout.take_scan(payment_code)  # said, not charged
        assert len(self.charges) == before

    @precondition(lambda self: charge_window() is not None)
    @rule()
    def cancel_in_the_charge_window(self):
        cancel_charge()

    @precondition(lambda self: self.checkout.flow.busy)
    @rule()
    def esc_on_the_checkout(self):
        self.checkout.reject()
        assert self.checkout.isVisible()

    @precondition(lambda self: any(c["method"] == "store_qr" and c["status"] == "pending"
                                   for c in self.charges))
    @rule()
    def the_phone_pays_the_qr(self):
        (pending,) = [c for c in self.charges
                      if c["method"] == "store_qr" and c["status"] == "pending"]
        send(self.server, "POST", f"/sandbox/qr/{pending['id']}/pay", {}, api_key=KEY,
             secret=SECRET)

    @rule()
    def reconciliation_tick(self):
        self.service.reconcile()  # the checkout holds its sale: it is left alone

    @rule(ms=st.sampled_from([20, 300, 1200]))
    def time_passes(self, ms):
        self.qtbot.wait(ms)

    # --- what must hold ---------------------------------------------------------------------
    @invariant()
    def never_paid_more_nor_two_waiting(self):
        assert sum(1 for c in self.charges if c["status"] == "pending") <= 1
        if self.checkout.placed is not None:
            order = Order.get_by_id(self.checkout.placed.id)
            assert order.paid <= order.total

    def _books_balance(self) -> None:
        order = Order.get_by_id(self.checkout.placed.id)
        payments = {p.gateway_ref: p for p in Payment.select().where(
            (Payment.order == order.id) & (Payment.status == "approved"))}
        standing = [c["id"] for c in self.charges if c["status"] == "approved"]
        assert sorted(standing) == sorted(payments)
        assert order.paid == sum(p.amount for p in payments.values())


@pytest.mark.slow
def test_waiting_charges_interleaved_never_pay_twice_or_short(qtbot, sandbox, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    WaitingTill.server, WaitingTill.qtbot, WaitingTill.folder = sandbox, qtbot, tmp_path
    run_state_machine_as_test(WaitingTill, settings=settings(
        max_examples=12, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
