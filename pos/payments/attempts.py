"""Card payments through a gateway, exactly once, even when the network or the process dies.

Every gateway request is a `PaymentAttempt` committed *before* it is sent,
with the idempotency key every retry sends (`open_charge`, `open_void`,
`refund_order`). The network call itself is `send(gateway, request)` — pure
I/O, safe on a worker thread. Its outcome is written afterwards in one short
transaction (`finish`). An attempt whose outcome never arrived (a timeout, a
crash) stays open, and `reconcile` settles it by asking the gateway what it
holds under that key: nothing is charged twice and nothing is marked paid on
a guess. See docs/GATEWAY.md and docs/RELIABILITY.md.

A charge may wait for the customer (a card reader, a wallet's payment code, the
store's QR code): its attempt's `card_token` names only the source, "reader:<id>",
"wallet:<wallet>" or "qr:<wallet>" (`source`); a payment code travels in memory on
the `Request` to the one `send`, and is never written anywhere.

Statuses of an attempt: pending (saved, sent or about to be), unknown (sent,
no trustworthy answer), abandoned (the cashier cancelled while it was in
flight: void it if it went through), stored_offline (a card sale taken while
the gateway was offline, to forward), approved, declined, failed (never
reached the gateway, or refused as invalid), voided.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid as uuidlib
from dataclasses import dataclass, field, replace

from pos.errors import InputError, PosError, StateError
from pos.money import Money
from pos.payments.gateway.base import (
    Approved,
    ChargeRecord,
    ChargeRequest,
    Declined,
    Gateway,
    GatewayError,
    OutcomeUnknown,
    ProgressReport,
    RefundResult,
)
from pos.payments.wallet_codes import WALLETS, recognise
from pos.sales.order_states import Status
from pos.sales.orders import (
    move_order,
    order_name,
    receipt_label,
    refund,
    restock_lines,
    save_order,
    take_payment,
)
from pos.staff.actor import Actor
from pos.store import journal, journal_records
from pos.store.db import database, translate_errors
from pos.store.models import Order, Payment, PaymentAttempt, Refund, utcnow

log = logging.getLogger(__name__)

OPEN = ("pending", "unknown", "abandoned", "stored_offline")


@dataclass(frozen=True)
class Request:
    """What a worker needs to send one attempt: plain values, no database objects."""

    attempt_id: int
    kind: str  # charge, void or refund
    key: str
    amount: Money
    order_ref: str
    card_token: str | None
    gateway_ref: str | None  # the charge a void or a refund is for
    status: str = "pending"  # the attempt's, when the request was read
    part: int = 1  # a charge: the how-many-th card charge of its order (split tenders)
    known_keys: frozenset[str] = frozenset()  # a charge: every key this till used for the order
    order_id: int = 0
    payment_code: str | None = field(default=None, repr=False)
    """A wallet_code charge: the customer's payment code, in memory for the one `send`
    (a bearer credential: never stored, logged or printed)."""

    def charge_request(self) -> ChargeRequest:
        """The gateway's request for this charge attempt."""
        method, name = parse_source(self.card_token)
        return ChargeRequest(
            self.amount, self.key, self.order_ref,
            self.card_token if method == "card" else "", {"attempt": str(self.attempt_id)},
            part=self.part, method=method,
            reader_id=name if method == "reader" else None,
            wallet=name if method in ("wallet_code", "store_qr") else None,
            payment_code=self.payment_code)


_SOURCES = {"reader": "reader", "wallet_code": "wallet", "store_qr": "qr"}
"""How an attempt's card_token names a charge that waits: "<prefix>:<reader or wallet>"."""


def source(method: str, name: str) -> str:
    """The card_token of a charge that waits: source("wallet_code", "alipay") is
    "wallet:alipay", source("reader", "reader-1") "reader:reader-1"."""
    if method not in _SOURCES or not name:
        raise InputError(f"{method!r} is not a way to pay through the gateway.")
    if method != "reader" and name not in WALLETS:
        raise InputError(f"{name!r} is not a wallet the till knows.")
    return f"{_SOURCES[method]}:{name}"


