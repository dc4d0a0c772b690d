"""The sandbox gateway's ledger: its test cards, its charges and idempotency records,
and the rules a real gateway keeps (one live charge per part of an order, refunds within
the charge). Every read and change holds the ledger's lock; the HTTP side is
`pos.payments.sandbox.server`, the file it is kept in `pos.payments.sandbox.state`.

A charge that waits for the customer (a reader, a wallet's payment code, the store's
QR code; `pos.payments.sandbox.waiting`) is `pending` until its time comes: the ledger
settles it lazily, whenever it is read, from the times saved on the charge, so a
sandbox that restarts settles it just the same.
"""

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
WALLET_FEE_PPM = 6_000  # wallets charge 0.6 %, no fixed part
LIVE = frozenset({"approved", "partially_refunded"})
"""Statuses of a charge whose money (some of it) is still taken: a live charge."""
EXPIRED = {"reader": "reader_timeout", "wallet_code": "customer_did_not_confirm",
           "store_qr": "qr_expired"}
"""The decline of a charge that waited past its time, by method."""
BUYERS = {"alipay": "138****5678", "wechat": "o3_****_x9"}
"""The masked buyer a sandbox wallet reports, as Alipay masks a logon id and WeChat
Pay an openid."""


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
    "insufficient_balance": "The wallet's balance is not enough.",
    "payment_code_invalid": "The payment code is not valid or has expired.",
    "reader_timeout": "No card was presented on the reader in time.",
    "customer_did_not_confirm": "The customer did not confirm the payment in time.",
    "qr_expired": "The QR code expired before it was paid.",
    "cancelled": "The payment was cancelled.",
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
    card: SandboxCard | None  # None: a wallet payment
    idempotency_key: str
    order_ref: str
    metadata: dict
    created: int
    refunded: int = 0
    decline: str | None = None
    part: int = 1  # the how-many-th card charge of its order (a sale split across cards)
    method: str = "card"  # card, reader, wallet_code or store_qr
    reader_id: str | None = None
    wallet: str | None = None
    buyer: str | None = None  # masked, set when a wallet payment succeeds
    behaviour: str | None = None  # a waiting charge's script (waiting.py), never a code
    settle_at: float | None = None  # a pending charge settles then (None: never by itself)
    expires_at: float | None = None  # ... or gives up then
    qr_url: str | None = None

    def public(self) -> dict:
        decline = None if self.decline is None else {
            "code": self.decline, "message": DECLINE_MESSAGES[self.decline]}
        card = None if self.card is None or self.status == "pending" else {
            "brand": self.card.brand, "last4": self.card.last4}
        return {"object": "charge", "id": self.id, "status": self.status,
                "amount": self.amount.minor, "currency": self.amount.currency,
                "fee": self.fee, "net": self.amount.minor - self.fee,
                "refunded": self.refunded, "method": self.method, "card": card,
                "reader_id": self.reader_id, "wallet": self.wallet, "buyer": self.buyer,
                "next_action": self.next_action(), "decline": decline,
                "idempotency_key": self.idempotency_key,
                "order_ref": self.order_ref, "part": self.part,
                "metadata": dict(self.metadata), "created": self.created}

    def next_action(self) -> dict | None:
        """What a pending charge waits for (docs/GATEWAY.md); None once it is final."""
        if self.status != "pending":
            return None
        kind = {"reader": "reader_waiting", "wallet_code": "customer_confirming",
                "store_qr": "qr_shown"}[self.method]
        expires = None if self.expires_at is None else int(self.expires_at)
        return {"type": kind, "qr_url": self.qr_url, "expires_at": expires,
                "expires_in": None if expires is None else max(0, expires - int(time.time()))}


