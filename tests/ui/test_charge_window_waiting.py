"""Charges that wait for the customer, from the real checkout: the store's card reader, a
wallet's payment code and the store's QR code, through a real card service on a worker and
the real sandbox gateway on loopback. The charge window says what it waits for as the
gateway reports it, Cancel stops the wait at the gateway, and every ending reads as a plain
sentence; nothing waits in a local event loop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from pos.payments.sandbox.waiting import TEST_CODES
from pos.sales.checkout_flow import Phase
from pos.sales.order_states import Status
from pos.settings import load_settings
from pos.store.models import Order, Payment, PaymentAttempt
from tests.sandbox_fixture import send
from tests.ui.card_checkout import KEY, SECRET, message, show_card_checkout
from tests.ui.test_register import SCANNER, FakeClock, show
from ui.layout_check import problems
from ui.payments.charge_dialog import QR_SIDE_PX
from ui.payments.gateway_charger import GatewayCharger
from ui.register.register_view import RegisterView
from ui.session import Session
from ui.workers import wait_for_all

READER = "reader-7"


def code(wallet: str, behaviour: str) -> str:
    return next(c.code for c in TEST_CODES.values()
                if c.wallet == wallet and c.behaviour == behaviour)


@pytest.fixture
def card_settings() -> dict:
    return {"card_gateway": "sandbox", "card_reader": READER, "wallet_codes": 1,
            "store_qr": "alipay"}


@pytest.fixture
def checkout(qtbot, store_path, service):
    session = Session(load_settings(), store_path)
    session.card_service = service  # the customer display follows the wait through it
    return show_card_checkout(qtbot, session, service)


@pytest.fixture
def progress(service):
    """Every Progress the service announced for the customer display (None: wait over)."""
    seen = []
    service.paymentProgress.connect(seen.append)
    return seen


def charge_window():
    widget = QApplication.activeModalWidget()
    return widget if widget is not None and widget.objectName() == "chargeDialog" else None


def status_text() -> str:
    return charge_window().findChild(QLabel, "chargeStatus").text()


def wait_for_status(qtbot, words: str, timeout: int = 8000) -> None:
    qtbot.waitUntil(lambda: charge_window() is not None and words in status_text(),
                    timeout=timeout)


def cancel_charge() -> None:
    charge_window().findChild(QPushButton, "chargeCancelButton").click()


def settled(qtbot, checkout, timeout: int = 15_000) -> None:
    qtbot.waitUntil(lambda: not checkout.flow.busy and charge_window() is None,
                    timeout=timeout)


def test_the_reader_takes_the_card_and_the_sale_completes(qtbot, checkout, sandbox, progress):
    checkout.commit()  # Enter: the amount goes to the reader at once, nothing to choose
    wait_for_status(qtbot, "Tap, insert or swipe the card on the reader")
    assert not charge_window().findChild(QPushButton, "chargeButton").isVisible()
    assert problems(charge_window()) == []
    assert charge_window().findChild(QLabel, "chargeElapsed").text().endswith(" s")
    settled(qtbot, checkout)
    order = checkout.order
    assert order is not None and order.status == Status.COMPLETED
    (payment,) = order.payments
    assert (payment.card_brand, payment.card_last4) == ("Visa", "4242")
    (charge,) = sandbox.charges
    assert (charge["method"], charge["reader_id"], charge["status"]) == (
        "reader", READER, "approved")
    assert PaymentAttempt.get().card_token == f"reader:{READER}"
    assert [p.state if p else None for p in progress] == ["reader_waiting", None]


def test_the_reader_declines_and_says_why(qtbot, checkout, sandbox):
    sandbox.scripts.set_reader(READER, "tok_insufficient", 0.2)
    checkout.commit()
    settled(qtbot, checkout)
    assert checkout.order is None and checkout.flow.phase == Phase.IDLE
    assert "insufficient funds" in message(checkout)
    assert not Payment.select().exists()


def test_cancel_at_the_reader_stops_it_and_charges_nothing(qtbot, checkout, sandbox, progress):
    sandbox.scripts.set_reader(READER, "tok_visa", None)  # no card is ever presented
    checkout.commit()
    wait_for_status(qtbot, "Tap, insert")
    qtbot.keyClick(charge_window(), Qt.Key.Key_Escape)
    assert "Cancelling" in status_text()
    settled(qtbot, checkout)
    assert message(checkout) == "The card was not charged."
    assert checkout.flow.phase == Phase.IDLE and checkout.order is None
    (charge,) = sandbox.charges
    assert (charge["status"], charge["decline"]["code"]) == ("declined", "cancelled")
    assert PaymentAttempt.get().status == "declined"
    assert progress[-1] is None
    pay_by_card_after(qtbot, checkout, sandbox)


def pay_by_card_after(qtbot, checkout, sandbox) -> None:
    """The same sale then goes through on the reader: one approved charge in all."""
    sandbox.scripts.set_reader(READER, "tok_visa", 0.1)
    checkout.commit()
    settled(qtbot, checkout)
    assert checkout.order is not None and checkout.order.status == Status.COMPLETED
    assert [c["status"] for c in sandbox.charges] == ["declined", "approved"]


def test_a_card_read_as_the_cashier_cancels_is_voided(qtbot, checkout, sandbox):
    """The race: the reader reads the card in the same moment as Cancel. The reader's
    approved action stands at the gateway, so the till voids it and says so."""
    sandbox.scripts.set_reader(READER, "tok_visa", None)
    checkout.commit()
    wait_for_status(qtbot, "Tap, insert")
    charge_id = sandbox.charges[0]["id"]
    present_card(sandbox)
    cancel_charge()  # in the same moment: the answer is not back yet
    settled(qtbot, checkout)
    assert "charged just as you cancelled" in message(checkout)
    assert "voided" in message(checkout)
    assert [(c["id"], c["status"]) for c in sandbox.charges] == [(charge_id, "voided")]
    assert checkout.order is None and not Payment.select().where(
        Payment.status == "approved").exists()


def present_card(sandbox) -> None:
    """The customer taps a Visa now (the sandbox's admin call a test bench would make)."""
    answer = send(sandbox, "POST", f"/sandbox/readers/{READER}",
                  {"card": "tok_visa", "delay": 0}, api_key=KEY, secret=SECRET)
    assert answer.status_code == 200, answer.text


def test_a_scanned_wallet_code_waits_for_the_customer_then_pays(qtbot, checkout, sandbox,
                                                                progress):
    sandbox.scripts.update({"confirm_delay": 1.0})
    payment_code = code("alipay", "confirms")
    assert checkout.take_scan(payment_code)  # the register hands the scan over
    wait_for_status(qtbot, "Waiting for the customer to confirm on their phone")
    assert charge_window().windowTitle() == "Wallet payment"
    assert problems(charge_window()) == []
    assert charge_window().findChild(QLabel, "chargeElapsed").text().endswith("s left")
    settled(qtbot, checkout)
    order = checkout.order
    assert order is not None and order.status == Status.COMPLETED
    (payment,) = order.payments
    assert payment.wallet == "alipay" and payment.buyer
    assert PaymentAttempt.get().card_token == "wallet:alipay"
    assert "customer_confirming" in [p.state for p in progress if p]
    shown = [w.text() for w in checkout.findChildren(QLabel)]
    assert not any(payment_code in text for text in shown)


def test_a_code_typed_into_the_amount_is_charged_and_cleared(qtbot, checkout, sandbox):
    payment_code = code("wechat", "pays")
    qtbot.keyClicks(checkout.tendered_input, payment_code)  # as a scanner types it
    qtbot.keyClick(checkout, Qt.Key.Key_Return)
    assert checkout.tendered_input.text() != payment_code
    assert not checkout.tendered_input.isUndoAvailable()  # Ctrl+Z cannot bring it back
    settled(qtbot, checkout)
    assert checkout.order is not None
    assert [p.wallet for p in checkout.order.payments] == ["wechat"]


def test_the_wallet_button_takes_a_typed_code_and_lists_the_test_codes(qtbot, checkout,
                                                                       sandbox):
    def type_code(dialog) -> None:
        hint = dialog.findChild(QLabel, "walletTestCodes").text()
        assert code("alipay", "pays") in hint and code("wechat", "never") in hint
        field = dialog.code_input
        qtbot.keyClicks(field, "1234")
        qtbot.keyClick(field, Qt.Key.Key_Return)  # not a payment code: said, not charged
        assert "not a wallet payment code" in dialog.findChild(QLabel,
                                                                "walletCodeError").text()
        field.setText(code("alipay", "pays"))
        qtbot.keyClick(field, Qt.Key.Key_Return)

    qtbot.keyClick(checkout, Qt.Key.Key_F5)
    type_code(QApplication.activeModalWidget())
    settled(qtbot, checkout)
    assert checkout.order is not None and checkout.order.payments[0].wallet == "alipay"


def test_a_customer_who_never_confirms_is_reversed_at_the_time_limit(qtbot, checkout, sandbox,
                                                                     service):
    service.gateway.wait_limits["wallet_code"] = 2.0  # the till's limit, short
    checkout.take_scan(code("alipay", "never"))
    wait_for_status(qtbot, "confirm on their phone")
    settled(qtbot, checkout)
    assert checkout.order is None and checkout.flow.phase == Phase.IDLE
    assert "did not confirm the payment on the phone in time" in message(checkout)
    assert not Payment.select().exists()
    (charge,) = sandbox.charges
    assert charge["status"] in ("declined", "voided")


def test_a_customer_who_confirms_after_the_cancel_is_paid_back(qtbot, checkout, sandbox):
    checkout.take_scan(code("wechat", "late"))
    wait_for_status(qtbot, "confirm on their phone")
    cancel_charge()
    settled(qtbot, checkout)
    assert message(checkout).startswith("The customer confirmed after you cancelled")
    assert [c["status"] for c in sandbox.charges] == ["voided"]
    assert checkout.order is None and not Payment.select().where(
        Payment.status == "approved").exists()
    assert Order.get_by_id(checkout.placed.id).paid == 0


def test_the_store_qr_is_shown_and_paid(qtbot, checkout, sandbox, progress):
    qtbot.keyClick(checkout, Qt.Key.Key_F6)
    wait_for_status(qtbot, "Waiting for the customer to pay")
    view = charge_window().findChild(QLabel, "chargeQr")
    assert view.isVisible() and view.url().startswith("http")
    assert min(view.width(), view.height()) >= QR_SIDE_PX  # whole, for a phone to read
    assert problems(charge_window()) == []  # the window grew to hold it: nothing cut off
    (shown,) = [p for p in progress if p and p.state == "qr_shown"]
    assert shown.qr_url == view.url()
    charge_id = sandbox.charges[0]["id"]
    assert send(sandbox, "POST", f"/sandbox/qr/{charge_id}/pay", {}, api_key=KEY,
                   secret=SECRET).status_code == 200
    settled(qtbot, checkout)
    assert checkout.order is not None and checkout.order.payments[0].wallet == "alipay"
    assert PaymentAttempt.get().card_token == "qr:alipay"


def test_an_expired_store_qr_says_so_and_takes_nothing(qtbot, checkout, sandbox):
    sandbox.scripts.update({"qr_expires_in": 1.0})
    checkout.charge_store_qr()
    wait_for_status(qtbot, "Waiting for the customer to pay")
    settled(qtbot, checkout)
    assert checkout.order is None and "QR" in message(checkout)
    assert not Payment.select().exists()


def test_a_code_scanned_while_a_charge_waits_charges_nothing_more(qtbot, checkout, sandbox):
    """Interleaving: the customer's code arrives while the reader waits; the checkout says
    so and keeps the one charge in flight; Cancel then ends it."""
    sandbox.scripts.set_reader(READER, "tok_visa", None)
    checkout.commit()
    wait_for_status(qtbot, "Tap, insert")
    assert checkout.take_scan(code("alipay", "pays"))  # the checkout's, not the cart's
    assert "takes no payment now" in message(checkout)
    assert not checkout.wallet_button.isEnabled() and not checkout.qr_button.isEnabled()
    checkout.charge_store_qr()  # F6 while charging: nothing
    cancel_charge()
    settled(qtbot, checkout)
    assert len(sandbox.charges) == 1
    assert not checkout.take_scan("4006381333931")  # a product's code stays the register's


def test_the_register_scanner_hands_a_payment_code_to_the_open_checkout(qtbot, store_path,
                                                                       service, sandbox):
    """The customer's code is scanned while the checkout is open: it pays the sale there,
    while a product's code scanned then waits for the next sale, as before."""
    session = Session(load_settings(), store_path)
    session.card_service = service
    session.card_charger = GatewayCharger(service, "sandbox", session.settings.locale)
    register = RegisterView(session)
    qtbot.addWidget(register)
    register.setMinimumSize(1000, 620)  # as in the main window: fixed before it is shown
    register.resize(1180, 690)
    show(qtbot, register)
    register.scan("SKU0000")
    register.pay("card")
    checkout = register.checkout
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is checkout)
    register.scanner.clock = FakeClock(SCANNER)
    target = checkout.tendered_input  # where the cashier's keys go
    qtbot.keyClicks(target, code("alipay", "pays"))
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert "2800" not in checkout.tendered_input.text()  # the burst was a scan, not typed
    qtbot.waitUntil(lambda: checkout.order is not None, timeout=10_000)
    assert [p.wallet for p in checkout.order.payments] == ["alipay"]
    assert register.scan_queue.pending == []
    register.scanner.uninstall()