def parse_source(card_token: str | None) -> tuple[str, str | None]:
    """(method, reader or wallet) of an attempt's card_token; ("card", None) for a token."""
    prefix, colon, name = (card_token or "").partition(":")
    method = next((m for m, p in _SOURCES.items() if p == prefix), None)
    return (method, name) if colon and method else ("card", None)


Outcome = Approved | Declined | RefundResult | GatewayError | None
"""What `send` returns: the gateway's answer, or the error that stands for it
(`None`: a void went through)."""


# --- opening attempts (committed before anything is sent) -----------------------------

@dataclass(frozen=True)
class OfflineLimits:
    """How much card money a store lets the till take while the gateway is offline."""

    per_sale: int  # minor units
    total: int  # minor units, over every payment not yet forwarded


def open_charge(order: Order, amount: Money, gateway: str, card_token: str, *,
                offline: OfflineLimits | None = None,
                payment_code: str | None = None) -> Request:
    """Save a charge attempt for `order`; refuses a second one while the first is open.

    Two clicks on Pay, or two windows charging one order, cannot make two
    charges: an attempt may only ask for what the order still owes after its
    approved payments and every other open attempt. With `offline` the payment
    is stored to forward later (store-and-forward), within the store's limits.
    `card_token` is a card token or the `source` of a charge that waits; a
    "wallet:<w>" source needs the customer's `payment_code`, which goes back on the
    returned `Request` only, never in the row.
    """
    method, name = parse_source(card_token)
    if recognise(card_token or ""):
        raise InputError("A payment code is never saved as a card token; charge it as a "
                         "wallet payment.")
    if (method == "wallet_code") != (payment_code is not None) or (
            payment_code is not None and recognise(payment_code) != name):
        raise InputError(f"Scan the customer's {WALLETS.get(name or '', 'wallet')} payment "
                         "code to charge it." if method == "wallet_code" else
                         "Only a wallet payment takes a payment code.")
    if offline and method != "card":
        raise StateError("The card gateway is offline, so a card reader or a wallet cannot "
                         "be charged now. Take cash, or wait for the gateway.")
    with translate_errors(), database.atomic():
        order = Order.get_by_id(order.id)
        if order.status != Status.PENDING_PAYMENT:
            raise StateError(f"{order_name(order)} is {Status(order.status).label}; "
                             "it takes no card payment now.")
        if amount.currency != order.currency or amount.minor <= 0:
            raise InputError("A card payment must be more than zero, in the sale's currency.")
        busy = _open_attempts(order, "charge")
        if any(a.status in ("pending", "unknown") for a in busy):
            raise StateError("A card payment for this sale is still in progress.")
        owed = order.total - order.paid - sum(a.amount for a in busy
                                              if a.status == "stored_offline")
        if amount.minor > owed:
            raise InputError("A card payment cannot be more than what is still due.")
        if offline:
            _check_offline_limits(order, amount, offline)
        now = utcnow()
        attempt = PaymentAttempt.create(
            order=order.id, kind="charge", gateway=gateway, amount=amount.minor,
            currency=amount.currency, idempotency_key=_new_key(), card_token=card_token,
            status="stored_offline" if offline else "pending", created_at=now, updated_at=now)
        if offline:
            _record_payment(order, attempt, status="stored_offline")
    request = _request(attempt, order)
    return replace(request, payment_code=payment_code.strip()) if payment_code else request


def _check_offline_limits(order: Order, amount: Money, limits: OfflineLimits) -> None:
    stored = (PaymentAttempt.select(PaymentAttempt.amount, PaymentAttempt.order)
              .where(PaymentAttempt.status == "stored_offline"))
    this_sale = sum(a.amount for a in stored if a.order_id == order.id) + amount.minor
    if this_sale > limits.per_sale:
        raise StateError("The card gateway is offline and this card payment is over the "
                         "offline limit for one sale. Take cash, or wait for the gateway.")
    if sum(a.amount for a in stored) + amount.minor > limits.total:
        raise StateError("The card gateway is offline and the till holds as many offline "
                         "card payments as the store allows. Take cash, or wait.")


