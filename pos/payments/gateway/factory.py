"""The store's gateway, built from its settings and its encrypted secrets.

`card_gateway` chooses: `external` (a standalone terminal, no gateway),
`sandbox` (the embedded test gateway the demo runs on loopback), `http` (our
protocol, docs/GATEWAY.md) or `stripe`. The API key and signing secret are
read from `pos.store.secrets`, never from settings or the command line.
"""

from __future__ import annotations

import secrets as tokens
from urllib.parse import urlsplit

from pos.addresses import is_loopback
from pos.errors import InputError
from pos.payments.gateway.base import Gateway
from pos.payments.gateway.wording import named_test_cards
from pos.settings import StoreSettings
from pos.store.secrets import get_secret, put_secret

API_KEY = "gateway_api_key"
SIGNING_SECRET = "gateway_signing_secret"

SANDBOX_CARDS = [("Visa •••• 4242 (approves)", "tok_visa"),
                 ("Mastercard •••• 4444 (approves)", "tok_mastercard"),
                 ("Declined card", "tok_decline"),
                 ("Insufficient funds", "tok_insufficient"),
                 ("Expired card", "tok_expired"),
                 ("High fee card", "tok_fee_high")]
STRIPE_TEST_CARDS = [("Visa (test)", "pm_card_visa"),
                     ("Mastercard (test)", "pm_card_mastercard"),
                     ("Declined (test)", "pm_card_chargeDeclined")]


def sandbox_credentials() -> tuple[str, str]:
    """The embedded sandbox's key and secret: made once per store, kept encrypted."""
    key, secret = get_secret(API_KEY), get_secret(SIGNING_SECRET)
    if not key or not secret:
        key, secret = f"sk_sandbox_{tokens.token_urlsafe(18)}", tokens.token_urlsafe(32)
        put_secret(API_KEY, key)
        put_secret(SIGNING_SECRET, secret)
    return key, secret


def build_gateway(settings: StoreSettings, url: str | None = None) -> Gateway:
    """The adapter for `settings.card_gateway` (not `external`); `url` overrides the
    setting (the embedded sandbox's loopback address)."""
    ca = settings.gateway_ca_bundle or None
    base = url or settings.gateway_url
    if settings.card_gateway == "stripe":
        from pos.payments.gateway.stripe_adapter import StripeGateway

        key = _needed(API_KEY)
        return StripeGateway(key, base_url=base or "https://api.stripe.com", ca_bundle=ca)
    if settings.card_gateway in ("http", "sandbox"):
        from pos.payments.gateway.http_adapter import HttpGateway

        if not base:
            raise InputError("Set the card gateway's address: pos settings gateway_url=https://…")
        return HttpGateway(base, _needed(API_KEY), _needed(SIGNING_SECRET), ca_bundle=ca)
    raise InputError("This store takes cards on a standalone terminal, not through a gateway.")


def test_cards(settings: StoreSettings) -> list[tuple[str, str]]:
    """The cards a cashier may choose in test mode (a real reader supplies its own token),
    named in the store's language. Our protocol over plain http is allowed only on
    loopback, where it is the sandbox (`pos gateway-sandbox`): its cards are offered too."""
    if settings.card_gateway == "sandbox" or (
            settings.card_gateway == "http" and _plain_loopback(settings.gateway_url)):
        return named_test_cards(SANDBOX_CARDS, settings.locale)
    if settings.card_gateway == "stripe" and "localhost" in settings.gateway_url:
        return named_test_cards(STRIPE_TEST_CARDS, settings.locale)
    return []


def _plain_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and is_loopback(parts.hostname)


def _needed(name: str) -> str:
    value = get_secret(name)
    if not value:
        raise InputError(f"The card gateway's {name.replace('_', ' ')} is not set: "
                         f"run 'pos keys set {name}'.")
    return value
