"""The journal binds the records (issue 12, finding 3): a sale, payment, refund or cash
movement changed in the tables after it was journalled is named by `pos journal verify`."""

from __future__ import annotations

import pytest

from pos.money import Money
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale, refund
from pos.store import journal, journal_records
from pos.store.db import database
from pos.tax import TaxMode, TaxRounding
from tests.sales.test_orders import item


@pytest.fixture
def sales(catalogue):
    """Two cash sales, the second partly refunded."""
    made = []
    for quantity in (1, 2):
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item(catalogue["milk"]), quantity)
        cart.add(item(catalogue["soap"]), 1)
        total = cart.totals().total
        made.append(complete_sale(cart, "T1", [Tender("cash", total + Money(500, "USD"),
                                                      tendered=total + Money(500, "USD"))]))
    line = made[1].lines[0]
    refund(made[1], {line.id: 1}, reason="broken")
    return made


def test_every_money_entry_carries_the_digest_of_its_rows(sales):
    kinds = [row[0] for row in database.execute_sql(
        "SELECT kind FROM journal_entry WHERE json_extract(data, '$.digest') IS NOT NULL")]
    assert kinds.count("sale") == 2 and kinds.count("payment") == 2 and "refund" in kinds
    result = journal.verify()
    assert result.ok, result.problem
    assert journal_records.check() == []


@pytest.mark.parametrize("forgery, named", [
    ("UPDATE orders SET total = 1, paid = 1 WHERE id = {order}", "order {order}"),
    ("UPDATE payment SET amount = 1 WHERE order_id = {order}", "payment"),
    ("UPDATE order_line SET quantity = 9 WHERE order_id = {order}", "order {order}"),
    ("DELETE FROM refund_part", "refund"),
    ("UPDATE refund SET amount = amount + 100", "refund"),
])
def test_a_forged_record_is_named_by_verify(sales, forgery, named):
    """`UPDATE orders SET total=1, paid=1` passed `pos doctor` and verify before."""
    order = sales[1].id
    database.execute_sql("DROP TRIGGER IF EXISTS orders_paid_within_total_update")
    database.execute_sql("DROP TRIGGER IF EXISTS refund_part_within_payment_insert")
    for trigger in [r[0] for r in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
        database.execute_sql(f'DROP TRIGGER "{trigger}"')  # the forger ignores the rules
    database.execute_sql(forgery.format(order=order))
    result = journal.verify()
    assert not result.ok
    assert named.format(order=order) in result.problem and "changed" in result.problem


def test_a_deleted_sale_is_named_as_missing(sales):
    database.execute_sql("PRAGMA foreign_keys = OFF")
    database.execute_sql("DELETE FROM orders WHERE id = ?", (sales[0].id,))
    database.execute_sql("PRAGMA foreign_keys = ON")
    result = journal.verify()
    assert not result.ok and "row" in result.problem and "missing" in result.problem


def test_a_cash_movement_is_bound(store):
    from pos.sales import shifts
    from pos.staff import users
    manager = users.create_first_manager("Mo", pin="1234",
                                         params=users.ScryptParams(n=2 ** 10, r=8, p=1))
    shift = shifts.open_shift(manager, Money(10_000, "USD"), "T1")
    shifts.cash_move(shift, manager, "in", Money(2_000, "USD"), "change from the bank")
    assert journal.verify().ok
    database.execute_sql("UPDATE cash_movement SET amount = 20")
    result = journal.verify()
    assert not result.ok and "cash movement" in result.problem


def test_records_are_checked_a_page_at_a_time(sales, monkeypatch):
    monkeypatch.setattr(journal_records, "_PAGE", 2)
    monkeypatch.setattr(journal_records, "_BATCH", 1)
    assert journal_records.check() == []
    database.execute_sql("DROP TRIGGER IF EXISTS orders_paid_within_total_update")
    database.execute_sql("UPDATE orders SET total = total + 1 WHERE id = ?", (sales[0].id,))
    (found,) = journal_records.check()
    assert f"order {sales[0].id} was changed" in found[1]
