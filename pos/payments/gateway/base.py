"""The gateway interface every adapter implements, and the outcomes it can report.

A charge ends in exactly one of three ways, and the payment flow treats them
differently:

- `Approved`: the money moved; record it.
- `Declined`: final, nothing moved; tell the cashier `reason`.
- `OutcomeUnknown` (raised): the request may or may not have been acted on
  (timeout, lost response, malformed or unsigned answer, TLS failure). The
  attempt stays `unknown` until reconciliation asks the gateway by key;
  nothing is marked paid on a guess.

`GatewayRejected` (raised) means the gateway refused the request itself (a
validation error, a bad key): nothing moved and a retry would not help.

Besides a card token sent with the charge, a charge can wait for the customer
(`ChargeRequest.method`, docs/GATEWAY.md "Charges that wait for the customer"):
a card reader the gateway drives (`reader`), a wallet's payment code the
cashier scanned (`wallet_code`), or the store's QR code the customer scans
(`store_qr`). `charge` then reports `Progress` while it waits, and `cancel`
stops it from another thread; the `charge` call in flight still ends with its
one answer (a charge that succeeded just before the cancel comes back
`Approved`, and the payment flow voids it as for any abandoned charge).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from pos.errors import PosError
from pos.money import Money


@dataclass(frozen=True)
class ChargeRequest:
    """One charge. `idempotency_key` is chosen and stored by us before the first send;
    every retry of this charge sends the same key. `order_ref` is the order's UUID.
    `part` is the how-many-th card charge of that order this is (1, 2, ... when a sale is
    split across cards): a gateway may refuse a second live charge for the same order and
    part under another key (docs/GATEWAY.md, `order_already_charged`)."""

    amount: Money
    idempotency_key: str
    order_ref: str
    card_token: str  # a card reader's token or a sandbox test card; never a card number
    metadata: dict[str, str] = field(default_factory=dict)
    part: int = 1
    method: str = "card"  # card, reader, wallet_code or store_qr
    reader_id: str | None = None  # method "reader": the reader that collects the card
    wallet: str | None = None  # wallet_code / store_qr: "alipay", "wechat", ...
    payment_code: str | None = field(default=None, repr=False)
    """method "wallet_code": a bearer credential. It lives in memory for the one
    charge: never stored, logged, printed, or put in an exception's text."""


@dataclass(frozen=True)
class Progress:
    """A charge that waits for the customer says what it waits for (from the worker).

    `state`: "reader_waiting" (tap or insert the card), "customer_confirming"
    (confirm on the phone), "qr_shown" (scan `qr_url`). `expires_in_s`: the seconds
    the customer has left (the till's limit, or the QR code's), for the latter two."""

    state: str
    qr_url: str | None = None
    expires_in_s: int | None = None


ProgressReport = Callable[[Progress], None]


@dataclass(frozen=True)
class Approved:
    gateway_ref: str
    amount: Money
    fee: Money
    card_brand: str | None = None
    card_last4: str | None = None
    wallet: str | None = None  # a wallet payment: which wallet
    buyer: str | None = None  # a wallet payment: the buyer's account, masked by the gateway


@dataclass(frozen=True)
class Declined:
    code: str  # machine code: "declined", "insufficient_funds", "expired_card", ...
    reason: str  # a sentence a cashier can read to the customer


@dataclass(frozen=True)
class ChargeRecord:
    """What the gateway holds for a charge (`lookup`), for reconciliation.

    `status` is one of: approved, declined, voided, refunded, partially_refunded.
    """

    status: str
    idempotency_key: str | None
    order_ref: str | None
    approved: Approved | None = None  # set when the charge was approved (even if later voided)
    refunded: Money | None = None
    decline: Declined | None = None


@dataclass(frozen=True)
class RefundResult:
    gateway_ref: str  # the refund's own reference
    amount: Money


class GatewayError(PosError):
    """A gateway problem, in words for the cashier."""


class OutcomeUnknown(GatewayError):
    """We cannot tell whether the gateway acted: reconcile by key before doing anything else."""


class GatewayRejected(GatewayError):
    """The gateway refused the request as invalid; nothing moved, retrying will not help."""


class Gateway(Protocol):
    """What the payment flow needs from a gateway. All calls are blocking network I/O:
    run them on a worker thread. Retries with the same key happen inside the adapter."""

    name: str

    def charge(self, request: ChargeRequest,
               progress: ProgressReport | None = None) -> Approved | Declined:
        """Charge once per idempotency key. Raises `OutcomeUnknown` or `GatewayRejected`.
        A charge that waits for the customer calls `progress` while it waits, and
        gives up (cancels, then answers `Declined`) when its time limit passes."""

    def cancel(self, request: ChargeRequest) -> None:
        """Stop a charge that waits for the customer: cancel the reader's action,
        reverse the wallet payment (even one that just succeeded), close the QR
        order. Idempotent; safe from any thread while `charge` runs."""

    def void(self, gateway_ref: str, idempotency_key: str) -> None:
        """Cancel an approved charge in full (the sale was abandoned)."""

    def refund(self, gateway_ref: str, amount: Money, idempotency_key: str) -> RefundResult:
        """Return part or all of a charge; the gateway refuses more than was captured."""

    def lookup(self, *, idempotency_key: str | None = None,
               order_ref: str | None = None) -> list[ChargeRecord]:
        """The charges made under this key, or for this order (any state); [] if none."""

    def health(self) -> bool:
        """True when the gateway answers (the circuit breaker's probe)."""
