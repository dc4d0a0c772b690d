"""The staff issue's end-of-day promise: a shift's Z report and the sales report for the
same period give the same totals, and the journal that recorded it all verifies."""

from __future__ import annotations

import datetime as dt

from pos.money import Money
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale, refund
from pos.staff import users
from pos.staff.actor import Actor
from pos.store import journal
from pos.tax import TaxMode, TaxRounding
from pos.views import sales_report
from tests.sales.test_orders import item

CHEAP = users.ScryptParams(n=2 ** 10)


def usd(minor):
    return Money(minor, "USD")


def test_the_z_report_adds_up_to_the_sales_report_of_its_day(catalogue):
    boss = users.create_first_manager("Mia", pin="9876", params=CHEAP)
    alex = users.add_user("Alex", "cashier", pin="1111", params=CHEAP)
    shift = shifts.open_shift(alex, usd(10_000), "T1")
    sales = []
    for n, (name, quantity, kind) in enumerate([("milk", 2, "cash"), ("soap", 1, "card"),
                                                ("brulee", 3, "cash"), ("milk", 1, "card")]):
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item(catalogue[name]), quantity)
        total = cart.totals().total
        handed = total + usd(500 * n) if kind == "cash" else total
        sales.append(complete_sale(cart, "T1", [Tender(kind, handed, tendered=handed
                                                       if kind == "cash" else None)],
                                   actor=Actor(alex)))
    refund(sales[2], reason="broken", actor=Actor(boss), terminal_id="T1")

    x = shifts.x_report(shift)
    expected_cash = x.expected["cash"]
    count, left = {}, expected_cash
    for denomination in sorted((d.value.minor for d in
                                shifts.denominations.denominations("USD")), reverse=True):
        count[denomination], left = divmod(left, denomination)
    z = shifts.close_shift(shift, boss, count)

    today = dt.date.today()
    report = sales_report.build_report(today, today + dt.timedelta(days=1))
    assert (z.sales_count, z.sales_total) == (report.totals.orders, report.totals.total)
    tenders = {row.tender: row for row in report.by_tender}
    for tender in ("cash", "card"):
        assert z.tenders.get(tender, 0) == tenders[tender].amount
        assert z.refunds.get(tender, 0) == tenders[tender].refunded
    assert sum(t.tax for t in z.taxes) == report.totals.tax
    assert z.expected["cash"] == expected_cash and z.over_short == 0
    assert journal.verify().ok and (z.journal_seq, z.journal_hash) == journal.head()