@dataclass
class Ledger:
    """Charges and idempotency records; every read and change holds the lock, and a
    change to a charge wakes the long polls waiting on `changed`."""

    fee_ppm: int
    fee_fixed: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    charges: dict[str, Charge] = field(default_factory=dict)
    keys: dict[str, list] = field(default_factory=dict)  # key -> [fingerprint, reply or None]
    # what changed since pos.payments.sandbox.state last saved: it appends only these
    changed_charges: set[str] = field(default_factory=set)
    changed_keys: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

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

    def charge(self, key: str, params: dict, plan: dict | None = None) -> Reply:
        """A new charge, unless its order already has a live charge for the same part under
        another key (a replayed or duplicated charge): 409 order_already_charged. `plan`
        makes it a charge that waits for the customer (`waiting.plan`): its card (a
        reader's), wallet, script and times; it is settled at once if its time is now."""
        amount, order_ref, part = params["amount"], params["order_ref"], params["part"]
        if plan is None:
            plan = {"card": CARDS[params["card_token"]], "settle_at": 0.0}
        charge = Charge(id="ch_" + secrets.token_hex(12), status="pending", amount=amount,
                        fee=0, idempotency_key=key, order_ref=order_ref,
                        metadata=dict(params["metadata"]), created=int(time.time()),
                        part=part, **{"card": None, **plan})
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
            self._advance(charge, time.time())
            self.changed_charges.add(charge.id)
            return Reply(402 if charge.status == "declined" else 200, charge.public())

    def get(self, charge_id: str, wait: float = 0.0,
            stopping: threading.Event | None = None) -> Reply:
        """A charge as it is now; a pending one is waited on for up to `wait` seconds
        (the long poll), until it is final or the sandbox stops."""
        deadline = time.monotonic() + wait
        with self.changed:
            charge = self._get(charge_id)
            while True:
                self._advance(charge, time.time())
                left = deadline - time.monotonic()
                if charge.status != "pending" or left <= 0 or (stopping and stopping.is_set()):
                    return Reply(200, charge.public())
                self.changed.wait(min(left, 0.1))  # settle times pass without a notify

    def cancel(self, charge_id: str) -> Reply:
        """Stop a charge that waits: a pending one is declined `cancelled` (a customer who
        confirms just then has paid, and is paid back: `voided`); an approved wallet
        payment is reversed (`voided`); a reader's approved action stands, as a reader's
        finished action cannot be cancelled. A card charge is voided, not cancelled."""
        with self.changed:
            charge = self._get(charge_id)
            self._advance(charge, time.time())
            if charge.method == "card":
                raise Refusal(422, "charge_not_cancellable",
                               "A card charge is final once answered; void or refund it.")
            if charge.status == "pending" and charge.behaviour == "late":
                self._settle(charge)  # the customer confirmed as the cashier cancelled
            if charge.status == "pending":
                charge.status, charge.decline = "declined", "cancelled"
            elif charge.status == "approved" and charge.wallet is not None:
                charge.status = "voided"  # reversed, as the wallets' cancel does
            elif charge.status in ("refunded", "partially_refunded") and charge.wallet:
                raise Refusal(422, "charge_not_cancellable",
                               "A wallet payment that was refunded cannot be reversed.")
            self._changed(charge)
            return Reply(200, charge.public())

    def pay_qr(self, charge_id: str) -> Reply:
        """The customer's phone pays a store-QR order (the admin endpoint)."""
        with self.changed:
            charge = self._get(charge_id)
            self._advance(charge, time.time())
            if charge.method != "store_qr" or charge.status != "pending":
                raise Refusal(422, "not_payable", f"Charge {charge_id} is not an open QR order.")
            self._settle(charge)
            self._changed(charge)
            return Reply(200, charge.public())

    def present(self, reader_id: str, card: SandboxCard, settle_at: float | None) -> None:
        """A card set on a reader (the admin endpoint) also applies to its action in
        progress, from now."""
        with self.changed:
            for charge in self.charges.values():
                if charge.reader_id == reader_id and charge.status == "pending":
                    charge.card, charge.settle_at = card, settle_at
                    self._advance(charge, time.time())
                    self._changed(charge)

    def _advance(self, charge: Charge, now: float) -> None:
        """Settle or expire a pending charge whose time has come (the lock is held)."""
        if charge.status != "pending":
            return
        settle, expire = charge.settle_at, charge.expires_at
        if settle is not None and settle <= now and (expire is None or settle <= expire):
            self._settle(charge)
        elif expire is not None and expire <= now:
            charge.status, charge.decline = "declined", EXPIRED[charge.method]
        else:
            return
        self._changed(charge)

    def _settle(self, charge: Charge) -> None:
        """The card or the wallet answers: approved (with its fee) or declined."""
        decline = charge.card.decline if charge.card else (
            "insufficient_balance" if charge.behaviour == "insufficient"
            else "payment_code_invalid" if charge.behaviour == "invalid" else None)
        if decline:
            charge.status, charge.decline = "declined", decline
            return
        charge.status = "approved"
        if charge.wallet:
            charge.buyer = BUYERS[charge.wallet]
            charge.fee = charge.amount.times(Fraction(WALLET_FEE_PPM, 1_000_000),
                                             Rounding.HALF_UP).minor
        else:
            charge.fee = self.fee(charge.amount, charge.card.fee_ppm or self.fee_ppm)

    def _changed(self, charge: Charge) -> None:
        self.changed_charges.add(charge.id)
        self.changed.notify_all()

    def fee(self, amount: Money, ppm: int) -> int:
        """ppm of the amount rounded half-up to a minor unit, plus the fixed part;
        never more than the amount."""
        share = amount.times(Fraction(ppm, 1_000_000), Rounding.HALF_UP).minor
        return min(amount.minor, share + self.fee_fixed)

    def void(self, charge_id: str) -> Reply:
        with self.lock:
            charge = self._get(charge_id)
            self._advance(charge, time.time())
            if charge.status not in ("approved", "voided"):
                raise Refusal(422, "charge_not_voidable",
                               f"A {charge.status.replace('_', ' ')} charge cannot be voided.")
            charge.status = "voided"
            self._changed(charge)
            return Reply(200, charge.public())

    def refund(self, charge_id: str, amount: Money) -> Reply:
        with self.lock:
            charge = self._get(charge_id)
            self._advance(charge, time.time())
            if charge.status in ("declined", "voided", "pending"):
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
            self._changed(charge)
            return Reply(200, {"object": "refund", "id": "re_" + secrets.token_hex(12),
                                "charge": charge.id, "amount": amount.minor,
                                "currency": amount.currency, "status": "succeeded",
                                "charge_status": charge.status, "created": int(time.time())})

    def find(self, name: str, value: str) -> list[dict]:
        with self.lock:
            found = [c for c in self.charges.values() if getattr(c, name) == value]
            for charge in found:
                self._advance(charge, time.time())
            return [c.public() for c in found]

    def all(self) -> list[dict]:
        with self.lock:
            for charge in self.charges.values():
                self._advance(charge, time.time())
            return [c.public() for c in self.charges.values()]

    def _get(self, charge_id: str) -> Charge:
        if charge_id not in self.charges:
            raise Refusal(404, "no_such_charge", f"There is no charge {charge_id}.")
        return self.charges[charge_id]


