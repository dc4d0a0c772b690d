"""Head office end to end (issue 14), on a real PostgreSQL and a real server on loopback:
two tills enroll, sell while head office is down, sync when it is back, and head office's
sales by terminal equal each till's own figures; nothing is applied twice."""

from __future__ import annotations

import json

import peewee
import psycopg
import pytest

from pos.catalogue.products import ProductInput, ensure_tax_class, save_product
from pos.errors import PosError
from pos.hq import admin, report
from pos.hq.ingest import Batch, BatchRefused, apply_batch
from pos.money import Money
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale, refund
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.store import journal
from pos.store.db import database
from pos.store.models import Product
from pos.sync import outbox, service
from pos.sync.client import HqRefused, HqUnreachable
from pos.tax import TaxMode, TaxRounding
from pos.views.sales_report import SALE_STATUSES
from tests.hq.conftest import Till


def till_totals() -> dict:
    """The open till's own figures, straight from its file: what head office must show."""
    statuses = ", ".join(f"'{s}'" for s in SALE_STATUSES)
    orders, total, tax = database.execute_sql(
        f"SELECT count(*), coalesce(sum(total), 0), coalesce(sum(tax), 0) FROM orders "
        f"WHERE status IN ({statuses})").fetchone()
    refunds = database.execute_sql("SELECT coalesce(sum(amount), 0) FROM refund").fetchone()[0]
    return {"orders": orders, "total": total, "tax": tax, "refunds": refunds}


def test_two_tills_sell_offline_then_sync_and_head_office_adds_up(
        tmp_path, monkeypatch, hq_dsn, hq_conn, chain):
    from tests.hq.conftest import ServerThread

    store_id, codes = chain
    tills = {t: Till(tmp_path / t / "store.db", monkeypatch) for t in codes}
    expected = {}
    with ServerThread(hq_dsn) as server:
        for terminal, till in tills.items():
            (tmp_path / terminal).mkdir()
            with till:
                till.stock()
                link = service.enroll(server.url, codes[terminal])
                assert (link.terminal_id, load_settings().terminal_id) == (terminal, terminal)
                assert load_settings().store_name == "Main Street"
    # head office is down: both tills go on selling
    for terminal, till in tills.items():
        with till:
            for quantity in range(1, 6):
                till.sell("TEA", quantity, "card" if quantity % 2 else "cash")
            sale = till.sell("CAKE", 3)
            refund(sale, {sale.lines[0].id: 1}, reason="broken")
            with pytest.raises(HqUnreachable):
                service.sync_round()
            link = service.state()
            assert link.waiting > 0 and link.offline_since is not None
            expected[f"Main Street/{terminal}"] = till_totals()
    # head office is back, on another port (a test server's): the tills are told so
    with ServerThread(hq_dsn) as server:
        for till in tills.values():
            with till:
                database.execute_sql("UPDATE sync_state SET url = ?", (server.url,))
                result = service.sync_round()
                assert result.waiting == 0 and result.records > 0
                assert service.state().offline_since is None
    rows = {row["key"]: row for row in report.sales(hq_conn, "terminal")}
    for key, figures in expected.items():
        assert {k: rows[key][k] for k in figures} == figures
    terminals = {row["terminal"]: row for row in admin.list_terminals(hq_conn)}
    for terminal, till in tills.items():
        with till:
            assert terminals[terminal]["journal_seq"] == journal.head()[0] > 0
            assert terminals[terminal]["waiting"] == 0


def test_a_batch_is_applied_once_whatever_is_resent(tmp_path, monkeypatch, hq_server, hq_conn,
                                                      chain):
    store_id, codes = chain
    till = Till(tmp_path / "store.db", monkeypatch)
    with till:
        till.stock()
        service.enroll(hq_server.url, codes["T1"])
        till.sell("TEA", 2)
        batch = outbox.next_batch(0)
        client = service.client_for(service.state())
        content = {"first": batch.first, "last": batch.last, "records": batch.records}
        first = client.post("/v1/outbox", content, key="k1")
        # the answer was lost: the same batch again, and a longer one overlapping it
        again = client.post("/v1/outbox", content, key="k1")
        assert first == again == {"acked_seq": batch.last}
        till.sell("CAKE", 1)
        longer = outbox.next_batch(0)
        assert longer.first == batch.first and longer.last > batch.last
        assert service.sync_round().waiting == 0
    count = hq_conn.execute("SELECT count(*), sum(total) FROM sale").fetchone()
    with till:
        assert count == (2, till_totals()["total"])


