"""Helpers shared by the gateway tests: a real sandbox on loopback, a fast client, raw calls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import requests

from pos.gateway.http_adapter import HttpGateway
from pos.gateway.retry import RetryPolicy
from pos.gateway.sandbox import SandboxServer
from pos.gateway.signing import sign_request

API_KEY = "sk_test_gateway"
SECRET = "test-signing-secret"


@contextmanager
def running_sandbox(**options) -> Iterator[SandboxServer]:
    """A sandbox on 127.0.0.1 and a free port, stopped afterwards."""
    with SandboxServer("127.0.0.1", 0, api_key=API_KEY, signing_secret=SECRET,
                       **options) as server:
        yield server


def fast_gateway(server: SandboxServer, waits: list[float], **options) -> HttpGateway:
    """A client with short timeouts whose backoff waits are recorded, not slept."""
    settings = {"connect_timeout": 1.0, "read_timeout": 2.0,
                "policy": RetryPolicy(attempts=3, budget=30.0), "sleep": waits.append}
    settings.update(options)
    return HttpGateway(server.url, API_KEY, SECRET, **settings)


def send(server: SandboxServer, method: str, path: str, payload: dict | None = None, *,
         key: str | None = None, headers: dict | None = None, api_key: str = API_KEY,
         secret: str = SECRET, now: float | None = None,
         timeout: float = 5.0) -> requests.Response:
    """One raw signed call to the sandbox, as a client of the protocol would make it."""
    body = b"" if payload is None else json.dumps(payload).encode()
    sent = {"Authorization": f"Bearer {api_key}",
            **sign_request(secret, method, path, body, key=key, now=now)}
    if body:
        sent["Content-Type"] = "application/json"
    if key is not None:
        sent["Idempotency-Key"] = key
    sent.update(headers or {})
    with requests.Session() as session:
        return session.request(method, server.url + path, data=body, headers=sent,
                               timeout=timeout)


def charge_body(amount: int = 1000, token: str = "tok_visa", order_ref: str = "order-1",
                currency: str = "USD") -> dict:
    return {"amount": amount, "currency": currency, "card_token": token,
            "order_ref": order_ref, "metadata": {}}
