"""HMAC-SHA256 signatures on gateway requests and responses, bound to a timestamp.

TLS protects the wire; the signature also proves that an answer comes from
the holder of the shared secret and was not altered on the way (a proxy, a
Wi-Fi login page or a cached page cannot forge "approved"), and the timestamp
limits a replayed message to the tolerance window. The exact bytes signed are
in docs/GATEWAY.md:

    request:  "<timestamp>\\n<METHOD>\\n<path?query>\\n" + body
    response: "<timestamp>\\n<HTTP status>\\n" + body

sent as `X-Pos-Timestamp: <unix seconds>` and `X-Pos-Signature: v1=<hex>`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from pos.errors import PosError

TIMESTAMP_HEADER = "X-Pos-Timestamp"
SIGNATURE_HEADER = "X-Pos-Signature"
TOLERANCE = 300
"""Seconds a signed message's timestamp may differ from the receiver's clock."""

_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class SignatureError(PosError):
    """A message is unsigned, signed with another secret, or altered."""


class StaleTimestamp(SignatureError):
    """A correctly signed message whose timestamp is outside the tolerance."""


def request_message(timestamp: str, method: str, path: str, body: bytes) -> bytes:
    return f"{timestamp}\n{method.upper()}\n{path}\n".encode() + body


def response_message(timestamp: str, status: int, body: bytes) -> bytes:
    return f"{timestamp}\n{status}\n".encode() + body


def signature(secret: str | bytes, message: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    return "v1=" + hmac.new(key, message, hashlib.sha256).hexdigest()


def sign_request(secret: str | bytes, method: str, path: str, body: bytes, *,
                 now: float | None = None) -> dict[str, str]:
    """The signature headers for a request to `path` (with its query string)."""
    timestamp = _timestamp(now)
    return _headers(timestamp, signature(secret, request_message(timestamp, method, path, body)))


def sign_response(secret: str | bytes, status: int, body: bytes, *,
                  now: float | None = None) -> dict[str, str]:
    timestamp = _timestamp(now)
    return _headers(timestamp, signature(secret, response_message(timestamp, status, body)))


def verify_request(secret: str | bytes, method: str, path: str, body: bytes,
                   timestamp: str | None, signed: str | None, *, now: float | None = None,
                   tolerance: int = TOLERANCE) -> None:
    """Raise `SignatureError` (or `StaleTimestamp`) unless the request is signed and fresh."""
    _verify(secret, lambda ts: request_message(ts, method, path, body), timestamp, signed,
            now, tolerance)


def verify_response(secret: str | bytes, status: int, body: bytes, timestamp: str | None,
                    signed: str | None, *, now: float | None = None,
                    tolerance: int = TOLERANCE) -> None:
    """Raise `SignatureError` (or `StaleTimestamp`) unless the response is signed and fresh."""
    _verify(secret, lambda ts: response_message(ts, status, body), timestamp, signed,
            now, tolerance)


def _verify(secret, message, timestamp, signed, now, tolerance) -> None:
    if not timestamp or not signed:
        raise SignatureError("The message carries no signature.")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise SignatureError("The message's signature timestamp is not a number of seconds.")
    expected = signature(secret, message(timestamp))
    if not hmac.compare_digest(expected.encode(), signed.strip().encode("utf-8", "replace")):
        raise SignatureError("The message's signature does not match the shared secret.")
    skew = abs((time.time() if now is None else now) - int(timestamp))
    if skew > tolerance:
        raise StaleTimestamp(f"The message was signed {int(skew)} seconds away from this "
                             f"computer's clock; at most {tolerance} seconds are accepted.")


def _timestamp(now: float | None) -> str:
    return str(int(time.time() if now is None else now))


def _headers(timestamp: str, signed: str) -> dict[str, str]:
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signed}
