"""Stripe adapter: PaymentIntents over plain HTTPS with `requests` (no Stripe SDK).

Exactly once. Every create sends our idempotency key as Stripe's
`Idempotency-Key` header, the same on every retry, so Stripe answers a repeat
with the stored result instead of charging again. The key and the order also go
into the intent's metadata (`pos_idempotency_key`, `pos_order_ref`), and
`lookup` finds intents by that metadata alone: reconciliation never depends on
the header being honoured. An emulator that ignores the header (localstripe)
creates a second intent when a response is lost and the send is retried;
`lookup` then returns every intent made under the key, and reconciliation voids
all but the one it keeps.

Amounts. Stripe counts some currencies in other units than ISO 4217 (our
`Money`): ISK is "two-decimal" at Stripe (5 ISK is 500) and three-decimal
currencies must end in 0. `to_stripe_amount` converts exactly or refuses; it
never rounds.

Charges are captured at once (`capture_method=automatic`): a sale is final
when the card is approved, so voiding an approved charge is a full refund
(Stripe keeps its fee on refunds); only an intent that never captured is
cancelled.

Card readers follow Stripe Terminal's server-driven integration: a
`card_present` intent, `POST /v1/terminal/readers/{id}/process_payment_intent`,
then the intent (and the reader's `action`) polled until it succeeds or fails;
`cancel_action` and the intent's cancel stop it. Stripe has no wallet payment
codes or store QR in this shape, so those methods are refused (docs/GATEWAY.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from pos.addresses import is_loopback
from pos.errors import InputError
from pos.money import Money, exponent
from pos.payments.gateway.base import (
    Approved,
    ChargeRecord,
    ChargeRequest,
    Declined,
    GatewayError,
    GatewayRejected,
    OutcomeUnknown,
    Progress,
    ProgressReport,
    RefundResult,
)
from pos.payments.gateway.retry import Retry, RetryPolicy, retry_after, with_retries
from pos.payments.gateway.sessions import SessionPool

STRIPE_VERSION = "2024-06-20"
"""Pinned so the answers' shape (e.g. `latest_charge`) does not follow the account's default."""

# https://docs.stripe.com/currencies: "zero-decimal" and three-decimal currencies; all others
# are two-decimal at Stripe, ISK included (whole krónur only, so multiples of 100).
_ZERO_DECIMAL = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
                           "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"})
_THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
_STEP = {**{code: 10 for code in _THREE_DECIMAL}, "ISK": 100}  # Stripe units an amount must fit

_INTENT_EXPAND = ("latest_charge.balance_transaction", "payment_method")
_RECENT = 3600  # seconds of newest intents listed beside a search, which can lag writes
_ID = re.compile(r"pi_[A-Za-z0-9_]+")
_POLICY = RetryPolicy()
_UNFINISHED = {"canceled": "canceled", "requires_action": "authentication_required"}
_WAITING = frozenset({"requires_payment_method", "requires_confirmation", "processing"})
"""States of a reader's card_present intent still waiting for the card."""

_BRANDS = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
           "discover": "Discover", "jcb": "JCB", "diners": "Diners Club",
           "unionpay": "UnionPay", "cartes_bancaires": "Cartes Bancaires",
           "interac": "Interac", "eftpos_au": "eftpos"}

