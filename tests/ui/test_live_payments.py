"""The live till: answers, timers and the cashier's keys interleaving on the GUI thread.

Each test plays one of issue 10's findings through the real checkout, a real
card service on a worker and the real sandbox gateway on loopback: an answer
lost, the reconciliation tick, a void in flight, a failure that is no gateway
answer. Nothing waits in a local event loop: the checkout's phase says what
the cashier may do while money is in flight.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from pos.money import Money
from pos.payments import attempts
from pos.sales.checkout_flow import Phase
from pos.sales.order_states import Status
from pos.store.models import Order, Payment, PaymentAttempt
from tests.ui.card_checkout import message, pay, when_shown
from ui.workers import wait_for_all


def lose_the_answer(sandbox) -> None:
    """The gateway charges, and every answer (the retry's too) is lost on the way."""
    sandbox.faults.add("drop_after_commit", times=10, endpoint="charge")


def charge_dialog():
    widget = QApplication.activeModalWidget()
    return widget if widget is not None and widget.objectName() == "chargeDialog" else None


def charge_unknown(qtbot, checkout, sandbox) -> None:
    """Enter charges the card; the answer never comes; the charge window says so."""
    lose_the_answer(sandbox)
    when_shown("chargeDialog", lambda d: d.findChild(QPushButton, "chargeButton").click())
    checkout.commit()
    qtbot.waitUntil(lambda: charge_dialog() is not None and charge_dialog().findChild(
        QPushButton, "checkAgainButton").isVisible(), timeout=10_000)
    sandbox.faults.clear()


def close_charge_window(qtbot, checkout) -> None:
    charge_dialog().findChild(QPushButton, "chargeCancelButton").click()
    qtbot.waitUntil(lambda: checkout.flow.phase == Phase.IDLE, timeout=5000)


def reconcile_now(qtbot, service) -> None:
    service.reconcile()
    wait_for_all()
    qtbot.wait(50)  # the answers' signals reach the GUI thread


def pay_cash(qtbot, checkout) -> None:
    checkout.set_tender("cash")
    total = Money(checkout.totals.total.minor, checkout.totals.total.currency)
    checkout.tendered_input.setText(str(total.minor // 100 + 1))
    qtbot.keyClick(checkout, Qt.Key.Key_Return)


def test_cash_taken_while_the_card_answer_was_lost_gets_the_card_voided(qtbot, checkout,
                                                                        service, sandbox):
    """Finding 1: the late approval was recorded on top of the cash: paid twice."""
    charge_unknown(qtbot, checkout, sandbox)
    close_charge_window(qtbot, checkout)
    assert "checked automatically" in message(checkout)
    checkout.session.card_service = service
    service.hold(checkout.placed.id)
    reconcile_now(qtbot, service)  # the timer fires: the open checkout's sale is left alone
    attempt = PaymentAttempt.get()
    assert attempt.status == "unknown"
    pay_cash(qtbot, checkout)
    order = Order.get_by_id(checkout.order.id)
    assert order.status == Status.COMPLETED and order.paid == order.total + order.rounding
    checkout.accept()  # next sale: the checkout releases the sale to reconciliation
    qtbot.waitUntil(lambda: PaymentAttempt.get().status == "voided", timeout=10_000)
    order = Order.get_by_id(order.id)
    assert [p.tender for p in order.payments] == ["cash"]
    assert order.paid == order.total + order.rounding
    (charge,) = sandbox.charges
    assert charge["status"] == "voided"


def test_cancelling_after_a_lost_answer_voids_the_charge_and_keeps_nothing(qtbot, checkout,
                                                                          service, sandbox):
    """Finding 1b: cancel abandoned only pending attempts; the unknown one was kept."""
    checkout.session.card_service = service
    charge_unknown(qtbot, checkout, sandbox)
    close_charge_window(qtbot, checkout)
    checkout.reject()  # Esc
    order = Order.get_by_id(checkout.placed.id)
    assert order.status == Status.CANCELLED
    qtbot.waitUntil(lambda: PaymentAttempt.get().status == "voided", timeout=10_000)
    assert Order.get_by_id(order.id).paid == 0 and not Payment.select().exists()
    assert [c["status"] for c in sandbox.charges] == ["voided"]


def test_a_void_in_flight_blocks_enter_complete_and_esc(qtbot, checkout, service, sandbox):
    """Finding 2: Enter and Complete stayed live during the void: the sale completed short."""
    due = checkout.totals.total
    part = Money(due.minor // 2, due.currency)
    checkout.tendered_input.setText(str(part.minor / 100).replace(".", ","))
    pay(qtbot, checkout)
    assert checkout.flow.phase == Phase.IDLE and len(checkout.plan.payments) == 1
    sandbox.faults.add("latency", 1.5, times=1, endpoint="void")
    checkout.remove_payment(0)
    assert checkout.flow.phase == Phase.VOIDING
    assert not checkout.complete_button.isEnabled() and not checkout.cancel_button.isEnabled()
    qtbot.keyClick(checkout, Qt.Key.Key_Return)
    checkout.commit()
    checkout.reject()
    assert checkout.order is None and checkout.isVisible()
    qtbot.waitUntil(lambda: checkout.flow.phase == Phase.IDLE, timeout=10_000)
    assert checkout.plan.payments == [] and Payment.get().status == "voided"
    pay_cash(qtbot, checkout)
    order = Order.get_by_id(checkout.order.id)
    assert order.status == Status.COMPLETED and order.paid == order.total + order.rounding
    assert [p.tender for p in order.payments if p.status != "voided"] == ["cash"]


def test_reconciliation_never_completes_the_sale_of_an_open_checkout(qtbot, checkout,
                                                                     service, sandbox):
    """Finding 3: reconciliation completed the placed sale under the open checkout, which
    could then be neither completed nor cancelled."""
    checkout.session.card_service = service
    charge_unknown(qtbot, checkout, sandbox)
    reconcile_now(qtbot, service)  # the tick while "no clear answer" is on screen
    assert Order.get_by_id(checkout.placed.id).status == Status.PENDING_PAYMENT
    charge_dialog().findChild(QPushButton, "checkAgainButton").click()
    qtbot.waitUntil(lambda: checkout.order is not None, timeout=10_000)
    order = Order.get_by_id(checkout.order.id)
    assert order.status == Status.COMPLETED and order.paid == order.total
    (charge,) = sandbox.charges
    assert charge["status"] == "approved" and charge["id"] == order.payments[0].gateway_ref


def test_a_failure_while_checking_reaches_the_cashier_with_a_way_out(qtbot, checkout, service,
                                                                     sandbox, monkeypatch,
                                                                     caplog):
    """Finding 5: resolving raised something other than a gateway error: the charge window
    waited for ever with Cancel disabled, and the attempt stayed "in flight"."""
    checkout.session.card_service = service
    charge_unknown(qtbot, checkout, sandbox)

    def broken(gateway, request):
        raise RuntimeError("a bug in resolving")

    monkeypatch.setattr(attempts, "resolve", broken)
    with caplog.at_level(logging.ERROR):
        charge_dialog().findChild(QPushButton, "checkAgainButton").click()
        qtbot.waitUntil(lambda: charge_dialog().findChild(
            QPushButton, "chargeCancelButton").isEnabled(), timeout=5000)
    assert "a bug in resolving" in caplog.text
    assert "do not charge the card again" in charge_dialog().findChild(
        QPushButton, "chargeCancelButton").window().status_label.text().lower()
    assert not service.in_flight
    close_charge_window(qtbot, checkout)
    assert checkout.cancel_button.isEnabled() and checkout.complete_button.isEnabled()
    monkeypatch.undo()
    checkout.reject()  # the cashier gives up: the charge is voided by reconciliation
    qtbot.waitUntil(lambda: PaymentAttempt.get().status == "voided", timeout=10_000)


def test_a_failed_gateway_probe_is_logged_and_keeps_cards_offline(qtbot, service, caplog):
    """Finding 6: the probe's failure was dropped without a word."""
    for _ in range(service.breaker.threshold):
        service.breaker.failure()

    def broken():
        raise OSError("network unreachable")

    service.gateway.health = broken
    service.breaker.opened_at -= service.breaker.probe_every + 1
    with caplog.at_level(logging.WARNING):
        service._maybe_probe()
        wait_for_all()
        qtbot.waitUntil(lambda: "probe failed" in caplog.text, timeout=5000)
    assert not service.online
