"""HMAC-SHA256 signatures on requests and responses, bound to a timestamp: the card
gateway protocol (docs/GATEWAY.md) and head office's (docs/HEAD_OFFICE.md) both use them.

TLS protects the wire; the signature also proves that a request comes from the
holder of the shared secret and means what it was sent to mean, and that an
answer comes from the gateway, answers *that* request and was not altered on
the way (a proxy, a Wi-Fi login page or a cached page cannot forge
"approved"). The timestamp limits a replayed message to the tolerance window.
The exact bytes signed (protocol version 2, docs/GATEWAY.md "Signing"):

    request:  "<timestamp>\\n<METHOD>\\n<path?query>\\n<Idempotency-Key or empty>\\n" + body
    response: "<timestamp>\\n<HTTP status>\\n<the request's X-Pos-Signature or empty>\\n" + body

sent as `X-Pos-Timestamp: <unix seconds>` and `X-Pos-Signature: v2=<hex>`.

The Idempotency-Key is signed because it decides what a request does: under a
new key the same signed charge would be a new charge. Version 1 left it out, so
anyone holding one signed charge could resend it with another key, inside the
window and without the secret, and be charged again; v1 signatures are refused.
This module is the only place that builds these messages.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from pos.errors import PosError

TIMESTAMP_HEADER = "X-Pos-Timestamp"
SIGNATURE_HEADER = "X-Pos-Signature"
KEY_HEADER = "Idempotency-Key"
VERSION = "v2"
TOLERANCE = 300
"""Seconds a signed message's timestamp may differ from the receiver's clock."""

KEY = re.compile(r"[\x21-\x7e]{1,255}")
"""A valid Idempotency-Key: 1 to 255 visible ASCII characters (so never a line break)."""
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(VERSION + r"=[0-9a-f]{64}")
_METHOD = re.compile(r"[A-Z]{1,16}")


class SignatureError(PosError):
    """A message is unsigned, signed with another secret, or altered."""


class StaleTimestamp(SignatureError):
    """A correctly signed message whose timestamp is outside the tolerance."""


def request_message(timestamp: str, method: str, path: str, key: str | None,
                    body: bytes) -> bytes:
    """The bytes a request's signature covers. `path` is the path and query exactly as in
    the request line; `key` the Idempotency-Key header (None or "" when there is none)."""
    method = method.upper()
    if not _METHOD.fullmatch(method) or "\n" in path or "\r" in path:
        raise ValueError("a request method is letters and a path is one line")
    if key and not KEY.fullmatch(key):
        raise ValueError("an Idempotency-Key is 1 to 255 visible ASCII characters")
    return f"{timestamp}\n{method}\n{path}\n{key or ''}\n".encode() + body


def response_message(timestamp: str, status: int, request_signature: str | None,
                     body: bytes) -> bytes:
    """The bytes a response's signature covers: its status, the signature of the request
    it answers (so it answers that request and no other) and its body."""
    return f"{timestamp}\n{int(status)}\n{answered(request_signature)}\n".encode() + body


def answered(request_signature: str | None) -> str:
    """The request signature a response is bound to: the request's `X-Pos-Signature` when it
    is a well-formed v2 signature, else empty (an unsigned or garbled request)."""
    value = (request_signature or "").strip()
    return value if _SIGNATURE.fullmatch(value) else ""


def signature(secret: str | bytes, message: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    return f"{VERSION}=" + hmac.new(key, message, hashlib.sha256).hexdigest()


def sign_request(secret: str | bytes, method: str, path: str, body: bytes, *,
                 key: str | None, now: float | None = None) -> dict[str, str]:
    """The signature headers for a request to `path` (with its query string) carrying the
    Idempotency-Key `key` (None: the request has no key)."""
    timestamp = _timestamp(now)
    return _headers(timestamp, signature(
        secret, request_message(timestamp, method, path, key, body)))


def sign_response(secret: str | bytes, status: int, body: bytes, *,
                  request_signature: str | None, now: float | None = None) -> dict[str, str]:
    """The signature headers for an answer to the request that carried `request_signature`."""
    timestamp = _timestamp(now)
    return _headers(timestamp, signature(
        secret, response_message(timestamp, status, request_signature, body)))


def verify_request(secret: str | bytes, method: str, path: str, key: str | None, body: bytes,
                   timestamp: str | None, signed: str | None, *, now: float | None = None,
                   tolerance: int = TOLERANCE) -> None:
    """Raise `SignatureError` (or `StaleTimestamp`) unless the request is signed and fresh."""
    if key and not KEY.fullmatch(key):
        raise SignatureError("The request's Idempotency-Key is not 1 to 255 visible "
                             "characters.")
    _verify(secret, lambda ts: request_message(ts, method, path, key, body), timestamp,
            signed, now, tolerance)


def verify_response(secret: str | bytes, status: int, body: bytes, timestamp: str | None,
                    signed: str | None, *, request_signature: str | None,
                    now: float | None = None, tolerance: int = TOLERANCE) -> None:
    """Raise `SignatureError` (or `StaleTimestamp`) unless the response is signed, fresh and
    an answer to the request that carried `request_signature`."""
    _verify(secret, lambda ts: response_message(ts, status, request_signature, body),
            timestamp, signed, now, tolerance)


def _verify(secret, message, timestamp, signed, now, tolerance) -> None:
    if not timestamp or not signed:
        raise SignatureError("The message carries no signature.")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise SignatureError("The message's signature timestamp is not a number of seconds.")
    signed = signed.strip()
    if not signed.startswith(f"{VERSION}="):
        version = signed.partition("=")[0] if "=" in signed else "unknown"
        raise SignatureError(
            f"The message is signed with protocol version {version[:8]!r}; only {VERSION} is "
            "accepted, which also signs the Idempotency-Key. Update the software that sent it.")
    try:
        expected = signature(secret, message(timestamp))
    except ValueError as exc:
        raise SignatureError(f"The message cannot carry a signature: {exc}.") from None
    if not hmac.compare_digest(expected.encode(), signed.encode("utf-8", "replace")):
        raise SignatureError("The message's signature does not match the shared secret.")
    skew = abs((time.time() if now is None else now) - int(timestamp))
    if skew > tolerance:
        raise StaleTimestamp(f"The message was signed {int(skew)} seconds away from this "
                             f"computer's clock; at most {tolerance} seconds are accepted.")


def _timestamp(now: float | None) -> str:
    return str(int(time.time() if now is None else now))


def _headers(timestamp: str, signed: str) -> dict[str, str]:
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signed}
