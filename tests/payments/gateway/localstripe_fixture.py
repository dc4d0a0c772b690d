"""Servers for the Stripe adapter's tests.

`LocalStripe` runs the localstripe emulator in a subprocess bound to 127.0.0.1
on a free port. Its own entry point (`python -m localstripe --port N`) listens
on every interface (`::`) and pickles its state to the shared
/tmp/localstripe.pickle after every write, so a short boot script binds the
loopback address and keeps the state in memory; the app and its routes are
localstripe's own.

`Front` is a small HTTP(S) server in a thread that records every request and
answers it with a scripted reply, a forward to localstripe, or no answer at all
(a lost response): a stand-in for Stripe where the emulator cannot say what
Stripe says, and a recording proxy where it can.
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import json
import select
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

import requests

BOOT = """
import socket
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.bind(("127.0.0.1", 0))
sock.listen(64)
print(sock.getsockname()[1], flush=True)
web.run_app(server.app, sock=sock, print=None, access_log=None)
"""

KEY = "sk_test_pos"


class LocalStripe:
    """The emulator in a child process; `stop` ends it and waits for it."""

    def __init__(self) -> None:
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self._proc = subprocess.Popen([sys.executable, "-c", BOOT], stdout=subprocess.PIPE,
                                      stderr=self._log, text=True)
        try:
            self.url = f"http://127.0.0.1:{self._read_port()}"
            self._wait_until_it_answers()
        except BaseException:
            self.stop()
            raise

    def _read_port(self) -> int:
        ready, _, _ = select.select([self._proc.stdout], [], [], 20)
        line = self._proc.stdout.readline() if ready else ""
        if not line.strip().isdigit():
            raise RuntimeError(f"localstripe did not start:\n{self.log()}")
        return int(line)

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + 15
        with requests.Session() as session:
            while True:
                try:
                    if session.get(f"{self.url}/v1/balance", auth=(KEY, ""),
                                   timeout=1).status_code == 200:
                        return
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline or self._proc.poll() is not None:
                    raise RuntimeError(f"localstripe does not answer:\n{self.log()}")
                time.sleep(0.05)

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc.stdout.close()
        self._log.close()


@dataclass
class Seen:
    """One request as it arrived."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    form: list[tuple[str, str]]


@dataclass
class Reply:
    status: int
    body: object = field(default_factory=dict)  # JSON-able, or bytes sent as they are
    headers: dict[str, str] = field(default_factory=dict)


DROP = Reply(0)  # close the connection without answering
Respond = Callable[[Seen, Callable[[], Reply]], Reply]


class Front:
    """An HTTP server on 127.0.0.1 that answers each request with `respond(seen, forward)`;
    `forward()` passes the request to `upstream` and returns its answer."""

    def __init__(self, respond: Respond, *, upstream: str | None = None,
                 tls: tuple[Path, Path] | None = None) -> None:
        self.seen: list[Seen] = []
        self._respond = respond
        self._upstream = urlsplit(upstream) if upstream else None
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.front = self
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05})
        self._thread.start()

    def forward(self, handler: _Handler, body: bytes) -> Reply:
        conn = http.client.HTTPConnection(self._upstream.hostname, self._upstream.port,
                                          timeout=10)
        try:
            headers = {k: v for k, v in handler.headers.items()
                       if k.lower() not in ("host", "connection")}
            conn.request(handler.command, handler.path, body=body, headers=headers)
            answer = conn.getresponse()
            return Reply(answer.status, answer.read(),
                         {"Content-Type": answer.getheader("Content-Type", "")})
        finally:
            conn.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close joins the handler threads
    front: Front


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        seen = Seen(self.command, url.path, parse_qs(url.query), dict(self.headers.items()),
                    parse_qsl(body.decode("utf-8")))
        front = self.server.front
        front.seen.append(seen)
        reply = front._respond(seen, lambda: front.forward(self, body))
        if reply is DROP:
            self.close_connection = True
            return
        payload = reply.body if isinstance(reply.body, bytes) else json.dumps(
            reply.body).encode()
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


def self_signed(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1: (ca, cert, key) files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)

    def build(subject, issuer, key, signer, ca: bool):
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(hours=1))
                   .not_valid_after(now + datetime.timedelta(hours=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                                  critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                       signer.public_key()), critical=False))
        if ca:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        else:
            builder = (builder
                       .add_extension(x509.SubjectAlternativeName(
                           [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                       .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                                      critical=False))
        return builder.sign(signer, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pos test CA")])
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    ca_cert = build(ca_name, ca_name, ca_key, ca_key, True)
    cert = build(name, ca_name, key, ca_key, False)
    paths = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    paths[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths
