"""An online copy of a store file: SQLite's backup API, checked, then put in place.

Never a copy of the file: a file copied while the till writes can be torn between
its pages and its `-wal`. The backup API reads one consistent snapshot through a
connection (a read transaction, which in WAL mode never holds up the till's
writes) and writes it page by page into a new file. The copy is written under a
`.partial` name, switched to a rollback journal (one self-contained file, fit
for a USB stick or a network share, where WAL's shared memory does not work),
checked with `PRAGMA integrity_check`, flushed to the disk and only then renamed
to its own name; a copy that fails is deleted.

This module is plain sqlite3, below `pos.store.db` (which backs a store up with it
before an upgrade); `pos.store.backups` adds the journal's check, keeping the last N
and restoring.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from pos.errors import StoreError

STAMP = "%Y-%m-%dT%H%M%S"


def stamp(now: dt.datetime | None = None) -> str:
    """The local time a copy is named for, sortable: 2026-12-05T081230."""
    return (now or dt.datetime.now()).strftime(STAMP)


def backup_name(store: Path, now: dt.datetime | None = None) -> str:
    """`store-2026-12-05T081230.db` for `store.db`: the name of a regular backup."""
    return f"{store.stem}-{stamp(now)}.db"


def upgrade_name(store: Path, old: int, new: int) -> str:
    """`store-before-0012-from-0011-2026-12-05T081230.db`: the copy taken before an upgrade
    (never pruned with the regular ones)."""
    return f"{store.stem}-before-{new:04d}-from-{old:04d}-{stamp()}.db"


def regular_backups(folder: Path, store: Path) -> list[Path]:
    """The regular backups of `store` in `folder`, oldest first."""
    pattern = re.compile(re.escape(store.stem) + r"-\d{4}-\d{2}-\d{2}T\d{6}\.db")
    try:
        return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))
    except OSError:
        return []


def take(source: sqlite3.Connection, target: Path, *, create_folder: bool = False) -> Path:
    """Copy the database `source` reads into the new file `target`, checked; return it.

    `create_folder`: make the folder if missing (the default folder in the data folder);
    otherwise a missing folder (a USB stick not plugged in) is refused in words.
    StoreError says why a copy could not be made or failed its check.
    """
    folder = target.parent
    if not folder.is_dir():
        if not create_folder:
            raise StoreError(f"The backup folder {folder} does not exist (is the drive "
                             "plugged in?), so no backup was made.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"The backup folder {folder} cannot be made "
                             f"({exc.strerror}).") from exc
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)  # a crash's leftover
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)  # one step: one consistent snapshot of the store
            copy.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(copy)
        finally:
            copy.close()
        if problems:
            raise StoreError(f"The copy failed its integrity check ({problems}), so it was "
                             "deleted. Run 'pos doctor' on the store.")
        _flush(partial)
        os.replace(partial, target)
        _flush(folder)
    except (sqlite3.Error, OSError) as exc:
        _discard(partial)
        raise StoreError(f"The backup {target} could not be written: {_reason(exc)}.") from exc
    except BaseException:
        _discard(partial)
        raise
    return target


def integrity_problems(conn: sqlite3.Connection) -> str:
    """'' when `PRAGMA integrity_check` says ok, else its first findings."""
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    return "" if rows == ["ok"] else "; ".join(rows[:5])


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "the disk is full"
    if "unable to open" in text or isinstance(exc, PermissionError | FileNotFoundError):
        return "the folder cannot be written (check that it exists and its permissions)"
    if "readonly" in text or "read-only" in text:
        return "the folder is read-only"
    return str(exc) or type(exc).__name__


def _flush(path: Path) -> None:
    """fsync a file or a folder, so a copy said to be kept survives a power cut."""
    if os.name == "nt" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
