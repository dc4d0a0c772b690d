"""Applying a till's outbox batch at head office: once, in order, in one transaction.

A batch names the outbox seqs it covers (`first`..`last`). It is applied only when it
starts right after the terminal's `acked_seq`; a batch at or below it was applied before
(the till did not hear the answer) and is acknowledged again without being applied; a
batch that skips seqs is refused with the seq head office has, so the till resends from
there. The records and the new `acked_seq` commit together, so whatever dies when,
a record is applied exactly once.

A record is the state of a sale, shift, customer or journal entry when the till sent
it; a later state of the same sale replaces it. A terminal writes only its own records,
but a customer is everyone's: one row by its id, the latest change winning (migration 0003).
Journal entries are checked as they arrive (sequence, hash chain, fingerprint and
signature), so head office holds a second anchor of each till's journal.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass

import psycopg
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from psycopg.types.json import Jsonb

from pos.catalogue.customers import CustomerInput
from pos.errors import InputError, PosError
from pos.hq.admin import lock
from pos.store.journal import ENTRY_DOMAIN, envelope, fingerprint

MAX_RECORDS = 5000  # records in one batch


class BatchRefused(PosError):
    """A batch head office will not apply; `code` says why, for the till."""

    def __init__(self, code: str, message: str, acked_seq: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.acked_seq = acked_seq


@dataclass(frozen=True)
class Batch:
    first: int  # the first outbox seq the batch covers
    last: int  # the last one
    records: list[dict]
    waiting: int = 0  # outbox rows the till holds beyond `last`


def apply_batch(conn: psycopg.Connection, store_id: str, terminal_id: str,
                batch: Batch) -> int:
    """Apply `batch` for the terminal; the seq acknowledged (the batch's last, or what head
    office already had for a batch it applied before)."""
    if batch.first < 1 or batch.last < batch.first or len(batch.records) > MAX_RECORDS:
        raise BatchRefused("bad_batch", "The batch's seqs or size are not valid.")
    with conn.transaction():
        row = conn.execute(
            "SELECT acked_seq, revoked_at, journal_seq, journal_hash FROM terminal "
            "WHERE store_id = %s AND terminal_id = %s FOR UPDATE",
            (store_id, terminal_id)).fetchone()
        if row is None or row[1] is not None:
            raise BatchRefused("revoked", "This terminal is not enrolled at head office.")
        acked, _, journal_seq, journal_hash = row
        if batch.last <= acked:
            conn.execute("UPDATE terminal SET last_sync_at = now(), waiting = %s "
                         "WHERE store_id = %s AND terminal_id = %s",
                         (batch.waiting, store_id, terminal_id))
            return acked
        if batch.first != acked + 1:
            raise BatchRefused("gap", f"Head office has this terminal's records up to {acked}; "
                                      f"the batch starts at {batch.first}.", acked)
        head = _Head(journal_seq, journal_hash)
        writer = _Writer(conn, store_id, terminal_id, batch.last)
        for record in batch.records:
            writer.apply(record, head)
        writer.flush()
        conn.execute("UPDATE terminal SET acked_seq = %s, last_sync_at = now(), waiting = %s, "
                     "journal_seq = %s, journal_hash = %s "
                     "WHERE store_id = %s AND terminal_id = %s",
                     (batch.last, batch.waiting, head.seq, head.hash, store_id, terminal_id))
    return batch.last


@dataclass
class _Head:
    seq: int
    hash: str | None


def _when(micros: int | None) -> dt.datetime | None:
    return None if micros is None else dt.datetime.fromtimestamp(micros / 1e6, dt.UTC)


class _Writer:
    """Applies a batch's records. Orders are gathered and written together at `flush`
    (a few statements for the whole batch instead of seven an order): they touch no
    table the other records touch, so their order among them does not matter."""

    def __init__(self, conn: psycopg.Connection, store_id: str, terminal_id: str,
                 seq: int) -> None:
        self.conn, self.store_id, self.terminal_id, self.seq = conn, store_id, terminal_id, seq
        self.sales: dict[str, tuple] = {}
        self.lines: dict[str, list[tuple]] = {}
        self.payments: dict[str, list[tuple]] = {}
        self.refunds: dict[str, list[tuple]] = {}

    def apply(self, record: dict, head: _Head) -> None:
        kind = record.get("kind")
        try:
            if kind == "order":
                self._order(record["doc"])
            elif kind == "shift":
                self._shift(record["doc"])
            elif kind == "customer":
                self._customer(record["doc"])
            elif kind == "journal":
                self._journal(record["doc"], head)
            else:
                raise BatchRefused("bad_record", f"A record of kind {kind!r} is not known.")
        except (KeyError, TypeError, ValueError, InputError) as exc:
            raise BatchRefused("bad_record", f"A {kind} record is not valid ({exc}).") from None

    def _order(self, doc: dict) -> None:
        """Check and gather one order (a later state of the same one replaces it)."""
        uuid = doc["uuid"]
        if not isinstance(uuid, str):
            raise ValueError("the uuid is not text")
        self.sales[uuid] = (
            self.store_id, self.terminal_id, uuid, int(doc["id"]), doc.get("receipt_no"),
            doc["status"], doc["currency"], int(doc["subtotal"]), int(doc["discount"]),
            int(doc["tax"]), int(doc["total"]), int(doc["rounding"]), int(doc["paid"]),
            int(doc["refunded"]), _when(doc["created_at"]), _when(doc.get("paid_at")),
            _when(doc.get("completed_at")), _when(doc.get("cancelled_at")),
            doc.get("cashier_name"), doc.get("customer"), self.seq)
        self.lines[uuid] = [
            (uuid, int(x["line_no"]), x["sku"], x["name"], x["unit"], int(x["quantity"]),
             int(x["unit_price"]), int(x["discount"]), x["tax_code"], int(x["tax_rate_ppm"]),
             int(x["net"]), int(x["tax"]), int(x["gross"]), int(x["refunded_quantity"]))
            for x in doc["lines"]]
        self.payments[uuid] = [
            (uuid, int(p["id"]), p["tender"], p["status"], int(p["amount"]),
             int(p["refunded"]), int(p["fee"]), int(p["change"]), p.get("gateway_ref"),
             p.get("card_brand"), p.get("card_last4"), p.get("wallet"), p.get("buyer"),
             _when(p["created_at"]))
            for p in doc["payments"]]
        self.refunds[uuid] = [
            (uuid, int(r["id"]), int(r["amount"]), r["tender"], r.get("reason"),
             _when(r["created_at"]), Jsonb(r["parts"])) for r in doc["refunds"]]

    def flush(self) -> None:
        """Write the gathered orders: a sale held for another terminal (or under another
        local id) refuses the batch; each sale's lines, payments and refunds become the
        ones sent."""
        if not self.sales:
            return
        uuids = list(self.sales)
        for uuid, store_id, terminal_id, local_id in self.conn.execute(
                "SELECT uuid, store_id, terminal_id, local_id FROM sale "
                "WHERE uuid = ANY(%s)", (uuids,)):
            if (store_id, terminal_id, local_id) != (self.store_id, self.terminal_id,
                                                     self.sales[uuid][3]):
                raise BatchRefused("not_yours", f"Sale {uuid} belongs to another terminal.")
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO sale (store_id, terminal_id, uuid, local_id, receipt_no, status, "
                "currency, subtotal, discount, tax, total, rounding, paid, refunded, "
                "created_at, paid_at, completed_at, cancelled_at, cashier_name, customer_uuid, "
                "outbox_seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (uuid) DO UPDATE SET "
                "receipt_no = excluded.receipt_no, status = excluded.status, "
                "subtotal = excluded.subtotal, "
                "discount = excluded.discount, tax = excluded.tax, total = excluded.total, "
                "rounding = excluded.rounding, paid = excluded.paid, "
                "refunded = excluded.refunded, paid_at = excluded.paid_at, "
                "completed_at = excluded.completed_at, cancelled_at = excluded.cancelled_at, "
                "cashier_name = excluded.cashier_name, customer_uuid = excluded.customer_uuid, "
                "outbox_seq = excluded.outbox_seq "
                "WHERE sale.store_id = excluded.store_id "
                "AND sale.terminal_id = excluded.terminal_id "
                "AND sale.local_id = excluded.local_id", list(self.sales.values()))
            if cur.rowcount != len(uuids):  # taken meanwhile by another terminal's batch
                raise BatchRefused("not_yours", "A sale of this batch belongs to another "
                                                "terminal.")
            for table in ("sale_line", "sale_payment", "sale_refund"):
                cur.execute(f"DELETE FROM {table} WHERE sale_uuid = ANY(%s)", (uuids,))
            for sql, rows in (
                    ("COPY sale_line (sale_uuid, line_no, sku, name, unit, quantity, "
                     "unit_price, discount, tax_code, tax_rate_ppm, net, tax, gross, "
                     "refunded_quantity) FROM STDIN", self.lines),
                    ("COPY sale_payment (sale_uuid, local_id, tender, status, amount, "
                     "refunded, fee, change, gateway_ref, card_brand, card_last4, wallet, buyer, "
                     "created_at) "
                     "FROM STDIN", self.payments),
                    ("COPY sale_refund (sale_uuid, local_id, amount, tender, reason, "
                     "created_at, parts) FROM STDIN", self.refunds)):
                if any(rows.values()):
                    with cur.copy(sql) as copy:
                        for row in (row for each in rows.values() for row in each):
                            copy.write_row(row)
        self.sales.clear()
        self.lines.clear()
        self.payments.clear()
        self.refunds.clear()

    def _shift(self, doc: dict) -> None:
        self.conn.execute(
            "INSERT INTO till_shift (store_id, terminal_id, local_id, doc, outbox_seq) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (store_id, terminal_id, local_id) "
            "DO UPDATE SET doc = excluded.doc, outbox_seq = excluded.outbox_seq",
            (self.store_id, self.terminal_id, int(doc["id"]), Jsonb(doc), self.seq))

    def _customer(self, doc: dict) -> None:
        """Keep the customer's latest change (by the tills' clocks; a tie goes to the
        higher store and terminal id). The row is written even when this change loses,
        so its change seq moves on and the till that sent it downloads the winner again.
        Under the catalogue's lock: tills download change seqs in order."""
        uuid = doc["uuid"]
        if not isinstance(uuid, str) or not 1 <= len(uuid) <= 64:
            raise ValueError("the customer's id is not valid")
        data = CustomerInput(doc["name"], doc.get("phone") or "", doc.get("email") or "",
                             doc.get("address") or "").validated()
        newer = ("(excluded.updated_at, excluded.store_id, excluded.terminal_id) "
                 "> (customer.updated_at, customer.store_id, customer.terminal_id)")
        taken = ", ".join(f"{c} = CASE WHEN {newer} THEN excluded.{c} ELSE customer.{c} END"
                          for c in ("name", "phone", "email", "address", "updated_at",
                                    "store_id", "terminal_id"))
        lock(self.conn)
        self.conn.execute(
            "INSERT INTO customer (uuid, name, phone, email, address, created_at, updated_at, "
            "store_id, terminal_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
            f"ON CONFLICT (uuid) DO UPDATE SET {taken}",
            (uuid, data.name, data.phone or None, data.email or None, data.address or None,
             _when(int(doc["created_at"])), _when(int(doc["updated_at"] or doc["created_at"])),
             self.store_id, self.terminal_id))

    def _journal(self, doc: dict, head: _Head) -> None:
        seq = int(doc["seq"])
        if seq <= head.seq:
            known = self.conn.execute(
                "SELECT hash FROM journal_entry WHERE store_id = %s AND terminal_id = %s "
                "AND seq = %s", (self.store_id, self.terminal_id, seq)).fetchone()
            if known is None or known[0] != doc["hash"]:
                raise BatchRefused("journal_rewritten",
                                   f"The till's journal entry {seq} differs from the one head "
                                   "office received before: its journal was rewritten.")
            return
        if seq != head.seq + 1:
            raise BatchRefused("journal_gap", f"Head office has this till's journal up to "
                                              f"{head.seq}; entry {seq} does not follow it.")
        if (head.hash or "00" * 32) != doc["prev_hash"]:
            raise BatchRefused("journal_broken", f"Journal entry {seq} does not follow the "
                                                 "entry before it.")
        _check_entry(doc)
        self.conn.execute(
            "INSERT INTO journal_entry (store_id, terminal_id, seq, at, kind, data, prev_hash, "
            "hash, signature, key_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (self.store_id, self.terminal_id, seq, _when(int(doc["at"])), doc["kind"],
             doc["data"], doc["prev_hash"], doc["hash"], doc["signature"], doc["key_id"]))
        head.seq, head.hash = seq, doc["hash"]


def _check_entry(doc: dict) -> None:
    """The entry's hash is over its envelope, and its signature is by the key it names."""
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(doc["public_key"]))
        digest = hashlib.sha256(envelope(
            int(doc["seq"]), int(doc["at"]), doc["kind"], doc.get("user_id"), doc["data"],
            bytes.fromhex(doc["prev_hash"]), bytes.fromhex(doc["prev_signature"]),
            doc["key_id"])).digest()
        if fingerprint(public) != doc["key_id"] or digest.hex() != doc["hash"]:
            raise InvalidSignature
        public.verify(bytes.fromhex(doc["signature"]), ENTRY_DOMAIN + digest)
    except (InvalidSignature, ValueError, binascii.Error):
        raise BatchRefused("journal_forged", f"Journal entry {doc['seq']} is not signed by "
                                             "the key it names.") from None
