"""A throw-away ESC/POS network printer on loopback, for the receipt tests (and its own
check). It answers the paper-status query (DLE EOT 4) as a printer with paper does,
or one without, and keeps the bytes of each connection as one job."""

from __future__ import annotations

import queue
import socket
import threading

from pos.receipts.transports import PAPER_STATUS

PAPER_OK, PAPER_OUT = b"\x12", b"\x72"


class FakePrinter:
    def __init__(self, paper: bytes = PAPER_OK, port: int = 0) -> None:
        self.paper = paper
        self.jobs: queue.Queue[bytes] = queue.Queue()
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                self.jobs.put(self._read(conn))

    def _read(self, conn: socket.socket) -> bytes:
        conn.settimeout(5)
        data = b""
        answered = 0
        while chunk := conn.recv(65536):
            data += chunk
            while data.count(PAPER_STATUS) > answered:
                conn.sendall(self.paper)
                answered += 1
        return data

    def job(self, timeout: float = 10) -> bytes:
        return self.jobs.get(timeout=timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()

    def __enter__(self) -> FakePrinter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def stalled_listener() -> socket.socket:
    """A listener that takes connections (in the kernel's backlog) but never reads or
    answers: a printer that is jammed or busy. Close it after the test."""
    return socket.create_server(("127.0.0.1", 0))


def refusing_address() -> str:
    """A loopback port nobody listens on: the connection is refused at once."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"127.0.0.1:{port}"


def test_the_fake_printer_answers_the_status_query_and_keeps_the_job():
    with FakePrinter() as printer, socket.create_connection(("127.0.0.1", printer.port)) as c:
        c.sendall(PAPER_STATUS)
        assert c.recv(1) == PAPER_OK
        c.sendall(b"hello")
        c.shutdown(socket.SHUT_WR)
        assert printer.job() == PAPER_STATUS + b"hello"
