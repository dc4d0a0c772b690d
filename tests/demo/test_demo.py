"""The demo store: a real SQLite file filled by `create_demo`, checked row by row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from pos.barcodes import check_digit, is_gs1
from pos.catalogue.products import find_by_code, search_products
from pos.catalogue.textkey import fold
from pos.demo.data import DEMO_USERS, create_demo, demo_cashier
from pos.errors import InputError
from pos.sales.cart import Cart
from pos.sales.order_states import Status, can_move
from pos.sales.orders import Tender, complete_sale, refund
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store import db, journal
from pos.store.models import (
    Barcode,
    Customer,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Product,
    ReceiptCounter,
    Refund,
    RefundLine,
    TaxClass,
)


@pytest.fixture
def store(tmp_path):
    db.open_store(tmp_path / "s.db")
    yield tmp_path / "s.db"
    db.close_store()


@pytest.fixture
def demo(store):
    return create_demo(products=300, days=3)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_counts_settings_and_catalogue(demo):
    assert (demo.products, demo.customers) == (300, 50)
    assert Product.select().count() == 300 and Customer.select().count() == 50
    assert Order.select().count() == demo.orders > 60
    assert Refund.select().count() == demo.refunds >= 1
    settings = load_settings()
    assert (settings.store_name, settings.currency, settings.locale, settings.tax_mode) == (
        "Demo Store", "USD", "en_US", "exclusive")
    assert {t.code: t.rate_ppm for t in TaxClass.select()} == {
        "standard": 88_750, "reduced": 40_000, "zero": 0}
    products = list(Product.select())
    assert len({p.sku for p in products}) == len({p.name for p in products}) == 300
    assert all(_has_cjk(p.name) and p.name_key == fold(p.name) for p in products)
    assert all(p.price > 0 and p.stock >= 0 and p.category_id for p in products)
    assert {p.tax_class.code for p in products} == {"standard", "reduced", "zero"}
    codes = {b.product_id: b.code for b in Barcode.select()}
    assert len(codes) == Barcode.select().count() == 300
    assert all(len(c) == 13 and is_gs1(c) and not c.startswith("2") for c in codes.values())


def test_weighed_items_are_found_by_a_scale_label(demo):
    weighed = list(Product.select().where(Product.unit == "weight"))
    assert 3 <= len(weighed) <= 12
    plu = weighed[0].sku
    assert len(plu) == 5 and plu.isdigit()
    body = f"21{plu}00750"
    found = find_by_code(body + str(check_digit(body)), load_settings().variable_barcodes)
    assert found.product.id == weighed[0].id and found.weight_grams == 750


def test_search_finds_chinese_and_unaccented_names(demo):
    milk = search_products("牛奶")
    assert milk and all("牛奶" in p.name for p in milk)
    assert any("Crème brûlée" in p.name for p in search_products("creme"))
    assert any("Jalapeño" in p.name for p in search_products("jalapeno", limit=50))


def test_every_order_adds_up(demo):
    lines = defaultdict(list)
    for line in OrderLine.select():
        lines[line.order_id].append(line)
    payments = defaultdict(list)
    for payment in Payment.select():
        payments[payment.order_id].append(payment)
    tenders = set()
    for order in Order.select():
        own = lines[order.id]
        assert own and [ln.line_no for ln in own] == list(range(1, len(own) + 1))
        assert sum(ln.gross for ln in own) == order.total
        assert sum(ln.tax for ln in own) == order.tax
        assert all(ln.net + ln.tax == ln.gross for ln in own)
        assert order.subtotal - order.discount == sum(
            ln.gross if order.tax_mode == "inclusive" else ln.net for ln in own)
        if order.status == Status.CANCELLED:
            assert not payments[order.id] and order.receipt_no is None and order.paid == 0
            continue
        paid = payments[order.id]
        assert sum(p.amount for p in paid) == order.total + order.rounding == order.paid
        assert order.paid_at == order.created_at
        for p in paid:
            tenders.add(p.tender)
            assert p.net == p.amount - p.fee and p.status == "approved"
            if p.tender == "card":
                assert p.gateway_ref.startswith("demo_ch_") and len(p.card_last4) == 4
                assert p.card_brand in {"visa", "mastercard", "unionpay"}
                assert p.fee == (p.amount * 15 + 500) // 1000 and p.tendered is None
            else:
                assert p.tendered >= p.amount and p.change == p.tendered - p.amount
                assert p.fee == 0 and p.gateway_ref is None
    assert tenders == {"cash", "card"}


def test_receipts_are_gapless_per_terminal_and_rise_with_time(demo):
    by_terminal = defaultdict(list)
    for order in Order.select().where(Order.receipt_no.is_null(False)):
        by_terminal[order.terminal_id].append(order)
    assert set(by_terminal) == {"T1", "T2"}
    counters = dict(ReceiptCounter.select().tuples())
    for terminal, orders in by_terminal.items():
        orders.sort(key=lambda o: o.receipt_no)
        assert [o.receipt_no for o in orders] == list(range(1, len(orders) + 1))
        assert all(a.created_at <= b.created_at for a, b in zip(orders, orders[1:],
                                                                 strict=False))
        assert counters[terminal] == len(orders)


def test_statuses_follow_the_state_machine_and_the_clock(demo):
    now = dt.datetime.now(dt.UTC)
    events = defaultdict(list)
    for event in OrderEvent.select().order_by(OrderEvent.id):
        events[event.order_id].append(event)
    statuses = set()
    for order in Order.select():
        statuses.add(order.status)
        local = order.created_at.astimezone()
        assert 8 <= local.hour < 21 and local.date() < dt.date.today()
        assert now - dt.timedelta(days=4) < order.created_at < now
        timeline = events[order.id]
        assert timeline[0].from_status is None and timeline[0].to_status == "pending_payment"
        for before, after in zip(timeline, timeline[1:], strict=False):
            assert after.from_status == before.to_status and before.at <= after.at
            assert can_move(after.from_status, after.to_status)
        assert timeline[-1].to_status == order.status
        assert order.ship_later == (order.delivery_address is not None)
        if order.ship_later:
            assert order.customer_id is not None
    assert Status.COMPLETED in statuses
    assert statuses <= set(Status)
    assert Order.select().where(Order.status == Status.COMPLETED).count() > 0.9 * demo.orders


def test_refunds_agree_with_their_orders(demo):
    for record in Refund.select():
        order = record.order
        assert order.status in (Status.REFUNDED, Status.PARTIALLY_REFUNDED)
        assert record.amount == order.refunded and record.created_at > order.created_at
        assert record.tender == order.payments[0].tender
        parts = list(RefundLine.select().where(RefundLine.refund == record))
        assert parts and all(p.order_line.order_id == order.id for p in parts)
        assert all(p.quantity == p.order_line.refunded_quantity for p in parts)
        if order.status == Status.REFUNDED:
            assert record.amount == order.paid
        else:
            assert record.amount == sum(p.amount for p in parts) < order.paid


def test_demo_orders_take_the_real_refund_and_sale_services(demo):
    """The rows written in bulk are ones `pos.sales.orders` itself can go on from, signed in as
    the demo's manager (a refund needs the right)."""
    manager = Actor(users.find_user("Morgan"))
    for order in Order.select().where(Order.status.in_([Status.COMPLETED,
                                                        Status.PARTIALLY_REFUNDED])):
        done = refund(order, reason="test", actor=manager)
        fresh = Order.get_by_id(order.id)
        assert fresh.status == Status.REFUNDED and fresh.refunded == fresh.paid
        assert done.amount > 0 or fresh.paid == 0
    settings = load_settings()
    last = ReceiptCounter.get_by_id("T1").last_no
    cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
    cart.add(item_for(Product.get_by_id(20)))
    total = cart.totals().total
    sale = complete_sale(cart, "T1", [Tender("card", total)], actor=demo_cashier())
    assert sale.receipt_no == last + 1
    assert (sale.cashier_name, journal.verify().ok) == ("Alex", True)


