"""Backups a store can really be restored from, and restoring one.

`take_backup` makes an online copy of the open store (`pos.store.snapshot`: SQLite's
backup API, `integrity_check`) and verifies the copy's audit journal on its own, with
the same verifier as `pos journal verify`, pointed at the copy (`reading_copy`): the
store's anchor is not beside the copy, so a copy taken a minute ago is not mistaken
for an old copy put back. A copy that fails is deleted and the error says why. The
last N regular backups are kept; the key file is written beside a copy only when
asked (`with_key`), because a copy that travels with its key opens its secrets.

`restore` checks a copy the same way, refuses to replace a store that holds sales
the copy lacks (unless forced), sets the replaced store aside whole (file, `-wal`
and `-shm` after a checkpoint, anchor, key file) under a timestamped name, and puts
the copy in its place.

Both run on any thread with no store connection of its own open: a worker of the
windows, or the command line after it closed its own.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pos.errors import StoreError
from pos.store import journal, secrets, snapshot, writer_lock
from pos.store.db import (
    close_store,
    database,
    open_store,
    reading_connection,
    reading_copy,
    store_path,
    translate_errors,
)
from pos.store.migrations import LATEST, current_version
from pos.store.models import EPOCH

KEEP_DEFAULT = 14
"""Regular backups kept in the backup folder (the `backups_keep` setting)."""


@dataclass(frozen=True)
class Checked:
    """What a checked copy holds: its schema, and its journal (None for an older schema,
    whose journal is verified once restored and upgraded)."""

    path: Path
    schema: int
    journal: journal.VerifyResult | None


def take_backup(folder: Path, keep: int | None = KEEP_DEFAULT, *, with_key: bool = False,
                create_folder: bool = False) -> Checked:
    """Copy the open store into `folder`, check the copy, keep the last `keep` regular
    backups there (None: prune nothing, a folder given for once). `create_folder` for the
    default folder; a configured one must exist."""
    store = store_path()
    if store is None:
        raise StoreError("No store file is open, so there is nothing to back up.")
    if with_key and not secrets.key_file_path().exists():
        raise StoreError(f"There is no key file at {secrets.key_file_path()} to copy (the "
                         "store has no secrets yet); back up without --with-key.")
    with reading_connection():
        target = snapshot.take(database.connection(), folder / snapshot.backup_name(store),
                               create_folder=create_folder)
    try:
        if with_key:
            secrets.write_private_file(_key_beside(target), secrets.key_file_path().read_bytes())
        checked = check_copy(target)
    except StoreError as exc:
        _discard(target)
        raise StoreError(f"{exc} The copy was deleted, so no backup was kept; run 'pos "
                         "doctor' on the store.") from exc
    except BaseException:
        _discard(target)
        raise
    if keep is not None:
        for old in snapshot.regular_backups(folder, store)[:-keep]:
            _discard(old)
    return checked


def check_copy(path: Path) -> Checked:
    """`integrity_check` and the journal's `verify` on the copy at `path`, on its own (its
    anchor and key file are those beside it, if any). StoreError says what is wrong."""
    with reading_copy(path), translate_errors(path):
        schema = current_version(database)
        if schema > LATEST:
            raise StoreError(f"{path} was written by a newer version of the program (schema "
                             f"{schema}); update the program to restore it.")
        problems = snapshot.integrity_problems(database.connection())
        if problems:
            raise StoreError(f"{path} failed its integrity check: {problems}.")
        if schema < LATEST:
            return Checked(path, schema, None)
        result = journal.verify()
    if not result.ok:
        raise StoreError(f"The journal in {path} does not verify: {result.problem}")
    return Checked(path, schema, result)


@dataclass(frozen=True)
class SalesMark:
    """How far a store's sales reach: its last journal entry, first entry and last order."""

    journal_seq: int
    journal_first: bytes | None
    last_order_at: int  # UTC microseconds, 0 for none


def _sales_mark() -> SalesMark:
    """The open store's (or, inside `reading_copy`, the copy's) mark."""
    with translate_errors():
        seq, first, last = database.execute_sql(
            "SELECT (SELECT coalesce(max(seq), 0) FROM journal_entry), "
            "(SELECT hash FROM journal_entry WHERE seq = 1), "
            "(SELECT coalesce(max(created_at), 0) FROM orders)").fetchone()
    return SalesMark(seq, bytes(first) if first is not None else None, last)


@dataclass(frozen=True)
class Restored:
    path: Path
    set_aside: Path | None  # the store that was replaced, under its new name
    journal: journal.VerifyResult


