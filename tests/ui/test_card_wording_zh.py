"""A Chinese store's cashier reads a card decline and the sandbox's test cards in Chinese
(issue 11, finding 15), through the real checkout, card service and sandbox."""

# ruff: noqa: F811 - the gateway fixtures are imported, and pytest passes them as arguments
from __future__ import annotations

import pytest

from pos.payments.gateway.factory import SANDBOX_CARDS
from pos.payments.gateway.wording import CHINESE_DECLINES, CHINESE_TEST_CARDS, named_test_cards
from pos.settings import load_settings, save_settings
from tests.ui.test_card_gateway import (  # noqa: F401 - fixtures
    message,
    pay,
    sandbox,
    service,
    when_shown,
)
from tests.ui.test_checkout import make_cart
from ui.checkout import CheckoutDialog
from ui.payments.gateway_charger import GatewayCharger
from ui.session import Session


@pytest.fixture
def chinese_checkout(qtbot, store_path, service):
    save_settings(locale="zh_CN")
    session = Session(load_settings(), store_path)
    service.test_cards = named_test_cards(SANDBOX_CARDS, session.settings.locale)
    charger = GatewayCharger(service, "sandbox", session.settings.locale)
    dialog = CheckoutDialog(session, make_cart(), "card", card_charger=charger)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_a_declined_card_is_told_in_chinese(qtbot, chinese_checkout, sandbox):
    names = []
    when_shown("chargeDialog", lambda d: names.extend(
        d.card_combo.itemText(i) for i in range(d.card_combo.count())))
    pay(qtbot, chinese_checkout, "tok_insufficient")
    assert chinese_checkout.order is None
    assert CHINESE_DECLINES["insufficient_funds"] in message(chinese_checkout)
    assert names == [CHINESE_TEST_CARDS[token] for _, token in SANDBOX_CARDS]