def open_void(payment: Payment, gateway: str) -> Request | None:
    """Save a void attempt for an approved card payment (the sale was abandoned);
    None when there is nothing to send now (a stored offline payment is dropped from
    the sale, and its charge left to reconciliation in case a forward reached the gateway)."""
    with translate_errors(), database.atomic():
        payment = Payment.get_by_id(payment.id)
        if payment.tender != "card" or payment.status not in ("approved", "stored_offline"):
            raise StateError("Only an approved card payment can be voided.")
        existing = (PaymentAttempt.select()
                    .where((PaymentAttempt.payment == payment.id)
                           & (PaymentAttempt.kind == "void")
                           & PaymentAttempt.status.in_(OPEN)).first())
        if existing:
            return _request(existing, payment.order)
        if payment.status == "stored_offline":
            # its forward may be on its way (a reconcile in flight): the charge is abandoned,
            # so reconciliation voids it if it went through, and the sale stops counting it
            _abandon(PaymentAttempt.get(PaymentAttempt.payment == payment.id))
            _void_payment(payment)
            return None
        attempt = _create(payment.order, "void", gateway, Money(payment.amount,
                          payment.order.currency), payment=payment.id,
                          gateway_ref=payment.gateway_ref)
    return _request(attempt, payment.order)


def refund_order(order: Order, quantities: dict[int, int] | None = None, *, reason: str = "",
                 restock: bool = True, gateway: str, split: dict[int, int] | None = None,
                 actor: Actor | None = None,
                 terminal_id: str | None = None) -> tuple[Refund, list[Request]]:
    """Refund (`pos.sales.orders.refund`, which splits it over the sale's payments, or as `split`
    says: payment id -> minor units) and, in the same transaction, save the attempts that
    send its card parts back through the gateway; its cash parts go back from the drawer."""
    with translate_errors(), database.atomic():
        record = refund(order, quantities, reason=reason, restock=restock, split=split,
                        actor=actor, terminal_id=terminal_id)
        return record, _open_refunds(record, gateway)


def _open_refunds(refund: Refund, gateway: str) -> list[Request]:
    """One refund attempt per card part of the refund, for that payment's charge: exactly
    the parts `pos.sales.orders.refund` booked (it has raised each payment's `refunded`; a refused
    attempt gives it back). A card part without a gateway reference was taken on a card
    terminal outside the till, and is refunded there."""
    requests = []
    for part in refund.parts.order_by(refund.parts.model.id):
        payment = part.payment
        if part.tender != "card" or not payment.gateway_ref:
            continue
        attempt = _create(refund.order, "refund", gateway,
                          Money(part.amount, refund.order.currency), payment=payment.id,
                          refund=refund.id, gateway_ref=payment.gateway_ref)
        requests.append(_request(attempt, refund.order))
    return requests


def abandon_charge(attempt_id: int) -> None:
    """The cashier cancelled while the charge was in flight: if it went through, void it."""
    with translate_errors(), database.atomic():
        attempt = PaymentAttempt.get_by_id(attempt_id)
        if attempt.status == "pending":
            _abandon(attempt)


def _abandon(attempt: PaymentAttempt, message: str | None = None) -> None:
    """The sale no longer wants this charge: it stays open, and reconciliation voids it if
    it went through (or fails it if the gateway never saw it)."""
    attempt.status = "abandoned"
    if message:
        attempt.message = message
    attempt.updated_at = utcnow()
    attempt.save()


def _create(order: Order, kind: str, gateway: str, amount: Money, **fields) -> PaymentAttempt:
    now = utcnow()
    return PaymentAttempt.create(order=order.id, kind=kind, gateway=gateway,
                                 amount=amount.minor, currency=amount.currency,
                                 idempotency_key=_new_key(), status="pending",
                                 created_at=now, updated_at=now, **fields)


def _new_key() -> str:
    return f"pos-{uuidlib.uuid4()}"


def _open_attempts(order: Order, kind: str) -> list[PaymentAttempt]:
    return list(PaymentAttempt.select().where((PaymentAttempt.order == order.id)
                                              & (PaymentAttempt.kind == kind)
                                              & PaymentAttempt.status.in_(OPEN)))


