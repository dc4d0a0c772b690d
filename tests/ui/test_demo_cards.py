"""What `make run` does with the demo store: the sandbox gateway starts inside the program,
its credentials are kept encrypted, and a card sale goes through it."""

from __future__ import annotations

import pytest

from pos.demo.data import create_demo
from pos.sales import shifts
from pos.sales.order_states import Status
from pos.settings import load_settings
from pos.staff import users
from pos.store.db import close_store, open_store
from pos.store.models import Product
from pos.store.secrets import get_secret
from tests.ui.test_card_gateway import pay
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
        pay(qtbot, dialog)
        order = dialog.order
        assert order is not None and order.status == Status.COMPLETED
        assert order.cashier_name == "Alex"
        (payment,) = order.payments
        assert (payment.status, payment.card_last4) == ("approved", "4242")
        assert [c["id"] for c in cards.sandbox.charges] == [payment.gateway_ref]
    finally:
        wait_for_all()
        cards.stop()
