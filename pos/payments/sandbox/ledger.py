"""The sandbox gateway's ledger: its test cards, its charges and idempotency records,
and the rules a real gateway keeps (one live charge per part of an order, refunds within
the charge). Every read and change holds the ledger's lock; the HTTP side is
`pos.payments.sandbox.server`, the file it is kept in `pos.payments.sandbox.state`."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from fractions import Fraction

from pos.money import Money, Rounding

FEE_PPM = 14_000  # 1.4 % of the amount ...
FEE_FIXED = 25  # ... plus 25 minor units, per approved charge
HIGH_FEE_PPM = 35_000  # tok_fee_high: 3.5 % plus the fixed part
LIVE = frozenset({"approved", "partially_refunded"})
"""Statuses of a charge whose money (some of it) is still taken: a live charge."""


@dataclass(frozen=True)
class SandboxCard:
    brand: str
    last4: str
    decline: str | None = None  # the decline code, or None for a card that approves
    fee_ppm: int | None = None  # None: the server's rate


CARDS = {
    "tok_visa": SandboxCard("Visa", "4242"),
    "tok_mastercard": SandboxCard("Mastercard", "4444"),
    "tok_fee_high": SandboxCard("American Express", "0005", fee_ppm=HIGH_FEE_PPM),
    "tok_decline": SandboxCard("Visa", "0002", decline="declined"),
    "tok_insufficient": SandboxCard("Visa", "9995", decline="insufficient_funds"),
    "tok_expired": SandboxCard("Visa", "0069", decline="expired_card"),
}
DECLINE_MESSAGES = {
    "declined": "The card was declined.",
    "insufficient_funds": "The card has insufficient funds.",
    "expired_card": "The card has expired.",
}

@dataclass(frozen=True)
class Reply:
    status: int
    body: dict
    headers: tuple[tuple[str, str], ...] = ()


class Refusal(Exception):
    def __init__(self, status: int, code: str, message: str, **headers: str) -> None:
        super().__init__(message)
        self.reply = error_reply(status, code, message, tuple(headers.items()))


def error_reply(status: int, code: str, message: str, headers=()) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message}}, headers)


@dataclass
class Charge:
    id: str
    status: str
    amount: Money
    fee: int
    card: SandboxCard
    idempotency_key: str
    order_ref: str
    metadata: dict
    created: int
    refunded: int = 0
    decline: str | None = None
    part: int = 1  # the how-many-th card charge of its order (a sale split across cards)

    def public(self) -> dict:
        decline = None if self.decline is None else {
            "code": self.decline, "message": DECLINE_MESSAGES[self.decline]}
        return {"object": "charge", "id": self.id, "status": self.status,
                "amount": self.amount.minor, "currency": self.amount.currency,
                "fee": self.fee, "net": self.amount.minor - self.fee,
                "refunded": self.refunded,
                "card": {"brand": self.card.brand, "last4": self.card.last4},
                "decline": decline, "idempotency_key": self.idempotency_key,
                "order_ref": self.order_ref, "part": self.part,
                "metadata": dict(self.metadata), "created": self.created}


@dataclass
class Ledger:
    """Charges and idempotency records; every read and change holds the lock."""

    fee_ppm: int
    fee_fixed: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    charges: dict[str, Charge] = field(default_factory=dict)
    keys: dict[str, list] = field(default_factory=dict)  # key -> [fingerprint, reply or None]
    # what changed since pos.payments.sandbox.state last saved: it appends only these
    changed_charges: set[str] = field(default_factory=set)
    changed_keys: set[str] = field(default_factory=set)

    def begin(self, key: str, fingerprint: str) -> tuple[str, Reply | None]:
        """'run' (the key is now in flight), 'replay', 'mismatch' or 'busy'."""
        with self.lock:
            entry = self.keys.get(key)
            if entry is None:
                self.keys[key] = [fingerprint, None]
                return "run", None
            if entry[0] != fingerprint:
                return "mismatch", None
            return ("busy", None) if entry[1] is None else ("replay", entry[1])

    def finish(self, key: str, reply: Reply) -> None:
        with self.lock:
            self.keys[key][1] = reply
            self.changed_keys.add(key)

    def abandon(self, key: str) -> None:
        with self.lock:
            self.keys.pop(key, None)

    def charge(self, key: str, params: dict) -> Reply:
        """A new charge, unless its order already has a live charge for the same part under
        another key (a replayed or duplicated charge): 409 order_already_charged."""
        card, amount = CARDS[params["card_token"]], params["amount"]
        order_ref, part = params["order_ref"], params["part"]
        fee = 0 if card.decline else self.fee(amount, card.fee_ppm or self.fee_ppm)
        charge = Charge(
            "ch_" + secrets.token_hex(12), "declined" if card.decline else "approved", amount,
            fee, card, key, order_ref, dict(params["metadata"]), int(time.time()),
            decline=card.decline, part=part)
        with self.lock:  # the check and the new charge in one step: no race between keys
            live = next((c for c in self.charges.values() if c.order_ref == order_ref
                         and c.part == part and c.status in LIVE
                         and c.idempotency_key != key), None)
            if live is not None:
                raise Refusal(409, "order_already_charged",
                               f"Order {order_ref} already has a live charge for part {part} "
                               f"({live.id}, under another Idempotency-Key); void it before "
                               "charging this part again, or number a further card charge "
                               "of the order as its next part.")
            self.charges[charge.id] = charge
            self.changed_charges.add(charge.id)
            return Reply(402 if card.decline else 200, charge.public())

    def fee(self, amount: Money, ppm: int) -> int:
        """ppm of the amount rounded half-up to a minor unit, plus the fixed part;
        never more than the amount."""
        share = amount.times(Fraction(ppm, 1_000_000), Rounding.HALF_UP).minor
        return min(amount.minor, share + self.fee_fixed)

    def void(self, charge_id: str) -> Reply:
        with self.lock:
            charge = self._get(charge_id)
            if charge.status not in ("approved", "voided"):
                raise Refusal(422, "charge_not_voidable",
                               f"A {charge.status.replace('_', ' ')} charge cannot be voided.")
            charge.status = "voided"
            self.changed_charges.add(charge.id)
            return Reply(200, charge.public())

    def refund(self, charge_id: str, amount: Money) -> Reply:
        with self.lock:
            charge = self._get(charge_id)
            if charge.status in ("declined", "voided"):
                raise Refusal(422, "charge_not_refundable",
                               f"A {charge.status} charge cannot be refunded.")
            if amount.currency != charge.amount.currency:
                raise Refusal(400, "currency_mismatch",
                               f"The charge is in {charge.amount.currency}.")
            left = charge.amount.minor - charge.refunded
            if amount.minor > left:
                raise Refusal(422, "refund_exceeds_charge",
                               f"Only {Money(left, amount.currency)} can still be refunded.")
            charge.refunded += amount.minor
            charge.status = "refunded" if charge.refunded == charge.amount.minor \
                else "partially_refunded"
            self.changed_charges.add(charge.id)
            return Reply(200, {"object": "refund", "id": "re_" + secrets.token_hex(12),
                                "charge": charge.id, "amount": amount.minor,
                                "currency": amount.currency, "status": "succeeded",
                                "charge_status": charge.status, "created": int(time.time())})

    def find(self, name: str, value: str) -> list[dict]:
        with self.lock:
            return [c.public() for c in self.charges.values() if getattr(c, name) == value]

    def all(self) -> list[dict]:
        with self.lock:
            return [c.public() for c in self.charges.values()]

    def _get(self, charge_id: str) -> Charge:
        if charge_id not in self.charges:
            raise Refusal(404, "no_such_charge", f"There is no charge {charge_id}.")
        return self.charges[charge_id]


