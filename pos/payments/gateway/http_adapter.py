"""`HttpGateway`: the client of our signed REST card-gateway protocol (docs/GATEWAY.md).

Every call is signed, has connect and read timeouts and verifies TLS; a
transient failure (connection error, timeout, 409, 429, 5xx) is retried with
the same Idempotency-Key. An answer is believed only when it is a signed,
fresh JSON object that matches what was asked; anything else raises
`OutcomeUnknown`, so a payment is never marked paid on a guess. Card numbers
are never sent or logged: only tokens.

A charge that waits for the customer (a reader, a wallet's payment code, the
store's QR code) is posted once, then long-polled (`GET /v1/charges/{id}?wait=S`)
until it is final; at the method's time limit, or when `cancel` is called from
another thread, the charge is cancelled at the gateway and its final state is the
answer. A payment code goes in the body of that one POST (and its retries, from
memory), never in a log line or an exception's text.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests
from urllib3.exceptions import NameResolutionError

from pos.addresses import gateway_url
from pos.errors import InputError
from pos.money import Money
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
from pos.payments.wallet_codes import WALLETS, recognise
from pos.signing import (
    KEY,
    KEY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    TOLERANCE,
    SignatureError,
    StaleTimestamp,
    sign_request,
    verify_response,
)

log = logging.getLogger(__name__)

STATUSES = frozenset({"approved", "declined", "voided", "refunded", "partially_refunded",
                      "pending"})
_ANOTHER_WAY = " Ask for another card or another way to pay."
DECLINE_REASONS = {
    "declined": "The card was declined." + _ANOTHER_WAY,
    "insufficient_funds": "The card was declined for insufficient funds." + _ANOTHER_WAY,
    "expired_card": "The card has expired." + _ANOTHER_WAY,
    "insufficient_balance": "The wallet payment was declined: the balance is not enough. "
                            "Ask for another way to pay.",
    "payment_code_invalid": "The wallet did not accept this payment code. Ask the customer "
                            "to refresh the code on the phone and scan it again.",
    "reader_timeout": "No card was presented on the reader in time. Try again, or ask "
                      "for another way to pay.",
    "customer_did_not_confirm": "The customer did not confirm the payment on the phone in "
                                "time; nothing was taken. Try again, or ask for another way "
                                "to pay.",
    "qr_expired": "The QR code expired before it was paid; nothing was taken. Show a new "
                  "one, or ask for another way to pay.",
    "cancelled": "The payment was cancelled; nothing was taken.",
    "reversed": "The customer confirmed just as the payment was cancelled; it was reversed, "
                "and the money goes back to them.",
}
WAIT_LIMITS = {"reader": 60.0, "wallet_code": 60.0, "store_qr": 120.0}
"""Seconds a charge that waits for the customer may take before the till cancels it."""
GAVE_UP = {"reader": "reader_timeout", "wallet_code": "customer_did_not_confirm",
           "store_qr": "qr_expired"}
"""The decline of a waiting charge the till cancelled at its time limit, by method."""
LONG_POLL = 5  # seconds each GET /v1/charges/{id}?wait=S may hold (the protocol allows 10)
_PROGRESS = frozenset({"reader_waiting", "customer_confirming", "qr_shown"})
REJECTIONS = {
    "idempotency_mismatch": "The card gateway refused this payment: its reference was already "
                            "used for a different amount or card, so nothing was charged now.",
    "refund_exceeds_charge": "The refund is more than is left to refund on this card payment.",
    "charge_not_refundable": "This card payment cannot be refunded: it was declined or voided.",
    "charge_not_voidable": "This card payment can no longer be voided; refund it instead.",
    "charge_not_cancellable": "This payment can no longer be cancelled; refund it instead.",
    "invalid_payment_code": "The gateway did not take this as the wallet's payment code; "
                            "nothing was charged. Scan the code again.",
    "no_such_charge": "The card gateway has no record of this payment.",
    "card_number_refused": "The card gateway takes card tokens only, never a card number.",
    "invalid_card_token": "The card gateway does not know this card token.",
    "currency_mismatch": "The refund's currency is not the currency of the payment.",
    "order_already_charged": "The card gateway already holds an approved card payment for "
                             "this part of the sale, so nothing was charged now. Check the "
                             "sale's payments before charging a card again.",
}
FINAL_409 = frozenset({"order_already_charged"})
"""409 codes that are a rule's final refusal; any other 409 (a request in flight) is retried."""
_CREDENTIALS = ("The card gateway refused this till's credentials. Check the gateway's API key "
                "and signing secret in the settings.")
