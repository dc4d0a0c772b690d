"""What `make run` does with the demo store: the sandbox gateway starts inside the program,
its credentials are kept encrypted, and a card sale goes through it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from pos.demo.data import create_demo
from pos.payments.sandbox.waiting import DEMO_READER
from pos.sales import shifts
from pos.sales.order_states import Status
from pos.settings import load_settings
from pos.staff import users
from pos.store.db import close_store, open_store
from pos.store.models import Payment, Product
from pos.store.secrets import get_secret
from tests.ui.card_checkout import pay
from tests.ui.test_checkout import make_cart
from ui.checkout import CheckoutDialog
from ui.payments.gateway_charger import GatewayCharger
from ui.payments.setup import connect_cards
from ui.session import Session
from ui.workers import wait_for_all


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    path = tmp_path / "demo.db"
    open_store(path)
    create_demo(products=40, days=1, seed=2)
    yield path
    wait_for_all()
    close_store()


def test_the_demo_takes_cards_through_its_own_sandbox(qtbot, demo):
    session = Session(load_settings(), demo)
    session.sign_in(users.find_user("Alex"))
    shifts.open_shift(session.user, "0", session.terminal_id)  # every sale is in a shift
    cards = connect_cards(session)
    try:
        assert isinstance(session.card_charger, GatewayCharger)
        assert cards.sandbox is not None and session.card_service.online
        key = get_secret("gateway_api_key")
        assert key.startswith("sk_sandbox_") and key.encode() not in demo.read_bytes()
        skus = [p.sku for p in Product.select().where(Product.unit == "each").limit(2)]
        dialog = CheckoutDialog(session, make_cart([(skus[0], 1), (skus[1], 2)]), "card",
                                card_charger=session.card_charger)
        qtbot.addWidget(dialog)
        dialog.show()
        pay(qtbot, dialog, card=None)  # the demo's reader reads a Visa
        order = dialog.order
        assert order is not None and order.status == Status.COMPLETED
        assert order.cashier_name == "Alex"
        (payment,) = order.payments
        assert (payment.status, payment.card_last4) == ("approved", "4242")
        assert [c["id"] for c in cards.sandbox.charges] == [payment.gateway_ref]
    finally:
        wait_for_all()
        cards.stop()


def test_the_demo_takes_its_reader_a_typed_wallet_code_and_its_store_qr(qtbot, demo):
    """Issue 16's "done when", as `make run` has it: a card on the simulated reader, a
    payment code typed at checkout from the test codes the Wallet dialog lists, and the
    store's QR, which the demo's sandbox pays by itself."""
    session = Session(load_settings(), demo)
    session.sign_in(users.find_user("Alex"))
    shifts.open_shift(session.user, "0", session.terminal_id)
    cards = connect_cards(session)
    skus = [p.sku for p in Product.select().where(Product.unit == "each").limit(3)]

    def sell(sku: str, pay_by) -> Payment:
        dialog = CheckoutDialog(session, make_cart([(sku, 1)]), "card",
                                card_charger=session.card_charger)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        pay_by(dialog)
        qtbot.waitUntil(lambda: dialog.order is not None, timeout=20_000)
        (payment,) = dialog.order.payments
        dialog.accept()
        return payment

    def type_a_test_code(dialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_F5)
        wallet = QApplication.activeModalWidget()
        listed = wallet.findChild(QLabel, "walletTestCodes").text().splitlines()
        wallet.code_input.setText(next(line.split()[0] for line in listed
                                       if "WeChat Pay, succeeds at once" in line))
        qtbot.keyClick(wallet.code_input, Qt.Key.Key_Return)

    try:
        assert session.settings.card_reader == DEMO_READER
        card = sell(skus[0], lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
        assert (card.card_brand, card.card_last4, card.wallet) == ("Visa", "4242", None)
        wechat = sell(skus[1], type_a_test_code)
        assert wechat.wallet == "wechat" and wechat.buyer
        qr = sell(skus[2], lambda d: qtbot.keyClick(d, Qt.Key.Key_F6))
        assert qr.wallet == "alipay"
        assert [c["method"] for c in cards.sandbox.charges] == ["reader", "wallet_code",
                                                                "store_qr"]
    finally:
        wait_for_all()
        cards.stop()
