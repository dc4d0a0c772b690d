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
from pos.store import migrations, snapshot, writer_lock
from pos.store.paths import backup_dir

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL
    "busy_timeout": 5000,
    # 8 MB per connection: the page cache fills as the store grows, one MB per MB of
    # file (about 2.2 MB per thousand sales), so at 32 MB it was a quarter of a day's
    # memory growth (issue 15's soak); today's orders and the indexes in use still fit.
    "cache_size": -8000,
    "mmap_size": 0,
    "temp_store": "memory",
}
READ_ONLY_PRAGMAS = {k: v for k, v in PRAGMAS.items() if k not in ("journal_mode", "synchronous")}

class StoreDatabase(peewee.SqliteDatabase):
    """SQLite with `after_commit(fn)`: work that must follow a commit and never a rollback
    (the journal's anchor outside the file records only what is durably committed).

    The pending work is kept per thread, like peewee's connections: a worker's own
    connection (`reading_connection`) committing its read must not run, on the worker and
    too early, what the GUI thread's open transaction queued.

    So is a copy being checked (`reading_copy`): on that thread only, `database` names the
    copy, so the models, the journal and the files found beside the store (its key file,
    its anchor) are the copy's while the till goes on with its own store."""

    def __init__(self, *args, **kwargs) -> None:
        self._pending = threading.local()
        self._copy = threading.local()  # before peewee's init, which sets `database`
        self.read_only = False
        self.writer: writer_lock.WriterLock | None = None
        super().__init__(*args, **kwargs)

    @property
    def database(self) -> str | None:
        """The store file: the open store's, or on a thread inside `reading_copy` the copy's."""
        return getattr(self._copy, "path", None) or self._store_name

    @database.setter
    def database(self, value: str | None) -> None:
        self._store_name = value

    def _set_pragmas(self, conn) -> None:
        if getattr(self._copy, "path", None) is None:
            super()._set_pragmas(conn)
            return
        # a copy is only read: left in its own journal mode (no switch to WAL, which writes)
        conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA mmap_size = 0")

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
                migrations.migrate(database, before=_backup_before_upgrade)
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


@contextlib.contextmanager
def reading_copy(path: str | Path) -> Iterator[None]:
    """On this thread only, the store is the copy at `path`, read-only, for the block: the
    journal's `verify` and every query check the copy (a backup, a file to restore) with
    the code that checks the store, while other threads keep the open store. This thread
    must have no connection of its own open (a worker; the command line closes first)."""
    if not database.is_closed():
        raise RuntimeError("reading_copy needs this thread's store connection closed")
    if not Path(path).is_file():  # SQLite would make an empty one
        raise StoreError(f"There is no file at {path}.")
    if database.deferred:  # no store opened in this process yet (a restore to a new file)
        database.init(str(path), pragmas=PRAGMAS, timeout=5)
    database._copy.path = str(Path(path).absolute())
    try:
        with translate_errors(path):
            database.connect()
        try:
            yield
        finally:
            database.close()
    finally:
        database._copy.path = None


def store_path() -> Path | None:
    """The open (or last opened) store's file, or None for none or an in-memory one."""
    name = database.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def _backup_before_upgrade(old: int, new: int) -> Path:
    """An online copy of the open store, before migrations take it from schema `old` to
    `new`, into the backup folder the store names (`backup_folder`), or the data folder's
    when that one cannot take it (a USB stick not plugged in must not keep the till shut:
    `pos settings` itself opens the store). The copy is checked with `integrity_check`;
    its journal is not verified, because this program's verifier reads the latest schema."""
    configured = None
    if database.table_exists("setting"):  # read raw: the settings layer sits above the store
        configured = database.execute_sql(
            "SELECT value FROM setting WHERE key = 'backup_folder'").fetchone()
    folders = dict.fromkeys([backup_dir(configured[0] if configured else ""), backup_dir("")])
    name = snapshot.upgrade_name(Path(database.database), old, new)
    reasons = []
    for folder in folders:
        try:
            return snapshot.take(database.connection(), folder / name,
                                 create_folder=folder == backup_dir(""))
        except StoreError as exc:
            reasons.append(str(exc))
    raise StoreError(f"This store needs an upgrade (schema {old} to {new}), but it could not "
                     f"be backed up first, so nothing was changed. {' '.join(reasons)}")


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
