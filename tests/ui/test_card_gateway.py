"""Card payments through the sandbox gateway from the real checkout, on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from pos.money import Money
from pos.sales.order_states import Status
from pos.settings import save_settings
from pos.store.models import Order, Payment, PaymentAttempt
from tests.ui.card_checkout import charge_with, message, pay, when_shown
from ui.payments.refunds import gateway_refunder


def test_a_card_sale_goes_through_the_gateway_with_the_window_live(qtbot, checkout, sandbox):
    sandbox.faults.add("latency", 3.0, times=1, endpoint="charge")
    gaps, clock = [], QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(20)

    def tick() -> None:
        if clock.isValid():
            gaps.append(clock.restart())
        else:
            clock.start()

    ticker.timeout.connect(tick)
    ticker.start()
    pay(qtbot, checkout)  # Enter: charge the card; the one event loop runs meanwhile
    ticker.stop()
    order = checkout.order
    assert order is not None and order.status == Status.COMPLETED
    (payment,) = order.payments
    assert (payment.card_brand, payment.card_last4, payment.status) == ("Visa", "4242",
                                                                        "approved")
    assert payment.fee > 0 and payment.gateway_ref == sandbox.charges[0]["id"]
    assert len(sandbox.charges) == 1
    # The GUI thread kept running through the 3 s charge: a blocking call would show one
    # gap of about 3 s; the timer instead fired all along.
    assert len(gaps) > 50 and max(gaps) < 1500


def test_after_the_card_step_enter_goes_to_next_sale(qtbot, checkout):
    """The charge window gives the keyboard back to the checkout when it closes: without
    that, on a window manager that does not, Enter (Next sale) went to no window."""
    pay(qtbot, checkout)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is checkout.next_button)
    assert QApplication.activeWindow() is checkout


def test_a_declined_card_says_why_and_charges_nothing(qtbot, checkout, sandbox):
    pay(qtbot, checkout, "tok_insufficient")
    assert checkout.order is None and "fund" in message(checkout).lower()
    assert not Payment.select().exists()
    placed = checkout.placed
    checkout.reject()  # the cashier gives up: the placed sale is cancelled, stock back
    assert Order.get_by_id(placed.id).status == Status.CANCELLED


def test_cancel_during_the_charge_voids_it_if_it_went_through(qtbot, checkout, sandbox):
    sandbox.faults.add("latency", 1.0, times=1, endpoint="charge")

    def charge_then_cancel(dialog) -> None:
        charge_with("tok_visa")(dialog)
        QTimer.singleShot(100, dialog.findChild(QPushButton, "chargeCancelButton").click)

    when_shown("chargeDialog", charge_then_cancel)
    pay(qtbot, checkout, None)
    assert checkout.order is None and not Payment.select().exists()
    (charge,) = sandbox.charges
    assert charge["status"] == "voided"
    assert PaymentAttempt.get().status == "voided"


def test_offline_cards_are_refused_or_stored_as_the_store_chooses(qtbot, checkout, service,
                                                                  sandbox):
    for _ in range(service.breaker.threshold):
        service.breaker.failure()
    pay(qtbot, checkout, None)
    assert "offline" in message(checkout) and not sandbox.charges
    service.settings = save_settings(offline_cards="store", offline_limit_sale=10_000,
                                     offline_limit_total=50_000)
    pay(qtbot, checkout)
    assert checkout.order.status == Status.COMPLETED
    assert Payment.get().status == "stored_offline" and not sandbox.charges


def test_a_refund_from_the_history_goes_back_to_the_card(qtbot, checkout, service, sandbox):
    pay(qtbot, checkout)
    checkout.session.card_service = service
    refunder = gateway_refunder(checkout.session)
    record = refunder(checkout.order, None, reason="changed mind")
    qtbot.waitUntil(lambda: PaymentAttempt.get(PaymentAttempt.kind == "refund").status
                    == "approved", timeout=5000)
    (charge,) = sandbox.charges
    assert charge["refunded"] == record.amount == checkout.order.total
    assert Payment.get().status == "refunded"
    assert Order.get_by_id(checkout.order.id).status == Status.REFUNDED


def test_a_card_refund_the_gateway_refuses_is_told_to_the_cashier(qtbot, checkout, service,
                                                                   sandbox):
    pay(qtbot, checkout)
    order = checkout.order
    (payment,) = order.payments
    service.gateway.refund(payment.gateway_ref, Money(100, order.currency), "elsewhere-1")
    checkout.session.card_service = service
    with qtbot.waitSignal(service.refundFailed, timeout=5000) as told:
        gateway_refunder(checkout.session)(order, None, reason="changed mind")
    assert "refused" in told.args[0] and "another way" in told.args[0]
    attempt = PaymentAttempt.get(PaymentAttempt.kind == "refund")
    assert attempt.status == "failed"
    assert (Payment.get().status, Payment.get().refunded) == ("approved", 0)