def test_while_the_customer_confirms_esc_and_reconciliation_leave_the_charge_alone(
        qtbot, checkout, sandbox, service):
    """Interleaving: the checkout's Esc and the reconciliation tick arrive while a wallet
    payment waits; neither touches it, and the payment completes the sale."""
    sandbox.scripts.update({"confirm_delay": 1.5})
    checkout.take_scan(code("wechat", "confirms"))
    wait_for_status(qtbot, "confirm on their phone")
    checkout.reject()  # Esc on the checkout under the charge window: nothing while busy
    assert checkout.flow.phase == Phase.CHARGING and checkout.isVisible()
    service.hold(checkout.placed.id)
    service.reconcile()  # the minute's tick: the open checkout's sale is left to it
    settled(qtbot, checkout)
    assert checkout.order is not None and checkout.order.status == Status.COMPLETED
    assert PaymentAttempt.get().status == "approved"
    assert [c["status"] for c in sandbox.charges] == ["approved"]


def test_no_payment_code_reaches_a_label_a_log_or_the_store(qtbot, checkout, sandbox,
                                                            store_path, caplog):
    """A payment code is a bearer credential: declined, refused, paid and paid back through
    the real windows, none of the codes is in any text on screen, the log (at DEBUG), the
    store's file or its WAL."""
    caplog.set_level("DEBUG")
    codes = [code("alipay", "insufficient"), "289999999999999999",  # unknown: refused
             code("wechat", "late"), code("alipay", "pays")]
    seen = []

    def shown() -> None:
        for window in QApplication.topLevelWidgets():
            seen.extend(w.text() for w in window.findChildren(QLabel))
            seen.append(window.windowTitle())

    for n, payment_code in enumerate(codes):
        checkout.take_scan(payment_code)
        qtbot.waitUntil(lambda: charge_window() is not None or not checkout.flow.busy)
        shown()
        if n == 2:
            wait_for_status(qtbot, "confirm on their phone")
            cancel_charge()
        settled(qtbot, checkout)
        shown()
    assert checkout.order is not None and checkout.order.payments[0].wallet == "alipay"
    assert [c["status"] for c in sandbox.charges] == ["declined", "declined", "voided",
                                                      "approved"]
    wait_for_all()
    stored = b"".join(path.read_bytes() for path in store_path.parent.glob(
        store_path.name + "*"))
    for payment_code in codes:
        assert payment_code not in caplog.text
        assert not any(payment_code in text for text in seen)
        assert payment_code.encode() not in stored
    assert not any(a.card_token.startswith("2") for a in PaymentAttempt.select())


def test_a_cancel_the_gateway_cannot_take_is_said_and_the_wait_still_ends(qtbot, checkout,
                                                                          sandbox):
    """Cancel's own request fails (the gateway answers 500): the cashier reads that the
    payment ends by itself; the charge's worker cancels it once the gateway answers."""
    sandbox.scripts.set_reader(READER, "tok_visa", None)
    checkout.commit()
    wait_for_status(qtbot, "Tap, insert")
    sandbox.faults.add("error500", times=2, endpoint="cancel")
    cancel_charge()
    wait_for_status(qtbot, "ends by itself when its time runs out")
    settled(qtbot, checkout)
    assert message(checkout) == "The card was not charged."
    (charge,) = sandbox.charges
    assert (charge["status"], charge["decline"]["code"]) == ("declined", "cancelled")
