"""A Chinese store reads Chinese from the core too: card declines, the sandbox's test
cards, the demo's tax classes, the cashier on a receipt (issue 11, finding 15)."""

from __future__ import annotations

import pytest

from pos.payments.gateway.factory import SANDBOX_CARDS, STRIPE_TEST_CARDS
from pos.payments.gateway.factory import test_cards as cards_for  # not a test
from pos.payments.gateway.http_adapter import DECLINE_REASONS
from pos.payments.gateway.wording import CHINESE_DECLINES, CHINESE_TEST_CARDS, decline_message
from pos.payments.sandbox.ledger import CARDS
from pos.receipts.model import build_receipt
from pos.receipts.text_layout import receipt_lines
from pos.settings import StoreSettings, load_settings
from pos.store import db
from pos.store.models import Order, TaxClass


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def store(tmp_path):
    db.open_store(tmp_path / "s.db")
    yield tmp_path / "s.db"
    db.close_store()


def test_every_decline_the_gateways_send_has_chinese():
    from pos.payments.gateway.stripe_adapter import _DECLINES

    codes = {card.decline for card in CARDS.values() if card.decline}
    assert codes <= set(DECLINE_REASONS) | set(_DECLINES)
    assert (codes | set(DECLINE_REASONS) | set(_DECLINES)) - set(CHINESE_DECLINES) == set()
    assert all(_has_cjk(text) for text in CHINESE_DECLINES.values())


def test_a_decline_reads_in_the_stores_language():
    english = DECLINE_REASONS["insufficient_funds"]
    assert decline_message("insufficient_funds", english, "en_US") == english
    assert decline_message("insufficient_funds", english, "de_DE") == english
    assert decline_message("insufficient_funds", english, "zh_CN") == CHINESE_DECLINES[
        "insufficient_funds"]
    # a refusal with no Chinese of its own keeps its English detail beside a Chinese sentence
    odd = decline_message("rejected", "The card gateway has no record of this payment.",
                          "zh_CN")
    assert _has_cjk(odd) and "no record" in odd


def test_the_sandbox_and_stripe_test_cards_are_named_in_chinese():
    zh = StoreSettings(card_gateway="sandbox", locale="zh_CN")
    names = cards_for(zh)
    assert [token for _, token in names] == [token for _, token in SANDBOX_CARDS]
    assert all(name == CHINESE_TEST_CARDS[token] for name, token in names)
    assert "被拒绝的卡" in dict(names)
    assert cards_for(StoreSettings(card_gateway="sandbox")) == SANDBOX_CARDS
    stripe = StoreSettings(card_gateway="stripe", locale="zh_CN",
                           gateway_url="http://localhost:8420")
    assert [CHINESE_TEST_CARDS[t] for _, t in STRIPE_TEST_CARDS] == [n for n, _ in
                                                                      cards_for(stripe)]


def test_the_chinese_demo_names_its_tax_classes_in_chinese(store):
    from pos.demo.data import create_demo

    create_demo(products=100, days=1, currency="CNY")
    assert {t.code: t.name for t in TaxClass.select()} == {
        "standard": "标准税率", "reduced": "低税率", "zero": "零税率"}


def test_an_english_demo_keeps_english_tax_class_names(store):
    from pos.demo.data import create_demo

    create_demo(products=100, days=1)
    assert not any(_has_cjk(t.name) for t in TaxClass.select())


def test_the_chinese_text_receipt_names_the_cashier(store):
    from pos.demo.data import create_demo

    create_demo(products=100, days=1, currency="CNY")
    order = Order.select().where(Order.cashier_name.is_null(False),
                                 Order.receipt_no.is_null(False)).first()
    receipt = build_receipt(order, load_settings())  # no signed-in cashier: the command line
    assert receipt.cashier == order.cashier_name
    assert any(f"收银员 {order.cashier_name}" in line for line in receipt_lines(receipt, 42))
