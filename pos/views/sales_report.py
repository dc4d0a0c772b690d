"""Sales reports for a range of local dates, aggregated by SQL.

Which orders are sales: those that were paid — status paid, shipped,
completed, partially_refunded or refunded — dated by `created_at` (when the
sale was rung up; the history's index). An order still pending payment is not
a sale yet, and a cancelled one is a void. Sales are counted gross of refunds:
a refund is reported apart, on the day it was given, so a refund next month
never rewrites this month's sales and a Z report can show both.

Everything is integer minor units of the store's currency. A range is
[since, until) in the terminal's local dates, turned into UTC microseconds at
local midnight. Orders are grouped by UTC quarter hour in SQL (every time
zone's offset is a whole number of quarter hours) and those few thousand
buckets are rolled up into local days and hours here, which keeps the
daylight-saving change exact without a `localtime` call per order.

Order lines (products, categories, taxes, price overrides) are summed in one
pass into a temporary table keyed by product and tax rate, then grouped from
there: an upsert into a few thousand rows costs less than sorting millions of
lines once per GROUP BY. `build_report` reads every table in one read
transaction, so its figures come from one snapshot and add up with each other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from pos.errors import InputError
from pos.settings import load_settings
from pos.store.db import database
from pos.store.models import to_micros
from pos.views.payment_stats import PaymentStats, payment_stats

SALE_STATUSES = ("paid", "shipped", "completed", "partially_refunded", "refunded")
NO_NAME = "—"
"""The cashier or category of sales that have none."""

_SLOT = 900_000_000  # a quarter hour in microseconds
_SALES = ("{o}status IN (" + ", ".join(repr(s) for s in SALE_STATUSES) + ")"
          " AND {o}created_at >= ? AND {o}created_at < ?")
"""The range's sales; `{o}` is the orders table's alias and a dot in a join, else empty."""
_TAKEN = "p.status NOT IN ('declined', 'voided')"
"""Payments that brought money in (a stored offline one counts until it is declined)."""


@dataclass(frozen=True)
class ReportRange:
    since: dt.date
    until: dt.date  # exclusive

    @property
    def since_micros(self) -> int:
        return _local_midnight(self.since)

    @property
    def until_micros(self) -> int:
        return _local_midnight(self.until)

    @property
    def params(self) -> tuple[int, int]:
        return self.since_micros, self.until_micros


def report_range(since: dt.date, until: dt.date) -> ReportRange:
    """The dates from `since` up to, not including, `until`; refuses one that ends first."""
    if until <= since:
        raise InputError("The report's dates end before they start: choose an end date "
                         "on or after the start date.")
    return ReportRange(since, until)


def _local_midnight(day: dt.date) -> int:
    return to_micros(dt.datetime.combine(day, dt.time()).astimezone())


@dataclass(frozen=True)
class SalesRow:
    key: str  # ISO date, hour "09", cashier name
    orders: int
    total: int  # what the customers owed: tax included, discounts taken off
    tax: int
    discount: int


@dataclass(frozen=True)
class ProductRow:
    sku: str
    name: str
    unit: str  # "each", or "weight" with the quantity in grams
    quantity: int
    net: int
    tax: int
    gross: int


@dataclass(frozen=True)
class CategoryRow:
    name: str
    net: int
    tax: int
    gross: int


@dataclass(frozen=True)
class TaxRow:
    tax_code: str
    rate_ppm: int
    net: int
    tax: int
    gross: int


@dataclass(frozen=True)
class TenderRow:
    tender: str
    payments: int
    amount: int  # taken on the range's sales
    refunded: int  # given back in the range with this tender

    @property
    def net(self) -> int:
        return self.amount - self.refunded


@dataclass(frozen=True)
class ExceptionRow:
    kind: str  # "refunds", "voids" or "overrides"
    count: int
    amount: int  # refunded; the voided orders' totals; list price minus price charged


@dataclass(frozen=True)
class LineReport:
    products: list[ProductRow]  # best selling first
    categories: list[CategoryRow]
    taxes: list[TaxRow]  # highest rate first
    overrides: ExceptionRow


@dataclass(frozen=True)
class Report:
    range: ReportRange
    currency: str
    totals: SalesRow
    by_day: list[SalesRow]
    by_hour: list[SalesRow]
    by_cashier: list[SalesRow]
    by_tender: list[TenderRow]
    lines: LineReport
    exceptions: list[ExceptionRow]
    payments: PaymentStats


def build_report(since: dt.date, until: dt.date) -> Report:
    """Every report for the range, read from one snapshot of the store (the payment
    figures from `pos.views.payment_stats`, for the same range)."""
    period = report_range(since, until)
    with database.atomic("DEFERRED"):  # a read transaction: no write lock, one snapshot
        by_day, by_hour = sales_by_time(period)
        lines = line_report(period)
        return Report(
            range=period, currency=load_settings().currency,
            totals=_sum_rows("", by_day), by_day=by_day, by_hour=by_hour,
            by_cashier=sales_by_cashier(period), by_tender=sales_by_tender(period),
            lines=lines, exceptions=[*refunds_and_voids(period), lines.overrides],
            payments=payment_report(period))


def sales_by_time(period: ReportRange) -> tuple[list[SalesRow], list[SalesRow]]:
    """Sales per local day (every day of the range) and per local hour (all 24); both
    empty when the range has no sale."""
    rows = database.execute_sql(
        f"SELECT created_at / {_SLOT} AS slot, count(*), sum(total), sum(tax), sum(discount) "
        f"FROM orders WHERE {_SALES.format(o='')} GROUP BY slot", period.params).fetchall()
    if not rows:
        return [], []
    days: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    hours: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for slot, *figures in rows:
        local = dt.datetime.fromtimestamp(slot * _SLOT // 1_000_000)
        for bucket in (days[local.date().isoformat()], hours[f"{local.hour:02d}"]):
            for i, value in enumerate(figures):
                bucket[i] += value
    count = (period.until - period.since).days
    day_keys = [(period.since + dt.timedelta(days=n)).isoformat() for n in range(count)]
    return ([SalesRow(key, *days.get(key, (0, 0, 0, 0))) for key in day_keys],
            [SalesRow(f"{h:02d}", *hours.get(f"{h:02d}", (0, 0, 0, 0))) for h in range(24)])


def sales_by_cashier(period: ReportRange) -> list[SalesRow]:
    """Sales per cashier as signed in at the sale (`NO_NAME` before sign-in existed)."""
    rows = database.execute_sql(
        "SELECT coalesce(cashier_name, ?) AS who, count(*), sum(total), sum(tax), sum(discount)"
        f" FROM orders WHERE {_SALES.format(o='')} GROUP BY who ORDER BY sum(total) DESC, who",
        (NO_NAME, *period.params))
    return [SalesRow(*row) for row in rows]


def sales_by_tender(period: ReportRange) -> list[TenderRow]:
    """Money taken per tender on the range's sales, and refunds given in the range (each
    refund's parts, so a split sale's refund counts its cash and card parts apart)."""
    rows = database.execute_sql(
        "SELECT tender, sum(n), sum(amount), sum(refunded) FROM ("
        " SELECT p.tender, 1 AS n, p.amount, 0 AS refunded"
        " FROM orders o JOIN payment p ON p.order_id = o.id"
        f" WHERE {_SALES.format(o='o.')} AND {_TAKEN}"
        " UNION ALL SELECT p.tender, 0, 0, p.amount FROM refund_part p"
        " JOIN refund r ON r.id = p.refund_id WHERE r.created_at >= ? AND r.created_at < ?)"
        " GROUP BY tender ORDER BY sum(amount) DESC, tender", period.params * 2)
    return [TenderRow(*row) for row in rows]


def refunds_and_voids(period: ReportRange) -> list[ExceptionRow]:
    """Refunds given in the range, and the orders created in it that were cancelled."""
    refunds = database.execute_sql(
        "SELECT count(*), coalesce(sum(amount), 0) FROM refund "
        "WHERE created_at >= ? AND created_at < ?", period.params).fetchone()
    voids = database.execute_sql(
        "SELECT count(*), coalesce(sum(total), 0) FROM orders "
        "WHERE status = 'cancelled' AND created_at >= ? AND created_at < ?",
        period.params).fetchone()
    return [ExceptionRow("refunds", *refunds), ExceptionRow("voids", *voids)]


_LINE_TABLE = """
CREATE TEMP TABLE report_line (
    product_id INTEGER NOT NULL,       -- 0 for a product deleted since
    sku TEXT NOT NULL,
    tax_rate_ppm INTEGER NOT NULL,
    tax_code TEXT NOT NULL,
    name TEXT NOT NULL,                -- as on the first line summed
    unit TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    net INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    gross INTEGER NOT NULL,
    overrides INTEGER NOT NULL,
    override_amount INTEGER NOT NULL,
    PRIMARY KEY (product_id, sku, tax_rate_ppm, tax_code)
) WITHOUT ROWID"""

# A weighed line's amount is price per kilogram × grams / 1000, rounded half up.
_LINE_SUMS = f"""
INSERT INTO temp.report_line
SELECT coalesce(l.product_id, 0), l.sku, l.tax_rate_ppm, l.tax_code, l.name, l.unit,
       l.quantity, l.net, l.tax, l.gross, l.override_reason IS NOT NULL,
       CASE WHEN l.override_reason IS NULL THEN 0
            WHEN l.unit = 'weight' THEN (l.list_price * l.quantity + 500) / 1000
                                        - (l.unit_price * l.quantity + 500) / 1000
            ELSE (l.list_price - l.unit_price) * l.quantity END
