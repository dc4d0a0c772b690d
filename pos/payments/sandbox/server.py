"""A stateful sandbox of our card gateway (docs/GATEWAY.md), served over real HTTP or HTTPS.

The adapter, the payment flow and reconciliation are tested against a real
server on loopback that keeps charges, honours idempotency keys the way Stripe
does, signs what it says and misbehaves on demand (slow or lost answers, 500s,
garbage, bad signatures), not against mocks that agree with whatever we wrote.
Faults are switched on by `server.faults`, by POST /sandbox/faults, or per
request by an `X-Sandbox-Fault` header. Requests must carry a v2 signature, which
covers the Idempotency-Key; behind it, an order's part is charged live at most once
(`409 order_already_charged`), so a charge resent under another key takes nothing.
Charges that wait for the customer (a card reader, a wallet's payment code, the
store's QR code) follow `pos.payments.sandbox.waiting`, driven by the /sandbox
admin endpoints.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import json
import logging
import re
import shutil
import socket
import socketserver
import ssl
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.message import Message
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pos import signing
from pos.errors import InputError, PosError
from pos.money import Money
from pos.payments.sandbox import state, waiting
from pos.payments.sandbox.ledger import (
    CARDS,
    FEE_FIXED,
    FEE_PPM,
    Ledger,
    Refusal,
    Reply,
    error_reply,
)
from pos.payments.wallet_codes import WALLETS, recognise

log = logging.getLogger(__name__)

DEMO_API_KEY = "sk_sandbox_demo"
DEMO_SIGNING_SECRET = "sandbox-signing-secret"
FAULT_HEADER = "X-Sandbox-Fault"
MAX_BODY = 64 * 1024
MAX_DEPTH = 32  # JSON nesting; the protocol's deepest body (a charge's metadata) is 2
READ_TIMEOUT = 10.0
"""Seconds a request's body may take to arrive in all, however it trickles in; and the
longest pause a client may make between reading and sending anything else."""
MAX_PART = 1000  # a sale split across at most this many card charges
TIMEOUT_HOLD = 30.0  # seconds the `timeout` fault keeps a request before dropping it


# Fault kinds by when they strike: before the request is handled (nothing
# happens), while it is in flight (handled, answer held), after (handled, answer spoilt).
_BEFORE = frozenset({"error500", "rate_limit", "drop"})
_HOLD = {"latency": 1.0, "timeout": TIMEOUT_HOLD}  # default seconds
_AFTER = frozenset({"drop_after_commit", "malformed_json", "truncated_json", "html",
                    "bad_signature", "stale_timestamp", "wrong_amount", "unknown_status"})
FAULT_KINDS = frozenset({*_BEFORE, *_HOLD, *_AFTER})
ENDPOINTS = ("charge", "void", "refund", "lookup", "health", "retrieve", "cancel")
METHODS = ("card", "reader", "wallet_code", "store_qr")
MAX_WAIT = 10  # seconds a long poll (GET /v1/charges/{id}?wait=S) may hold


@dataclass(frozen=True)
class Fault:
    """One misbehaviour. `value` is seconds (latency, timeout, rate_limit's Retry-After);
    `times` None means every call until cleared; `endpoint` None means every /v1 endpoint."""

    kind: str
    value: float | None = None
    times: int | None = None
    endpoint: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise InputError(f"{self.kind!r} is not a sandbox fault; use one of "
                             f"{', '.join(sorted(FAULT_KINDS))}.")
        if self.value is not None and not 0 <= self.value <= 3600:
            raise InputError("A fault's seconds must be between 0 and 3600.")
        if self.times is not None and self.times < 1:
            raise InputError("A fault's times must be 1 or more.")
        if self.endpoint not in (None, *ENDPOINTS):
            raise InputError(f"{self.endpoint!r} is not an endpoint; use one of "
                             f"{', '.join(ENDPOINTS)}.")

    def public(self) -> dict:
        return {"kind": self.kind, "value": self.value, "times": self.times,
                "endpoint": self.endpoint}


def parse_fault(text: str) -> Fault:
    """Read `kind[=seconds][; times=N]`, e.g. `latency=3`, `error500; times=2`."""
    head, *options = [part.strip() for part in text.split(";")]
    kind, _, value = head.partition("=")
    times = None
    for option in options:
        name, _, number = option.partition("=")
        if name.strip() != "times" or not re.fullmatch(r"\s*[0-9]{1,9}\s*", number):
            raise InputError(f"{option!r} is not a fault option; only times=N is.")
        times = int(number)
    try:
        seconds = float(value) if value.strip() else None
    except ValueError:
        raise InputError(f"{value!r} is not a number of seconds.") from None
    return Fault(kind.strip(), seconds, times)


class Faults:
    """The faults switched on at runtime, thread-safe. A call takes the first fault that
    matches its endpoint; a fault with `times` wears out after that many calls."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[list] = []  # [fault, calls left or None]

    def add(self, kind: str, value: float | None = None, *, times: int | None = None,
            endpoint: str | None = None) -> Fault:
        fault = Fault(kind, value, times, endpoint)
        with self._lock:
            self._faults.append([fault, times])
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return [replace(f, times=left) for f, left in self._faults]

    def take(self, endpoint: str) -> Fault | None:
        with self._lock:
            for entry in self._faults:
                fault, left = entry
                if fault.endpoint in (None, endpoint):
                    if left is not None:
                        entry[1] = left - 1
                        if left == 1:
                            self._faults.remove(entry)
                    return fault
        return None


@dataclass(frozen=True)
class Call:
    """One request the sandbox received, for tests to count."""

    method: str
    path: str
    endpoint: str | None
    idempotency_key: str | None
    status: int | None  # None: the connection was dropped without an answer


# --- request bodies -----------------------------------------------------------------

_TOKEN = re.compile(r"tok_[A-Za-z0-9_]{1,64}")
_CARD_NUMBER = re.compile(r"[0-9][0-9 -]{10,22}[0-9]")


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """An object's members, refusing a name given twice: parsers disagree on which one
    wins, so a body that says two things is not guessed at."""
    found: dict = {}
    for name, value in pairs:
        if name in found:
            raise _DuplicateKey(name)
        found[name] = value
    return found


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python's extension, not JSON


_JSON_SPECIAL = re.compile(rb'[\\"\[\]{}]')


def _too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`: one pass over the brackets,
    quotes and backslashes, without recursion; brackets inside strings do not count."""
    depth, in_string, skip = 0, False, -1
    for match in _JSON_SPECIAL.finditer(body):
        at, byte = match.start(), body[match.start()]
        if at == skip:
            continue  # the character after a backslash
        if in_string:
            if byte == 0x5C:  # backslash
                skip = at + 1
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > limit:
                return True
        elif byte in b"]}":
            depth -= 1
    return False


def _json_body(body: bytes) -> dict:
    """The body as a JSON object; anything else, whatever its shape, is a 400."""
    if _too_deep(body):
        raise Refusal(400, "invalid_json", f"The request body nests deeper than {MAX_DEPTH} "
                                            "levels; no request of this API does.")
    try:
        payload = json.loads(body or b"{}", object_pairs_hook=_no_duplicates,
                             parse_constant=_no_constant)
    except _DuplicateKey as exc:
        raise Refusal(400, "invalid_json", f"The request body names the field {exc.args[0]!r} "
                                            "more than once.") from None
    except (ValueError, RecursionError):  # RecursionError: belt and braces for _too_deep
        raise Refusal(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(payload, dict):
        raise Refusal(400, "invalid_json", "The request body must be a JSON object.")
    return payload


def _invalid(message: str) -> Refusal:
    return Refusal(400, "validation_error", message)


def _only(payload: dict, allowed: set[str]) -> None:
    extra = sorted(set(payload) - allowed)
    if extra:
        raise _invalid(f"Unknown field {extra[0]!r}.")


def _money(payload: dict) -> Money:
    amount, currency = payload.get("amount"), payload.get("currency")
    if type(amount) is not int or amount <= 0:
        raise _invalid("The amount must be a whole number of minor units above zero.")
    if not isinstance(currency, str):
        raise _invalid("The currency must be an ISO 4217 code such as USD.")
    try:
        return Money(amount, currency).check_range()
    except InputError as exc:
        raise _invalid(str(exc)) from None


_METHOD_FIELDS = {"card": {"card_token"}, "reader": {"reader_id"},
                  "wallet_code": {"wallet", "payment_code"}, "store_qr": {"wallet"}}
_READER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _charge_params(payload: dict) -> dict:
    token, order_ref = payload.get("card_token"), payload.get("order_ref")
    if "card_number" in payload or (isinstance(token, str) and _CARD_NUMBER.fullmatch(token)):
        raise Refusal(400, "card_number_refused", "Send a card token, never a card number.")
    method = payload.get("method", "card")
    if method not in METHODS:
        raise _invalid(f"The method must be one of {', '.join(METHODS)}.")
    _only(payload, {"amount", "currency", "order_ref", "part", "metadata", "method",
                    *_METHOD_FIELDS[method]})
    amount = _money(payload)
    params = _method_params(method, payload)
    if not isinstance(order_ref, str) or not 1 <= len(order_ref) <= 100:
        raise _invalid("The order_ref must be text of 1 to 100 characters.")
    part = payload.get("part", 1)
    if type(part) is not int or not 1 <= part <= MAX_PART:
        raise _invalid(f"The part must be a whole number from 1 to {MAX_PART}: the how-many-th "
                       "card charge of the order this is.")
    metadata = payload.get("metadata") or {}
    if not isinstance(metadata, dict) or len(metadata) > 20 or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 40 and len(v) <= 500
            for k, v in metadata.items()):
        raise _invalid("The metadata must be at most 20 text keys and text values.")
    return {"amount": amount, "order_ref": order_ref, "part": part, "metadata": metadata,
            **params}


def _method_params(method: str, payload: dict) -> dict:
    """What a method needs besides the amount: a card token, a reader, a wallet (and
    its payment code, which no message repeats: it is a bearer credential)."""
    if method == "card":
        token = payload.get("card_token")
        if not isinstance(token, str) or not _TOKEN.fullmatch(token) or token not in CARDS:
            raise Refusal(400, "invalid_card_token", f"No card has the token {token!r}.")
        return {"method": method, "card_token": token}
    if method == "reader":
        reader = payload.get("reader_id")
        if not isinstance(reader, str) or not _READER_ID.fullmatch(reader):
            raise _invalid("The reader_id must be 1 to 64 letters, digits, '-' or '_'.")
        return {"method": method, "reader_id": reader}
    wallet = payload.get("wallet")
    if wallet not in WALLETS:
        raise _invalid(f"The wallet must be one of {', '.join(WALLETS)}.")
    if method == "store_qr":
        return {"method": method, "wallet": wallet}
    code = payload.get("payment_code")
    if not isinstance(code, str) or recognise(code) != wallet or code != code.strip():
        raise Refusal(400, "invalid_payment_code",
                      f"That is not a payment code of {WALLETS[wallet]}.")
    return {"method": method, "wallet": wallet, "payment_code": code}


# --- routing ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Request:
    method: str
    target: str  # the path and query as sent, which the signature covers
    headers: Message
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def key(self) -> str | None:
        return self.headers.get(signing.KEY_HEADER)

    @property
    def signature(self) -> str | None:
        return self.headers.get(signing.SIGNATURE_HEADER)


_ROUTES = (
    ("POST", re.compile(r"/v1/charges"), "charge"),
    ("POST", re.compile(r"/v1/charges/([A-Za-z0-9_-]{1,64})/void"), "void"),
    ("POST", re.compile(r"/v1/charges/([A-Za-z0-9_-]{1,64})/refunds"), "refund"),
    ("POST", re.compile(r"/v1/charges/([A-Za-z0-9_-]{1,64})/cancel"), "cancel"),
    ("GET", re.compile(r"/v1/charges"), "lookup"),
    ("GET", re.compile(r"/v1/charges/([A-Za-z0-9_-]{1,64})"), "retrieve"),
    ("GET", re.compile(r"/v1/health"), "health"),
    ("GET", re.compile(r"/sandbox/charges"), "admin_charges"),
    ("GET", re.compile(r"/sandbox/readers"), "admin_readers"),
    ("POST", re.compile(r"/sandbox/readers/([A-Za-z0-9_-]{1,64})"), "admin_set_reader"),
    ("GET", re.compile(r"/sandbox/wallet-codes"), "admin_wallet_codes"),
    ("POST", re.compile(r"/sandbox/qr/([A-Za-z0-9_-]{1,64})/pay"), "admin_pay_qr"),
    ("GET", re.compile(r"/sandbox/settings"), "admin_settings"),
    ("POST", re.compile(r"/sandbox/settings"), "admin_update_settings"),
    ("GET", re.compile(r"/sandbox/faults"), "admin_faults"),
    ("POST", re.compile(r"/sandbox/faults"), "admin_add_fault"),
    ("DELETE", re.compile(r"/sandbox/faults"), "admin_clear_faults"),
)


def _route(method: str, path: str) -> tuple[str | None, tuple[str, ...]]:
    for verb, pattern, name in _ROUTES:
        match = pattern.fullmatch(path)
        if verb == method and match:
            return name, match.groups()
    return None, ()


# --- the server ---------------------------------------------------------------------

class SandboxServer:
    """The sandbox gateway on a background thread: `start()`, `url`, `stop()` (or `with`).

    `faults` switches misbehaviour on at runtime; `charges` and `calls` show what
    the server holds and what it was asked, for tests. With `tls=True` it serves
    HTTPS with a certificate made at start; pass `ca_file` to the client as its CA.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, api_key: str,
                 signing_secret: str, tls: bool = False, tls_dir: str | Path | None = None,
                 fee_ppm: int = FEE_PPM, fee_fixed: int = FEE_FIXED,
                 state_file: str | Path | None = None,
                 read_timeout: float = READ_TIMEOUT,
                 scripts: waiting.Scripts | None = None) -> None:
        if not api_key or not signing_secret:
            raise InputError("The sandbox needs an API key and a signing secret.")
        self.host, self.port, self.tls = host, port, tls
        if not 0 < read_timeout <= 3600:
            raise InputError("The sandbox's read timeout must be above 0 and at most an hour.")
        self.read_timeout = float(read_timeout)
        self.api_key, self.signing_secret = api_key, signing_secret
        self.faults = Faults()
        self.scripts = scripts or waiting.Scripts()
        """How readers, payment codes and QR orders behave; the /sandbox endpoints change it."""
        self.ca_file: Path | None = None
        self._tls_dir = Path(tls_dir) if tls_dir else None
        self._own_dir: Path | None = None
        self._ledger = Ledger(fee_ppm, fee_fixed)
        self.state_file = Path(state_file) if state_file else None
        """Where charges are kept across restarts (`state`); None: memory only."""
        self._calls: deque[Call] = deque(maxlen=10_000)
        self._header_faults: Counter = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ----------------------------------------------------------------------
    def start(self) -> SandboxServer:
        if self.state_file is not None:
            state.load(self._ledger, self.state_file)
        context = self._tls_context() if self.tls else None
        try:
            self._httpd = _HTTPServer((self.host, self.port), self, context)
        except OSError as exc:
            self._remove_own_dir()
            raise PosError(f"The sandbox cannot listen on {self.host} port {self.port} "
                           f"({exc.strerror or exc}); choose another port or host.") from None
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        name="sandbox-gateway", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake held requests, close open connections and wait for them."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        self._thread.join()
        httpd.close_connections()
        httpd.server_close()
        self._remove_own_dir()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        host = f"[{host}]" if ":" in host else host
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

    # what tests look at -------------------------------------------------------------
    @property
    def charges(self) -> list[dict]:
        """Every charge held, as the API shows it, oldest first."""
        return self._ledger.all()

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    # one request --------------------------------------------------------------------
    def _respond(self, request: _Request) -> tuple[Reply | None, Fault | None]:
        """The reply to send (None: drop the connection) and the fault that applies."""
        endpoint, args = _route(request.method, request.path)
        fault, reply = None, None
        try:
            fault = self._check(request, endpoint)
            reply = self._dispatch(request, endpoint, args, fault)
        except Refusal as refusal:
            reply = refusal.reply
        except Exception:
            log.exception("the sandbox failed on %s %s", request.method, request.path)
            reply = error_reply(500, "internal_error", "The sandbox failed on this request.")
        if self.state_file is not None and endpoint not in (None, "health"):
            state.save(self._ledger, self.state_file)  # a read may settle a waiting charge
        if fault is not None and fault.kind in ("timeout", "drop_after_commit"):
            reply = None  # handled, and the answer is lost
        with self._lock:
            self._calls.append(Call(request.method, request.path, endpoint, request.key,
                                    reply.status if reply else None))
        return reply, fault

    def _render(self, reply: Reply, fault: Fault | None,
                request_signature: str | None) -> tuple[int, dict, bytes]:
        """Status, headers and body to send: signed as the answer to the request that carried
        `request_signature`, or spoilt as the fault says."""
        kind = fault.kind if fault else None
        content = reply.body
        if kind == "wrong_amount":
            content = _spoil(content, "amount", lambda amount: amount + 1)
        elif kind == "unknown_status":
            content = _spoil(content, "status", lambda _: "pending_review")
        body = json.dumps(content, separators=(",", ":")).encode()
        if kind == "malformed_json":
            body = b"{'object': 'charge', status: approved,}"
        elif kind == "truncated_json":
            body = body[: len(body) // 2]
        headers = {"Content-Type": "application/json", **dict(reply.headers)}
        if kind == "html":
            headers["Content-Type"] = "text/html; charset=utf-8"
            return 200, headers, _HTML
        secret = "not-" + self.signing_secret if kind == "bad_signature" else self.signing_secret
        now = time.time() - 3600 if kind == "stale_timestamp" else None
        headers.update(signing.sign_response(secret, reply.status, body, now=now,
                                             request_signature=request_signature))
        return reply.status, headers, body

    def _check(self, request: _Request, endpoint: str | None) -> Fault | None:
        if endpoint is None:
            raise Refusal(404, "not_found", f"There is no {request.method} {request.path}.")
        given = (request.headers.get("Authorization") or "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, f"Bearer {self.api_key}".encode()):
            raise Refusal(401, "unauthorized", "The API key is missing or wrong.")
        if endpoint.startswith("admin_"):
            return None
        keys = request.headers.get_all(signing.KEY_HEADER) or []
        if len(keys) > 1:
            raise _invalid("Send one Idempotency-Key header, not several.")
        if keys and not signing.KEY.fullmatch(keys[0]):
            raise Refusal(400, "missing_idempotency_key",
                           "An Idempotency-Key header of 1 to 255 visible characters is needed.")
        try:
            signing.verify_request(self.signing_secret, request.method, request.target,
                                   request.key, request.body,
                                   request.headers.get(signing.TIMESTAMP_HEADER),
                                   request.signature)
        except signing.StaleTimestamp as exc:
            raise Refusal(401, "stale_timestamp", str(exc)) from None
        except signing.SignatureError as exc:
            raise Refusal(401, "bad_signature", str(exc)) from None
        try:
            return self._fault(request, endpoint)
        except InputError as exc:
            raise Refusal(400, "invalid_fault", str(exc)) from None

    def _fault(self, request: _Request, endpoint: str) -> Fault | None:
        """The header's fault (its times counted per idempotency key, or per path), or
        the first matching server fault."""
        text = request.headers.get(FAULT_HEADER)
        if not text:
            return self.faults.take(endpoint)
        fault = parse_fault(text)
        if fault.times is not None:
            with self._lock:
                scope = (text, request.key or f"{request.method} {request.target}")
                self._header_faults[scope] += 1
                if self._header_faults[scope] > fault.times:
                    return None
        return fault

    def _dispatch(self, request: _Request, endpoint: str, args: tuple,
                  fault: Fault | None) -> Reply | None:
        kind = fault.kind if fault else None
        if kind == "error500":
            return error_reply(500, "server_error", "The sandbox was told to fail this call.")
        if kind == "rate_limit":
            after = str(round(fault.value if fault.value is not None else 1))
            return error_reply(429, "rate_limited", "Too many requests; try again later.",
                          (("Retry-After", after),))
        if kind == "drop":
            return None
        if endpoint in ("charge", "void", "refund", "cancel"):
            return self._idempotent(request, endpoint, args, fault)
        reply = getattr(self, "_" + endpoint)(request, *args)
        self._hold(fault)
        return reply

    def _idempotent(self, request: _Request, endpoint: str, args: tuple,
                    fault: Fault | None) -> Reply:
        """Run a charge, void or refund once per Idempotency-Key, like Stripe: the same key
        with the same request replays the stored reply; with another request it is
        refused (422); while the first is still running, 409."""
        key = request.key
        if not key or not signing.KEY.fullmatch(key):
            raise Refusal(400, "missing_idempotency_key",
                           "An Idempotency-Key header of 1 to 255 visible characters is needed.")
        payload = _json_body(request.body)
        if endpoint == "charge":
            params = _charge_params(payload)
            plan = None if params["method"] == "card" else waiting.plan(
                params, self.scripts, _qr_url(params.get("wallet"), key))
            action = partial(self._ledger.charge, key, params, plan)
        elif endpoint in ("void", "cancel"):
            _only(payload, set())
            action = partial(getattr(self._ledger, endpoint), args[0])
        else:
            _only(payload, {"amount", "currency"})
            action = partial(self._ledger.refund, args[0], _money(payload))
        if endpoint == "charge":  # part 1 and method card are the defaults
            payload = {k: v for k, v in payload.items()
                       if (k, v) not in (("part", 1), ("method", "card"))}
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        fingerprint = hashlib.sha256(f"{endpoint} {args}\n{canonical}".encode()).hexdigest()
        state, stored = self._ledger.begin(key, fingerprint)
        if state == "replay":
            self._hold(fault)
            return replace(stored, headers=stored.headers + (("Idempotent-Replayed", "true"),))
        if state == "mismatch":
            raise Refusal(422, "idempotency_mismatch",
                           "This Idempotency-Key was used for a different request.")
        if state == "busy":
            raise Refusal(409, "idempotency_in_flight",
                           "A request with this Idempotency-Key is still being processed.")
        try:
            try:
                reply = action()
            except Refusal as refusal:
                reply = refusal.reply
        except BaseException:
            self._ledger.abandon(key)
            raise
        self._hold(fault)
        self._ledger.finish(key, reply)
        return reply

    def _hold(self, fault: Fault | None) -> None:
        if fault is not None and fault.kind in _HOLD:
            self._stopping.wait(_HOLD[fault.kind] if fault.value is None else fault.value)

    # endpoints without an idempotency key -------------------------------------------
    def _lookup(self, request: _Request) -> Reply:
        query = parse_qs(urlsplit(request.target).query, keep_blank_values=True)
        asked = {k: v for k, v in query.items() if k in ("idempotency_key", "order_ref")}
        if len(asked) != 1 or len(query) != 1 or len(next(iter(asked.values()))) != 1:
            raise _invalid("Ask for exactly one of idempotency_key or order_ref.")
        name, values = next(iter(asked.items()))
        return Reply(200, {"object": "list", "data": self._ledger.find(name, values[0])})

    def _retrieve(self, request: _Request, charge_id: str) -> Reply:
        """One charge; with `?wait=S` (0-10 s) a pending one is held until it is final."""
        query = parse_qs(urlsplit(request.target).query, keep_blank_values=True)
        wait = query.pop("wait", ["0"])
        if query or len(wait) != 1 or not re.fullmatch(r"[0-9]{1,2}", wait[0]) \
                or int(wait[0]) > MAX_WAIT:
            raise _invalid(f"Ask for a charge with at most wait=S, S from 0 to {MAX_WAIT}.")
        return self._ledger.get(charge_id, int(wait[0]), self._stopping)

    def _health(self, request: _Request) -> Reply:
        return Reply(200, {"object": "health", "status": "ok", "time": int(time.time())})

    def _admin_charges(self, request: _Request) -> Reply:
        return Reply(200, {"object": "list", "data": self.charges})

    def _admin_faults(self, request: _Request) -> Reply:
        return Reply(200, {"object": "list", "data": [f.public() for f in self.faults.active()]})

    def _admin_add_fault(self, request: _Request) -> Reply:
        payload = _json_body(request.body)
        _only(payload, {"kind", "value", "times", "endpoint"})
        value, times = payload.get("value"), payload.get("times")
        if not (value is None or type(value) in (int, float)) or \
                not (times is None or type(times) is int):
            raise _invalid("A fault's value is seconds and its times a whole number.")
        try:
            self.faults.add(str(payload.get("kind")), value, times=times,
                            endpoint=payload.get("endpoint"))
        except InputError as exc:
            raise _invalid(str(exc)) from None
        return self._admin_faults(request)

    def _admin_clear_faults(self, request: _Request) -> Reply:
        self.faults.clear()
        return self._admin_faults(request)

    def _admin_readers(self, request: _Request) -> Reply:
        return Reply(200, {"object": "list", "cards": sorted(CARDS),
                           "data": self.scripts.public()["readers"]})

    def _admin_set_reader(self, request: _Request, reader_id: str) -> Reply:
        """Set the card a reader reads, and after how many seconds (null: wait for the next
        setting); it also applies to the reader's action in progress."""
        payload = _json_body(request.body)
        _only(payload, {"card", "delay"})
        try:
            setting = self.scripts.set_reader(reader_id, payload.get("card", "tok_visa"),
                                              payload.get("delay", waiting.READER_DELAY))
        except InputError as exc:
            raise _invalid(str(exc)) from None
        settle = None if setting.delay is None else time.time() + setting.delay
        self._ledger.present(reader_id, CARDS[setting.card], settle)
        return self._admin_readers(request)

    def _admin_wallet_codes(self, request: _Request) -> Reply:
        return Reply(200, {"object": "list", "data": [
            {"code": c.code, "wallet": c.wallet, "behaviour": c.behaviour,
             "description": c.description} for c in waiting.TEST_CODES.values()]})

    def _admin_pay_qr(self, request: _Request, charge_id: str) -> Reply:
        return self._ledger.pay_qr(charge_id)

    def _admin_settings(self, request: _Request) -> Reply:
        return Reply(200, {"object": "settings", **self.scripts.public()})

    def _admin_update_settings(self, request: _Request) -> Reply:
        payload = _json_body(request.body)
        try:
            self.scripts.update(payload)
        except InputError as exc:
            raise _invalid(str(exc)) from None
        return self._admin_settings(request)

    # TLS ----------------------------------------------------------------------------
    def _tls_context(self) -> ssl.SSLContext:
        if self._tls_dir is None:
            self._own_dir = self._tls_dir = Path(tempfile.mkdtemp(prefix="pos-sandbox-tls-"))
        self._tls_dir.mkdir(parents=True, exist_ok=True)
        self.ca_file, cert, key = _make_certificates(self._tls_dir, self.host)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(cert, key)
        return context

    def _remove_own_dir(self) -> None:
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None


def _qr_url(wallet: str | None, key: str) -> str:
    """A store-QR order's link, shaped as each wallet's (Alipay's precreate answers a
    qr.alipay.com link, WeChat Pay's native payment a weixin:// one); the sandbox's
    are paid through POST /sandbox/qr/{charge id}/pay, not by opening them."""
    token = hashlib.sha256(key.encode()).hexdigest()[:24]
    return (f"weixin://wxpay/bizpayurl?pr=sbx{token}" if wallet == "wechat"
            else f"https://qr.alipay.com/sbx{token}")


def _spoil(content: dict, name: str, change: Callable) -> dict:
    """Change a field of the object, or of each object of a list answer."""
    if name in content:
        return {**content, name: change(content[name])}
    if isinstance(content.get("data"), list):
        return {**content, "data": [_spoil(item, name, change) for item in content["data"]]}
    return content


_HTML = (b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>"
         b"<h1>Welcome to the guest Wi-Fi</h1><p>Accept the terms to continue.</p>"
         b"</body></html>")


def _make_certificates(directory: Path, host: str) -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate it signs, for localhost, 127.0.0.1, ::1
    and `host`; returns the CA, certificate and key files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "POS sandbox gateway CA")])
    usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, encipher_only=False, decipher_only=False)

    def builder(subject, public_key):
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name)
                .public_key(public_key).serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(minutes=5))
                .not_valid_after(now + timedelta(days=30))
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False))

    ca = (builder(ca_name, ca_key.public_key())
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, key_cert_sign=True,
                                       crl_sign=True, **usage), critical=True)
          .sign(ca_key, hashes.SHA256()))
    names: list[x509.GeneralName] = [x509.DNSName("localhost")]
    addresses = {"127.0.0.1", "::1"}
    try:
        addresses.add(str(ipaddress.ip_address(host)))
    except ValueError:
        if host and host != "localhost":
            names.append(x509.DNSName(host))
    names += [x509.IPAddress(ipaddress.ip_address(a)) for a in sorted(addresses)
              if not ipaddress.ip_address(a).is_unspecified]
    leaf = (builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]),
                    key.public_key())
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False,
                                         crl_sign=False, **usage), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = (directory / n for n in ("ca.pem", "cert.pem", "key.pem"))
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.unlink(missing_ok=True)
    key_file.touch(mode=0o600)
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_file, cert_file, key_file


class _HTTPServer(ThreadingHTTPServer):
    """Threaded, optionally TLS (handshake on the connection's own thread), and able to
    close its open connections so `stop()` never waits on an idle keep-alive client."""

    daemon_threads = False  # server_close() joins the handler threads

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer,
                 context: ssl.SSLContext | None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sandbox, self.context = sandbox, context
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._closing = False
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name; the sandbox needs none.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, address = super().get_request()
        if self.context is None:
            return sock, address
        try:
            return self.context.wrap_socket(sock, server_side=True,
                                            do_handshake_on_connect=False), address
        except OSError:
            sock.close()
            raise

    def track(self, sock: socket.socket) -> bool:
        with self._open_lock:
            if not self._closing:
                self._open.add(sock)
            return not self._closing

    def untrack(self, sock: socket.socket) -> None:
        with self._open_lock:
            self._open.discard(sock)

    def close_connections(self) -> None:
        with self._open_lock:
            self._closing = True
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], OSError):  # the client left, or refused our certificate
            log.debug("sandbox: connection from %s ended early", client_address, exc_info=True)
        else:
            log.error("sandbox: failed answering %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real gateway
    server_version = "PosSandbox/1"
    timeout = READ_TIMEOUT  # per connection: the server's read_timeout (setup)
    disable_nagle_algorithm = True  # headers and body go out as two writes
    server: _HTTPServer

    def setup(self) -> None:
        self.timeout = self.server.sandbox.read_timeout
        if not self.server.track(self.request):
            raise ConnectionAbortedError("the sandbox is stopping")
        try:
            if isinstance(self.request, ssl.SSLSocket):
                self.request.settimeout(self.timeout)
                self.request.do_handshake()
            super().setup()
        except BaseException:
            self.server.untrack(self.request)
            raise

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.request)

    def log_message(self, format: str, *args) -> None:
        log.debug("sandbox: " + format, *args)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_DELETE = do_GET

    def _serve(self) -> None:
        length = self.headers.get("Content-Length") or "0"
        size = int(length) if re.fullmatch(r"[0-9]{1,9}", length) else -1
        if not 0 <= size <= MAX_BODY or self.headers.get("Transfer-Encoding"):
            if MAX_BODY < size <= 16 * MAX_BODY:
                self._read_body(size)  # drained, so the client can read the answer
            self.close_connection = True
            self._write(413, {"Content-Type": "application/json"},
                        b'{"error":{"code":"body_too_large","message":'
                        b'"Send a body of at most 64 KiB with a Content-Length."}}')
            return
        body = self._read_body(size)
        if body is None:
            return
        request = _Request(self.command, self.path, self.headers, body)
        sandbox = self.server.sandbox
        reply, fault = sandbox._respond(request)
        if reply is None:
            self.close_connection = True  # the answer is lost
            return
        self._write(*sandbox._render(reply, fault, request.signature))

    def _read_body(self, size: int) -> bytes | None:
        """The body's `size` bytes, read before one deadline (`read_timeout` seconds for the
        whole body, not for each piece: a body sent a byte at a time would otherwise hold
        the thread forever). Too slow: a 408, the connection closed, and None. A client
        that leaves before the end: None."""
        deadline = time.monotonic() + self.timeout
        parts: list[bytes] = []
        left = size
        try:
            while left > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                self.connection.settimeout(remaining)
                part = self.rfile.read1(left)
                if not part:
                    self.close_connection = True
                    return None
                parts.append(part)
                left -= len(part)
        except TimeoutError:
            self.close_connection = True
            log.debug("sandbox: a body from %s took longer than %s s; cut",
                      self.client_address, self.timeout)
            with contextlib.suppress(OSError):
                self.connection.settimeout(self.timeout)
                self._write(408, {"Content-Type": "application/json", "Connection": "close"},
                            b'{"error":{"code":"body_timeout","message":'
                            b'"The request body did not arrive in time; send it at once."}}')
            return None
        self.connection.settimeout(self.timeout)
        return b"".join(parts)

    def _write(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
