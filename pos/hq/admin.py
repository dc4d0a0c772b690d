"""What an owner does at head office from the command line: stores, terminals and their
enrollment codes, and revoking a terminal that was lost or stolen."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

import psycopg

from pos.errors import InputError, NotFound
from pos.money import check_currency, check_locale
from pos.settings import checked_store_setting
from pos.store.presets import preset_for, tax_classes_for

CODE_LIFETIME = dt.timedelta(hours=24)
WRITE_LOCK = 1415  # pg_advisory_xact_lock key of the writes tills download
TERMINAL_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def add_store(conn: psycopg.Connection, name: str, *, currency: str = "USD",
              locale: str = "en_US", tax_mode: str = "exclusive",
              timezone: str = "UTC") -> str:
    """A new store; its id, which terminals are enrolled under."""
    name = " ".join((name or "").split())
    if not name:
        raise InputError("A store needs a name.")
    if tax_mode not in ("inclusive", "exclusive"):
        raise InputError(f"{tax_mode!r} is not a tax mode; choose inclusive or exclusive.")
    store_id = "s" + secrets.token_hex(4)
    currency, locale = check_currency(currency), check_locale(locale)
    check_timezone(conn, timezone)
    with conn.transaction():
        lock(conn)
        if conn.execute("SELECT 1 FROM store WHERE name = %s", (name,)).fetchone():
            raise InputError(f"There is already a store named {name}.")
        conn.execute("INSERT INTO store (id, name, currency, locale, tax_mode, timezone) "
                     "VALUES (%s, %s, %s, %s, %s, %s)",
                     (store_id, name, currency, locale, tax_mode, timezone))
        # the tax classes a till of this currency starts with (as `pos init` gives them)
        for code, class_name, rate in tax_classes_for(preset_for(currency), locale):
            conn.execute("INSERT INTO tax_class (store_id, code, name, rate_ppm) "
                         "VALUES (%s, %s, %s, %s)", (store_id, code, class_name, rate))
    return store_id


def check_timezone(conn: psycopg.Connection, name: str) -> None:
    """A time zone PostgreSQL knows by its IANA name (the reports' days begin there)."""
    if not conn.execute("SELECT 1 FROM pg_timezone_names WHERE name = %s",
                        (name,)).fetchone():
        raise InputError(f"{name!r} is not a time zone; use a name like Europe/Berlin, "
                         "Asia/Shanghai or America/New_York.")


def lock(conn: psycopg.Connection) -> None:
    """Serialise the writes of what tills download (`pos.hq.catalogue`), for the rest of
    the transaction: their change seqs then commit in order."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


def find_store(conn: psycopg.Connection, store: str) -> str:
    """A store's id from its id or its name."""
    row = conn.execute("SELECT id FROM store WHERE id = %s OR name = %s",
                       (store, store)).fetchone()
    if row is None:
        raise NotFound(f"There is no store {store!r}; list them with 'pos hq stores list'.")
    return row[0]


def list_stores(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute("SELECT id, name, currency, locale, tax_mode, timezone FROM store "
                        "ORDER BY name").fetchall()


def set_store_settings(conn: psycopg.Connection, store: str, values: dict[str, str]) -> None:
    """Change store settings (`pos.settings.STORE_SETTINGS`), checked as a till checks
    them; every till of the store takes them at its next sync. `timezone` is head
    office's own: where the store's days begin in its reports."""
    store_id = find_store(conn, store)
    currency = conn.execute("SELECT currency FROM store WHERE id = %s",
                            (store_id,)).fetchone()[0]
    values = dict(values)
    timezone = values.pop("timezone", None)
    if timezone is not None:
        check_timezone(conn, timezone)
    checked = {name: checked_store_setting(name, text, currency)
               for name, text in values.items()}
    with conn.transaction():
        lock(conn)
        if timezone is not None:
            conn.execute("UPDATE store SET timezone = %s WHERE id = %s", (timezone, store_id))
        for name, value in checked.items():
            conn.execute("INSERT INTO store_setting (store_id, key, value) VALUES (%s, %s, %s) "
                         "ON CONFLICT (store_id, key) DO UPDATE SET value = excluded.value "
                         "WHERE store_setting.value <> excluded.value",
                         (store_id, name, value))
        for name, column in (("store_name", "name"), ("locale", "locale"),
                             ("tax_mode", "tax_mode")):  # what enrollment gives a new till
            if name in checked:
                conn.execute(f"UPDATE store SET {column} = %s WHERE id = %s",
                             (checked[name], store_id))


def add_terminal(conn: psycopg.Connection, store: str, terminal_id: str, *,
                 now: dt.datetime | None = None) -> str:
    """A terminal of `store` waiting to be enrolled; the one-time code (valid a day) that
    a till exchanges for its credentials, `STORE:TERMINAL:XXXX-XXXX-XXXX`. Asking again
    gives a new code and voids the old one, for a terminal not yet enrolled."""
    terminal_id = (terminal_id or "").strip()
    if not TERMINAL_ID.fullmatch(terminal_id):
        raise InputError(f"{terminal_id!r} is not a terminal id: 1 to 32 letters, digits, "
                         "- or _, like T1.")
    now = now or dt.datetime.now(dt.UTC)
    secret = "-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
                      for _ in range(3))
    with conn.transaction():
        store_id = find_store(conn, store)
        code = f"{store_id}:{terminal_id}:{secret}"
        row = conn.execute("SELECT enrolled_at, revoked_at FROM terminal WHERE store_id = %s "
                           "AND terminal_id = %s FOR UPDATE", (store_id, terminal_id)).fetchone()
        if row is not None and row[0] is not None and row[1] is None:
            raise InputError(f"Terminal {terminal_id} is already enrolled; revoke it first "
                             "to enroll another till in its place.")
        conn.execute(
            "INSERT INTO terminal (store_id, terminal_id, code_hash, code_expires_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (store_id, terminal_id) DO UPDATE SET "
            "code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at, "
            "secret = NULL, enrolled_at = NULL, revoked_at = NULL",
            (store_id, terminal_id, code_digest(code), now + CODE_LIFETIME))
    return code


def code_digest(code: str) -> bytes:
    """What is kept of an enrollment code: its hash (the code itself is shown once)."""
    return hashlib.sha256(code.strip().encode()).digest()


def parse_code(code: str) -> tuple[str, str]:
    """The store id and terminal id an enrollment code names."""
    store_id, _, rest = (code or "").strip().partition(":")
    terminal_id, _, secret = rest.partition(":")
    if not store_id or not TERMINAL_ID.fullmatch(terminal_id) or not secret:
        raise InputError("That is not an enrollment code; it looks like s1234abcd:T1:ABCD-EFGH-"
                         "JKLM (pos hq terminals add prints one).")
    return store_id, terminal_id


def revoke_terminal(conn: psycopg.Connection, store: str, terminal_id: str) -> None:
    """Refuse the terminal from its next request on (its records already here stay)."""
    with conn.transaction():
        store_id = find_store(conn, store)
        done = conn.execute("UPDATE terminal SET revoked_at = now(), secret = NULL, "
                            "code_hash = NULL WHERE store_id = %s AND terminal_id = %s "
                            "AND revoked_at IS NULL", (store_id, terminal_id)).rowcount
    if not done:
        raise NotFound(f"Store {store} has no terminal {terminal_id} that is not revoked.")


def list_terminals(conn: psycopg.Connection) -> list[dict]:
    """Every terminal: its state, last sync, what its till still had waiting, its journal
    head."""
    rows = conn.execute(
        "SELECT s.name, t.terminal_id, t.enrolled_at, t.revoked_at, t.last_sync_at, "
        "t.waiting, t.acked_seq, t.journal_seq, t.journal_hash FROM terminal t "
        "JOIN store s ON s.id = t.store_id ORDER BY s.name, t.terminal_id").fetchall()
    out = []
    for store, terminal, enrolled, revoked, synced, waiting, acked, seq, head in rows:
        state = "revoked" if revoked else "enrolled" if enrolled else "waiting for enrollment"
        out.append({"store": store, "terminal": terminal, "state": state,
                    "last_sync": synced.isoformat() if synced else None,
                    "waiting": waiting, "acked_seq": acked, "journal_seq": seq,
                    "journal_head": head})
    return out
