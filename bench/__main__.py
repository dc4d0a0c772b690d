"""`python -m bench [--json FILE] [--only NAME] [--rebuild]`: the core's figures at scale.

The big stores (1,000,000 products; 1,000,000 orders) are built once with the
demo generator into bench/.cache and reused; writing benchmarks use fresh
stores in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Result, measure, print_table, result, write_json

CACHE = Path(__file__).parent / ".cache"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform()}


def big_store(name: str, **demo) -> Path:
    """A demo store built once and cached; rebuilt when missing."""
    from pos.demo.data import create_demo
    from pos.store.db import close_store, open_store

    path = CACHE / f"{name}.db"
    if not path.exists() or not path.with_name(path.name + ".keys").exists():
        CACHE.mkdir(exist_ok=True)
        tmp = path.with_suffix(".building")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        print(f"building {path.name} ({demo}) ...", file=sys.stderr, flush=True)
        start = time.monotonic()
        open_store(tmp)
        create_demo(**demo)
        close_store()
        sqlite3.connect(tmp).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        tmp.rename(path)
        keys = tmp.with_name(tmp.name + ".keys")  # its data key (pos.store.secrets): sign-in,
        keys.rename(path.with_name(path.name + ".keys"))  # the journal and the gateway need it
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        print(f"  built in {time.monotonic() - start:.0f} s", file=sys.stderr)
    return path


def raw_connection(path: Path) -> sqlite3.Connection:
    from pos.store.db import PRAGMAS

    conn = sqlite3.connect(path, isolation_level=None)
    for key, value in PRAGMAS.items():
        conn.execute(f"PRAGMA {key} = {value}")
    return conn


# --- (a) scan → cart → totals, (a2) name search, at 1,000,000 products -------------

def bench_catalogue(results: list[Result]) -> None:
    from pos.catalogue.products import find_by_code, search_products
    from pos.sales.cart import Cart
    from pos.sales.register_items import item_for
    from pos.settings import load_settings
    from pos.store.db import close_store, open_store

    path = big_store("products_1m", products=1_000_000, days=0)
    open_store(path)
    settings = load_settings()
    raw = raw_connection(path)
    rng = random.Random(7)
    top = raw.execute("SELECT max(rowid) FROM barcode").fetchone()[0]
    codes = [raw.execute("SELECT code FROM barcode WHERE rowid >= ? LIMIT 1",
                         (rng.randint(1, top),)).fetchone()[0] for _ in range(2000)]
    it = iter(codes * 2)
    cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)

    def scan_add_totals():
        if len(cart.lines) >= 10:
            cart.clear()
        found = find_by_code(next(it), settings.variable_barcodes)
        cart.add(item_for(found.product), 1)
        cart.totals()

    it_raw = iter(codes * 2)

    def raw_lookup():
        raw.execute("SELECT p.* FROM barcode b JOIN product p ON p.id = b.product_id "
                    "WHERE b.code = ?", (next(it_raw),)).fetchone()

    base = measure(raw_lookup, 1000)
    results.append(result("(a) scan + add to cart + totals, 1M products",
                          measure(scan_add_totals, 1000), "p99 < 1 ms",
                          baseline=("raw sqlite3 barcode lookup", base)))

    queries = ["milk", "牛奶", "choc", "organic whole", "creme", "apple", "有机", "tea",
               "juice 1l", "zzzq", "b", "蛋糕", "yogurt", "rice", "soap"]
    qi = iter(queries * 200)
    samples = measure(lambda: search_products(next(qi), limit=20), 600)
    qr = iter(queries * 40)

    def naive_like():
        raw.execute("SELECT id FROM product WHERE name LIKE ? LIMIT 20",
                    (f"%{next(qr)}%",)).fetchall()

    results.append(result("(a2) name search, first 20, 1M products", samples, "p99 < 20 ms",
                          baseline=("naive LIKE '%q%' scan", measure(naive_like, 60, 1))))
    raw.close()
    close_store()


# --- (b) completing a 5-line cash sale -------------------------------------------

def bench_sale(results: list[Result], tmp: Path) -> None:
    from pos.demo.data import create_demo, demo_cashier
    from pos.money import Money
    from pos.sales.cart import Cart
    from pos.sales.orders import Tender, complete_sale
    from pos.sales.register_items import item_for
    from pos.settings import load_settings
    from pos.store.db import close_store, open_store
    from pos.store.models import Product

    path = tmp / "sale.db"
    open_store(path)
    create_demo(products=200, days=0)
    settings = load_settings()
    cashier = demo_cashier("B1")  # signed in: the sale checks rights and writes the journal
    items = [item_for(p) for p in Product.select().where(Product.unit == "each").limit(50)]
    rng = random.Random(3)
    carts = []  # rung up before the clock starts: only the completing is timed
    for _ in range(303):
        cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
        for item in rng.sample(items, 5):
            cart.add(item, rng.randint(1, 3))
        carts.append(cart)
    queue = iter(carts)

    def sale():
        cart = next(queue)
        cash = Money(cart.totals().total.minor + 1000, cart.currency)
        complete_sale(cart, "B1", [Tender("cash", cash)], actor=cashier)

    samples = measure(sale, 300)
    close_store()

    raw_path = tmp / "raw.db"
    open_store(raw_path)  # same schema and triggers
    close_store()
    raw = raw_connection(raw_path)
    counter = iter(range(1, 10**9))

    def raw_sale():
        n = next(counter)
        raw.execute("BEGIN IMMEDIATE")
        order_id = raw.execute(
            "INSERT INTO orders (uuid, terminal_id, status, currency, ship_later, subtotal, "
            "discount, tax, total, rounding, paid, refunded, tax_mode, created_at) "
            "VALUES (?, 'B1', 'pending_payment', 'USD', 0, 1000, 0, 80, 1080, 0, 0, 0, "
            "'exclusive', ?)", (f"u{n}", n)).lastrowid
        raw.executemany(
            "INSERT INTO order_line (order_id, line_no, product_id, sku, name, unit, quantity, "
            "unit_price, list_price, discount, tax_code, tax_rate_ppm, net, tax, gross, "
            "refunded_quantity) VALUES (?, ?, NULL, 'S', 'Name', 'each', 1, 200, 200, 0, "
            "'standard', 80000, 200, 16, 216, 0)", [(order_id, i) for i in range(1, 6)])
        raw.execute("INSERT INTO order_event (order_id, at, to_status) VALUES (?, ?, "
                    "'pending_payment')", (order_id, n))
        raw.execute("INSERT INTO payment (order_id, tender, status, amount, fee, net, tendered, "
                    "change, created_at, updated_at) VALUES (?, 'cash', 'approved', 1080, 0, "
                    "1080, 2000, 920, ?, ?)", (order_id, n, n))
        no = raw.execute("INSERT INTO receipt_counter (terminal_id, last_no) VALUES ('B1', 1) "
                         "ON CONFLICT (terminal_id) DO UPDATE SET last_no = last_no + 1 "
                         "RETURNING last_no").fetchone()[0]
        for status in ("paid", "completed"):
            raw.execute("INSERT INTO order_event (order_id, at, to_status) VALUES (?, ?, ?)",
                        (order_id, n, status))
        raw.execute("UPDATE orders SET status = 'completed', receipt_no = ?, paid = 1080, "
                    "paid_at = ?, completed_at = ? WHERE id = ?", (no, n, n, order_id))
        raw.execute("COMMIT")

    base = measure(raw_sale, 300)
    raw.close()
    results.append(result("(b) complete a 5-line cash sale (one transaction)", samples,
                          "p99 < 10 ms, < 3x raw", baseline=("raw sqlite3 same inserts", base)))


# --- (c) order history at 1,000,000 orders ---------------------------------------

def bench_history(results: list[Result]) -> None:
    from pos.sales.orders import OrderFilter, find_order, list_orders
    from pos.store.db import close_store, open_store

    path = big_store("orders_1m", products=20_000, days=365, orders_per_day=2740)
    open_store(path)
    raw = raw_connection(path)
    samples = measure(lambda: list_orders(OrderFilter(), limit=50), 300)
    base = measure(lambda: raw.execute(
        "SELECT * FROM orders ORDER BY created_at DESC, id DESC LIMIT 50").fetchall(), 300)
    results.append(result("(c) history first page (50 rows), 1M orders", samples, "< 20 ms",
                          baseline=("raw sqlite3 same query", base)))
    top = raw.execute("SELECT max(receipt_no) FROM orders WHERE terminal_id = 'T1'").fetchone()[0]
    rng = random.Random(5)
    samples = measure(lambda: find_order(f"T1-{rng.randint(1, top)}"), 1000)
    base = measure(lambda: raw.execute(
        "SELECT * FROM orders WHERE terminal_id = 'T1' AND receipt_no = ? LIMIT 2",
        (rng.randint(1, top),)).fetchall(), 1000)
    results.append(result("(c) lookup by receipt number, 1M orders", samples, "< 2 ms",
                          baseline=("raw sqlite3 same query", base)))
    raw.close()
    close_store()


# --- (d) importing 100,000 CSV rows ----------------------------------------------

def bench_import(results: list[Result], tmp: Path) -> None:
    import csv

    from pos.catalogue.csvio import import_products
    from pos.catalogue.products import ensure_tax_class
    from pos.settings import save_settings
    from pos.store.db import close_store, open_store

    path = tmp / "import.csv"
    rng = random.Random(11)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["sku", "name", "price", "tax_class", "category", "unit", "barcodes",
                         "active", "stock"])
        for n in range(100_000):
            writer.writerow([f"IMP{n:06d}", f"Imported item {n} 商品{n}",
                             f"{rng.randint(50, 99999) / 100:.2f}", "standard",
                             f"Category {n % 40}", "each", "", "1", rng.randint(0, 500)])
    times = []
    for run in range(2):
        open_store(tmp / f"import{run}.db")
        save_settings(currency="USD")
        ensure_tax_class("standard", "Standard", 80_000)
        start = time.perf_counter()
        report = import_products(path)
        times.append(time.perf_counter() - start)
        assert report.created == 100_000
        close_store()
    results.append(result("(d) import 100,000 CSV rows", times, "< 20 s", unit="s"))


GROUPS = ["catalogue", "sale", "history", "import", "ui", "reports", "payments", "journal",
          "start", "hq"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--only", action="append",
                        choices=GROUPS)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached big stores")
    args = parser.parse_args(argv)
    if args.rebuild:
        for old in CACHE.glob("*.db*"):
            old.unlink()
    chosen = set(args.only or GROUPS)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        if "catalogue" in chosen:
            bench_catalogue(results)
        if "sale" in chosen:
            bench_sale(results, Path(tmp))
        if "history" in chosen:
            bench_history(results)
        if "import" in chosen:
            bench_import(results, Path(tmp))
        if "ui" in chosen:
            from bench import history_ui, register_ui

            register_ui.run(results)
            history_ui.run(results)
        if "payments" in chosen:
            from bench import payments_ui

            payments_ui.run(results)
        if "journal" in chosen:
            from bench import journal_bench

            journal_bench.run(results)
        if "reports" in chosen:
            from bench import reports_bench

            reports_bench.run(results)
        if "start" in chosen:
            from bench import cold_start

            cold_start.run(results)
        if "hq" in chosen:
            from bench import hq_bench

            hq_bench.run(results)
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"SQLite {info['sqlite']}")
    print_table(results)
    if args.json:
        write_json(args.json, results, info)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