_GENERIC_DECLINE = "The card was declined. Ask for another card or another way to pay."
_DECLINES = {
    "insufficient_funds": "The card has insufficient funds. Ask for another card or another "
                          "way to pay.",
    "expired_card": "The card has expired. Ask for another card.",
    "incorrect_cvc": "The card's security code is wrong. Try again or use another card.",
    "invalid_cvc": "The card's security code is wrong. Try again or use another card.",
    "incorrect_number": "The card number is wrong. Try again or use another card.",
    "invalid_number": "The card number is wrong. Try again or use another card.",
    "invalid_expiry_month": "The card's expiry date is wrong. Try again or use another card.",
    "invalid_expiry_year": "The card's expiry date is wrong. Try again or use another card.",
    "processing_error": "The card could not be processed. Try again or use another card.",
    "try_again_later": "The card's bank did not answer. Try again in a moment or use "
                       "another card.",
    "card_velocity_exceeded": "The card has reached its spending limit. Ask for another card "
                              "or another way to pay.",
    "withdrawal_count_limit_exceeded": "The card has reached its spending limit. Ask for "
                                       "another card or another way to pay.",
    "currency_not_supported": "The card cannot pay in this currency. Ask for another card.",
    "card_not_supported": "The card cannot be used for this purchase. Ask for another card.",
    "authentication_required": "The card needs the customer to approve the payment with their "
                               "bank, which this till cannot do. Ask for another card or "
                               "another way to pay.",
    "canceled": "The payment was cancelled before the card was charged.",
    "cancelled": "The payment was cancelled; nothing was taken.",
    "reader_timeout": "No card was presented on the reader in time. Try again, or ask for "
                      "another way to pay.",
}
READER_LIMIT = 60.0  # seconds a reader may wait for the card before the till cancels
READER_POLL = 1.0  # seconds between two looks at a reader's action (Stripe has no long poll)
_READER = re.compile(r"[A-Za-z0-9_-]{1,64}")
_NO_WALLETS = ("Stripe takes cards and card readers here, not Alipay or WeChat Pay payment "
               "codes or store QR codes; nothing was charged. Use the store's gateway of our "
               "protocol for wallets, or ask for another way to pay.")


def stripe_exponent(currency: str) -> int:
    """Digits after the decimal point in Stripe's `amount` for `currency`."""
    code = currency.upper()
    if code in _ZERO_DECIMAL:
        return 0
    return 3 if code in _THREE_DECIMAL else 2


def to_stripe_amount(money: Money) -> int:
    """`money` in Stripe's units, exactly; refuses what Stripe cannot charge (never rounds)."""
    if money.minor <= 0:
        raise GatewayRejected("A card payment must be for more than zero.")
    ours, theirs = exponent(money.currency), stripe_exponent(money.currency)
    units, rest = money.minor * 10 ** max(0, theirs - ours), 0
    if ours > theirs:
        units, rest = divmod(money.minor, 10 ** (ours - theirs))
    step = _STEP.get(money.currency, 1)
    if rest or units % step:
        smallest = Decimal(step).scaleb(-theirs)
        raise GatewayRejected(f"Stripe takes {money.currency} only in steps of {smallest:f} "
                              f"{money.currency}, so {money} cannot be charged or refunded; "
                              "round the amount.")
    return units


def from_stripe_amount(amount: object, currency: object) -> Money:
    """Stripe's amount as `Money`; an amount or currency we cannot read means a confused answer."""
    try:
        if type(amount) is not int or amount < 0 or not isinstance(currency, str):
            raise ValueError(amount)
        code = currency.upper()
        ours, theirs = exponent(code), stripe_exponent(code)
        minor, rest = amount * 10 ** max(0, ours - theirs), 0
        if theirs > ours:
            minor, rest = divmod(amount, 10 ** (theirs - ours))
        if rest:
            raise ValueError(amount)
        return Money(minor, code)
    except (ValueError, InputError) as exc:
        raise OutcomeUnknown(f"Stripe reported an amount the till cannot read ({amount!r} "
                             f"{currency!r}). The payment will be checked with Stripe before "
                             "anything else is done.") from exc


def _decline(error: object) -> Declined:
    """A decline in words for the cashier; lost or stolen cards read as a plain decline."""
    error = error if isinstance(error, dict) else {}
    code = error.get("decline_code") or error.get("code") or "declined"
    if code in ("card_declined", "generic_decline"):
        code = "declined"
    return Declined(str(code), _DECLINES.get(code, _GENERIC_DECLINE))


def _sentence(text: object) -> str:
    text = str(text or "").strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _rejection(status: int, body: dict | None) -> str:
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    if status == 401:
        return "Stripe did not accept the API key. Check the Stripe secret key in the settings."
    if status == 403:
        return "The Stripe key is not allowed to do this. Use a key with payment permissions."
    if status == 404:
        return _sentence(f"Stripe could not find what it was asked about ({message or status})")
    return _sentence(f"Stripe refused the request: {message or f'HTTP {status}'}")


def _unknown(what: str) -> OutcomeUnknown:
    return OutcomeUnknown(f"{what} The payment will be checked with Stripe before anything "
                          "else is done.")