def restore(copy: Path, target: Path, *, force: bool = False) -> Restored:
    """Put the checked copy at `target`; the store there, if any, is set aside."""
    copy, target = copy.expanduser().absolute(), target.expanduser().absolute()
    if copy == target:
        raise StoreError(f"{copy} is the store itself; give a backup to restore from.")
    check_copy(copy)
    with reading_copy(copy):
        theirs = _sales_mark()
    # the target's writer lock, held through the swap: refused while a till has the store
    target.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock.acquire(target, "pos restore"):
        aside = None
        if target.exists():
            open_store(target)
            try:
                _refuse_newer(_sales_mark(), theirs, target, force)
                with translate_errors():
                    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                close_store()
            aside = _set_aside(target, keys_too=_key_beside(copy).exists())
        try:
            source = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
            try:
                snapshot.take(source, target, create_folder=True)  # as open_store would
            finally:
                source.close()
            if _key_beside(copy).exists():
                secrets.write_private_file(_key_beside(target), _key_beside(copy).read_bytes())
        except BaseException:
            if aside is not None:
                _put_back(aside, target)
            raise
        open_store(target)  # the normal way: WAL, and an upgrade if the copy is older
        try:
            with translate_errors():
                problems = snapshot.integrity_problems(database.connection())
            result = journal.verify()
        finally:
            close_store()
        if problems or not result.ok:
            kept = f" The store it replaced is at {aside}." if aside else ""
            raise StoreError(f"The restored store at {target} does not check out: "
                             f"{problems or result.problem}{kept}")
        return Restored(target, aside, result)


def _refuse_newer(ours: SalesMark, theirs: SalesMark, target: Path, force: bool) -> None:
    if force:
        return
    if ours.journal_first is not None and theirs.journal_first not in (None,
                                                                       ours.journal_first):
        raise StoreError(f"The copy is not of the store at {target}: their audit journals "
                         "start differently. Nothing was changed; add --force to replace it "
                         "anyway (it is kept aside).")
    if ours.journal_seq > theirs.journal_seq or ours.last_order_at > theirs.last_order_at:
        last = EPOCH + dt.timedelta(microseconds=ours.last_order_at)
        when = f"{last.astimezone():%Y-%m-%d %H:%M}" if ours.last_order_at else "none"
        raise StoreError(
            f"The store at {target} holds newer sales than the copy (journal entry "
            f"{ours.journal_seq} against {theirs.journal_seq}; last sale {when}), which "
            "restoring would lose. Nothing was changed; add --force to restore anyway (the "
            "store is kept aside).")


def _companions(path: Path) -> dict[str, Path]:
    """The files that belong with a store file, by suffix."""
    return {suffix: path.with_name(path.name + suffix)
            for suffix in ("", "-wal", "-shm", ".anchor", ".keys")}


def _key_beside(path: Path) -> Path:
    return path.with_name(path.name + ".keys")


def _set_aside(target: Path, *, keys_too: bool) -> Path:
    """Rename the store and its companions to `<name>.replaced-<stamp>`; the key file is
    moved only when the copy brings its own, else copied (the store set aside stays whole
    and the restored one keeps the keys its secrets were sealed with)."""
    aside = target.with_name(f"{target.name}.replaced-{snapshot.stamp()}")
    moved = _companions(aside)
    try:
        for suffix, path in _companions(target).items():
            if not path.exists():
                continue
            if suffix == ".keys" and not keys_too:
                shutil.copy2(path, moved[suffix])
            else:
                path.rename(moved[suffix])
    except OSError as exc:
        _put_back(aside, target)
        raise StoreError(f"The store at {target} could not be set aside ({exc.strerror}); "
                         "nothing was restored.") from exc
    return aside


def _put_back(aside: Path, target: Path) -> None:
    """Undo `_set_aside` after a failed restore."""
    home = _companions(target)
    for suffix, path in _companions(aside).items():
        if path.exists():
            if suffix == ".keys" and home[suffix].exists():
                path.unlink()
            else:
                path.replace(home[suffix])


def _discard(copy: Path) -> None:
    for path in (copy, _key_beside(copy)):
        path.unlink(missing_ok=True)


def newest_backup_day(folder: Path, store: Path) -> dt.date | None:
    """The day of the newest regular backup of `store` in `folder` (the daily backup is
    taken on the first run of a day without one)."""
    found = snapshot.regular_backups(folder, store)
    if not found:
        return None
    return dt.datetime.strptime(found[-1].name[len(store.stem) + 1:-3], snapshot.STAMP).date()

