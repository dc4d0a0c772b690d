"""Which wallet a scanned payment code (付款码) belongs to, by rules kept as data.

A wallet's payment code is digits only; each wallet publishes its length and its
leading digits. Checkout asks `recognise` for every scan that is not a product, so
a code is charged to its wallet without the cashier choosing one. A payment code is
a bearer credential: this module only looks at it and never keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WalletRule:
    """A wallet's payment codes: `min_length` to `max_length` digits whose first two
    digits are a number from `first` to `last`."""

    wallet: str
    name: str  # as printed on a receipt
    min_length: int
    max_length: int
    first: int
    last: int

    def matches(self, code: str) -> bool:
        return (self.min_length <= len(code) <= self.max_length
                and self.first <= int(code[:2]) <= self.last)


RULES: tuple[WalletRule, ...] = (
    WalletRule("alipay", "Alipay", 16, 24, 25, 30),
    WalletRule("wechat", "WeChat Pay", 18, 18, 10, 15),
)
"""Alipay: 16-24 digits beginning 25-30. WeChat Pay: 18 digits beginning 10-15."""

WALLETS = {rule.wallet: rule.name for rule in RULES}
"""Wallet id -> its name for people ("alipay" -> "Alipay")."""


def recognise(text: str) -> str | None:
    """The wallet whose payment code `text` is ("alipay", "wechat"), or None.

    Whitespace around the code (a scanner's Enter) is ignored; anything but ASCII
    digits inside it means it is not a payment code."""
    code = text.strip()
    if not code.isascii() or not code.isdigit():
        return None
    return next((rule.wallet for rule in RULES if rule.matches(code)), None)


def wallet_name(wallet: str | None) -> str:
    """A wallet's name for people; an unknown id is shown as it is."""
    return WALLETS.get(wallet or "", wallet or "")
