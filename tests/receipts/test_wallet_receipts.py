"""Receipts of payments that waited for the customer: a wallet payment prints its wallet,
the buyer's account as the gateway masked it and the gateway's trade number, never the
payment code; a reader payment prints its card as a card payment does."""

from __future__ import annotations

import pytest

from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import source
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.sandbox.server import SandboxServer
from pos.payments.sandbox.waiting import Scripts
from pos.receipts.model import build_receipt, build_refund_receipt
from pos.receipts.text_layout import receipt_lines
from pos.sales.cart import Cart
from pos.sales.orders import pay_order, place_order
from pos.sales.register_items import item_for
from pos.settings import load_settings, save_settings
from pos.store.models import Order
from pos.tax import TaxMode, TaxRounding

CODE = "130000000000000001"  # WeChat Pay: succeeds at once


@pytest.fixture
def gateway():
    with SandboxServer(api_key="k", signing_secret="s",
                       scripts=Scripts(reader_delay=0)) as sandbox, \
            HttpGateway(sandbox.url, "k", "s") as adapter:
        yield adapter


def paid_sale(catalogue, gateway, method, name, code=None):
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item_for(catalogue["milk"]), 2)
    order = place_order(cart, "T1")
    due = Order.get_by_id(order.id).total
    request = attempts.open_charge(order, Money(due, "USD"), "http",
                                   source(method, name), payment_code=code)
    assert attempts.finish(request.attempt_id, attempts.send(gateway, request)).status \
        == "approved"
    return pay_order(order, [])


def text(receipt) -> str:
    return "\n".join(receipt_lines(receipt, 42))


def test_a_wallet_payment_prints_wallet_buyer_and_trade_number(catalogue, gateway):
    sale = paid_sale(catalogue, gateway, "wallet_code", "wechat", CODE)
    printed = text(build_receipt(sale, load_settings()))
    payment = sale.payments.get()
    assert "WeChat Pay o3_****_x9" not in printed  # the buyer has a line of its own
    assert "WeChat Pay" in printed and "Buyer o3_****_x9" in printed
    assert f"Trade no. {payment.gateway_ref}" in printed
    assert CODE not in printed and "Card" not in printed
    line = sale.lines[0]
    record, sends = attempts.refund_order(sale, {line.id: 1}, gateway="http")
    attempts.finish(sends[0].attempt_id, attempts.send(gateway, sends[0]))
    refunded = text(build_refund_receipt(record, load_settings()))
    assert "WeChat Pay" in refunded and "Buyer o3_****_x9" in refunded


def test_a_chinese_store_names_the_wallet_in_chinese(catalogue, gateway):
    save_settings(locale="zh_CN")
    sale = paid_sale(catalogue, gateway, "wallet_code", "alipay", "280000000000000001")
    printed = text(build_receipt(sale, load_settings()))
    assert "支付宝" in printed and "付款账户 138****5678" in printed and "交易号" in printed


def test_a_reader_payment_prints_its_card(catalogue, gateway):
    sale = paid_sale(catalogue, gateway, "reader", "reader-1")
    printed = text(build_receipt(sale, load_settings()))
    assert "Card Visa ****4242" in printed and "Buyer" not in printed
