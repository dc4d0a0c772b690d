"""Which test cards the charge window offers: the sandbox's wherever a sandbox answers
(inside the program, or `pos gateway-sandbox` on this computer), none for a real gateway."""

from __future__ import annotations

import pytest

from pos.payments.gateway.factory import SANDBOX_CARDS
from pos.payments.gateway.factory import test_cards as cards_for  # not a test
from pos.settings import StoreSettings


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:8765/",
                                 "http://[::1]:9000"])
def test_our_protocol_over_plain_http_on_loopback_is_the_sandbox(url):
    assert cards_for(StoreSettings(card_gateway="http", gateway_url=url)) == SANDBOX_CARDS


@pytest.mark.parametrize("url", ["https://gateway.example.com", "https://127.0.0.1:8765",
                                 "http://192.168.1.20:8765", ""])
def test_a_gateway_elsewhere_or_over_tls_offers_no_test_cards(url):
    assert cards_for(StoreSettings(card_gateway="http", gateway_url=url)) == []


def test_a_standalone_terminal_offers_none():
    assert cards_for(StoreSettings(card_gateway="external",
                                   gateway_url="http://127.0.0.1:1")) == []
