"""`pos doctor`: what a support call needs to know, in one screen.

Each check that finds the store unfit to sell from makes the exit non-zero and says,
on its own line, what to do: a damaged file or schema, a read-only store file or
folder, a key file that is missing or readable by others, a secret that cannot be
decrypted, a journal that does not verify.

The doctor reads the store through a read-only connection, beside a running till. Its
one trial write (rolled back) takes the store's writer lock for that instant, and is
left out while another program holds the lock: two writing processes are what the
WAL-reset bug needs.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path

from pos import __version__
from pos.errors import PosError, StoreInUse
from pos.store import journal, journal_anchor, writer_lock
from pos.store.db import PRAGMAS, database, store_error
from pos.store.migrations import LATEST, current_version
from pos.store.secrets import get_secret, key_file_path, key_status, secret_names

# SQLite before 3.51.3 can corrupt a WAL database when two connections write or
# checkpoint at the same moment and the WAL is reset between them (DESIGN.md).
WAL_RESET_FIXED = (3, 51, 3)
KEY_FILE_MODE = 0o600


def qt_version() -> str:
    """Qt's version if PySide6 is installed; the core never needs it."""
    try:
        from importlib.metadata import version

        return version("PySide6")
    except Exception:  # noqa: BLE001 - any failure means "not installed"
        return "not installed"


def report(path: Path) -> tuple[list[tuple[str, str]], bool]:
    """Rows of (what, value) and whether the store is healthy."""
    rows = [
        ("pos", __version__),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("Qt (PySide6)", qt_version()),
        ("SQLite", sqlite3.sqlite_version),
    ]
    rows.append(("Database", str(path)))
    holder = writer_lock.holder(path)
    rows.append(("Writer lock", f"held by {holder.describe()}" if holder else "free"))
    rows.append(("SQLite note", sqlite_note(sqlite3.sqlite_version_info)))
    writable = _writable_rows(path, rows)
    for pragma in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "page_size"):
        value = database.execute_sql(f"PRAGMA {pragma}").fetchone()[0]
        rows.append((f"PRAGMA {pragma}", str(value)))
    version = current_version(database)
    rows.append(("Schema version", f"{version} (latest {LATEST})"))
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    rows.append(("Size on disk", f"{size / 1e6:.1f} MB (with WAL)"))
    for table in ("product", "customer", "orders"):
        count = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        rows.append((f"Rows in {table}", f"{count:,}"))
    keys_ok = _key_rows(rows)
    secrets_ok = _secret_rows(rows, check=keys_ok)
    journal_ok = _journal_rows(rows)  # after the keys: it reads the signing key
    check = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    healthy = (check == ["ok"] and not fk and version == LATEST and keys_ok and secrets_ok
               and writable and journal_ok)
    rows.append(("integrity_check", "; ".join(check[:5])))
    rows.append(("foreign_key_check", "ok" if not fk else f"{len(fk)} broken references"))
    return rows, healthy


def sqlite_note(version: tuple[int, int, int]) -> str:
    """Why the WAL-reset bug of SQLite 3.7.0 to 3.51.2 cannot bite this program."""
    if version >= WAL_RESET_FIXED:
        return "3.51.3 or newer: free of the WAL-reset bug"
    return ("3.7.0 to 3.51.2 have the WAL-reset bug: it needs two connections "
            "writing or checkpointing the store at the same moment. It cannot bite here: "
            "one process at a time writes a store (the writer lock above; the till, and "
            "every command that changes the store, take it, and commands that only read "
            "open the file read-only), and inside that process one connection writes (the "
            "till's workers read, or have no connection at all); no memory is mapped. An SQLite "
            "3.51.3 or newer is free of it")