def _request(attempt: PaymentAttempt, order: Order) -> Request:
    part, keys = 1, frozenset()
    if attempt.kind == "charge":
        charges = list(PaymentAttempt.select(PaymentAttempt.id, PaymentAttempt.idempotency_key)
                       .where((PaymentAttempt.order == order.id)
                              & (PaymentAttempt.kind == "charge")))
        part = sum(1 for c in charges if c.id <= attempt.id)
        keys = frozenset(c.idempotency_key for c in charges)
    return Request(attempt.id, attempt.kind, attempt.idempotency_key,
                   Money(attempt.amount, attempt.currency), order.uuid, attempt.card_token,
                   attempt.gateway_ref, attempt.status, part, keys, order.id)


def request_for(attempt_id: int) -> Request:
    """The attempt as it stands now, to ask the gateway about it again."""
    attempt = PaymentAttempt.get_by_id(attempt_id)
    return _request(attempt, attempt.order)


# --- the network call (worker thread: no database) --------------------------------------

def send(gateway: Gateway, request: Request,
         progress: ProgressReport | None = None) -> Outcome:
    """Send one attempt; any gateway error comes back as the outcome, not raised. A charge
    that waits for the customer calls `progress` (on this worker thread) while it waits."""
    try:
        if request.kind == "charge":
            charge = request.charge_request()
            if charge.method == "wallet_code" and not charge.payment_code:
                # the code lived in the memory of the sale that scanned it: ask by key
                return OutcomeUnknown("The payment code is no longer held, so the wallet "
                                      "payment is checked with the gateway instead.")
            if charge.method != "card":
                return gateway.charge(charge, progress)
            return gateway.charge(charge)
        if request.kind == "void":
            gateway.void(request.gateway_ref, request.key)
            return None
        return gateway.refund(request.gateway_ref, request.amount, request.key)
    except GatewayError as exc:
        return exc


def cancel(gateway: Gateway, request: Request) -> GatewayError | None:
    """Stop a charge that waits for the customer (network only; any thread): the `send`
    in flight then ends with the charge's one answer. Errors come back, not raised."""
    try:
        gateway.cancel(request.charge_request())
    except GatewayError as exc:
        return exc
    return None


# --- writing the outcome (GUI thread, one short transaction) ------------------------------

def finish(attempt_id: int, outcome: Outcome) -> PaymentAttempt:
    """Record what the gateway answered. `OutcomeUnknown` leaves the attempt open as
    `unknown`, for reconciliation; an approval on an abandoned attempt stays for
    `reconcile` to void (the caller voids it at once when it can)."""
    with translate_errors(), database.atomic():
        attempt = PaymentAttempt.get_by_id(attempt_id)
        if attempt.status not in OPEN:
            return attempt  # already settled (by reconciliation): never twice
        attempt.tries += 1
        if isinstance(outcome, OutcomeUnknown):
            if attempt.status != "abandoned" and attempt.status != "stored_offline":
                attempt.status = "unknown"
            attempt.message = str(outcome)
            attempt.updated_at = utcnow()
            attempt.save()
        elif isinstance(outcome, GatewayError):
            _decline(attempt, "rejected", str(outcome), final="failed")
        elif isinstance(outcome, Declined):
            _decline(attempt, outcome.code, outcome.reason, final="declined")
        elif attempt.kind == "charge":
            _approve(attempt, outcome)
        elif attempt.kind == "void":
            _finish_attempt(attempt, "voided")
            _void_payment(attempt.payment)
        else:
            attempt.gateway_ref = outcome.gateway_ref
            _finish_attempt(attempt, "approved")
    return attempt


