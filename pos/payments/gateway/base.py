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
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Approved:
    gateway_ref: str
    amount: Money
    fee: Money
    card_brand: str | None = None
    card_last4: str | None = None


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

    def charge(self, request: ChargeRequest) -> Approved | Declined:
        """Charge once per idempotency key. Raises `OutcomeUnknown` or `GatewayRejected`."""

    def void(self, gateway_ref: str, idempotency_key: str) -> None:
        """Cancel an approved charge in full (the sale was abandoned)."""

    def refund(self, gateway_ref: str, amount: Money, idempotency_key: str) -> RefundResult:
        """Return part or all of a charge; the gateway refuses more than was captured."""

    def lookup(self, *, idempotency_key: str | None = None,
               order_ref: str | None = None) -> list[ChargeRecord]:
        """The charges made under this key, or for this order (any state); [] if none."""

    def health(self) -> bool:
        """True when the gateway answers (the circuit breaker's probe)."""
