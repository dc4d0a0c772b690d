"""Split tender: the part payments a cashier has taken so far and what is still due.

The checkout keeps one `TenderPlan` while the customer pays (part by card,
the rest in cash). It follows `pos.sales.orders.settle` — every payment but the
last pays part of the sale, cash rounding applies only to a final cash
payment — and checks the final list with `settle` itself, so the window can
never offer a plan that `complete_sale` would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pos.errors import InputError, StateError
from pos.money import Money
from pos.sales.orders import TENDERS, Tender, settle

CARD_BRANDS = ("Visa", "Mastercard", "American Express", "Maestro", "UnionPay", "JCB",
               "Discover", "Diners Club")
"""Brands a cashier may pick when a standalone card terminal approved a payment."""


def check_last4(text: str | None) -> str | None:
    """The card's last four digits as typed (empty is allowed: None); never more than four."""
    value = (text or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{4}", value):
        raise InputError("Type exactly the last 4 digits of the card, or leave the field empty.")
    return value


def card_tender(amount: Money, last4: str | None = None, brand: str | None = None,
                gateway_ref: str | None = None) -> Tender:
    """An approved card payment; only the brand and the last four digits are kept."""
    if brand is not None and brand not in CARD_BRANDS:
        raise InputError(f"{brand!r} is not a card brand this till knows.")
    return Tender("card", amount, card_brand=brand, card_last4=check_last4(last4),
                  gateway_ref=gateway_ref)


def cash_tender(handed: Money) -> Tender:
    """Cash handed over; `settle` applies what is due and the rest is change."""
    return Tender("cash", handed, tendered=handed)


@dataclass
class TenderPlan:
    total: Money
    cash_rounding: int = 0
    payments: list[Tender] = field(default_factory=list)

    @property
    def paid(self) -> Money:
        return sum((p.amount for p in self.payments), Money.zero(self.total.currency))

    def remaining(self) -> Money:
        """What the part payments leave to pay, before any cash rounding."""
        return max(self.total - self.paid, Money.zero(self.total.currency))

    def due(self, kind: str) -> Money:
        """What a final payment of `kind` must bring: cash-rounded only when it is cash."""
        rest = self.remaining()
        if kind == "cash" and self.cash_rounding and rest.minor:
            return rest.round_to(self.cash_rounding)
        return rest

    def rounding(self, kind: str) -> Money:
        """The cash rounding a final payment of `kind` adds (negative: rounded down)."""
        return self.due(kind) - self.remaining()

    @property
    def settled(self) -> bool:
        """The part payments already pay the whole sale (a card took the rest)."""
        return bool(self.payments) and not self.remaining().minor

    def change(self, handed: Money) -> Money:
        """Change for cash handed over as the final payment; negative when it is not enough."""
        return handed - self.due("cash")

    def add(self, tender: Tender) -> None:
        """Take a part payment: a card up to what is still due, or cash less than that."""
        self.check(tender)
        self.payments.append(tender)

    def check(self, tender: Tender) -> None:
        """Raise unless `tender` may be added; call it before charging a card."""
        if tender.kind not in TENDERS:
            raise InputError(f"{tender.kind!r} is not a way to pay here.")
        if tender.amount.currency != self.total.currency:
            raise InputError(f"The payment is in {tender.amount.currency}, "
                             f"the sale in {self.total.currency}.")
        if self.settled:
            raise StateError("The sale is paid in full; complete it.")
        if tender.amount.minor <= 0:
            raise InputError("A payment must be more than zero.")
        if tender.kind == "cash" and (tender.amount >= self.remaining()
                                      or tender.amount >= self.due("cash")):
            raise InputError("A part payment in cash must be less than what is still due; "
                             "to pay the rest, complete the sale.")
        if tender.kind != "cash" and tender.amount > self.remaining():
            raise InputError("A card payment cannot be more than what is still due.")

    def remove(self, index: int) -> Tender:
        if not 0 <= index < len(self.payments):
            raise StateError("That payment is no longer in the list.")
        return self.payments.pop(index)

    def tenders(self, final: Tender | None = None) -> list[Tender]:
        """The list for `complete_sale`: the part payments, then `final` unless they settle.

        Raises `InputError` (as `settle` does) when the payments do not pay the sale.
        """
        tenders = list(self.payments)
        if not self.settled:
            if final is None:
                raise InputError(f"{self.due('cash')} is still due.")
            tenders.append(final)
        settle(self.total, tenders, self.cash_rounding)
        return tenders