def test_a_gap_is_refused_and_a_foreign_sale_is_not_overwritten(hq_conn, chain):
    store_id, codes = chain
    for terminal in ("T1", "T2"):
        hq_conn.execute("UPDATE terminal SET secret = 'x', enrolled_at = now() "
                        "WHERE terminal_id = %s", (terminal,))
    with pytest.raises(BatchRefused) as gap:
        apply_batch(hq_conn, store_id, "T1", Batch(5, 6, []))
    assert (gap.value.code, gap.value.acked_seq) == ("gap", 0)
    order = {"id": 1, "uuid": "u-1", "receipt_no": 1, "status": "completed", "currency": "USD",
             "subtotal": 100, "discount": 0, "tax": 8, "total": 108, "rounding": 0,
             "paid": 108, "refunded": 0, "created_at": 1_700_000_000_000_000,
             "lines": [], "payments": [], "refunds": []}
    assert apply_batch(hq_conn, store_id, "T1", Batch(1, 1, [{"kind": "order",
                                                              "doc": order}])) == 1
    with pytest.raises(BatchRefused) as foreign:
        apply_batch(hq_conn, store_id, "T2", Batch(1, 1, [{"kind": "order",
                                                           "doc": {**order, "total": 1}}]))
    assert foreign.value.code == "not_yours"
    assert hq_conn.execute("SELECT total, terminal_id FROM sale").fetchone() == (108, "T1")


def test_enrollment_codes_are_one_time_and_a_revoked_terminal_is_refused(
        tmp_path, monkeypatch, hq_server, hq_conn, chain):
    store_id, codes = chain
    till = Till(tmp_path / "store.db", monkeypatch)
    with till:
        till.stock()
        with pytest.raises(HqRefused, match="not valid"):
            wrong_last = "Z" if codes["T1"][-1] != "Z" else "Y"  # a code may end in Z
            service.enroll(hq_server.url, codes["T1"][:-1] + wrong_last)
        service.enroll(hq_server.url, codes["T1"])
        till.sell("TEA", 1)
        admin.revoke_terminal(hq_conn, store_id, "T1")
        with pytest.raises(HqRefused, match="not enrolled") as refused:
            service.sync_round()
        assert refused.value.code == "revoked"
        assert service.state().waiting > 0  # nothing is lost: it waits for a new enrollment
    other = Till(tmp_path / "other.db", monkeypatch)
    with other, pytest.raises(HqRefused, match="not valid"):  # the code was used
        service.enroll(hq_server.url, codes["T1"])


def test_a_forged_journal_entry_is_refused(tmp_path, monkeypatch, hq_server, hq_conn, chain):
    store_id, codes = chain
    till = Till(tmp_path / "store.db", monkeypatch)
    with till:
        till.stock()
        service.enroll(hq_server.url, codes["T1"])
        till.sell("TEA", 1)
        batch = outbox.next_batch(0)
        entry = next(r for r in batch.records if r["kind"] == "journal")
        entry["doc"]["data"] = entry["doc"]["data"].replace("}", ',"x":1}', 1)
        client = service.client_for(service.state())
        with pytest.raises(HqRefused) as refused:
            client.post("/v1/outbox", {"first": batch.first, "last": batch.last,
                                       "records": batch.records})
        assert refused.value.code == "journal_forged"
        assert hq_conn.execute("SELECT count(*) FROM sale").fetchone()[0] == 0  # all or none


def test_an_unsigned_or_tampered_request_is_refused(tmp_path, monkeypatch, hq_server, chain):
    import requests

    _, codes = chain
    till = Till(tmp_path / "store.db", monkeypatch)
    with till:
        till.stock()
        service.enroll(hq_server.url, codes["T1"])
        link = service.state()
    body = json.dumps({"first": 1, "last": 1, "records": []})
    answer = requests.post(hq_server.url + "/v1/outbox", data=body, timeout=10, headers={
        "X-Pos-Store": link.store_id, "X-Pos-Terminal": link.terminal_id})
    assert answer.status_code == 401 and answer.json()["code"] == "bad_signature"


def test_the_till_outbox_is_written_by_triggers_only_once_enrolled(store, catalogue):
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item_for(catalogue["milk"]), 1)
    complete_sale(cart, "T1", [Tender("cash", cart.totals().total,
                                      tendered=cart.totals().total)])
    assert outbox.waiting() == 0  # a till that stands alone queues nothing
    database.execute_sql("INSERT INTO sync_state (id, url, store_id, terminal_id, enrolled_at) "
                         "VALUES (1, 'http://127.0.0.1:1', 's', 'T1', 0)")
    complete_sale(cart, "T1", [Tender("cash", cart.totals().total,
                                      tendered=cart.totals().total)])
    kinds = {kind for (kind,) in database.execute_sql("SELECT kind FROM outbox")}
    assert kinds == {"order", "journal"}  # a sale is always journalled
    with pytest.raises(peewee.IntegrityError):
        database.execute_sql("INSERT INTO outbox (kind, ref) VALUES ('nonsense', 1)")