def _writable_rows(path: Path, rows: list[tuple[str, str]]) -> bool:
    """Whether the store can take a write: its file, its folder (SQLite makes -wal and
    -shm files there, the key file is replaced there), and SQLite's own answer, which also
    sees a disk mounted read-only."""
    problems = []
    if not os.access(path, os.W_OK):
        problems.append(f"The store file {path} is read-only, so nothing can be sold or "
                        f"saved. Make it writable (chmod u+w {path}; if it is marked "
                        "immutable, chattr -i), or copy it to a writable disk.")
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        problems.append(f"The folder {folder} is read-only: SQLite cannot make its working "
                        "files there and the key file cannot be replaced. Make the folder "
                        "writable, or move the store and its key file to a writable one.")
    probe = _write_probe(path)
    if isinstance(probe, StoreInUse):
        who = probe.holder.describe() if probe.holder else "another program"
        rows.append(("Writable", f"no trial write while {who} holds the store (file and "
                                 "folder permissions checked)"))
    elif probe is _BUSY:
        rows.append(("Writable", "not tried: another program was writing to the store; run "
                                 "'pos doctor' again in a moment"))
    elif probe and not problems:
        problems.append(f"{probe} (SQLite could not write to it.)")
    for problem in problems:
        rows.append(("Writable", problem))
    if not problems and probe is None:
        rows.append(("Writable", "yes (file, folder and a trial write, rolled back)"))
    return not problems


_BUSY = "busy"


def _write_probe(path: Path) -> str | StoreInUse | None:
    """Try a write in a transaction that is rolled back, on a writing connection of its
    own, under the writer lock; the reason it failed, the lock's refusal, or None."""
    try:
        lock = writer_lock.acquire(path, "pos doctor")
    except StoreInUse as exc:
        return exc
    except PosError as exc:
        return str(exc)
    connection = sqlite3.connect(path, timeout=PRAGMAS["busy_timeout"] / 1000,
                                 isolation_level=None)
    try:
        for pragma, value in PRAGMAS.items():
            connection.execute(f"PRAGMA {pragma} = {value}")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("CREATE TABLE doctor_write_probe (x)")
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):  # a writer the lock does not know
            return _BUSY
        return store_error(exc, path)
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
        lock.release()
    return None


def _key_rows(rows: list[tuple[str, str]]) -> bool:
    """The key file of the store's secrets: where, which key, whether it can be read, and
    that only its owner may read it (mode 600)."""
    try:
        status = key_status()
        names = secret_names()
    except PosError as exc:
        rows.append(("Key file", str(exc)))
        return False
    if status.current is None:
        rows.append(("Key file", "none yet" if not names else f"MISSING ({status.where})"))
        return not names
    retired = f"; old keys kept: {', '.join(status.retired)}" if status.retired else ""
    rows.append(("Key file", f"{status.where} (key {status.current}{retired}; "
                             f"{len(names)} secrets)"))
    if os.name == "nt":  # no Unix modes: the folder's access list protects it
        return True
    path = key_file_path()
    mode = path.stat().st_mode & 0o777
    if mode != KEY_FILE_MODE:
        rows.append(("Key file mode", f"{mode:o}, but it must be 600 (only its owner reads "
                                      f"and replaces it). Fix it with: chmod 600 {path}"))
        return False
    rows.append(("Key file mode", "600"))
    return True


def _secret_rows(rows: list[tuple[str, str]], *, check: bool) -> bool:
    """Open every secret: one that cannot be decrypted says why and what to do. Skipped
    when the key file itself is unusable (its line says what to do)."""
    try:
        names = secret_names()
    except PosError as exc:
        rows.append(("Secrets", str(exc)))
        return False
    if not check and names:
        rows.append(("Secrets", f"{len(names)} not checked: the key file comes first"))
        return False
    bad = 0
    for name in names:
        try:
            get_secret(name)
        except PosError as exc:
            rows.append((f"Secret {name}", str(exc)))
            bad += 1
    if not bad:
        rows.append(("Secrets", f"{len(names)}, every one decrypts" if names else "none"))
    return not bad


def _journal_rows(rows: list[tuple[str, str]]) -> bool:
    """The audit journal, verified whole by `pos.store.journal.verify` (its chain, the records its
    entries bind, and its anchor outside the store), and where that anchor stands."""
    try:
        result = journal.verify()
    except PosError as exc:
        rows.append(("Journal", str(exc)))
        return False
    if not result.ok:
        rows.append(("Journal", f"does NOT verify: {result.problem} Keep this file for "
                                "inspection and restore the store and its key file from a "
                                "backup (see 'pos journal verify')."))
        return False
    rows.append(("Journal", f"verifies: {result.count:,} entries, head {result.head_seq}"))
    anchor = journal_anchor.load()
    rows.append(("Journal anchor", f"entry {anchor.head_seq} seen, {len(anchor.keys)} key(s), "
                                   f"{journal_anchor.path()}" if anchor else
                 "none yet (made with the journal's first entry)"))
    return True