def test_the_demo_has_its_documented_staff(demo):
    assert sorted((u.name, u.role) for u in users.list_users()) == sorted(
        (name, role) for name, role, _ in DEMO_USERS)
    for name, _, pin in DEMO_USERS:
        assert users.authenticate(name, pin).name == name
    names = {u.id: u.name for u in users.list_users()}
    sellers = {(o.cashier_id, o.cashier_name) for o in Order.select()}
    assert sellers and all(names[uid] == name for uid, name in sellers)


def test_a_second_demo_is_refused(demo):
    with pytest.raises(InputError, match="already has products"):
        create_demo(products=10, days=0)
    assert Product.select().count() == 300


def test_same_seed_same_store(tmp_path):
    def snapshot(path, seed):
        db.open_store(path)
        try:
            create_demo(products=120, days=2, orders_per_day=15, seed=seed)
            return ([(p.sku, p.name, p.price, p.stock) for p in Product.select()],
                    [(o.uuid, o.total, o.status, o.receipt_no) for o in Order.select()])
        finally:
            db.close_store()

    first = snapshot(tmp_path / "a.db", 7)
    assert first == snapshot(tmp_path / "b.db", 7)
    assert first != snapshot(tmp_path / "c.db", 8)


def test_worker_processes_make_the_same_history(tmp_path, monkeypatch):
    """A long history is simulated in spawned processes; the rows must not change."""
    import pos.demo.data

    def history(path):
        db.open_store(path)
        try:
            create_demo(products=80, days=4, orders_per_day=25, seed=3)
            return [(o.id, o.uuid, o.total, o.status, o.terminal_id, o.receipt_no)
                    for o in Order.select()], \
                [(ln.id, ln.order_id, ln.gross) for ln in OrderLine.select()], \
                [(r.order_id, r.amount) for r in Refund.select()]
        finally:
            db.close_store()

    alone = history(tmp_path / "alone.db")
    monkeypatch.setattr(pos.demo.data, "_PARALLEL_FROM", 1)
    monkeypatch.setattr(pos.demo.data, "_MAX_WORKERS", 2)
    monkeypatch.setattr(pos.demo.data.os, "cpu_count", lambda: 2)
    assert pos.demo.data._workers(100) == 2
    assert history(tmp_path / "workers.db") == alone


