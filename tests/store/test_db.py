"""The store file: pragmas, migrations from the first schema, refusing what it cannot read."""

from __future__ import annotations

import sqlite3
import threading

import peewee
import pytest

from pos.errors import StoreError
from pos.store import migrations
from pos.store.db import close_store, database, open_store
from pos.store.models import Product


def test_pragmas_money_needs(store):
    def pragma(name):
        return database.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("busy_timeout") == 5000
    assert pragma("mmap_size") == 0


def test_a_thread_that_never_connected_cannot_touch_the_store(store):
    errors = []

    def worker():
        try:
            Product.select().count()
        except peewee.InterfaceError as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors, "a worker thread must not get a connection silently"


def test_migrating_a_populated_first_schema_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    open_store(path, migrate=False)
    assert migrations.migrate(database, target=1) == 1
    rows = {
        "tax_class": "INSERT INTO tax_class (id, code, name, rate_ppm) VALUES (1,'std','S',80000)",
        "category": "INSERT INTO category (id, name) VALUES (1, 'Dairy')",
        "product": ("INSERT INTO product (id, sku, name, name_key, price, tax_class_id, "
                    "category_id, unit, active, stock, updated_at) VALUES "
                    "(1,'M1','Fresh Milk 牛奶','fresh milk 牛 奶',349,1,1,'each',1,5,0),"
                    "(2,'B1','Crème brûlée','creme brulee',525,1,NULL,'each',1,1,0)"),
        "barcode": "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1)",
        "orders": ("INSERT INTO orders (id, uuid, terminal_id, receipt_no, status, currency, "
                   "ship_later, subtotal, discount, tax, total, rounding, paid, refunded, "
                   "tax_mode, created_at) VALUES (1,'u-1','T1',1,'completed','USD',0,349,0,"
                   "28,377,0,377,0,'exclusive',1)"),
        "order_line": ("INSERT INTO order_line (order_id, line_no, product_id, sku, name, unit, "
                       "quantity, unit_price, list_price, discount, tax_code, tax_rate_ppm, "
                       "net, tax, gross, refunded_quantity) VALUES "
                       "(1,1,1,'M1','Fresh Milk','each',1,349,349,0,'std',80000,349,28,377,0)"),
    }
    for statement in rows.values():
        database.execute_sql(statement)
    columns = {t: [c.name for c in database.get_columns(t)] for t in rows}

    def snapshot():  # the columns version 1 had; later migrations may add more
        return {t: database.execute_sql(
            f'SELECT {", ".join(columns[t])} FROM "{t}" ORDER BY 1').fetchall() for t in rows}

    before = snapshot()
    close_store()

    open_store(path)  # start-up migrates to the latest schema
    assert migrations.current_version(database) == migrations.LATEST
    assert snapshot() == before
    from pos.catalogue.products import search_products

    assert [p.sku for p in search_products("milk")] == ["M1"]  # index backfilled
    assert [p.sku for p in search_products("rulee")] == ["B1"]
    close_store()


def test_a_store_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path)
    database.execute_sql("INSERT INTO schema_version VALUES (?, 'future', 'now')",
                         (migrations.LATEST + 1,))
    close_store()
    with pytest.raises(StoreError, match="newer version of the program"):
        open_store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(StoreError, match="not a store database"):
        open_store(path)
    assert database.is_closed()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_migration_files_split_triggers_whole():
    statements = migrations.split_statements(
        "-- c\nCREATE TABLE t (x);\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n"
        "  SELECT 1; SELECT 2;\nEND;\n")
    assert len(statements) == 2 and statements[1].endswith("END;")
    assert all(sqlite3.complete_statement(s) for s in statements)


def test_customers_get_their_own_ids_and_an_enrolled_till_sends_them_again(tmp_path):
    """Migration 0011: each customer an id of its own; a till already enrolled at head
    office queues every customer, so head office gets them with their ids."""
    path = tmp_path / "old.db"
    open_store(path, migrate=False)
    migrations.migrate(database, target=10)
    database.execute_sql("INSERT INTO sync_state (id, url, store_id, terminal_id, enrolled_at) "
                         "VALUES (1, 'https://hq.example', 's1', 'T1', 0)")
    for name in ("Ann", "Bo", "Cy"):
        database.execute_sql("INSERT INTO customer (name, name_key, created_at) "
                             "VALUES (?, ?, 42)", (name, name.lower()))
    database.execute_sql("DELETE FROM outbox")  # as if sent before the upgrade
    close_store()
    open_store(path)
    ids = database.execute_sql("SELECT uuid, updated_at FROM customer").fetchall()
    assert len({uuid for uuid, _ in ids}) == 3 and all(len(u) == 32 for u, _ in ids)
    assert {at for _, at in ids} == {42}
    assert database.execute_sql("SELECT kind, ref FROM outbox ORDER BY seq").fetchall() == [
        ("customer", 1), ("customer", 2), ("customer", 3)]
    close_store()