def test_head_office_refuses_a_newer_schema(hq_dsn):
    from pos.hq.database import LATEST, migrate

    with psycopg.connect(hq_dsn) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (LATEST + 1,))
    with pytest.raises(PosError, match="newer version"):
        migrate(hq_dsn)


def test_a_till_with_sales_in_another_currency_is_refused_before_the_code_is_used(
        tmp_path, monkeypatch, hq_server, hq_conn, chain):
    store_id, codes = chain
    eur = Till(tmp_path / "eur.db", monkeypatch)
    with eur:
        from pos.settings import save_settings

        save_settings(currency="EUR")
        ensure_tax_class("standard", "Standard", 80_000)
        eur.products = {"TEA": save_product(ProductInput("TEA", "Tea", Money(450, "EUR"),
                                                         "standard"))}
        cart = Cart("EUR", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item_for(Product.get_by_id(eur.products["TEA"].id)), 1)
        complete_sale(cart, "T9", [Tender("cash", cart.totals().total,
                                          tendered=cart.totals().total)])
        with pytest.raises(HqRefused, match="sales in EUR") as refused:
            service.enroll(hq_server.url, codes["T1"])
        assert refused.value.code == "currency_mismatch" and service.state() is None
    usd = Till(tmp_path / "usd.db", monkeypatch)
    with usd:
        usd.stock()
        assert service.enroll(hq_server.url, codes["T1"]).terminal_id == "T1"  # still valid


def test_the_openapi_document_in_docs_is_the_one_served():
    """docs/hq-openapi.json is what the server serves at /openapi.json; regenerate it with
    the command in docs/HEAD_OFFICE.md when the API changes."""
    from pathlib import Path

    from pos.hq.api import create_app

    kept = json.loads((Path(__file__).parents[2] / "docs" / "hq-openapi.json").read_text())
    assert kept == create_app("postgresql://unused").openapi()


def test_catalogue_and_staff_flow_down_to_the_till(tmp_path, monkeypatch, hq_server, hq_conn,
                                                   chain):
    """Head office's products, prices and staff reach the till at its next round; the till
    keeps only its own stock; disabled at head office is disabled at the till."""
    from pos.catalogue.products import find_by_code
    from pos.hq import catalogue
    from pos.staff import users

    store_id, codes = chain
    csv = tmp_path / "products.csv"
    csv.write_text("sku,name,price,tax_class,category,unit,barcodes\n"
                   "TEA,Green Tea 绿茶,4.50,standard,Drinks,each,4006381333931\n"
                   "APPLE,Apples,3.98,reduced,Produce,weight,\n", encoding="utf-8")
    assert catalogue.import_products(hq_conn, store_id, csv) == (2, 0)
    catalogue.add_user(hq_conn, "Mona", "manager", pin="1357",
                       params=users.ScryptParams(n=2 ** 10))
    till = Till(tmp_path / "store.db", monkeypatch)
    with till:
        service.enroll(hq_server.url, codes["T1"])
        result = service.sync_round()
        assert result.received >= 5 and result.waiting == 0  # tax classes, products, a user
        tea = Product.get(Product.sku == "TEA")
        assert (tea.price, tea.name) == (450, "Green Tea 绿茶")
        assert find_by_code("4006381333931").product.sku == "TEA"
        Product.update(stock=7).where(Product.id == tea.id).execute()
        mona = users.authenticate("Mona", "1357")
        assert mona.role == "manager"
    catalogue.set_price(hq_conn, store_id, "TEA", 475)
    catalogue.set_user_disabled(hq_conn, "Mona", True)
    with till:
        assert service.sync_round().received == 2
        tea = Product.get(Product.sku == "TEA")
        assert (tea.price, tea.stock) == (475, 7)
        assert users.find_user("Mona").disabled
        kinds = [kind for (kind,) in database.execute_sql(
            "SELECT kind FROM journal_entry ORDER BY seq")]
        assert kinds.count("user_add") == 1 and kinds[-1] == "user_disable"
        assert journal.verify().ok
        assert service.sync_round().received == 0  # nothing new: nothing applied twice