@pytest.mark.parametrize("args, expected", [
    (dict(currency="CNY"), ("CNY", "zh_CN", "inclusive", 130_000, 90_000)),
    (dict(currency="EUR"), ("EUR", "de_DE", "inclusive", 190_000, 70_000)),
    (dict(currency="EUR", locale="fr_FR", tax_mode="exclusive"),
     ("EUR", "fr_FR", "exclusive", 190_000, 70_000)),
])
def test_currency_presets_and_overrides(store, args, expected):
    create_demo(products=60, days=1, orders_per_day=10, **args)
    settings = load_settings()
    rates = {t.code: t.rate_ppm for t in TaxClass.select()}
    assert (settings.currency, settings.locale, settings.tax_mode, rates["standard"],
            rates["reduced"]) == expected
    assert all(o.currency == expected[0] and o.tax_mode == expected[2] for o in Order.select())
    assert sum(ln.gross for ln in OrderLine.select()) == sum(o.total for o in Order.select())


def test_a_yen_store_has_whole_yen_prices(store):
    create_demo(products=60, days=1, orders_per_day=10, currency="JPY")
    prices = [p.price for p in Product.select().where(Product.unit == "each")]
    assert min(prices) >= 50 and all(p % 10 == 0 for p in prices if p >= 100)
    cash = Payment.select().where(Payment.tender == "cash")
    assert all(p.tendered % 100 == 0 or p.tendered == p.amount for p in cash)


@pytest.mark.parametrize("currency", ["BHD", "VUV", "CHF"])
def test_odd_currencies_still_add_up(store, currency):
    """Three-decimal dinars, whole vatu with tiny prices, and a store's own presets."""
    report = create_demo(products=40, days=2, orders_per_day=30, currency=currency)
    assert report.orders == Order.select().count() > 0
    for order in Order.select():
        assert sum(ln.gross for ln in order.lines) == order.total
        if order.status != Status.CANCELLED:
            assert sum(p.amount for p in order.payments) == order.total + order.rounding


def test_progress_is_reported(store):
    seen = []
    create_demo(products=12_000, days=1, orders_per_day=20,
                progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = [s for s, _, _ in seen]
    assert "products" in stages and "orders" in stages
    assert all(0 <= done <= total for _, done, total in seen)
    assert ("products", 12_000, 12_000) in seen
    assert Product.select().count() == 12_000


def test_no_history_and_bad_arguments(store):
    with pytest.raises(InputError, match="number of products"):
        create_demo(products=0)
    with pytest.raises(InputError, match="number of days"):
        create_demo(products=10, days=-1)
    report = create_demo(products=5, days=0)
    assert (report.products, report.orders, report.refunds) == (5, 0, 0)
    assert Order.select().count() == 0


def test_names_stay_distinct_at_a_million():
    from pos.demo.data import _spec

    sample = range(0, 1_200_000, 101)
    specs = [_spec(n) for n in sample]
    assert len({s.name for s in specs}) == len(specs)
    assert all(s.key == fold(s.name) for s in specs[::7])
    assert len({s.base.en for s in specs}) >= 40
    assert len({_spec(n).name for n in range(5_000)}) == 5_000


def test_the_demo_history_is_journalled_as_real_sales_are_and_verifies(demo):
    """Issue 12: demo orders had no journal entries, so their rows were bound by nothing."""
    from pos.store import journal
    from pos.store.db import database

    completed = database.execute_sql(
        "SELECT count(*) FROM orders WHERE receipt_no IS NOT NULL").fetchone()[0]
    sales = database.execute_sql(
        "SELECT count(*) FROM journal_entry WHERE kind = 'sale' "
        "AND json_extract(data, '$.digest') IS NOT NULL").fetchone()[0]
    assert sales == completed > 0
    assert journal.verify().ok
    database.execute_sql("UPDATE order_line SET gross = gross + 1 WHERE id = "
                         "(SELECT min(id) FROM order_line)")
    result = journal.verify()
    assert not result.ok and "was changed" in result.problem
