"""Payment codes are told apart by their wallet's published rules."""

from __future__ import annotations

import pytest

from pos.payments.wallet_codes import recognise, wallet_name


@pytest.mark.parametrize("code, wallet", [
    ("2812345678901234", "alipay"),  # 16 digits, 28
    ("250000000000000000000000", "alipay"),  # 24 digits, 25
    ("300000000000000000", "alipay"),  # 18 digits, 30: Alipay, not WeChat (10-15)
    ("134567890123456789", "wechat"),  # 18 digits, 13
    ("100000000000000000", "wechat"),
    ("159999999999999999", "wechat"),
    (" 134567890123456789\n", "wechat"),  # a scanner's Enter
])
def test_codes_of_each_wallet(code, wallet):
    assert recognise(code) == wallet


@pytest.mark.parametrize("code", [
    "281234567890123",  # 15 digits: too short for Alipay
    "2500000000000000000000000",  # 25 digits: too long
    "240000000000000000",  # 18 digits beginning 24
    "310000000000000000",  # 18 digits beginning 31
    "13456789012345678",  # 17 digits beginning 13
    "1345678901234567890",  # 19 digits beginning 13
    "4006381333931",  # an EAN-13
    "13456789012345678a",
    "1345 6789 0123 4567",
    "１３４５６７８９０１２３４５６７８９",  # full-width digits
    "",
])
def test_other_text_is_not_a_payment_code(code):
    assert recognise(code) is None


def test_wallet_names():
    assert wallet_name("alipay") == "Alipay"
    assert wallet_name("wechat") == "WeChat Pay"
    assert wallet_name("other") == "other"
