"""A Chinese store's cashier reads a card decline and the sandbox's test cards in Chinese
(issue 11, finding 15), through the real checkout, card service and sandbox."""

from __future__ import annotations

import pytest

from pos.payments.gateway.factory import SANDBOX_CARDS
from pos.payments.gateway.wording import CHINESE_DECLINES, CHINESE_TEST_CARDS, named_test_cards
from pos.settings import load_settings, save_settings
from tests.ui.card_checkout import message, pay, show_card_checkout, when_shown
from ui.session import Session


@pytest.fixture
def chinese_checkout(qtbot, store_path, service):
    save_settings(locale="zh_CN")
    session = Session(load_settings(), store_path)
    service.test_cards = named_test_cards(SANDBOX_CARDS, session.settings.locale)
    return show_card_checkout(qtbot, session, service)


def test_a_declined_card_is_told_in_chinese(qtbot, chinese_checkout, sandbox):
    names = []
    when_shown("chargeDialog", lambda d: names.extend(
        d.card_combo.itemText(i) for i in range(d.card_combo.count())))
    pay(qtbot, chinese_checkout, "tok_insufficient")
    assert chinese_checkout.order is None
    assert CHINESE_DECLINES["insufficient_funds"] in message(chinese_checkout)
    assert names == [CHINESE_TEST_CARDS[token] for _, token in SANDBOX_CARDS]
