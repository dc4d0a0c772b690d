"""Helpers shared by the gateway tests: a real sandbox on loopback, a fast client, raw calls,
and a recording proxy that shows what the client put on the wire."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox.server import SandboxServer
from pos.signing import sign_request

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
         timeout: float = 5.0, raw: bytes | None = None) -> requests.Response:
    """One raw signed call to the sandbox, as a client of the protocol would make it;
    `raw` is a body sent as it is (signed) instead of `payload` as JSON."""
    body = raw if raw is not None else b"" if payload is None else json.dumps(payload).encode()
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
                currency: str = "USD", part: int | None = None) -> dict:
    body = {"amount": amount, "currency": currency, "card_token": token,
            "order_ref": order_ref, "metadata": {}}
    return body if part is None else {**body, "part": part}


# --- a recording proxy: what the real client puts on the wire ----------------------------

_NOT_FORWARDED = frozenset({"host", "content-length", "connection", "accept-encoding",
                            "transfer-encoding"})


@dataclass(frozen=True)
class Captured:
    """One request as the client sent it, or one answer as the sandbox gave it."""

    method: str
    target: str  # path and query, as in the request line
    headers: dict[str, str]
    body: bytes
    status: int | None = None  # an answer's

    @property
    def key(self) -> str | None:
        return self.headers.get("Idempotency-Key")


class RecordingProxy:
    """A tiny HTTP proxy on 127.0.0.1 in front of a sandbox. It records every request
    exactly as the client sent it (`requests`) with the answer it passed back (`answers`),
    and forwards it; `substitute(request)` may return a recorded answer to send instead,
    without forwarding (an answer replayed by someone on the path)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.requests: list[Captured] = []
        self.answers: list[Captured] = []
        self.substitute: Callable[[Captured], Captured | None] = lambda request: None
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in _NOT_FORWARDED}
                request = Captured(self.command, self.path, headers, body)
                proxy.requests.append(request)
                answer = proxy.substitute(request)
                if answer is None:
                    got = requests.request(self.command, proxy.upstream + self.path,
                                           headers=headers, data=body, timeout=10)
                    answer = Captured(self.command, self.path, {
                        k: v for k, v in got.headers.items()
                        if k.lower() not in _NOT_FORWARDED}, got.content, got.status_code)
                proxy.answers.append(answer)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_POST = do_GET

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