class StripeGateway:
    """The `Gateway` protocol over Stripe PaymentIntents; one `requests.Session` per thread."""

    name = "stripe"
    page_size = 100  # Stripe's largest page

    def __init__(self, api_key: str, *, base_url: str = "https://api.stripe.com",
                 ca_bundle: str | None = None, connect_timeout: float = 3.05,
                 read_timeout: float = 10.0, policy: RetryPolicy = _POLICY,
                 sleep: Callable[[float], None] = time.sleep,
                 reader_limit: float = READER_LIMIT) -> None:
        if not isinstance(api_key, str) or not re.fullmatch(r"(sk|rk)_\w+", api_key):
            raise InputError("The Stripe key must be a secret key (sk_...) or a restricted key "
                             "(rk_...); a publishable key (pk_...) cannot take payments.")
        parts = urlsplit(base_url)
        loopback = is_loopback(parts.hostname)
        if not parts.hostname or not (parts.scheme == "https"
                                      or (parts.scheme == "http" and loopback)):
            raise InputError(f"The Stripe address {base_url!r} must start with https:// "
                             "(plain http only for a test server on this computer).")
        if ca_bundle is not None and not os.path.exists(ca_bundle):
            raise InputError(f"The certificate file {ca_bundle!r} does not exist.")
        if not (connect_timeout > 0 and read_timeout > 0):
            raise InputError("The Stripe timeouts must be more than zero seconds.")
        self._key = api_key
        self._base = base_url.rstrip("/")
        self._verify: str | bool = ca_bundle or True
        self._timeout = (connect_timeout, read_timeout)
        self._policy = policy
        self._sleep = sleep
        self._search: bool | None = None  # unknown until the first lookup asks
        self._sessions = SessionPool(self._new_session)
        self.reader_limit = reader_limit
        self.reader_poll = READER_POLL
        self._cancels: dict[str, threading.Event] = {}  # key -> a reader charge in flight
        self._cancels_lock = threading.Lock()

    # sessions ----------------------------------------------------------
    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # no .netrc over our key, no proxy or CA from the env
        session.verify = self._verify
        session.headers.update({"Authorization": f"Bearer {self._key}",
                                "Stripe-Version": STRIPE_VERSION,
                                "User-Agent": "pos-stripe-adapter"})
        adapter = HTTPAdapter(max_retries=0)  # retries are ours, with the same key
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    def close(self) -> None:
        """Close every thread's connections (at shutdown; a later call opens new ones)."""
        self._sessions.close()

    def __enter__(self) -> StripeGateway:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # HTTP ----------------------------------------------------------------
    def _send(self, method: str, path: str, *, form: list | None = None,
              query: list | None = None, key: str | None = None) -> tuple[int, dict | None]:
        """One exchange: (status, JSON object or None); `Retry` when another try may help."""
        headers = {"Idempotency-Key": key} if key else {}
        try:
            with self._sessions.lend() as session:
                response = session.request(
                    method, self._base + path, data=form, params=query, headers=headers,
                    timeout=self._timeout, allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            # A certificate problem does not go away in seconds: no retry.
            raise _unknown("The secure connection to Stripe failed; check the computer's clock "
                           "and the certificate settings.") from exc
        except requests.Timeout as exc:
            raise Retry("no answer from Stripe in time") from exc
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            raise Retry("the connection to Stripe failed") from exc
        except requests.RequestException as exc:
            raise _unknown(f"The request to Stripe failed ({type(exc).__name__}).") from exc
        status = response.status_code
        if status in (409, 429) or status >= 500:
            raise Retry(f"Stripe answered {status}", retry_after(response.headers.get(
                "Retry-After")))
        try:
            body = response.json()
        except ValueError:
            body = None
        return status, body if isinstance(body, dict) else None

    def _request(self, method: str, path: str, *, form: list | None = None,
                 query: list | None = None, key: str | None = None,
                 accept: tuple[int, ...] = ()) -> tuple[int, dict]:
        """`_send` with retries; 2xx (and `accept`) give a JSON object, other 4xx refuse."""
        status, body = with_retries(
            lambda: self._send(method, path, form=form, query=query, key=key),
            self._policy, sleep=self._sleep)
        if 200 <= status < 300 or status in accept:
            if body is None:
                raise _unknown(f"Stripe's answer (HTTP {status}) was not readable.")
            return status, body
        if 400 <= status < 500:
            raise GatewayRejected(_rejection(status, body))
        raise _unknown(f"Stripe gave an unexpected answer (HTTP {status}).")

    # Gateway -----------------------------------------------------------
    def charge(self, request: ChargeRequest,
               progress: ProgressReport | None = None) -> Approved | Declined:
        """Create and confirm a PaymentIntent under the request's idempotency key (a card
        reader: create it and have the reader process it)."""
        if request.method == "reader":
            return self._charge_reader(request, progress)
        if request.method != "card":
            raise GatewayRejected(_NO_WALLETS)
        amount = to_stripe_amount(request.amount)
        currency = request.amount.currency.lower()
        if not request.card_token:
            raise GatewayRejected("No card was read. Present the card again.")
        metadata = {**request.metadata, "pos_order_ref": request.order_ref,
                    "pos_idempotency_key": request.idempotency_key}
        form = [("amount", str(amount)), ("currency", currency),
                ("payment_method", request.card_token), ("payment_method_types[]", "card"),
                ("confirm", "true"), ("capture_method", "automatic"),
                *((f"metadata[{k}]", v) for k, v in metadata.items()),
                *(("expand[]", path) for path in _INTENT_EXPAND)]
        status, body = self._request("POST", "/v1/payment_intents", form=form,
                                     key=request.idempotency_key, accept=(402,))
        if status == 402:  # Stripe says card_error; localstripe says invalid_request_error
            if not isinstance(body.get("error"), dict):
                raise _unknown("Stripe's refusal of the card was not readable.")
            return _decline(body["error"])
        intent = _intent(body)
        got = (intent.get("amount"), intent.get("currency"),
               intent["metadata"].get("pos_idempotency_key"))
        if got != (amount, currency, request.idempotency_key):
            raise _unknown(f"Stripe answered for another amount, currency or payment ({got[0]} "
                           f"{got[1]}) than was asked ({amount} {currency}).")
        state = intent.get("status")
        if state == "succeeded":
            return _approved(intent)
        if state == "requires_payment_method":
            return _decline(intent.get("last_payment_error"))
        if state == "requires_action":
            # Tidying only: an intent waiting for the customer's bank can never move money.
            with contextlib.suppress(GatewayError):
                self._request("POST", f"/v1/payment_intents/{intent['id']}/cancel",
                              key=f"{request.idempotency_key}:cancel")
            return _decline({"code": "authentication_required"})
        raise _unknown(f"Stripe reported the payment as {state!r}, which the till cannot "
                       "settle.")

    def cancel(self, request: ChargeRequest) -> None:
        """Stop a reader charge: the one in flight here ends itself (cancelling the reader's
        action and the intent); otherwise the intents under the key that still wait are
        cancelled the same way (reconciliation of a till that died mid-action)."""
        if request.method != "reader":
            raise GatewayRejected(_NO_WALLETS)
        with self._cancels_lock:
            cancelled = self._cancels.get(request.idempotency_key)
        if cancelled is not None:
            cancelled.set()
            return
        for intent in self._find({"pos_idempotency_key": request.idempotency_key}):
            if intent.get("status") in _WAITING:
                self._stop_reader(request, intent["id"])

    def void(self, gateway_ref: str, idempotency_key: str) -> None:
        """Cancel an intent that never captured, or refund what is left of a captured one.

        Idempotent by state: a second void finds nothing left to return. A void by refund
        marks the intent `pos_voided` so `lookup` reports it as voided, not refunded.
        """
        intent = self._retrieve(gateway_ref)
        state = intent.get("status")
        if state == "canceled":
            return
        if state in ("requires_payment_method", "requires_confirmation", "requires_action",
                     "requires_capture"):
            self._request("POST", f"/v1/payment_intents/{intent['id']}/cancel",
                          key=idempotency_key)
            return
        if state != "succeeded":
            raise _unknown(f"Stripe reported the payment as {state!r}, so it cannot be voided "
                           "yet.")
        left = _captured(intent) - _refunded(intent)
        if left > 0:
            self._create_refund(intent, left, idempotency_key, void=True)
        if intent["metadata"].get("pos_voided") != "true":
            self._request("POST", f"/v1/payment_intents/{intent['id']}",
                          form=[("metadata[pos_voided]", "true")],
                          key=f"{idempotency_key}:mark")

    def refund(self, gateway_ref: str, amount: Money, idempotency_key: str) -> RefundResult:
        """Refund part or all of a captured charge; never more than is left of it.

        The check is ours as well as Stripe's because localstripe refunds any amount. A refund
        already made under this key (found by its metadata) is returned, not repeated.
        """
        if amount.minor <= 0:
            raise GatewayRejected("A refund must be for more than zero.")
        intent = self._retrieve(gateway_ref)
        paid_in = str(intent.get("currency", "")).upper()
        if paid_in != amount.currency:
            raise GatewayRejected(f"This payment was made in {paid_in}; it cannot be refunded "
                                  f"in {amount.currency}.")
        if intent.get("status") != "succeeded":
            raise GatewayRejected("This card payment was never completed, so there is nothing "
                                  "to refund.")
        for refund in self._refunds(intent["id"]):
            if (refund.get("metadata") or {}).get("pos_idempotency_key") == idempotency_key:
                return RefundResult(str(refund.get("id")),
                                    from_stripe_amount(refund.get("amount"), paid_in))
        wanted, left = to_stripe_amount(amount), max(0, _captured(intent) - _refunded(intent))
        if wanted > left:
            raise GatewayRejected(f"Only {from_stripe_amount(left, paid_in)} of this payment can "
                                  f"still be refunded; {amount} is more than that.")
        return self._create_refund(intent, wanted, idempotency_key)

    def _charge_reader(self, request: ChargeRequest,
                       progress: ProgressReport | None) -> Approved | Declined:
        """Terminal's server-driven flow: a card_present intent under the key, processed on
        the reader, polled until it succeeds or the reader's action fails; at the time
        limit or on `cancel`, the action and the intent are cancelled."""
        reader = request.reader_id or ""
        if not _READER.fullmatch(reader):
            raise GatewayRejected("Choose the card reader in the settings; nothing was sent.")
        key = request.idempotency_key
        cancelled = threading.Event()
        with self._cancels_lock:
            self._cancels[key] = cancelled
        try:
            deadline = time.monotonic() + self.reader_limit
            metadata = {**request.metadata, "pos_order_ref": request.order_ref,
                        "pos_idempotency_key": key, "pos_reader": reader}
            _, body = self._request("POST", "/v1/payment_intents", key=key, form=[
                ("amount", str(to_stripe_amount(request.amount))),
                ("currency", request.amount.currency.lower()),
                ("payment_method_types[]", "card_present"), ("capture_method", "automatic"),
                *((f"metadata[{k}]", v) for k, v in metadata.items())])
            intent_id = _intent(body)["id"]
            self._request("POST", f"/v1/terminal/readers/{reader}/process_payment_intent",
                          form=[("payment_intent", intent_id)], key=f"{key}:process")
            if progress is not None:
                progress(Progress("reader_waiting"))
            while True:
                intent = self._retrieve(intent_id)
                if intent.get("status") == "succeeded":
                    return _approved(intent)
                failed = self._failed_action(reader, intent_id)
                if failed is not None:
                    self._stop_reader(request, intent_id)
                    return failed
                if cancelled.is_set() or time.monotonic() >= deadline:
                    return self._stop_reader(request, intent_id,
                                             gave_up=not cancelled.is_set())
                cancelled.wait(self.reader_poll)
        finally:
            with self._cancels_lock:
                self._cancels.pop(key, None)

    def _failed_action(self, reader: str, intent_id: str) -> Declined | None:
        """The decline of the reader's failed action on this intent, if it failed."""
        _, body = self._request("GET", f"/v1/terminal/readers/{reader}")
        action = body.get("action") if isinstance(body.get("action"), dict) else {}
        processed = action.get("process_payment_intent") or {}
        if action.get("status") != "failed" or processed.get("payment_intent") != intent_id:
            return None
        return _decline({"code": action.get("failure_code")})

    def _stop_reader(self, request: ChargeRequest, intent_id: str, *,
                     gave_up: bool = False) -> Approved | Declined:
        """Cancel the reader's action (harmless if it has none) and the intent, unless the
        card was approved first, which then stands (the payment flow voids it)."""
        key = request.idempotency_key
        with contextlib.suppress(GatewayRejected):  # 400: the reader has no action now
            self._request("POST", f"/v1/terminal/readers/{request.reader_id}/cancel_action",
                          key=f"{key}:cancel_action")
        intent = self._retrieve(intent_id)
        if intent.get("status") == "succeeded":
            return _approved(intent)
        if intent.get("status") != "canceled":
            self._request("POST", f"/v1/payment_intents/{intent_id}/cancel",
                          key=f"{key}:cancel")
        code = "reader_timeout" if gave_up else "cancelled"
        return Declined(code, _DECLINES[code])

    def lookup(self, *, idempotency_key: str | None = None,
               order_ref: str | None = None) -> list[ChargeRecord]:
        """Every intent whose metadata carries this key and/or order, oldest first.

        Uses Stripe's search plus a listing of the last hour (search lags writes by up to a
        minute); where search does not exist (localstripe answers 404) every intent is listed
        and filtered.
        """
        wanted = {k: v for k, v in (("pos_idempotency_key", idempotency_key),
                                    ("pos_order_ref", order_ref)) if v is not None}
        if not wanted:
            raise ValueError("lookup needs an idempotency key or an order reference")
        return [_record(intent) for intent in self._find(wanted)]

    def _find(self, wanted: dict[str, str]) -> list[dict]:
        """The intents whose metadata holds `wanted`, oldest first (see `lookup`)."""
        found: dict[str, dict] = {}
        if self._search is not False:
            found.update((i["id"], i) for i in self._search_intents(wanted))
        recent = int(time.time()) - _RECENT if self._search else None
        found.update((i["id"], i) for i in self._list_intents(recent)
                     if all(i["metadata"].get(k) == v for k, v in wanted.items()))
        return sorted(found.values(), key=lambda i: (i.get("created") or 0, i["id"]))

    def health(self) -> bool:
        """One authenticated GET of the balance, no retries."""
        try:
            status, body = self._send("GET", "/v1/balance")
        except (Retry, GatewayError):
            return False
        return status == 200 and body is not None

    # helpers -----------------------------------------------------------
    def _retrieve(self, gateway_ref: str) -> dict:
        if not isinstance(gateway_ref, str) or not _ID.fullmatch(gateway_ref):
            raise GatewayRejected(f"{gateway_ref!r} is not a Stripe payment reference.")
        _, body = self._request("GET", f"/v1/payment_intents/{gateway_ref}",
                                query=[("expand[]", path) for path in _INTENT_EXPAND])
        return _intent(body)

    def _create_refund(self, intent: dict, units: int, key: str, *,
                       void: bool = False) -> RefundResult:
        form = [("payment_intent", intent["id"]), ("amount", str(units)),
                ("metadata[pos_idempotency_key]", key)]
        if void:
            form.append(("metadata[pos_void]", "true"))
        _, body = self._request("POST", "/v1/refunds", form=form, key=key)
        currency = intent.get("currency")
        if (body.get("amount"), body.get("currency")) != (units, currency) or not str(
                body.get("id", "")).startswith("re_"):
            raise _unknown(f"Stripe answered the refund for another amount or currency "
                           f"({body.get('amount')} {body.get('currency')}) than was asked "
                           f"({units} {currency}).")
        state = body.get("status")
        if state in ("failed", "canceled"):
            raise GatewayRejected(_sentence(f"Stripe could not return the money to the card "
                                            f"({body.get('failure_reason') or state})"))
        if state not in ("succeeded", "pending"):
            raise _unknown(f"Stripe reported the refund as {state!r}.")
        return RefundResult(body["id"], from_stripe_amount(units, currency))

    def _refunds(self, intent_id: str) -> Iterator[dict]:
        yield from self._pages("/v1/refunds", [("payment_intent", intent_id)])

    def _list_intents(self, created_since: int | None) -> Iterator[dict]:
        query = [("expand[]", f"data.{path}") for path in _INTENT_EXPAND]
        if created_since is not None:
            query.append(("created[gte]", str(created_since)))
        for item in self._pages("/v1/payment_intents", query):
            yield _intent(item)

    def _search_intents(self, wanted: dict[str, str]) -> list[dict]:
        """Search by metadata; an empty list and no more searching where Stripe has none."""
        clauses = " AND ".join(f"metadata['{k}']:{_quote(v)}" for k, v in wanted.items())
        query = [("query", clauses), ("limit", str(self.page_size)),
                 *(("expand[]", f"data.{path}") for path in _INTENT_EXPAND)]
        found, page = [], None
        while True:
            status, body = self._request("GET", "/v1/payment_intents/search",
                                         query=query + ([("page", page)] if page else []),
                                         accept=(404,))
            if status == 404:
                self._search = False
                return []
            self._search = True
            found.extend(_intent(item) for item in _data(body))
            page = body.get("next_page")
            if not (body.get("has_more") and page):
                return found

    def _pages(self, path: str, query: list) -> Iterator[dict]:
        after = None
        while True:
            page = query + [("limit", str(self.page_size))]
            if after:
                page.append(("starting_after", after))
            _, body = self._request("GET", path, query=page)
            items = _data(body)
            yield from items
            if not (body.get("has_more") and items):
                return
            after = items[-1].get("id")


def _quote(value: str) -> str:
    """A string literal of Stripe's search language."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"



def _data(body: dict) -> list[dict]:
    items = body.get("data")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _unknown("Stripe's list of payments was not readable.")
    return items


def _intent(body: dict) -> dict:
    """The PaymentIntent in an answer, checked enough that the rest may index it."""
    if (body.get("object", "payment_intent") != "payment_intent"
            or not _ID.fullmatch(str(body.get("id", "")))
            or not isinstance(body.get("metadata") or {}, dict)):
        raise _unknown("Stripe's answer did not describe a payment.")
    body["metadata"] = body.get("metadata") or {}
    return body


def _charge(intent: dict) -> dict:
    charge = intent.get("latest_charge")
    if not isinstance(charge, dict):
        raise _unknown("Stripe's answer did not include the card charge.")
    return charge


def _captured(intent: dict) -> int:
    """Stripe units captured (`amount_received`; localstripe only has the charge's amount)."""
    received = intent.get("amount_received")
    if type(received) is int:
        return received
    charge = _charge(intent)
    return charge.get("amount", 0) if charge.get("captured") else 0


def _refunded(intent: dict) -> int:
    refunded = _charge(intent).get("amount_refunded", 0)
    return refunded if type(refunded) is int else 0


def _approved(intent: dict) -> Approved:
    """Approved from a succeeded intent. The fee is the balance transaction's when it is in the
    charge's currency; otherwise (not yet settled, or settled in another currency) it is 0."""
    amount = from_stripe_amount(intent.get("amount"), intent.get("currency"))
    charge = _charge(intent)
    txn = charge.get("balance_transaction")
    fee = Money.zero(amount.currency)
    if isinstance(txn, dict) and str(txn.get("currency", "")).upper() == amount.currency:
        fee = from_stripe_amount(txn.get("fee"), txn.get("currency"))
    method = intent.get("payment_method")  # expanded: localstripe's charges lack the details
    card = ((charge.get("payment_method_details") or {}).get("card")
            or (method.get("card") if isinstance(method, dict) else None))
    if not isinstance(card, dict):
        card = {}
    brand = card.get("brand")
    return Approved(intent["id"], amount, fee, _BRANDS.get(brand, brand), card.get("last4"))


def _record(intent: dict) -> ChargeRecord:
    meta: dict[str, Any] = intent["metadata"]
    key, ref = meta.get("pos_idempotency_key"), meta.get("pos_order_ref")
    state = intent.get("status")
    if state == "succeeded":
        approved = _approved(intent)
        refunded = from_stripe_amount(_refunded(intent), intent.get("currency"))
        status = ("voided" if meta.get("pos_voided") == "true"
                  else "refunded" if refunded >= approved.amount
                  else "partially_refunded" if refunded else "approved")
        return ChargeRecord(status, key, ref, approved=approved,
                            refunded=refunded if refunded else None)
    if state in _WAITING and meta.get("pos_reader") and not intent.get("last_payment_error"):
        return ChargeRecord("pending", key, ref)  # a reader still waits for the card
    if state in ("requires_payment_method", "requires_action", "requires_confirmation",
                 "canceled"):
        error = intent.get("last_payment_error") or {"code": _UNFINISHED.get(state)}
        return ChargeRecord("declined", key, ref, decline=_decline(error))
    raise _unknown(f"Stripe reports a payment for this sale as {state!r}.")
