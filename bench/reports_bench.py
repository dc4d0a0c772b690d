"""The Reports page's queries over a year of a busy store (the cached 1,000,000 orders).

Each report of `pos.views.sales_report` is timed over the whole year and over its last
30 days, and `build_report` (everything the page reads on a refresh, in one
read transaction) likewise. The baselines are measured in the same run with
raw `sqlite3` over the same rows: one pass over the range's sales in
`orders` for the order-level reports, and one pass over their lines for the
line report, so a ratio is the cost of grouping, not of reading.

`run(results, path)` appends its results; `path` is a big store, by default
the `orders_1m` store that `python -m bench` builds and caches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.harness import Result, measure, result

_BIG = dict(products=20_000, days=365, orders_per_day=2740)  # as bench_history builds it
_SALES = ("o.status IN ('paid', 'shipped', 'completed', 'partially_refunded', 'refunded') "
          "AND o.created_at >= ? AND o.created_at < ?")


def run(results: list[Result], path: Path | None = None) -> None:
    from bench.__main__ import big_store, raw_connection
    from pos.store.db import close_store, open_store
    from pos.views import sales_report

    path = Path(path) if path else big_store("orders_1m", **_BIG)
    open_store(path)
    raw = raw_connection(path)
    try:
        first, last = (dt.datetime.fromtimestamp(us / 1e6).date() for us in raw.execute(
            "SELECT min(created_at), max(created_at) FROM orders").fetchone())
        until = last + dt.timedelta(days=1)
        for label, since, repeat in (("year", first, 5), ("30 days", until - dt.timedelta(30),
                                                          20)):
            period = sales_report.report_range(since, until)
            count = raw.execute(f"SELECT count(*) FROM orders o WHERE {_SALES}",
                                period.params).fetchone()[0]
            what = f"{label} ({count / 1000:,.0f}k sales)"

            def timed(fn, n=repeat, p=period):
                return measure(lambda: fn(p), n, warmup=1)

            def scan_orders(p):
                return raw.execute(f"SELECT count(*), sum(o.total), sum(o.tax) FROM orders o "
                                   f"WHERE {_SALES}", p.params).fetchone()

            def scan_lines(p):
                return raw.execute(f"SELECT sum(l.quantity), sum(l.net), sum(l.gross) "
                                   f"FROM orders o JOIN order_line l ON l.order_id = o.id "
                                   f"WHERE {_SALES}", p.params).fetchone()

            orders_scan = ("raw: one pass over the sales", timed(scan_orders))
            lines_scan = ("raw: one pass over their lines", timed(scan_lines))
            both = ("raw: both passes", timed(lambda p: (scan_orders(p), scan_lines(p))))
            for name, fn, base in (
                    ("by day and hour", sales_report.sales_by_time, orders_scan),
                    ("by cashier", sales_report.sales_by_cashier, orders_scan),
                    ("by tender", sales_report.sales_by_tender, orders_scan),
                    ("refunds, voids", sales_report.refunds_and_voids, orders_scan),
                    ("product/category/tax/override", sales_report.line_report, lines_scan),
                    ("payment stats", sales_report.payment_report, orders_scan)):
                results.append(result(f"(r) {name}, {what}", timed(fn), baseline=base))
            results.append(result(
                f"(r) full refresh, {what}",
                timed(lambda p: sales_report.build_report(p.since, p.until)),
                "off the GUI thread", baseline=both))
    finally:
        raw.close()
        close_store()
