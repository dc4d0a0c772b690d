"""The store database: one SQLite file opened with the pragmas money needs.

WAL so readers never block the till, `synchronous=FULL` so a power cut after
"paid" cannot lose the sale, foreign keys on, a busy timeout, no mmap (see the
WAL-reset note in DESIGN.md), and `autoconnect=False`: a thread that never
opened a connection (the payment worker) fails loudly instead of writing.

One writer, twice over: a process that writes holds the store's writer lock
(`writer_lock`, taken by `open_store(..., writer=...)`), and inside it only the
GUI thread's connection writes (workers read through `reading_connection`).
A command that only reads opens the file read-only (`read_only=True`): no lock,
no migration, and SQLite itself refuses a write or a checkpoint from it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import peewee

from pos.errors import StoreError
from pos.store import migrations, writer_lock

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
    "busy_timeout": 5000,
    "cache_size": -32000,  # 32 MB
    "mmap_size": 0,
    "temp_store": "memory",
}
READ_ONLY_PRAGMAS = {k: v for k, v in PRAGMAS.items() if k not in ("journal_mode", "synchronous")}

class StoreDatabase(peewee.SqliteDatabase):
    """SQLite with `after_commit(fn)`: work that must follow a commit and never a rollback
    (the journal's anchor outside the file records only what is durably committed).

    The pending work is kept per thread, like peewee's connections: a worker's own
    connection (`reading_connection`) committing its read must not run, on the worker and
    too early, what the GUI thread's open transaction queued."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending = threading.local()
        self.read_only = False
        self.writer: writer_lock.WriterLock | None = None

    def _connect(self):
        """A read-only store is opened as `file:...?mode=ro`, keeping `database` the plain
        path (the key file and the anchor are found beside it)."""
        if not self.read_only:
            return super()._connect()
        uri = Path(self.database).absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self._timeout, isolation_level=None,
                               **self.connect_params)
        self._add_conn_hooks(conn)
        return conn

    @property
    def _after_commit(self) -> list:
        if not hasattr(self._pending, "fns"):
            self._pending.fns = []
        return self._pending.fns

    def after_commit(self, fn) -> None:
        """Run `fn()` once the current transaction commits (at once outside one)."""
        if not self.in_transaction():
            fn()
        elif fn not in self._after_commit:
            self._after_commit.append(fn)

    def commit(self):
        result = super().commit()
        pending, self._pending.fns = self._after_commit, []
        for fn in pending:
            fn()
        return result

    def rollback(self):
        self._pending.fns = []
        return super().rollback()


database = StoreDatabase(None, autoconnect=False, lock_type="IMMEDIATE")
"""The one database object every model binds to; `open_store` initialises it."""


def open_store(path: str | Path, *, migrate: bool = True, writer: str | None = None,
               read_only: bool = False) -> peewee.SqliteDatabase:
    """Open (creating if needed) the store at `path` on this thread and migrate it.

    `writer` names the program ("the register window", "pos settings") that takes the
    store's writer lock until `close_store`; `StoreInUse` names the process that holds it.
    `read_only` opens an existing, up-to-date store for reading, without the lock.
    Raises `StoreError` with a plain message when the file is not a store
    database, is from a newer program, or cannot be written.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the path of a store file.")
    if not path.parent.exists() and not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    close_store()
    if writer is not None:
        database.writer = writer_lock.acquire(path, writer)
    database.read_only = read_only
    database.init(str(path), pragmas=READ_ONLY_PRAGMAS if read_only else PRAGMAS, timeout=5)
    try:
        with translate_errors(path):
            database.connect()
            database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
            if read_only:
                _check_schema(path)
            elif migrate:
                migrations.migrate(database)
    except Exception:
        close_store()
        raise
    return database


def _check_schema(path: Path) -> None:
    """A store read without migrating must already be at this program's schema."""
    version = migrations.current_version(database)
    if version < migrations.LATEST:
        raise StoreError(f"The store {path} was written by an older version of the program "
                         "and is brought up to date when the till opens it; open it there "
                         "first, then try again.")
    migrations.refuse_newer(version)


@contextlib.contextmanager
def reading_connection() -> Iterator[None]:
    """This thread's own connection to the open store, for reading only, closed after the
    block (the head-office sync worker: peewee keeps a connection per thread).

    `query_only` makes any write on it fail loudly: the till writes through one
    connection (the WAL-reset note in DESIGN.md), so what a worker read leads to is
    written by the GUI thread. Reads in WAL mode never wait for the till's writes."""
    with translate_errors():
        database.connect()
    try:
        with translate_errors():
            database.execute_sql("PRAGMA query_only = 1")
        yield
    finally:
        database.close()


def store_path() -> Path | None:
    """The open (or last opened) store's file, or None for none or an in-memory one."""
    name = database.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def close_store() -> None:
    """Close the store, and give up its writer lock if this process took one."""
    if not database.is_closed():
        database.close()
    if database.writer is not None:
        database.writer.release()
        database.writer = None


@contextlib.contextmanager
def translate_errors(path: str | Path | None = None) -> Iterator[None]:
    """Turn SQLite's failures into sentences an owner can act on.

    The sentence names `path`, or else the open store's file: give `path` only for a
    database that is not the open store. Never give the file being read or written
    beside it (a CSV), which would send the owner to the wrong file.
    """
    try:
        yield
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        raise StoreError(store_error(exc, path)) from exc


def store_error(exc: BaseException, path: str | Path | None = None) -> str:
    """The sentence `translate_errors` gives for `exc`, naming `path` or the open store."""
    named = path or store_path()
    return _explain(_first_cause(exc), f" ({named})" if named else "")


def _first_cause(exc: BaseException) -> BaseException:
    """The error that started it: when SQLite rolls back by itself (a full disk), peewee's
    own rollback then fails with "no transaction is active", which explains nothing."""
    chain = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    databases = [e for e in chain if isinstance(e, peewee.DatabaseError | sqlite3.DatabaseError)]
    return databases[-1] if databases else exc


def _explain(exc: BaseException, where: str) -> str:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return (f"The store file{where} is not a store database or is damaged. "
                "Choose another file or restore it from a backup.")
    if "readonly" in text or "read-only" in text:
        return (f"The store file{where} is read-only, so nothing can be saved. "
                "Check the disk or the file's permissions, then save again.")
    if "disk is full" in text or "disk i/o" in text:
        return (f"The disk holding the store{where} is full or failing, so nothing was saved. "
                "Free some space, then save again.")
    if "locked" in text or "busy" in text:
        return (f"The store{where} is busy in another program. "
                "Close the other program and try again.")
    if "unable to open" in text:
        return (f"The store file{where} cannot be opened. "
                "Check that the folder exists and is writable.")
    return f"The store database{where} reported a problem: {exc}."


def sqlite_version() -> str:
    return sqlite3.sqlite_version
