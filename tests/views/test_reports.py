"""Sales reports: every table's figures on a small store whose sales are known to the unit."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from pos.errors import InputError
from pos.store.models import Order, OrderLine, Payment, Refund, RefundPart
from pos.views.payment_stats import payment_stats
from pos.views.sales_report import (
    NO_NAME,
    CategoryRow,
    ExceptionRow,
    ProductRow,
    SalesRow,
    TaxRow,
    TenderRow,
    build_report,
    report_range,
)

DAY1, DAY2, DAY3 = dt.date(2025, 3, 10), dt.date(2025, 3, 11), dt.date(2025, 3, 12)
STANDARD, REDUCED = ("standard", 88_750), ("reduced", 40_000)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute).astimezone()


def sale(at, status="completed", cashier=None, lines=(), payments=(), discount=0, refunded=0):
    """An order written as the services leave it; lines are (product, quantity, net, tax,
    (code, rate), list price or None, override price or None)."""
    total = sum(n + t for _, _, n, t, *_ in lines)
    order = Order.create(
        uuid=f"u{Order.select().count()}", terminal_id="T1", status=status, currency="USD",
        subtotal=total, discount=discount, tax=sum(t for _, _, _, t, *_ in lines), total=total,
        paid=sum(a for _, a, *state in payments if state[:1] not in (["declined"], ["voided"])),
        refunded=refunded, tax_mode="exclusive",
        created_at=at, paid_at=None if status in ("pending_payment", "cancelled") else at,
        cashier_name=cashier)
    for n, (product, qty, net, tax, (code, rate), *price) in enumerate(lines, start=1):
        listed, charged = price if price else (product.price, product.price)
        OrderLine.create(order=order, line_no=n, product=product, sku=product.sku,
                         name=product.name, unit=product.unit, quantity=qty, unit_price=charged,
                         list_price=listed, override_reason="damaged" if charged != listed
                         else None, discount=0, tax_code=code, tax_rate_ppm=rate, net=net,
                         tax=tax, gross=net + tax)
    for tender, amount, *state in payments:
        Payment.create(order=order, tender=tender, status=state[0] if state else "approved",
                       amount=amount, net=amount, created_at=at, updated_at=at)
    return order


def refund_to(order, at, *parts):
    """A refund as `pos.sales.orders.refund` saves it: one part per payment, (tender, amount)."""
    tenders = {tender for tender, _ in parts}
    record = Refund.create(order=order, amount=sum(a for _, a in parts), created_at=at,
                           tender=tenders.pop() if len(tenders) == 1 else "split")
    for tender, amount in parts:
        payment = Payment.get((Payment.order == order) & (Payment.tender == tender))
        RefundPart.create(refund=record, payment=payment, tender=tender, amount=amount)
    return record


@pytest.fixture
def sales(catalogue):
    """Three sales and one refund on 10 and 11 March; a pending order, a void, a refund
    and a sale just outside."""
    milk, brulee, soap, apples = (catalogue[k] for k in ("milk", "brulee", "soap", "apples"))
    sale(local(DAY1, 9, 15), cashier="Ann",
         lines=[(milk, 2, 698, 28, REDUCED), (soap, 1, 1999, 177, STANDARD)],
         payments=[("cash", 2902), ("card", 999, "declined")])
    b = sale(local(DAY1, 9, 45), status="partially_refunded", cashier="Bob", discount=50,
             refunded=207, lines=[(apples, 500, 199, 8, REDUCED),
                                  (brulee, 2, 800, 71, STANDARD, 525, 400)],
             payments=[("card", 1078)])
    refund_to(b, local(DAY2, 10), ("card", 207))
    c = sale(local(DAY2, 14, 5), status="refunded", refunded=2176,
             lines=[(soap, 1, 1999, 177, STANDARD)], payments=[("card", 1000), ("cash", 1176)])
    refund_to(c, local(DAY3, 8), ("card", 1000), ("cash", 1176))  # a split sale, in full
    sale(local(DAY2, 14, 10), status="pending_payment", lines=[(milk, 1, 349, 14, REDUCED)])
    sale(local(DAY2, 15), status="cancelled", lines=[(brulee, 1, 525, 47, STANDARD)])
    sale(local(DAY3, 10), cashier="Ann", lines=[(milk, 1, 349, 14, REDUCED)],
         payments=[("cash", 363)])


def test_sales_by_day_and_hour_count_paid_orders_only(sales):
    report = build_report(DAY1, DAY3)
    assert report.currency == "USD"
    assert report.by_day == [SalesRow("2025-03-10", 2, 3980, 284, 50),
                             SalesRow("2025-03-11", 1, 2176, 177, 0)]
    assert len(report.by_hour) == 24
    assert [r for r in report.by_hour if r.orders] == [SalesRow("09", 2, 3980, 284, 50),
                                                       SalesRow("14", 1, 2176, 177, 0)]
    assert report.totals == SalesRow("", 3, 6156, 461, 50)


def test_cashiers_and_tenders(sales):
    report = build_report(DAY1, DAY3)
    assert report.by_cashier == [SalesRow("Ann", 1, 2902, 205, 0),
                                 SalesRow(NO_NAME, 1, 2176, 177, 0),
                                 SalesRow("Bob", 1, 1078, 79, 50)]
    # the declined card payment brought nothing; the cash refund on the 12th is outside
    assert report.by_tender == [TenderRow("cash", 2, 4078, 0), TenderRow("card", 2, 2078, 207)]
    assert report.by_tender[1].net == 1871
    assert sum(t.amount for t in report.by_tender) == report.totals.total


def test_products_categories_and_taxes_from_the_lines(sales):
    lines = build_report(DAY1, DAY3).lines
    assert lines.products == [
        ProductRow("SOAP1", "Olive Soap 橄榄皂", "each", 2, 3998, 354, 4352),
        ProductRow("DES1", "Crème brûlée", "each", 2, 800, 71, 871),
        ProductRow("MILK1", "Organic Whole Milk 1L 有机全脂牛奶", "each", 2, 698, 28, 726),
        ProductRow("12345", "Gala Apples 苹果", "weight", 500, 199, 8, 207)]
    assert lines.categories == [CategoryRow("Household", 3998, 354, 4352),
                                CategoryRow("Desserts", 800, 71, 871),
                                CategoryRow("Dairy", 698, 28, 726),
                                CategoryRow("Produce", 199, 8, 207)]
    assert lines.taxes == [TaxRow("standard", 88_750, 4798, 425, 5223),
                           TaxRow("reduced", 40_000, 897, 36, 933)]
    assert sum(t.gross for t in lines.taxes) == 6156


def test_refunds_voids_and_overrides(sales):
    assert build_report(DAY1, DAY3).exceptions == [
        ExceptionRow("refunds", 1, 207),  # given on the 11th; the one on the 12th is outside
        ExceptionRow("voids", 1, 572),
        ExceptionRow("overrides", 1, 250)]  # 2 × (5.25 − 4.00) below the list price
    assert build_report(DAY3, DAY3 + dt.timedelta(days=1)).exceptions == [
        ExceptionRow("refunds", 1, 2176), ExceptionRow("voids", 0, 0),
        ExceptionRow("overrides", 0, 0)]


def test_payment_figures_come_from_payment_stats(sales):
    report = build_report(DAY1, DAY3)
    assert report.payments == payment_stats(report.range.since_micros,
                                            report.range.until_micros)
    later = build_report(DAY3, DAY3 + dt.timedelta(days=30))  # payments end with the range
    assert later.payments.create_to_pay.count == payment_stats(
        later.range.since_micros, later.range.until_micros).create_to_pay.count


def test_a_range_without_sales_gives_empty_tables(sales):
    report = build_report(dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    assert (report.by_day, report.by_hour, report.by_cashier, report.by_tender) == ([], [], [],
                                                                                    [])
    assert (report.lines.products, report.lines.categories, report.lines.taxes) == ([], [], [])
    assert report.totals == SalesRow("", 0, 0, 0, 0)
    assert [e.count for e in report.exceptions] == [0, 0, 0]


def test_days_without_sales_show_as_zero(sales):
    report = build_report(DAY1 - dt.timedelta(days=1), DAY3)
    assert [(r.key, r.orders) for r in report.by_day] == [
        ("2025-03-09", 0), ("2025-03-10", 2), ("2025-03-11", 1)]


@pytest.mark.parametrize("since, until", [(DAY2, DAY2), (DAY2, DAY1)])
def test_a_range_that_ends_before_it_starts_is_refused(store, since, until):
    with pytest.raises(InputError, match="end before they start"):
        report_range(since, until)
    with pytest.raises(InputError, match="end before they start"):
        build_report(since, until)


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_days_and_hours_follow_daylight_saving(berlin, catalogue):
    """Clocks went forward on 30 March 2025 in Berlin: 23:30 that day is 21:30 UTC, 00:15
    the next day 22:15 UTC, and each sale lands on its own local day and hour."""
    soap = catalogue["soap"]
    for at in (dt.datetime(2025, 3, 30, 21, 30, tzinfo=dt.UTC),
               dt.datetime(2025, 3, 30, 22, 15, tzinfo=dt.UTC)):
        sale(at, lines=[(soap, 1, 1999, 177, STANDARD)], payments=[("cash", 2176)])
    report = build_report(dt.date(2025, 3, 30), dt.date(2025, 4, 1))
    assert [(r.key, r.orders) for r in report.by_day] == [("2025-03-30", 1), ("2025-03-31", 1)]
    assert [r.key for r in report.by_hour if r.orders] == ["00", "23"]
    assert report.range.since_micros == 1743289200 * 1_000_000  # 29 March 23:00 UTC