def _approve(attempt: PaymentAttempt, approved: Approved) -> None:
    if approved.amount != Money(attempt.amount, attempt.currency):
        attempt.status = "unknown"
        attempt.message = (f"The gateway approved {approved.amount}, not the "
                           f"{Money(attempt.amount, attempt.currency)} asked for.")
        attempt.save()
        return
    attempt.gateway_ref = approved.gateway_ref
    attempt.card_brand = approved.card_brand
    attempt.card_last4 = approved.card_last4
    attempt.wallet = approved.wallet
    attempt.buyer = approved.buyer
    attempt.fee = approved.fee.minor
    was_stored = attempt.status == "stored_offline"
    if attempt.status == "abandoned" or (not was_stored and not owes(attempt.order_id,
                                                                     attempt.amount)):
        # the sale no longer needs this money: never added, reconciliation voids it
        _abandon(attempt, "Approved after the sale no longer needed it: it is voided.")
        return
    _finish_attempt(attempt, "approved")
    if was_stored:
        payment = attempt.payment
        payment.status = "approved"
        _copy_card(payment, attempt)
        payment.save()
    else:
        _record_payment(attempt.order, attempt, status="approved")


def owes(order_id: int, amount: int) -> bool:
    """The one rule for recording money: only while the order still owes it.

    A late approval (reconciliation, Check again, an answer that arrives after the
    cashier took cash or cancelled) for a sale that is paid, cancelled or owes less
    is voided, never added; migration 0008 holds the same rule in the database.
    """
    order = Order.get_by_id(order_id)
    return order.status == Status.PENDING_PAYMENT and order.paid + amount <= order.total


def _decline(attempt: PaymentAttempt, code: str, reason: str, final: str) -> None:
    attempt.decline_code = code
    attempt.message = reason
    if attempt.status == "stored_offline":  # a forwarded offline sale: the money never came
        payment = attempt.payment
        payment.status = "declined"
        payment.updated_at = utcnow()
        payment.save()
        order = attempt.order
        order.paid -= payment.amount
        order.save()
    elif attempt.kind == "refund":  # the card got nothing back: the payment keeps it all
        payment = attempt.payment
        payment.refunded -= attempt.amount
        payment.status = "partially_refunded" if payment.refunded else "approved"
        payment.updated_at = utcnow()
        payment.save()
    _finish_attempt(attempt, final)


def _finish_attempt(attempt: PaymentAttempt, status: str) -> None:
    """Close an attempt, and journal what the gateway did with the money."""
    attempt.status = status
    attempt.updated_at = attempt.finished_at = utcnow()
    attempt.save()
    order = Order.get_by_id(attempt.order_id)
    journal.append("payment", journal_records.bind({
        "order_id": order.id, "attempt_id": attempt.id, "kind": attempt.kind,
        "tender": "card", "status": status, "amount": attempt.amount, "fee": attempt.fee,
        "currency": attempt.currency, "gateway_ref": attempt.gateway_ref,
        "card_brand": attempt.card_brand, "card_last4": attempt.card_last4,
        "wallet": attempt.wallet, "decline_code": attempt.decline_code}), order.cashier_id)


def _record_payment(order: Order, attempt: PaymentAttempt, status: str) -> None:
    now = utcnow()
    payment = Payment(order=order.id, tender="card", status=status, amount=attempt.amount,
                      fee=0, net=attempt.amount, change=0,
                      idempotency_key=attempt.idempotency_key, created_at=now, updated_at=now)
    _copy_card(payment, attempt)
    payment.save()
    attempt.payment = payment.id
    attempt.save()
    order.paid += attempt.amount
    order.save()


def _copy_card(payment: Payment, attempt: PaymentAttempt) -> None:
    payment.fee = attempt.fee or 0
    payment.net = payment.amount - payment.fee
    payment.gateway_ref = attempt.gateway_ref
    payment.card_brand = attempt.card_brand
    payment.card_last4 = attempt.card_last4
    payment.wallet = attempt.wallet
    payment.buyer = attempt.buyer
    payment.updated_at = utcnow()


def _void_payment(payment: Payment) -> None:
    payment = Payment.get_by_id(payment.id)
    if payment.status == "voided":
        return
    payment.status = "voided"
    payment.updated_at = utcnow()
    payment.save()
    order = Order.get_by_id(payment.order_id)
    order.paid -= payment.amount
    order.save()


# --- abandoning a placed sale ------------------------------------------------------------

