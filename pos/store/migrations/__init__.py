"""Schema versions and the migrations that bring any older store up to date.

Each migration is a frozen SQL file beside this one, `NNNN_name.sql` (never
generated from today's models, which move on), and records itself in
`schema_version`. The migrations a store lacks run at start-up in one
transaction, so an upgrade that fails half way leaves the store exactly as it
was; before it, a store that has a schema is backed up (`before`). A store
written by a newer program is refused, not guessed at.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import peewee

from pos.errors import StoreError


def _load() -> list[tuple[int, str, list[str]]]:
    found = []
    for entry in resources.files(__package__).iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match[1]), match[2].replace("_", " "),
                          split_statements(entry.read_text("utf-8"))))
    found.sort()
    if [n for n, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("migration files must be numbered 0001, 0002, ... without gaps")
    return found


def split_statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"unterminated SQL statement: {buffer[:60]!r}")
    return statements


MIGRATIONS = _load()
LATEST = MIGRATIONS[-1][0]


def current_version(db: peewee.SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def refuse_newer(version: int) -> None:
    """A store written by a newer program is refused, not guessed at."""
    if version > LATEST:
        raise StoreError(
            f"This store was written by a newer version of the program (schema {version}; "
            f"this program knows up to {LATEST}). Update the program to open it."
        )


def migrate(db: peewee.SqliteDatabase, target: int | None = None, *,
            before: Callable[[int, int], Path] | None = None) -> int:
    """Apply every migration above the store's version up to `target` (the latest), all in
    one transaction; return the version. For a store that already has a schema,
    `before(old, new)` runs first and returns the backup the failure message names."""
    target = LATEST if target is None else target
    version = current_version(db)
    refuse_newer(version)
    pending = [m for m in MIGRATIONS if version < m[0] <= target]
    if not pending:
        return version
    new = pending[-1][0]
    backup = before(version, new) if before is not None and version > 0 else None
    try:
        with db.atomic():
            db.execute_sql(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            for number, name, statements in pending:
                for statement in statements:
                    db.execute_sql(statement)
                db.execute_sql(
                    "INSERT INTO schema_version (version, name, applied_at) "
                    "VALUES (?, ?, datetime('now'))",
                    (number, name),
                )
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if backup is None:
            raise
        raise StoreError(
            f"Upgrading the store from schema {version} to {new} failed ({exc}), so it was "
            f"left exactly as it was. A copy taken before the upgrade is at {backup}."
        ) from exc
    return new
