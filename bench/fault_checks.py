"""The fault campaign's checker: what the store recorded against what the gateway holds.

`check(charges, saved)` reads the open store (after reconciliation) and the
sandbox's charges (`SandboxServer.charges`, every charge as the API shows it)
and counts, over the whole history:

- LOST: a sale the till reported saved that is missing or not paid; a charge
  the gateway holds for an order the store does not have; a card payment the
  store counts as taken that has no live charge at the gateway;
- DOUBLE: an order that took more money than its total (its live charges at
  the gateway plus its other payments: cash, offline cards not yet forwarded)
  — counted once per order;
- ORPHAN: a live charge that no live payment of a live order records (and
  that is not already counted as a double), e.g. a cancelled sale that kept
  its charge;
- WRONG: an order past payment whose `paid` is not its total plus rounding
  (less an offline card the gateway later declined, the store's accepted
  risk), an order paid below 0 or above total plus rounding, a card payment
  whose charge is for another amount or order, and card refunds the store
  recorded that differ from what the gateway refunded on that charge;
- integrity: SQLite's integrity and foreign-key checks; every order's `paid`
  equal to the sum of its money-taken payments and `refunded` to the sum of
  its refunds, and never more than was paid.

A live charge is one in any status but declined or voided; a money-taken
payment is one in any status but declined or voided.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bench import findings as bench_findings

DEAD = ("declined", "voided")  # a charge or payment in these holds no money
PAST_PAYMENT = ("paid", "shipped", "completed", "partially_refunded", "refunded")


@dataclass
class Findings(bench_findings.Findings):
    lost: int = 0
    double: int = 0
    orphan: int = 0
    wrong: int = 0


@dataclass
class _Order:
    id: int
    uuid: str
    status: str
    total: int
    rounding: int
    paid: int
    refunded: int
    payments: list = field(default_factory=list)  # _Payment
    refunds: int = 0  # the sum of its refund rows


@dataclass
class _Payment:
    id: int
    order_id: int
    tender: str
    status: str
    amount: int
    refunded: int
    gateway_ref: str | None
    key: str | None


def check(charges: Iterable[dict], saved: Iterable[str] = ()) -> Findings:
    """Check the open store against the gateway's `charges`; `saved` are the UUIDs of the
    sales the till reported paid."""
    from pos.store.db import database

    found = Findings()
    charges = list(charges)
    orders, payments = _load(database)
    by_uuid = {o.uuid: o for o in orders.values()}
    by_id = {c["id"]: c for c in charges}
    by_key = {c["idempotency_key"]: c for c in charges}

    _check_integrity(database, orders, found)
    for uuid in sorted(set(saved)):
        order = by_uuid.get(uuid)
        if order is None:
            found.add("lost", f"sale {uuid} was saved but is not in the store")
        elif order.status not in PAST_PAYMENT:
            found.add("lost", f"sale {uuid} was saved but is {order.status}")

    # the store's side: every order's paid against its total
    for order in orders.values():
        due = order.total + order.rounding
        if not 0 <= order.paid <= due:
            found.add("wrong", f"order {order.uuid} paid {order.paid} of {due}")
        elif order.status in PAST_PAYMENT:
            declined = sum(p.amount for p in order.payments
                           if p.status == "declined" and p.tender == "card"
                           and by_key.get(p.key, {}).get("status") == "declined")
            if order.paid + declined != due:
                found.add("wrong", f"order {order.uuid} is {order.status} with {order.paid} "
                                   f"paid of {due}")

    # every card payment the store counts as taken has its live charge
    recorded: dict[str, list[_Payment]] = defaultdict(list)
    for payment in payments:
        if payment.tender != "card" or payment.status in DEAD \
                or payment.status == "stored_offline":
            continue
        order = orders[payment.order_id]
        charge = by_id.get(payment.gateway_ref or "")
        if charge is None or charge["status"] in DEAD:
            state = "no charge" if charge is None else f"a {charge['status']} charge"
            found.add("lost", f"order {order.uuid}: card payment {payment.id} "
                              f"({payment.amount}) has {state} at the gateway")
            continue
        recorded[charge["id"]].append(payment)
        if charge["amount"] != payment.amount or charge["order_ref"] != order.uuid:
            found.add("wrong", f"order {order.uuid}: card payment {payment.id} records "
                               f"{payment.amount}, its charge {charge['id']} is "
                               f"{charge['amount']} for order {charge['order_ref']}")
        elif charge["refunded"] != payment.refunded:
            found.add("wrong", f"order {order.uuid}: card payment {payment.id} refunded "
                               f"{payment.refunded}, its charge {charge['refunded']}")
    for ref, holders in recorded.items():
        if len(holders) > 1:
            found.add("wrong", f"charge {ref} is recorded by {len(holders)} payments")

    # the gateway's side: every live charge belongs to one live payment of a live order
    live: dict[str, list[dict]] = defaultdict(list)
    for charge in charges:
        if charge["status"] in DEAD:
            continue
        if charge["order_ref"] not in by_uuid:
            found.add("lost", f"charge {charge['id']} ({charge['amount']}) is for order "
                              f"{charge['order_ref']}, which the store does not have")
            continue
        live[charge["order_ref"]].append(charge)
    for uuid, held in live.items():
        order = by_uuid[uuid]
        other = sum(p.amount for p in order.payments
                    if p.status not in DEAD and not (p.tender == "card" and p.gateway_ref))
        taken = sum(c["amount"] for c in held) + other
        if taken > order.total + order.rounding:
            found.add("double", f"order {uuid} ({order.status}, total {order.total}) took "
                                f"{taken}: {len(held)} live charges and {other} otherwise")
            continue
        for charge in held:
            if order.status == "cancelled":
                found.add("orphan", f"charge {charge['id']} ({charge['amount']}) is live "
                                    f"but its order {uuid} was cancelled")
            elif not any(p.order_id == order.id for p in recorded.get(charge["id"], ())):
                found.add("orphan", f"charge {charge['id']} ({charge['amount']}) of order "
                                    f"{uuid} is recorded by no payment")
    return found


def _load(database) -> tuple[dict[int, _Order], list[_Payment]]:
    orders = {row[0]: _Order(*row) for row in database.execute_sql(
        'SELECT id, uuid, status, total, rounding, paid, refunded FROM "orders"')}
    payments = [_Payment(*row) for row in database.execute_sql(
        'SELECT id, order_id, tender, status, amount, refunded, gateway_ref, idempotency_key '
        'FROM "payment"')]
    for payment in payments:
        orders[payment.order_id].payments.append(payment)
    for order_id, amount in database.execute_sql(
            'SELECT order_id, SUM(amount) FROM "refund" GROUP BY order_id'):
        orders[order_id].refunds = amount
    return orders, payments


def _check_integrity(database, orders: dict[int, _Order], found: Findings) -> None:
    result = database.execute_sql("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        found.add("integrity", f"integrity_check: {result}")
    for row in database.execute_sql("PRAGMA foreign_key_check").fetchall()[:5]:
        found.add("integrity", f"foreign_key_check: {row}")
    for order in orders.values():
        taken = sum(p.amount for p in order.payments if p.status not in DEAD)
        if order.paid != taken:
            found.add("integrity", f"order {order.uuid} paid {order.paid}, its payments "
                                   f"{taken}")
        if order.refunded != order.refunds or order.refunded > order.paid:
            found.add("integrity", f"order {order.uuid} refunded {order.refunded}, its "
                                   f"refunds {order.refunds}, paid {order.paid}")