def cancel_placed(order: Order, note: str | None = None) -> Order:
    """Cancel a sale placed for a card payment, once its card payments are voided (or
    their voids are saved, for reconciliation to finish); its stock goes back."""
    with translate_errors(), database.atomic():
        order = Order.get_by_id(order.id)
        for payment in order.payments:
            if payment.status in ("approved", "stored_offline") and not (
                    PaymentAttempt.select().where((PaymentAttempt.payment == payment.id)
                                                  & (PaymentAttempt.kind == "void")).exists()):
                raise StateError("Void the card payment before cancelling the sale.")
        for attempt in _open_attempts(order, "charge"):
            if attempt.status in ("pending", "unknown"):  # if it went through: voided
                _abandon(attempt)
        move_order(order, Status.CANCELLED, note)
        restock_lines(order, {ln.id: ln.quantity for ln in order.lines})
        save_order(order)
        journal.append("void", journal_records.bind({
            "order_id": order.id, "amount": order.total, "reason": note,
            "approval_id": None}), order.cashier_id)
    return order


# --- reconciliation ----------------------------------------------------------------------

def open_requests(exclude: set[int] = frozenset(),
                  min_age: dt.timedelta = dt.timedelta(0),
                  held: set[int] = frozenset()) -> list[Request]:
    """The attempts reconciliation must settle (oldest first), minus those in flight here
    and those of `held` orders (a checkout on this terminal has them open: it settles
    them itself, and reconciliation waits until it closes).

    First, a charge whose sale no longer needs it (`_abandon_unneeded`) is marked
    abandoned, so that if it did go through it is voided, not added. `min_age`
    leaves alone attempts younger than that: another process (a running till) may
    still be waiting for their answer.
    """
    cutoff = utcnow() - min_age
    _abandon_unneeded(exclude, cutoff, held)
    attempts = (PaymentAttempt.select(PaymentAttempt, Order)
                .join(Order).where(PaymentAttempt.status.in_(OPEN)
                                   & (PaymentAttempt.updated_at <= cutoff))
                .order_by(PaymentAttempt.id))
    return [_request(a, a.order) for a in attempts
            if a.id not in exclude and a.order_id not in held]


def _abandon_unneeded(exclude: set[int], cutoff, held: set[int]) -> None:
    """Charges whose sale was meanwhile paid another way (the cashier took cash while the
    card's answer was unknown) or cancelled become abandoned."""
    with translate_errors(), database.atomic():
        stale = (PaymentAttempt.select(PaymentAttempt, Order).join(Order)
                 .where((PaymentAttempt.kind == "charge")
                        & PaymentAttempt.status.in_(("pending", "unknown"))
                        & (PaymentAttempt.updated_at <= cutoff)))
        for attempt in stale:
            order = attempt.order
            if attempt.id not in exclude and order.id not in held and (
                    order.status != Status.PENDING_PAYMENT
                    or order.paid + attempt.amount > order.total):
                attempt.status = "abandoned"
                attempt.save(only=[PaymentAttempt.status])


@dataclass(frozen=True)
class Resolution:
    """What the gateway said about one open attempt, for `settle_open` to record."""

    request: Request
    outcome: Outcome
    found: bool  # False: the gateway never saw it


def resolve(gateway: Gateway, request: Request) -> Resolution:
    """Ask the gateway about one open attempt (network only; worker thread).

    A charge is looked up by its key; a stored offline charge is forwarded
    (the same key: sent once however often this runs); a void or refund is
    simply sent again with its key, which the gateway answers once. A charge that
    waits for the customer and is still pending (a till killed mid-action) is
    cancelled first, so its final state is the one recorded.
    """
    status = request.status
    if request.kind != "charge" or status == "stored_offline":
        return Resolution(request, send(gateway, request), True)
    try:
        records = gateway.lookup(idempotency_key=request.key)
        if any(r.status == "pending" for r in records):
            gateway.cancel(request.charge_request())
            records = gateway.lookup(idempotency_key=request.key)
            if any(r.status == "pending" for r in records):
                raise OutcomeUnknown("The gateway still waits for the customer on this "
                                     "payment; it is checked again later.")
        live = [r for r in records if r.approved is not None and r.status != "voided"]
        keep = live[:1] if status != "abandoned" else []
        # a gateway that ignores keys (localstripe) may hold a second charge: void it
        for n, extra in enumerate(live[len(keep):]):
            gateway.void(extra.approved.gateway_ref, f"{request.key}-void{n or ''}")
        _void_strays(gateway, request)
    except GatewayError as exc:
        return Resolution(request, exc, True)
    if keep:
        return Resolution(request, keep[0].approved, True)
    approved = [r for r in records if r.approved is not None]
    if approved:
        return Resolution(request, _voided(approved[0]), True)
    declined = [r for r in records if r.decline is not None]
    if declined:
        return Resolution(request, declined[0].decline, True)
    return Resolution(request, None, False)


