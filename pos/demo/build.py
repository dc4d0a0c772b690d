"""`pos demo`'s store file: built beside the target, renamed into place only when complete.

`pos.demo.data.create_demo` fills the open store in several transactions (settings and
staff, the catalogue, the customers, the history), so a demo killed part way
would leave a half-filled store behind: one that `pos demo --if-missing` (and so
`make run`) would take for a demo, or that every re-run refuses. Here the demo
is built in `<name>.demo-tmp` beside the target, with its own key file
`<name>.demo-tmp.keys` and journal anchor `<name>.demo-tmp.anchor` (`pos.store.secrets`
and `pos.store.journal_anchor` keep them beside the open store), and moved into place
in an order that a crash cannot spoil:

1. the demo, then last of all the mark `demo.complete` in the setting table, is
   committed; the WAL is checkpointed into the file, the store is closed and the
   file is fsynced;
2. the key file and the anchor are fsynced and renamed to `<name>.keys` and
   `<name>.anchor` (older ones already there, whose store is gone, are first
   moved aside to `<name>.keys.old-<time>`), and the folder is fsynced;
3. the store is renamed to `<name>`, and the folder is fsynced again.

Killed before 3, there is no store at the target (at worst a key file without
its store, which the next run moves aside); after 3, a complete one with its key
file and anchor. A store never lacks its key file. The next run finds the leftover temp file
and removes it with a message. The target's writer lock (`pos.store.writer_lock`),
released by the system when the process dies, tells a leftover from a run still going,
and keeps the demo off a store a till has open.

`--if-missing` accepts only a store carrying the mark; the embedded sandbox's
state file (`<name>.sandbox.json`) belongs to the till, never to the demo, so a
stale one beside a new demo is moved aside like a stale key file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from pos.demo.data import DemoReport, create_demo
from pos.errors import InputError, StoreError, StoreInUse
from pos.store import writer_lock
from pos.store.db import close_store, database, open_store, translate_errors
from pos.store.models import Product

MARK = "demo.complete"
"""The setting row a demo writes last; `load_settings` ignores keys that are not settings."""

_SQLITE_SIDES = ("-wal", "-shm", "-journal")
KEY_SUFFIX = ".keys"  # pos.store.secrets.key_file_path
COMPANIONS = (KEY_SUFFIX, ".anchor")
"""Files that belong beside the store (the secrets' keys; the journal's anchor,
pos.store.journal_anchor.path): moved into place before it."""
SANDBOX_SUFFIX = ".sandbox.json"  # ui.payments.setup: the sandbox gateway's charges

Notify = Callable[[str], None]


def temp_path(target: Path) -> Path:
    return target.with_name(target.name + ".demo-tmp")


def key_path(store: Path) -> Path:
    return store.with_name(store.name + KEY_SUFFIX)


def is_complete() -> bool:
    """Whether the open store is a demo that ran to the end."""
    with translate_errors():
        return database.execute_sql("SELECT 1 FROM setting WHERE key = ?",
                                    (MARK,)).fetchone() is not None


def build_demo_store(target: str | Path, *, if_missing: bool = False,
                     notify: Notify = print, **demo_args) -> DemoReport | None:
    """Make a new demo store at `target` with `create_demo(**demo_args)`, atomically.

    Returns None when `if_missing` and a complete demo is already there. Refuses an
    existing store otherwise (demo data goes into a new file), and a target that
    another `pos demo` is building. `notify` gets a sentence for each leftover it
    cleans up.
    """
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the path of a store file.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"The folder {target.parent} cannot be made ({exc.strerror}). "
                         "Check the path and its permissions.") from exc
    try:
        lock = writer_lock.acquire(target, "pos demo")
    except StoreInUse:
        if if_missing and target.exists():  # a till has it open (`make run` twice)
            return None
        raise
    with lock:
        _remove_leftover(target, notify)
        if target.exists():
            return _existing(target, if_missing)
        temp = temp_path(target)
        try:
            open_store(temp)
            report = create_demo(**demo_args)
            with translate_errors(), database.atomic():
                database.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)",
                                     (MARK, dt.datetime.now(dt.UTC).isoformat()))
            _close_durably(temp)
            _publish(temp, target, notify)
        except BaseException:
            close_store()
            _remove_store_files(temp)
            raise
    return report


def _existing(target: Path, if_missing: bool) -> None:
    """A store is already at the target: fine for `--if-missing` if it is a complete demo."""
    open_store(target)
    try:
        complete = is_complete()
        with translate_errors():
            has_products = Product.select().exists()
    finally:
        close_store()
    if complete and if_missing:
        return None
    if complete or (has_products and not if_missing):
        raise InputError("The store already has products; demo data goes into a new store.")
    keys = key_path(target)
    if has_products:
        raise StoreError(
            f"The store at {target} is not a complete demo store: it has products but not "
            "the mark a finished demo writes (an interrupted 'pos demo' of an older version, "
            f"or a store of your own). Delete {target} and {keys} to make a new demo, or give "
            "another --db.")
    raise InputError(
        f"There is already a store at {target}; demo data goes into a new store file. Give "
        f"another --db, or delete {target} and {keys} first.")


def _close_durably(temp: Path) -> None:
    """Everything in the main file, on the disk: no WAL left to lose in the rename."""
    with translate_errors():
        busy, _, _ = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    close_store()
    wal = temp.with_name(temp.name + "-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise StoreError(f"The demo store {temp} could not be written out in full (another "
                         "program has it open). Close it and run 'pos demo' again.")
    _fsync(temp)


def _publish(temp: Path, target: Path, notify: Notify) -> None:
    """Key file (and anchor) first, then the store: a crash between leaves no store, never
    a store without its keys."""
    try:
        if target.exists():  # cannot happen under the lock, unless someone copied one in
            raise InputError(f"A store appeared at {target} while the demo was being made; "
                             "it was left alone and the demo discarded.")
        for suffix in (*COMPANIONS, SANDBOX_SUFFIX):
            stale = target.with_name(target.name + suffix)
            if stale.exists():
                aside = stale.with_name(f"{stale.name}.old-{dt.datetime.now():%Y%m%d-%H%M%S}")
                os.replace(stale, aside)
                notify(f"{stale} belonged to no store (a store of that name was deleted, or "
                       f"an earlier demo was interrupted); it was moved aside to {aside}.")
        for suffix in COMPANIONS:
            made = temp.with_name(temp.name + suffix)
            if made.exists():
                _fsync(made)
                os.replace(made, target.with_name(target.name + suffix))
        _fsync_folder(target.parent)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise StoreError(f"The demo store could not be moved into place at {target} "
                         f"({exc.strerror}). Check the disk and the folder's permissions, "
                         "then run 'pos demo' again.") from exc


def _remove_leftover(target: Path, notify: Notify) -> None:
    temp = temp_path(target)
    found = [p for p in _store_files(temp) if p.exists()]
    if found:
        _remove_store_files(temp)
        notify(f"Removed an unfinished demo store that an interrupted 'pos demo' left "
               f"behind: {temp}.")


def _store_files(store: Path) -> list[Path]:
    sides = (*_SQLITE_SIDES, *COMPANIONS, *(suffix + ".tmp" for suffix in COMPANIONS))
    return [store, *(store.with_name(store.name + suffix) for suffix in sides)]


def _remove_store_files(store: Path) -> None:
    for path in _store_files(store):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as file:
        os.fsync(file.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # NTFS orders the rename itself; a folder cannot be opened
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