FROM orders o JOIN order_line l ON l.order_id = o.id
WHERE {_SALES.format(o='o.')}
ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity,
    net = net + excluded.net, tax = tax + excluded.tax, gross = gross + excluded.gross,
    overrides = overrides + excluded.overrides,
    override_amount = override_amount + excluded.override_amount"""


def line_report(period: ReportRange) -> LineReport:
    """Products, categories (each product's category today), taxes per rate, and price
    overrides, from the lines of the range's sales."""
    database.execute_sql("DROP TABLE IF EXISTS temp.report_line")
    database.execute_sql(_LINE_TABLE)
    try:
        database.execute_sql(_LINE_SUMS, period.params)
        products = database.execute_sql(
            "SELECT r.sku, coalesce(p.name, min(r.name)), min(r.unit), sum(r.quantity),"
            " sum(r.net), sum(r.tax), sum(r.gross)"
            " FROM temp.report_line r LEFT JOIN product p ON p.id = r.product_id"
            " GROUP BY r.product_id, r.sku ORDER BY sum(r.gross) DESC, r.sku").fetchall()
        categories = database.execute_sql(
            "SELECT coalesce(c.name, ?), sum(r.net), sum(r.tax), sum(r.gross)"
            " FROM temp.report_line r LEFT JOIN product p ON p.id = r.product_id"
            " LEFT JOIN category c ON c.id = p.category_id"
            " GROUP BY c.id ORDER BY sum(r.gross) DESC, c.name", (NO_NAME,)).fetchall()
        taxes = database.execute_sql(
            "SELECT tax_code, tax_rate_ppm, sum(net), sum(tax), sum(gross)"
            " FROM temp.report_line GROUP BY tax_rate_ppm, tax_code"
            " ORDER BY tax_rate_ppm DESC, tax_code").fetchall()
        overrides = database.execute_sql(
            "SELECT coalesce(sum(overrides), 0), coalesce(sum(override_amount), 0)"
            " FROM temp.report_line").fetchone()
    finally:
        database.execute_sql("DROP TABLE temp.report_line")
    return LineReport([ProductRow(*r) for r in products], [CategoryRow(*r) for r in categories],
                      [TaxRow(*r) for r in taxes], ExceptionRow("overrides", *overrides))


def payment_report(period: ReportRange) -> PaymentStats:
    """Approval rates and time to pay from the start of the range (see `build_report`)."""
    return payment_stats(period.since_micros, period.until_micros)


def _sum_rows(key: str, rows: list[SalesRow]) -> SalesRow:
    return SalesRow(key, sum(r.orders for r in rows), sum(r.total for r in rows),
                    sum(r.tax for r in rows), sum(r.discount for r in rows))

