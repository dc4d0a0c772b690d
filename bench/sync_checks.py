"""The sync fault campaign's checker: what each till holds against what head office holds.

`check(tills, hq)` compares plain data read from the store files (`read_till`) and from
head office's PostgreSQL (`read_hq`), after a last round of sync with no faults:

- LOST: a till's order that head office does not have;
- DUPLICATED: head office holding an order the till does not have, or more lines,
  payments or refunds for an order than the till has;
- MISMATCHED: an order whose status or amounts differ, fewer lines, payments or refunds
  than the till's, a terminal whose journal head at head office is not the till's, or
  a till with rows still waiting in its outbox;
- STALE: a product whose price at a till is not head office's;
- integrity: SQLite's integrity and foreign-key checks on each till, and head office's
  own consistency (every sale within its terminal's acknowledged seq, no line, payment
  or refund without its sale).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bench import findings as bench_findings

ORDER_FIELDS = ("status", "total", "paid", "refunded")


@dataclass
class TillState:
    terminal: str
    orders: dict[str, tuple]  # uuid -> (status, total, paid, refunded, lines, payments, refunds)
    prices: dict[str, int]  # sku -> price
    journal_head: int
    waiting: int
    integrity: list[str] = field(default_factory=list)  # what SQLite found wrong


@dataclass
class HqState:
    orders: dict[str, dict[str, tuple]]  # terminal -> uuid -> as TillState.orders
    prices: dict[str, int]
    journal_heads: dict[str, int]  # terminal -> journal seq
    integrity: list[str] = field(default_factory=list)


@dataclass
class Findings(bench_findings.Findings):
    lost: int = 0
    duplicated: int = 0
    mismatched: int = 0
    stale: int = 0


def check(tills: list[TillState], hq: HqState) -> Findings:
    found = Findings()
    for problem in hq.integrity:
        found.add("integrity", f"head office: {problem}")
    for till in tills:
        for problem in till.integrity:
            found.add("integrity", f"{till.terminal}: {problem}")
        held = hq.orders.get(till.terminal, {})
        for uuid, mine in till.orders.items():
            theirs = held.get(uuid)
            if theirs is None:
                found.add("lost", f"{till.terminal} order {uuid} is not at head office")
            elif theirs[:4] != mine[:4]:
                found.add("mismatched", f"{till.terminal} order {uuid}: till {mine[:4]}, "
                                        f"head office {theirs[:4]}")
            elif any(t > m for t, m in zip(theirs[4:], mine[4:], strict=True)):
                found.add("duplicated", f"{till.terminal} order {uuid}: head office holds "
                                        f"{theirs[4:]} lines/payments/refunds, the till "
                                        f"{mine[4:]}")
            elif theirs[4:] != mine[4:]:
                found.add("mismatched", f"{till.terminal} order {uuid}: head office holds "
                                        f"{theirs[4:]} lines/payments/refunds, the till "
                                        f"{mine[4:]}")
        for uuid in held.keys() - till.orders.keys():
            found.add("duplicated", f"head office holds order {uuid} for {till.terminal}, "
                                    "which the till does not have")
        if hq.journal_heads.get(till.terminal, 0) != till.journal_head:
            found.add("mismatched", f"{till.terminal}: journal head {till.journal_head} at "
                                    f"the till, {hq.journal_heads.get(till.terminal, 0)} at "
                                    "head office")
        if till.waiting:
            found.add("mismatched", f"{till.terminal}: {till.waiting} outbox rows never sent")
        for sku, price in hq.prices.items():
            if till.prices.get(sku) != price:
                found.add("stale", f"{till.terminal}: {sku} costs {till.prices.get(sku)} at "
                                   f"the till, {price} at head office")
    return found


def read_till(path: Path, terminal: str) -> TillState:
    """A till's orders, prices, journal head, outbox and integrity, from its file."""
    db = sqlite3.connect(path)
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        integrity += [f"foreign key {row}" for row in db.execute("PRAGMA foreign_key_check")]
        orders = {row[0]: tuple(row[1:]) for row in db.execute(
            "SELECT uuid, status, total, paid, refunded, "
            "(SELECT count(*) FROM order_line l WHERE l.order_id = o.id), "
            "(SELECT count(*) FROM payment p WHERE p.order_id = o.id), "
            "(SELECT count(*) FROM refund r WHERE r.order_id = o.id) FROM orders o")}
        prices = dict(db.execute("SELECT sku, price FROM product"))
        head = db.execute("SELECT coalesce(max(seq), 0) FROM journal_entry").fetchone()[0]
        waiting = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    finally:
        db.close()
    return TillState(terminal, orders, prices, head, waiting, integrity)


def read_hq(conn, store_id: str) -> HqState:
    """Head office's view of the store: its tills' orders, its prices, journal heads."""
    orders: dict[str, dict[str, tuple]] = {}
    for terminal, uuid, *rest in conn.execute(
            "SELECT terminal_id, uuid, status, total, paid, refunded, "
            "(SELECT count(*) FROM sale_line l WHERE l.sale_uuid = s.uuid), "
            "(SELECT count(*) FROM sale_payment p WHERE p.sale_uuid = s.uuid), "
            "(SELECT count(*) FROM sale_refund r WHERE r.sale_uuid = s.uuid) "
            "FROM sale s WHERE store_id = %s", (store_id,)).fetchall():
        orders.setdefault(terminal, {})[uuid] = tuple(rest)
    prices = dict(conn.execute("SELECT sku, price FROM product WHERE store_id = %s",
                               (store_id,)).fetchall())
    heads = dict(conn.execute("SELECT terminal_id, journal_seq FROM terminal "
                              "WHERE store_id = %s", (store_id,)).fetchall())
    integrity = [f"{n} sales beyond their terminal's acknowledged seq" for (n,) in conn.execute(
        "SELECT count(*) FROM sale s JOIN terminal t USING (store_id, terminal_id) "
        "WHERE s.outbox_seq > t.acked_seq").fetchall() if n]
    for table in ("sale_line", "sale_payment", "sale_refund"):
        (n,) = conn.execute(f"SELECT count(*) FROM {table} x LEFT JOIN sale s "
                            "ON s.uuid = x.sale_uuid WHERE s.uuid IS NULL").fetchone()
        if n:
            integrity.append(f"{n} rows of {table} without their sale")
    return HqState(orders, prices, heads, integrity)