_CLOCK = ("The card gateway refused the request because this till's clock is more than "
          f"{TOLERANCE // 60} minutes off. Set the correct time and try again.")
DEFAULT_POLICY = RetryPolicy()
MAX_PART = 1000  # the card charges one sale may be split into, as the protocol allows
_REF = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CARD_NUMBER = re.compile(r"[0-9][0-9 -]{10,22}[0-9]")
_BUYER = re.compile(r"[A-Za-z0-9_*@.+-]{1,64}")  # a masked account, as a wallet shows it


class HttpGateway:
    """The `Gateway` for our own protocol. Thread-safe: one `requests.Session` per thread.
    Call `close()` (or use `with`) to close every thread's connections."""

    name = "http"

    def __init__(self, base_url: str, api_key: str, signing_secret: str, *,
                 ca_bundle: str | Path | None = None, connect_timeout: float = 3.05,
                 read_timeout: float = 10.0, policy: RetryPolicy = DEFAULT_POLICY,
                 sleep: Callable[[float], None] = time.sleep,
                 wait_limits: dict[str, float] | None = None) -> None:
        if not api_key or not signing_secret:
            raise InputError("Enter the card gateway's API key and signing secret in the "
                             "settings.")
        self.base_url = gateway_url(base_url)
        self._api_key, self._secret = api_key, signing_secret
        self._verify: str | bool = str(ca_bundle) if ca_bundle else True  # never False
        self._timeout = (connect_timeout, read_timeout)
        self.policy, self._sleep = policy, sleep
        self._sessions = SessionPool(_new_session)
        self.wait_limits = {**WAIT_LIMITS, **(wait_limits or {})}
        self._waiting: dict[str, _Waiting] = {}  # idempotency key -> a charge in flight here
        self._waiting_lock = threading.Lock()

    def close(self) -> None:
        self._sessions.close()

    def __enter__(self) -> HttpGateway:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # the Gateway protocol ----------------------------------------------------------
    def charge(self, request: ChargeRequest,
               progress: ProgressReport | None = None) -> Approved | Declined:
        if request.method != "card":
            return self._charge_waiting(request, progress)
        if _CARD_NUMBER.fullmatch(request.card_token.strip()):
            raise GatewayRejected("Card payments take a card reader's token, never a card "
                                  "number; nothing was sent.")
        if type(request.part) is not int or not 1 <= request.part <= MAX_PART:
            raise GatewayRejected(f"A card payment is part 1 to {MAX_PART} of its sale, not "
                                  f"{request.part!r}; nothing was sent.")
        asked = request.amount
        status, charge = self._call(
            "POST", "/v1/charges",
            {"amount": asked.minor, "currency": asked.currency, "card_token": request.card_token,
             "order_ref": request.order_ref, "part": request.part,
             "metadata": dict(request.metadata)},
            key=request.idempotency_key, accept=(200, 402))
        _expect(charge, "charge")
        _expect_amount(charge, asked)
        _expect_field(charge, "idempotency_key", request.idempotency_key)
        found = _status(charge)
        if status == 200 and found == "approved":
            return _approved(charge)
        if status == 402 and found == "declined":
            return _declined(charge)
        raise OutcomeUnknown(f"The card gateway answered a new charge with the status "
                             f"'{found}' (HTTP {status}), which does not say whether it was paid.")

    def cancel(self, request: ChargeRequest) -> None:
        """Cancel a charge that waits: the one in flight here (its `charge` call then ends
        with the charge's final state), or, found by its key, one a till left behind."""
        with self._waiting_lock:
            waiting = self._waiting.get(request.idempotency_key)
        if waiting is not None:
            waiting.cancelled.set()
            if waiting.charge_id is None:
                return  # its charge call cancels as soon as the gateway names the charge
            self._cancel_charge(waiting.charge_id, request.idempotency_key)
            return
        _, answer = self._call("GET", "/v1/charges?" + urlencode(
            {"idempotency_key": request.idempotency_key}))
        for charge in _charges(answer, "idempotency_key", request.idempotency_key):
            if _status(charge) == "pending":
                self._cancel_charge(_text(charge, "id"), request.idempotency_key)

    def void(self, gateway_ref: str, idempotency_key: str) -> None:
        _, charge = self._call("POST", f"/v1/charges/{_ref(gateway_ref)}/void", {},
                               key=idempotency_key)
        _expect(charge, "charge")
        _expect_field(charge, "id", gateway_ref)
        if _status(charge) != "voided":
            raise OutcomeUnknown(f"The card gateway did not confirm the void of {gateway_ref}.")

    def refund(self, gateway_ref: str, amount: Money, idempotency_key: str) -> RefundResult:
        _, refund = self._call("POST", f"/v1/charges/{_ref(gateway_ref)}/refunds",
                               {"amount": amount.minor, "currency": amount.currency},
                               key=idempotency_key)
        _expect(refund, "refund")
        _expect_amount(refund, amount)
        _expect_field(refund, "charge", gateway_ref)
        if refund.get("status") != "succeeded":
            raise OutcomeUnknown(f"The card gateway did not confirm the refund on {gateway_ref}.")
        return RefundResult(_text(refund, "id"), amount)

    def lookup(self, *, idempotency_key: str | None = None,
               order_ref: str | None = None) -> list[ChargeRecord]:
        if (idempotency_key is None) == (order_ref is None):
            raise ValueError("look up by exactly one of idempotency_key or order_ref")
        name, value = ("idempotency_key", idempotency_key) if order_ref is None \
            else ("order_ref", order_ref)
        _, answer = self._call("GET", "/v1/charges?" + urlencode({name: value}))
        return [_record(charge) for charge in _charges(answer, name, value)]

    def health(self) -> bool:
        """One quick signed GET /v1/health, without retries; False on any failure."""
        try:
            _, answer = self._send("GET", "/v1/health", b"", None, (200,))
        except (Retry, GatewayError):
            return False
        return answer.get("status") == "ok"

    # charges that wait for the customer ---------------------------------------------
    def _charge_waiting(self, request: ChargeRequest,
                        progress: ProgressReport | None) -> Approved | Declined:
        """Post the charge, report what it waits for, long-poll until it is final; cancel
        it at the time limit or when `cancel` asks, and answer its final state."""
        body = _waiting_body(request)
        key = request.idempotency_key
        waiting = _Waiting()
        with self._waiting_lock:
            self._waiting[key] = waiting
        try:
            deadline = time.monotonic() + self.wait_limits[request.method]
            status, charge = self._call("POST", "/v1/charges", body, key=key,
                                        accept=(200, 402))
            shown = None
            while True:
                _expect_charge(charge, request)
                if _status(charge) != "pending":
                    return _final(charge, request, gave_up=False)
                waiting.charge_id = charge_id = _text(charge, "id")
                left = deadline - time.monotonic()
                if waiting.cancelled.is_set() or left <= 0:
                    charge = self._cancel_charge(charge_id, key)
                    _expect_charge(charge, request)
                    return _final(charge, request, gave_up=not waiting.cancelled.is_set())
                shown = _report(charge, left, shown, progress)
                _, charge = self._call(
                    "GET", f"/v1/charges/{charge_id}?wait={max(1, min(LONG_POLL, int(left)))}",
                    wait=LONG_POLL)
        finally:
            with self._waiting_lock:
                self._waiting.pop(key, None)

    def _cancel_charge(self, charge_id: str, key: str) -> dict:
        _, charge = self._call("POST", f"/v1/charges/{_ref(charge_id)}/cancel", {},
                               key=f"{key}-cancel"[:255])
        _expect(charge, "charge")
        _expect_field(charge, "id", charge_id)
        return charge

    # sending -----------------------------------------------------------------------
    def _call(self, method: str, path: str, payload: dict | None = None, *,
              key: str | None = None, accept: tuple[int, ...] = (200,),
              wait: float = 0.0) -> tuple[int, dict]:
        """A signed call, retried as the policy says; `wait` is how long the gateway may
        hold it (a long poll), added to the read timeout."""
        if key is not None and not KEY.fullmatch(key):
            raise GatewayRejected("The payment's idempotency key is not 1 to 255 visible "
                                  "characters; nothing was sent.")
        body = b"" if payload is None else json.dumps(payload, separators=(",", ":")).encode()
        return with_retries(lambda: self._send(method, path, body, key, accept, wait),
                            self.policy, sleep=self._sleep)

    def _send(self, method: str, path: str, body: bytes, key: str | None,
              accept: tuple[int, ...], wait: float = 0.0) -> tuple[int, dict]:
        """One signed try. Raises `Retry` for what another try with the same key may fix."""
        headers = {"Authorization": f"Bearer {self._api_key}", "Accept": "application/json"}
        if body:
            headers["Content-Type"] = "application/json"
        if key is not None:
            headers[KEY_HEADER] = key
        prepared = requests.Request(method, self.base_url + path, headers=headers,
                                    data=body).prepare()
        prepared.headers.update(sign_request(self._secret, method, prepared.path_url, body,
                                             key=key))
        started = time.monotonic()
        connect, read = self._timeout
        try:
            with self._sessions.lend() as session:
                response = session.send(prepared, timeout=(connect, read + wait),
                                        verify=self._verify, allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise OutcomeUnknown(
                "No secure connection to the card gateway: its certificate could not be "
                "verified. Check the gateway address and its CA certificate in the settings."
            ) from exc
        except requests.exceptions.ConnectTimeout:
            raise Retry(f"no connection within {self._timeout[0]:g} s") from None
        except requests.exceptions.ReadTimeout:
            raise Retry(f"no answer within {read + wait:g} s") from None
        except requests.exceptions.ConnectionError as exc:
            if _name_not_found(exc):
                host = urlsplit(self.base_url).hostname
                raise OutcomeUnknown(
                    f"The card gateway's address ({host}) could not be found. Check the "
                    "network connection and the gateway address in the settings.") from exc
            raise Retry("the connection failed or was lost") from None
        except (requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError):
            raise Retry("the answer was cut off") from None
        except requests.exceptions.RequestException as exc:
            raise OutcomeUnknown(f"The card gateway could not be reached "
                                 f"({type(exc).__name__}).") from exc
        log.info("gateway %s %s key=%s -> %s in %.2f s", method, path.split("?")[0], key,
                 response.status_code, time.monotonic() - started)
        return self._answer(response, accept, prepared.headers[SIGNATURE_HEADER])

    def _answer(self, response: requests.Response, accept: tuple[int, ...],
                asked: str) -> tuple[int, dict]:
        """The status and trusted body of the answer to the request signed `asked`."""
        status = response.status_code
        if status == 409:
            code = _final_409(lambda: self._trusted(response, asked))
            if code is not None:
                raise GatewayRejected(REJECTIONS[code])
        if status in (409, 429) or status >= 500:
            reason = {409: "the gateway is still working on this request",
                      429: "the gateway asked us to slow down"}.get(status, f"HTTP {status}")
            raise Retry(reason, retry_after(response.headers.get("Retry-After")))
        if status in (401, 403):
            raise GatewayRejected(_CLOCK if _error_code(response) == "stale_timestamp"
                                  else _CREDENTIALS)
        if status in accept:
            return status, self._trusted(response, asked)
        if 400 <= status < 500:
            code = _error_code(self._trusted(response, asked))
            raise GatewayRejected(REJECTIONS.get(
                code, f"The card gateway refused the request as invalid "
                      f"({code or f'HTTP {status}'}); nothing was done."))
        raise OutcomeUnknown(f"The card gateway gave an unexpected answer (HTTP {status}).")

    def _trusted(self, response: requests.Response, asked: str) -> dict:
        """The answer's JSON object, once it is shown to be signed by the gateway, fresh, and
        an answer to the request whose signature was `asked` (not a stored or cached answer
        to another request, such as another refund of the same amount)."""
        body = response.content
        if "html" in response.headers.get("Content-Type", "") or body.lstrip()[:1] == b"<":
            raise OutcomeUnknown("The card gateway answered with a web page instead of a payment "
                                 "answer; a proxy or a Wi-Fi login page may be in the way.")
        try:
            content = json.loads(body)
        except (ValueError, RecursionError):
            raise OutcomeUnknown("The card gateway's answer was not valid JSON; it may have been "
                                 "cut short.") from None
        if not isinstance(content, dict):
            raise OutcomeUnknown("The card gateway's answer was not a JSON object.")
        try:
            verify_response(self._secret, response.status_code, body,
                            response.headers.get(TIMESTAMP_HEADER),
                            response.headers.get(SIGNATURE_HEADER), request_signature=asked)
        except StaleTimestamp as exc:
            raise OutcomeUnknown("The card gateway's answer is too old or too new to trust "
                                 f"({exc}) Check this till's clock.") from None
        except SignatureError:
            raise OutcomeUnknown("The card gateway's answer was not signed with our shared secret "
                                 "for this request, so it cannot be trusted.") from None
        return content



class _Waiting:
    """A waiting charge in flight on this adapter: its id once the gateway has named it,
    and whether `cancel` was asked for (from another thread)."""

    def __init__(self) -> None:
        self.charge_id: str | None = None
        self.cancelled = threading.Event()


def _waiting_body(request: ChargeRequest) -> dict:
    """The POST body of a charge that waits; refuses, before sending, what the gateway
    would refuse. No message repeats a payment code."""
    if type(request.part) is not int or not 1 <= request.part <= MAX_PART:
        raise GatewayRejected(f"A payment is part 1 to {MAX_PART} of its sale, not "
                              f"{request.part!r}; nothing was sent.")
    body = {"amount": request.amount.minor, "currency": request.amount.currency,
            "method": request.method, "order_ref": request.order_ref,
            "part": request.part, "metadata": dict(request.metadata)}
    if request.method == "reader":
        if not _REF.fullmatch(request.reader_id or ""):
            raise GatewayRejected("Choose the card reader in the settings; nothing was sent.")
        return body | {"reader_id": request.reader_id}
    if request.method not in ("wallet_code", "store_qr"):
        raise GatewayRejected(f"The gateway takes no {request.method!r} payments; nothing "
                              "was sent.")
    if request.wallet not in WALLETS:
        raise GatewayRejected("The wallet of this payment is not one the till knows; nothing "
                              "was sent.")
    body["wallet"] = request.wallet
    if request.method == "store_qr":
        return body
    if recognise(request.payment_code or "") != request.wallet:
        raise GatewayRejected(f"That is not a {WALLETS[request.wallet]} payment code; "
                              "nothing was sent. Scan the code again.")
    return body | {"payment_code": request.payment_code.strip()}


def _expect_charge(charge: dict, request: ChargeRequest) -> None:
    _expect(charge, "charge")
    _expect_amount(charge, request.amount)
    _expect_field(charge, "idempotency_key", request.idempotency_key)


def _final(charge: dict, request: ChargeRequest, *, gave_up: bool) -> Approved | Declined:
    """The answer of a waiting charge that is no longer pending. Cancelled (by the
    cashier, or by the till at its time limit, `gave_up`) it is declined even if the
    customer paid just before, as the wallet then gave the money back (`voided`; the
    cashier's cancel then answers "reversed", so the till can say so)."""
    status = _status(charge)
    if status == "approved":
        return _approved(charge)
    if status == "declined" and not (gave_up and _decline_code(charge) == "cancelled"):
        return _declined(charge)
    if status in ("declined", "voided"):
        code = (GAVE_UP[request.method] if gave_up
                else "reversed" if status == "voided" else "cancelled")
        return Declined(code, DECLINE_REASONS[code])
    raise OutcomeUnknown(f"The card gateway answered a payment in progress with the status "
                         f"'{status}', which does not say whether it was paid.")


def _report(charge: dict, left: float, shown: Progress | None,
            progress: ProgressReport | None) -> Progress | None:
    """Tell the till what the charge waits for, when that changes."""
    action = charge.get("next_action") if isinstance(charge.get("next_action"), dict) else {}
    state = action.get("type")
    if progress is None or state not in _PROGRESS:
        return shown
    url = action.get("qr_url") if state == "qr_shown" else None
    expires = action.get("expires_in")
    expires = int(min(left, expires)) if type(expires) is int and expires >= 0 else int(left)
    now = Progress(state, url if isinstance(url, str) and len(url) <= 2048 else None,
                   expires if state != "reader_waiting" else None)
    if now != shown:
        progress(now)
    return now


def _charges(answer: dict, name: str, value: str) -> list[dict]:
    """The charges of a lookup answer, each checked to be one asked for."""
    _expect(answer, "list")
    if not isinstance(answer.get("data"), list):
        raise OutcomeUnknown("The card gateway's list of charges is missing.")
    for charge in answer["data"]:
        if not isinstance(charge, dict):
            raise OutcomeUnknown("The card gateway's list of charges holds something else.")
        _expect(charge, "charge")
        _expect_field(charge, name, value)
    return answer["data"]


def _new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "pos-http-gateway/1"
    return session


# --- reading answers ------------------------------------------------------------------

def _name_not_found(exc: BaseException) -> bool:
    return any(isinstance(e, NameResolutionError | socket.gaierror) for e in _causes(exc))


def _causes(exc: BaseException | None) -> Iterator[BaseException]:
    """An exception and those it wraps (urllib3 keeps them in `reason` and in args)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        inner = getattr(exc, "reason", None) or exc.__cause__ or exc.__context__
        if inner is None and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        exc = inner if isinstance(inner, BaseException) else None


def _error_code(answer: requests.Response | dict) -> str | None:
    if isinstance(answer, requests.Response):
        try:
            answer = answer.json()
        except ValueError:
            return None
    error = answer.get("error") if isinstance(answer, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, str) else None


def _final_409(trusted: Callable[[], dict]) -> str | None:
    """The code of a 409 that is a signed, final refusal (`FINAL_409`), else None. A 409
    that cannot be trusted is taken for the retryable kind (a request in flight), so a
    forged refusal can never make the till believe that nothing was charged."""
    try:
        code = _error_code(trusted())
    except OutcomeUnknown:
        return None
    return code if code in FINAL_409 else None


def _ref(gateway_ref: str) -> str:
    if not _REF.fullmatch(gateway_ref or ""):
        raise GatewayRejected(f"{gateway_ref!r} is not a card gateway reference; nothing "
                              "was sent.")
    return gateway_ref


def _expect(content: dict, kind: str) -> None:
    if content.get("object") != kind:
        raise OutcomeUnknown(f"The card gateway answered with something other than a {kind}.")


def _expect_field(content: dict, name: str, value: str) -> None:
    if content.get(name) != value:
        raise OutcomeUnknown(f"The card gateway answered about another {name.replace('_', ' ')} "
                             "than the one asked.")


def _expect_amount(content: dict, asked: Money) -> None:
    amount, currency = content.get("amount"), content.get("currency")
    if type(amount) is not int or currency != asked.currency or amount != asked.minor:
        shown = _shown(amount, currency)
        raise OutcomeUnknown(f"The card gateway answered for {shown} instead of {asked}, so its "
                             "answer cannot be trusted.")


def _shown(minor, currency) -> str:
    try:
        return str(Money(minor, currency))
    except (InputError, TypeError):
        return f"{minor!r} {currency!r}"


def _status(charge: dict) -> str:
    status = charge.get("status")
    if status not in STATUSES:
        raise OutcomeUnknown(f"The card gateway answered with a payment status this till does not "
                             f"know ({status!r}).")
    return status


def _text(content: dict, name: str) -> str:
    value = content.get(name)
    if not isinstance(value, str) or not _REF.fullmatch(value):
        raise OutcomeUnknown(f"The card gateway's answer has no valid {name}.")
    return value


def _money(content: dict) -> Money:
    amount, currency = content.get("amount"), content.get("currency")
    try:
        if type(amount) is int and amount > 0 and isinstance(currency, str):
            return Money(amount, currency)
    except InputError:
        pass
    raise OutcomeUnknown("The card gateway's answer has no valid amount.")


def _approved(charge: dict) -> Approved:
    amount = _money(charge)
    fee = charge.get("fee")
    if type(fee) is not int or not 0 <= fee <= amount.minor:
        raise OutcomeUnknown("The card gateway's answer has no valid fee.")
    card = charge.get("card") if isinstance(charge.get("card"), dict) else {}
    brand, last4 = card.get("brand"), card.get("last4")
    wallet, buyer = charge.get("wallet"), charge.get("buyer")
    return Approved(_text(charge, "id"), amount, Money(fee, amount.currency),
                    brand if isinstance(brand, str) and brand else None,
                    last4 if isinstance(last4, str) and re.fullmatch(r"[0-9]{4}", last4)
                    else None,
                    wallet=wallet if wallet in WALLETS else None,
                    buyer=buyer if isinstance(buyer, str) and _BUYER.fullmatch(buyer) else None)


def _decline_code(charge: dict) -> str:
    decline = charge.get("decline") if isinstance(charge.get("decline"), dict) else {}
    return decline.get("code") if isinstance(decline.get("code"), str) else "declined"


def _declined(charge: dict) -> Declined:
    code = _decline_code(charge)
    return Declined(code, DECLINE_REASONS.get(code, DECLINE_REASONS["declined"]))


def _record(charge: dict) -> ChargeRecord:
    status = _status(charge)
    key, order_ref = charge.get("idempotency_key"), charge.get("order_ref")
    if status == "pending":
        return ChargeRecord(status, key, order_ref)
    if status == "declined":
        return ChargeRecord(status, key, order_ref, decline=_declined(charge))
    approved = _approved(charge)
    refunded = charge.get("refunded")
    if type(refunded) is not int or not 0 <= refunded <= approved.amount.minor:
        raise OutcomeUnknown("The card gateway's record of a charge has no valid refunded "
                             "amount.")
    return ChargeRecord(status, key, order_ref, approved,
                        Money(refunded, approved.amount.currency))
