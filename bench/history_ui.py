"""The Order history window at 1,000,000 orders: how fast the table opens and scrolls.

The history page builds its `OrderTableModel` when the main window opens, so
the model's first page is time a cashier waits for. These figures time the
model as the window uses it (keyset page of 100 rows, then the page's tenders,
item counts and customer names in one query each, then the cell text in the
store's formats), against raw `sqlite3` running the same four queries in the
same run, so the ratio is the cost of peewee, the model and the formatting.

`run(results, path)` appends its results; `path` is a big store, by default
the `orders_1m` store that `python -m bench` builds and caches.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.harness import Result, measure, result

PAGE = 100
_BIG = dict(products=20_000, days=365, orders_per_day=2740)  # as bench_history builds it


def run(results: list[Result], path: Path | None = None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from bench.__main__ import big_store, raw_connection
    from pos.settings import load_settings
    from pos.store.db import close_store, open_store
    from ui.history.order_table_model import OrderTableModel

    path = Path(path) if path else big_store("orders_1m", **_BIG)
    _app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt needs one alive
    open_store(path)
    try:
        locale = load_settings().locale
        raw = raw_connection(path)
        count = raw.execute("SELECT count(*) FROM orders").fetchone()[0]
        size = f"{count / 1e6:.1f}M" if count >= 1e6 else f"{count:,}"

        opened = measure(lambda: OrderTableModel(locale, page_size=PAGE), 200)
        results.append(result(
            f"(e) history model + first page ({PAGE} rows), {size} orders", opened,
            "p99 < 50 ms", baseline=("raw sqlite3 same 4 queries", measure(
                lambda: _raw_page(raw, None), 200))))

        model = OrderTableModel(locale, page_size=PAGE)

        def fetch_more() -> None:
            if not model.canFetchMore(QModelIndex()) or model.rowCount() >= 50 * PAGE:
                model.reload()
            model.fetchMore(QModelIndex())

        cursor = [None]

        def raw_next() -> None:
            cursor[0] = _raw_page(raw, cursor[0])

        results.append(result(
            f"(e) history fetchMore (next {PAGE} rows), {size} orders", measure(fetch_more, 200),
            "p99 < 50 ms", baseline=("raw sqlite3 same 4 queries", measure(raw_next, 200))))
        raw.close()
    finally:
        close_store()


def _raw_page(raw, after: tuple[int, int] | None) -> tuple[int, int] | None:
    """The model's page with plain sqlite3: orders by keyset, then tenders, item counts and
    customer names of the page; returns the next keyset position."""
    if after is None:
        cur = raw.execute("SELECT * FROM orders ORDER BY created_at DESC, id DESC LIMIT ?",
                          (PAGE,))
    else:
        cur = raw.execute("SELECT * FROM orders WHERE (created_at, id) < (?, ?) "
                          "ORDER BY created_at DESC, id DESC LIMIT ?", (*after, PAGE))
    rows = cur.fetchall()
    if not rows:
        return None
    column = {d[0]: n for n, d in enumerate(cur.description)}
    ids = [r[column["id"]] for r in rows]
    marks = ",".join("?" * len(ids))
    raw.execute(f"SELECT order_id, tender FROM payment WHERE order_id IN ({marks}) "
                "ORDER BY id", ids).fetchall()
    raw.execute("SELECT order_id, SUM(CASE WHEN unit = 'weight' THEN 1 ELSE quantity END) "
                f"FROM order_line WHERE order_id IN ({marks}) GROUP BY order_id", ids).fetchall()
    customers = sorted({r[column["customer_id"]] for r in rows} - {None})
    if customers:
        raw.execute(f"SELECT id, name FROM customer WHERE id IN "
                    f"({','.join('?' * len(customers))})", customers).fetchall()
    return rows[-1][column["created_at"]], rows[-1][column["id"]]
