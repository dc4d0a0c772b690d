"""The journal binds the records: each money entry carries a digest of the rows it records.

The journal's chain proves its own entries untouched, but an entry that says
"sale 42, total 7.31" does not stop someone with the database from setting the
order's total to 1 afterwards. So each sale, void, payment, refund and cash
entry carries `digest`: SHA-256 (hex) over the canonical JSON (`pos.journal`)
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

from pos.db import database

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
    from pos.journal import canonical_json  # the journal imports this module

    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()


def _rows(fields: tuple[str, ...], table: str, where: str, value: int,
          order: str = "id") -> list[list]:
    cursor = database.execute_sql(
        f'SELECT {", ".join(fields)} FROM "{table}" WHERE {where} = ? ORDER BY {order}',
        (value,))
    return [list(row) for row in cursor]


def _one(fields: tuple[str, ...], table: str, row_id: int) -> list:
    found = _rows(fields, table, "id", row_id)
    if not found:
        raise LookupError(f"its {table.replace('_', ' ')} row {row_id} is missing")
    return found[0]


def order_record(order_id: int) -> dict:
    return {"order": _one(ORDER, "orders", order_id),
            "lines": _rows(LINE, "order_line", "order_id", order_id, "line_no"),
            "payments": _rows(PAYMENT, "payment", "order_id", order_id)}


def payment_record(payment_id: int) -> dict:
    return {"payment": _one(PAYMENT, "payment", payment_id)}


def attempt_record(attempt_id: int) -> dict:
    return {"attempt": _one(ATTEMPT, "payment_attempt", attempt_id)}


def refund_record(refund_id: int) -> dict:
    return {"refund": _one(REFUND, "refund", refund_id),
            "lines": _rows(REFUND_LINE, "refund_line", "refund_id", refund_id),
            "parts": _rows(REFUND_PART, "refund_part", "refund_id", refund_id)}


def movement_record(movement_id: int) -> dict:
    return {"movement": _one(MOVEMENT, "cash_movement", movement_id)}


# which entry field names the record, and how to read it back
_BY_KEY: tuple[tuple[str, Callable[[int], dict], str], ...] = (
    ("attempt_id", attempt_record, "card payment attempt"),
    ("payment_id", payment_record, "payment"),
    ("refund_id", refund_record, "refund"),
    ("movement_id", movement_record, "cash movement"),
    ("order_id", order_record, "order"),
)


def bind(data: dict) -> dict:
    """`data` with the digest of the record it names (inside the writing transaction)."""
    for key, reader, _ in _BY_KEY:
        if data.get(key) is not None:
            return {**data, "digest": digest(reader(data[key]))}
    raise ValueError(f"no record to bind in {sorted(data)}")


def check(progress: Callable[[int, int], None] | None = None) -> list[tuple[int, str]]:
    """Recompute every entry's digest from the tables: (entry, sentence) for each record
    that no longer matches, in journal order."""
    entries = database.execute_sql(
        "SELECT seq, kind, data FROM journal_entry "
        "WHERE json_extract(data, '$.digest') IS NOT NULL ORDER BY seq").fetchall()
    found = []
    for n, (seq, kind, text) in enumerate(entries, start=1):
        data = json.loads(text)
        for key, reader, what in _BY_KEY:
            if data.get(key) is None:
                continue
            try:
                same = digest(reader(data[key])) == data["digest"]
                why = "was changed after it was recorded"
            except LookupError as exc:
                same, why = False, str(exc)
            if not same:
                found.append((seq, f"Entry {seq} ({kind}): {what} {data[key]} {why}."))
            break
        if progress is not None and n % 1000 == 0:
            progress(n, len(entries))
    return found