def _void_strays(gateway: Gateway, request: Request) -> None:
    """Second line of defence against a replayed charge: a live charge for this order under
    a key this till never used was not asked for by it, so it is voided."""
    for record in gateway.lookup(order_ref=request.order_ref):
        if (record.status == "approved" and record.approved is not None
                and record.idempotency_key not in request.known_keys | {request.key}):
            ref = record.approved.gateway_ref
            log.warning("Voiding charge %s of order %s: this till never asked for it "
                        "(key %s)", ref, request.order_ref, record.idempotency_key)
            gateway.void(ref, f"pos-stray-{ref}")


def _voided(record: ChargeRecord) -> Declined:
    return Declined("voided", f"The charge {record.approved.gateway_ref} was voided.")


def settle_open(resolution: Resolution, complete_paid: bool = True) -> PaymentAttempt:
    """Record a reconciliation result on the GUI thread's connection (one transaction).

    With `complete_paid`, a placed sale that its attached charges now pay in full
    is completed (it gets its receipt number): the process died after the charge,
    before the sale's last commit. A checkout still open passes False and
    completes the sale itself.
    """
    with translate_errors(), database.atomic():
        attempt = _settle_open(resolution)
        order = Order.get_by_id(attempt.order_id)
        if (complete_paid and order.status == Status.PENDING_PAYMENT
                and order.paid >= order.total and not _open_attempts(order, "charge")):
            take_payment(order, [], [], Money.zero(order.currency))
    return attempt


def _settle_open(resolution: Resolution) -> PaymentAttempt:
    request = resolution.request
    with database.atomic():
        attempt = PaymentAttempt.get_by_id(request.attempt_id)
        if attempt.status not in OPEN:
            return attempt
        if attempt.kind == "charge" and attempt.status != "stored_offline":
            if not resolution.found:
                _finish_attempt(attempt, "failed")
                attempt.message = "The gateway never received this payment."
                attempt.save()
                return attempt
            outcome = resolution.outcome
            if isinstance(outcome, Declined) and outcome.code == "voided":
                attempt.decline_code, attempt.message = outcome.code, outcome.reason
                _finish_attempt(attempt, "voided")
                return attempt
            if isinstance(outcome, Approved) and attempt.status == "unknown":
                attempt.status = "pending"  # the answer is known now: record it as one
        return finish(attempt.id, resolution.outcome)


def reconcile(gateway: Gateway, min_age: dt.timedelta = dt.timedelta(0)
              ) -> list[PaymentAttempt]:
    """Settle every open attempt (older than `min_age`) in this thread (the command line,
    the fault campaign); the windows do the same split over a worker and the GUI thread.
    One attempt that cannot be settled is logged and left open; it never blocks the rest."""
    settled = []
    for request in open_requests(min_age=min_age):
        try:
            settled.append(settle_open(resolve(gateway, request)))
        except PosError:
            log.exception("Could not settle payment attempt %s", request.attempt_id)
    return settled


def forwarded_declines(since_id: int = 0) -> list[tuple[PaymentAttempt, str]]:
    """Stored offline payments the gateway later declined, with the receipt they belong to,
    so the till can tell the cashier."""
    rows = (PaymentAttempt.select(PaymentAttempt, Order)
            .join(Order).join_from(PaymentAttempt, Payment)
            .where((PaymentAttempt.id > since_id) & (PaymentAttempt.status == "declined")
                   & (Payment.status == "declined")))
    return [(a, receipt_label(a.order)) for a in rows]
