"""The journal binds the records: each money entry carries a digest of the rows it records.

The journal's chain proves its own entries untouched, but an entry that says
"sale 42, total 7.31" does not stop someone with the database from setting the
order's total to 1 afterwards. So each sale, void, payment, refund and cash
entry carries `digest`: SHA-256 (hex) over the canonical JSON (`pos.store.journal`)
of the rows it records, as lists of the fields below in this order. Only
fields that never change once the entry is written are covered (a refund
changes a line's refunded quantity and a payment's status, never its amount):

    sale, void   {"order": ORDER, "lines": [LINE...], "payments": [PAYMENT...]}
                 (lines by line_no, payments by id; every payment row of the order)
    payment      {"payment": PAYMENT}                  (a payment taken at the sale)
                 {"attempt": ATTEMPT}                  (a card gateway request, final)
    refund       {"refund": REFUND, "lines": [REFUND_LINE...], "parts": [REFUND_PART...]}
    cash_in, cash_out, no_sale   {"movement": MOVEMENT}

`pos journal verify` recomputes every digest from the tables (`check`) and
names each record that no longer matches. Entries written before digests
existed carry none and are not checked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from pos.store.canonical_json import canonical_json
from pos.store.db import database

ORDER = ("id", "uuid", "terminal_id", "receipt_no", "currency", "subtotal", "discount", "tax",
         "total", "rounding")
LINE = ("line_no", "sku", "name", "quantity", "unit_price", "discount", "tax_rate_ppm", "net",
        "tax", "gross")
PAYMENT = ("id", "tender", "amount", "tendered", '"change"')
ATTEMPT = ("id", "kind", "amount", "currency", "idempotency_key", "status", "gateway_ref")
REFUND = ("id", "order_id", "amount", "tender")
REFUND_LINE = ("order_line_id", "quantity", "amount")
REFUND_PART = ("payment_id", "tender", "amount")
MOVEMENT = ("id", "shift_id", "kind", "amount", "reason")


def digest(record: dict) -> str:
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()


def _grouped(fields: tuple[str, ...], table: str, key: str, ids: list[int],
             order: str = "id") -> dict[int, list[list]]:
    """Rows of `table` whose `key` is one of `ids`, grouped by it, each as a list of `fields`."""
    found: dict[int, list[list]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        cursor = database.execute_sql(
            f'SELECT {key}, {", ".join(fields)} FROM "{table}" WHERE {key} IN '
            f'({", ".join("?" * len(chunk))}) ORDER BY {key}, {order}', chunk)
        for row in cursor:
            found.setdefault(row[0], []).append(list(row[1:]))
    return found


_BATCH = 500  # ids per query (SQLite allows 999 parameters before 3.32)


def _single(table: str) -> Callable[[dict[int, list[list]], int], list]:
    def one(rows: dict[int, list[list]], row_id: int) -> list:
        if row_id not in rows:
            raise LookupError(f"its {table.replace('_', ' ')} row {row_id} is missing")
        return rows[row_id][0]
    return one


def order_records(ids: list[int]) -> dict[int, dict | LookupError]:
    orders = _grouped(ORDER, "orders", "id", ids)
    lines = _grouped(LINE, "order_line", "order_id", ids, "line_no")
    payments = _grouped(PAYMENT, "payment", "order_id", ids)
    return _build(ids, lambda i: {"order": _single("orders")(orders, i),
                                  "lines": lines.get(i, []), "payments": payments.get(i, [])})


def payment_records(ids: list[int]) -> dict[int, dict | LookupError]:
    rows = _grouped(PAYMENT, "payment", "id", ids)
    return _build(ids, lambda i: {"payment": _single("payment")(rows, i)})


def attempt_records(ids: list[int]) -> dict[int, dict | LookupError]:
    rows = _grouped(ATTEMPT, "payment_attempt", "id", ids)
    return _build(ids, lambda i: {"attempt": _single("payment_attempt")(rows, i)})


def refund_records(ids: list[int]) -> dict[int, dict | LookupError]:
    refunds = _grouped(REFUND, "refund", "id", ids)
    lines = _grouped(REFUND_LINE, "refund_line", "refund_id", ids)
    parts = _grouped(REFUND_PART, "refund_part", "refund_id", ids)
    return _build(ids, lambda i: {"refund": _single("refund")(refunds, i),
                                  "lines": lines.get(i, []), "parts": parts.get(i, [])})


def movement_records(ids: list[int]) -> dict[int, dict | LookupError]:
    rows = _grouped(MOVEMENT, "cash_movement", "id", ids)
    return _build(ids, lambda i: {"movement": _single("cash_movement")(rows, i)})


def _build(ids: list[int], make: Callable[[int], dict]) -> dict[int, dict | LookupError]:
    built: dict[int, dict | LookupError] = {}
    for i in ids:
        try:
            built[i] = make(i)
        except LookupError as exc:
            built[i] = exc
    return built


Readers = Callable[[list[int]], dict[int, "dict | LookupError"]]

# which entry field names the record, and how to read it back (first match wins)
_BY_KEY: tuple[tuple[str, Readers, str], ...] = (
    ("attempt_id", attempt_records, "card payment attempt"),
    ("payment_id", payment_records, "payment"),
    ("refund_id", refund_records, "refund"),
    ("movement_id", movement_records, "cash movement"),
    ("order_id", order_records, "order"),
)


def _named(data: dict) -> tuple[str, Readers, str] | None:
    return next(((k, r, w) for k, r, w in _BY_KEY if data.get(k) is not None), None)


def bind(data: dict) -> dict:
    """`data` with the digest of the record it names (inside the writing transaction)."""
    named = _named(data)
    if named is None:
        raise ValueError(f"no record to bind in {sorted(data)}")
    key, readers, _ = named
    record = readers([data[key]])[data[key]]
    if isinstance(record, LookupError):
        raise record
    return {**data, "digest": digest(record)}


def check(progress: Callable[[int, int], None] | None = None) -> list[tuple[int, str]]:
    """Recompute every entry's digest from the tables, a page of entries at a time with one
    query per table: (entry, sentence) for each record that no longer matches, in order."""
    total = database.execute_sql(
        "SELECT count(*) FROM journal_entry WHERE json_extract(data, '$.digest') IS NOT NULL"
    ).fetchone()[0]
    found, done, after = [], 0, 0
    while True:
        page = [(seq, kind, json.loads(text)) for seq, kind, text in database.execute_sql(
            "SELECT seq, kind, data FROM journal_entry WHERE seq > ? "
            "AND json_extract(data, '$.digest') IS NOT NULL ORDER BY seq LIMIT ?",
            (after, _PAGE))]
        if not page:
            return found
        wanted: dict[str, list[int]] = {}
        for _, _, data in page:
            named = _named(data)
            if named:
                wanted.setdefault(named[0], []).append(data[named[0]])
        records = {key: readers(sorted(set(wanted[key])))
                   for key, readers, _ in _BY_KEY if key in wanted}
        for seq, kind, data in page:
            named = _named(data)
            if named is None:
                continue
            key, _, what = named
            record = records[key][data[key]]
            if isinstance(record, LookupError):
                found.append((seq, f"Entry {seq} ({kind}): {what} {data[key]} {record}."))
            elif digest(record) != data["digest"]:
                found.append((seq, f"Entry {seq} ({kind}): {what} {data[key]} was changed "
                                   "after it was recorded."))
        done, after = done + len(page), page[-1][0]
        if progress is not None:
            progress(done, total)


_PAGE = 2000  # entries per page while checking
