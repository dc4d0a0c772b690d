"""`pos doctor`: what a support call needs to know, in one screen."""

from __future__ import annotations

import platform
import sqlite3
import sys
from pathlib import Path

from pos import __version__
from pos.db import database
from pos.migrations import LATEST, current_version

# SQLite before 3.51.3 can corrupt a WAL database when two connections write
# or checkpoint at once; the program keeps one writer, but says so.
WAL_RESET_FIXED = (3, 51, 3)


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
    if sqlite3.sqlite_version_info < WAL_RESET_FIXED:
        rows.append(("SQLite note", "older than 3.51.3: WAL-reset bug; the program keeps "
                                    "one writing connection, which avoids it"))
    rows.append(("Database", str(path)))
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
    check = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    healthy = check == ["ok"] and not fk and version == LATEST and keys_ok
    rows.append(("integrity_check", "; ".join(check[:5])))
    rows.append(("foreign_key_check", "ok" if not fk else f"{len(fk)} broken references"))
    return rows, healthy


def _key_rows(rows: list[tuple[str, str]]) -> bool:
    """The key file of the store's secrets: where, which key, and whether it can be read."""
    from pos.errors import PosError
    from pos.secrets import key_status, secret_names

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
    return True
