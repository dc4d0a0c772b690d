"""The till's outbox (migration 0010): what head office has not acknowledged yet, read as
batches of records, and the cursor moved on once head office acknowledged a batch.

The outbox rows are written by triggers in the transaction of each change, so nothing
can be committed without its row. A row names a record (an order with its lines,
payments and refunds; a shift with its cash movements; a customer; a journal entry);
a batch carries each record's state when it is read, once per batch however many rows
name it, so head office gets the latest state and applies the batch as one.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from pos.store.db import database, translate_errors

BATCH_ROWS = 500

_ORDER = ("id", "uuid", "receipt_no", "status", "currency", "subtotal", "discount", "tax",
          "total", "rounding", "paid", "refunded", "created_at", "paid_at", "completed_at",
          "cancelled_at", "cashier_name")
_LINE = ("line_no", "sku", "name", "unit", "quantity", "unit_price", "discount", "tax_code",
         "tax_rate_ppm", "net", "tax", "gross", "refunded_quantity")
_PAYMENT = ("id", "tender", "status", "amount", "refunded", "fee", "change", "gateway_ref",
            "card_brand", "card_last4", "wallet", "buyer", "created_at")
_REFUND = ("id", "amount", "tender", "reason", "created_at")
_SHIFT = ("id", "terminal_id", "currency", "opened_at", "opening_float", "closed_at",
          "expected", "counted", "over_short", "note", "z_no")
_MOVEMENT = ("id", "kind", "amount", "reason", "at")
_CUSTOMER = ("id", "uuid", "name", "phone", "email", "address", "created_at", "updated_at")


@dataclass(frozen=True)
class Batch:
    first: int
    last: int
    records: list[dict]
    waiting: int  # rows beyond this batch


def next_batch(after: int, rows: int = BATCH_ROWS) -> Batch | None:
    """The outbox rows after seq `after` (at most `rows`) as one batch; None when there
    are none. Read in one transaction, so the records agree with each other: a deferred
    one, a snapshot that never takes the write lock the till's sales need."""
    with translate_errors(), database.atomic("DEFERRED"):
        found = database.execute_sql(
            "SELECT seq, kind, ref FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, rows)).fetchall()
        if not found:
            return None
        last = found[-1][0]
        wanted: dict[tuple[str, int], None] = {}
        for _, kind, ref in found:
            wanted.pop((kind, ref), None)
            wanted[(kind, ref)] = None  # in the order of each record's last change
        records = [record for kind, ref in wanted if (record := _record(kind, ref))]
        waiting = database.execute_sql("SELECT count(*) FROM outbox WHERE seq > ?",
                                       (last,)).fetchone()[0]
    return Batch(found[0][0], last, records, waiting)


def acknowledged(seq: int) -> None:
    """Head office applied everything up to `seq`: move the cursor and drop those rows."""
    with translate_errors(), database.atomic():
        database.execute_sql("UPDATE sync_state SET sent_seq = max(sent_seq, ?)", (seq,))
        database.execute_sql("DELETE FROM outbox WHERE seq <= ?", (seq,))


def waiting(after: int = 0) -> int:
    """Rows not acknowledged yet (after seq `after`, for a cursor not written yet)."""
    with translate_errors():
        return database.execute_sql("SELECT count(*) FROM outbox WHERE seq > ?",
                                    (after,)).fetchone()[0]


def _record(kind: str, ref: int) -> dict | None:
    doc = {"order": _order, "shift": _shift, "customer": _customer, "journal": _journal}[kind](ref)
    return None if doc is None else {"kind": kind, "doc": doc}


def _rows(sql: str, args: tuple, names: tuple[str, ...]) -> list[dict]:
    return [dict(zip(names, row, strict=True)) for row in database.execute_sql(sql, args)]


def _order(order_id: int) -> dict | None:
    found = _rows(f"SELECT {', '.join(_ORDER)}, (SELECT uuid FROM customer c WHERE c.id = "
                  "customer_id) FROM orders WHERE id = ?", (order_id,), (*_ORDER, "customer"))
    if not found:
        return None
    order = found[0]
    order["lines"] = _rows(f"SELECT {', '.join(_LINE)} FROM order_line WHERE order_id = ? "
                           "ORDER BY line_no", (order_id,), _LINE)
    order["payments"] = _rows(f"SELECT {', '.join(_PAYMENT)} FROM payment WHERE order_id = ? "
                              "ORDER BY id", (order_id,), _PAYMENT)
    order["refunds"] = _rows(f"SELECT {', '.join(_REFUND)} FROM refund WHERE order_id = ? "
                             "ORDER BY id", (order_id,), _REFUND)
    for refund in order["refunds"]:
        refund["parts"] = _rows("SELECT tender, amount FROM refund_part WHERE refund_id = ? "
                                "ORDER BY id", (refund["id"],), ("tender", "amount"))
    return order


def _shift(shift_id: int) -> dict | None:
    found = _rows(f"SELECT {', '.join(_SHIFT)} FROM shift WHERE id = ?", (shift_id,), _SHIFT)
    if not found:
        return None
    found[0]["movements"] = _rows(
        f"SELECT {', '.join(_MOVEMENT)} FROM cash_movement WHERE shift_id = ? ORDER BY id",
        (shift_id,), _MOVEMENT)
    return found[0]


def _customer(customer_id: int) -> dict | None:
    found = _rows(f"SELECT {', '.join(_CUSTOMER)} FROM customer WHERE id = ?", (customer_id,),
                  _CUSTOMER)
    return found[0] if found else None


def _journal(seq: int) -> dict | None:
    """The entry, the signature before it (its envelope covers it) and its key's public
    half, so head office can check the chain without the till."""
    row = database.execute_sql(
        "SELECT e.seq, e.at, e.kind, e.user_id, e.data, e.prev_hash, e.hash, e.signature, "
        "e.key_id, k.public_key, (SELECT signature FROM journal_entry p WHERE p.seq = e.seq - 1)"
        " FROM journal_entry e LEFT JOIN journal_key k ON k.key_id = e.key_id "
        "WHERE e.seq = ?", (seq,)).fetchone()
    if row is None:
        return None
    seq, at, kind, user_id, data, prev_hash, digest, signature, key_id, public, before = row
    return {"seq": seq, "at": at, "kind": kind, "user_id": user_id, "data": data,
            "prev_hash": bytes(prev_hash).hex(), "hash": bytes(digest).hex(),
            "signature": bytes(signature).hex(), "key_id": key_id,
            "public_key": public or base64.b64encode(b"").decode(),
            "prev_signature": bytes(before or b"").hex()}
