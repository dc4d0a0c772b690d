"""Cold start at 1,000,000 products and 1,000,000 orders: `python -m bench --only start`.

Each run starts `main.py` afresh in its own process, offscreen, through
`bench/start_driver.py`, which signs in as a cashier does and prints the wall
clock at the moments that matter. Two figures:

- process start (just before the process is spawned) to the sign-in on screen
  with the keyboard: interpreter, imports, the store opened and migrated, the
  main window with all its pages built behind the cover;
- the PIN's Enter to the register uncovered with the keyboard in its scan field.

The baseline is the same with a store of ten products and no orders, in the
same run, runs of both alternating so the machine's load falls on each alike.
The big store is the cached 1,000,000 products with 1,000,000 orders added by
bulk SQL (a year of one-line sales with a payment each), cached in bench/.cache.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Result, result

RUNS = 7
ORDERS = 1_000_000
USER, PIN = "Alex", "1111"  # the demo's cashier (pos.demo.data.DEMO_USERS)
DRIVER = Path(__file__).with_name("start_driver.py")


def store_with_orders() -> Path:
    """The cached 1,000,000 products with 1,000,000 orders added, built once."""
    from bench.__main__ import CACHE, big_store

    path = CACHE / "start_1m_journalled.db"
    keys = path.with_name(path.name + ".keys")
    if path.exists() and keys.exists():
        return path
    products = big_store("products_1m", products=1_000_000, days=0)
    print(f"building {path.name} (+{ORDERS:,} orders) ...", file=sys.stderr, flush=True)
    start = time.monotonic()
    tmp = path.with_suffix(".building")
    shutil.copyfile(products, tmp)
    shutil.copy2(products.with_name(products.name + ".keys"), keys)  # private, as it was
    _add_orders(tmp, ORDERS)
    tmp.rename(path)
    print(f"  built in {time.monotonic() - start:.0f} s", file=sys.stderr)
    return path


def _add_orders(path: Path, count: int) -> None:
    """`count` completed one-line cash sales over the past year, in a few statements, each
    with its journal entry: the sign-in reads the journal (its anchor's check), so a
    store's years show there too. The entries are chained and signed with random bytes:
    `pos journal verify` would refuse them, the start never checks signatures."""
    from pos.settings import load_settings
    from pos.store.db import close_store, open_store

    open_store(path)
    settings = load_settings()
    terminal, currency, tax_mode = settings.terminal_id, settings.currency, settings.tax_mode
    close_store()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    year_ago = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=365)).timestamp() * 1e6)
    step = 365 * 86_400 * 1_000_000 // count  # microseconds between sales
    numbers = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
               "WHERE i < :count) ")
    params = {"count": count, "t": terminal, "c": currency, "m": tax_mode, "at": year_ago,
              "step": step}
    conn.execute("BEGIN")
    conn.execute(
        numbers + "INSERT INTO orders (uuid, terminal_id, receipt_no, status, currency, "
        "ship_later, subtotal, discount, tax, total, rounding, paid, refunded, tax_mode, "
        "created_at, paid_at, completed_at, cashier_id, cashier_name) "
        "SELECT printf('start-%08d', i), :t, i, 'completed', :c, 0, 100 + i % 5000, 0, 0, "
        "100 + i % 5000, 0, 100 + i % 5000, 0, :m, :at + i * :step, :at + i * :step, "
        ":at + i * :step, NULL, 'Alex' FROM n", params)
    conn.execute(
        "INSERT INTO order_line (order_id, line_no, product_id, sku, name, unit, quantity, "
        "unit_price, list_price, discount, tax_code, tax_rate_ppm, net, tax, gross, "
        "refunded_quantity) SELECT o.id, 1, p.id, p.sku, p.name, 'each', 1, o.total, o.total, "
        "0, 'standard', 0, o.total, 0, o.total, 0 FROM orders o "
        "JOIN product p ON p.id = 1 + o.id % 1000000")
    conn.execute(
        "INSERT INTO payment (order_id, tender, status, amount, fee, net, tendered, change, "
        "created_at, updated_at) SELECT id, 'cash', 'approved', total, 0, total, total, 0, "
        "created_at, created_at FROM orders")
    conn.execute("INSERT INTO receipt_counter (terminal_id, last_no) VALUES (:t, :count) "
                 "ON CONFLICT (terminal_id) DO UPDATE SET last_no = :count", params)
    conn.execute(
        "INSERT INTO journal_entry (seq, at, kind, user_id, data, prev_hash, hash, signature, "
        "key_id) SELECT h.seq + o.id, o.created_at, 'sale', NULL, json_object('order_id', "
        "o.id, 'receipt_no', o.receipt_no, 'total', o.total, 'tax', 0, 'currency', :c, "
        "'lines', 1), randomblob(32), randomblob(32), randomblob(64), h.key_id "
        "FROM orders o, journal_head h WHERE o.uuid LIKE 'start-%'", params)
    conn.execute("UPDATE journal_head SET (seq, hash, signature) = (SELECT seq, hash, "
                 "signature FROM journal_entry ORDER BY seq DESC LIMIT 1)")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def empty_store(folder: Path) -> Path:
    """The baseline: a new demo store with ten products and no sales."""
    from pos.demo.data import create_demo
    from pos.store.db import close_store, open_store

    path = folder / "empty.db"
    open_store(path)
    create_demo(products=10, days=0)
    close_store()
    return path


def start_once(store: Path) -> tuple[float, float]:
    """Seconds from spawning `main.py` to the sign-in, and from the PIN's Enter to the
    register ready to scan."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed till runs compiled modules (the bundle holds them; a source checkout
    # writes them at its first start); a shell that forbids them would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    spawned = time.time()
    out = subprocess.run([sys.executable, str(DRIVER), "--db", str(store), "--user", USER,
                          "--pin", PIN], env=env, capture_output=True, text=True, timeout=300)
    stamps = dict(line.split() for line in out.stdout.splitlines()
                  if line.split()[:1] in (["signin"], ["pin"], ["ready"]))
    if out.returncode != 0 or len(stamps) != 3:
        raise RuntimeError(f"main.py did not reach the register (exit {out.returncode}): "
                           f"{out.stdout[-500:]} {out.stderr[-2000:]}")
    return float(stamps["signin"]) - spawned, float(stamps["ready"]) - float(stamps["pin"])


def run(results: list[Result], runs: int = RUNS) -> None:
    big = store_with_orders()
    with tempfile.TemporaryDirectory() as tmp:
        empty = empty_store(Path(tmp))
        start_once(big)  # the first run reads the file into the page cache, compiles
        measured: dict[Path, list[tuple[float, float]]] = {big: [], empty: []}
        for _ in range(runs):
            for store in (big, empty):
                measured[store].append(start_once(store))
    for n, what in enumerate(("process start to sign-in on screen",
                              "sign-in (PIN Enter) to register ready")):
        samples = [s[n] * 1000 for s in measured[big]]
        base = [s[n] * 1000 for s in measured[empty]]
        out = result(f"(s) {what}, 1M products + 1M orders", samples, "< 1.5 s",
                     baseline=("the same, empty store", base))
        out.name += f" (median of {runs}; p99 column: worst)"
        out.p99 = round(max(samples), 1)
        results.append(out)
