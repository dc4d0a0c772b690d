"""No payment code anywhere: the store file, its WAL and a DEBUG log after a day of wallet
sales through the sandbox — approvals, declines, a customer who never confirms, a cancel
as the customer confirms, lost answers retried, an unknown outcome reconciled.

A payment code is a bearer credential (docs/GATEWAY.md): whoever reads it can spend from
the customer's wallet until it expires, so it lives in memory for the one charge only.
"""

from __future__ import annotations

import logging
import threading

from pos.demo.data import create_demo, demo_cashier
from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import source
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox.server import SandboxServer
from pos.payments.sandbox.waiting import TEST_CODES, Scripts
from pos.sales.cart import Cart
from pos.sales.orders import Tender, pay_order, place_order
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.store.models import PaymentAttempt, Product


def test_no_payment_code_in_the_store_its_wal_or_the_debug_log(tmp_path):
    from pos.store.db import close_store, database, open_store

    log_file = tmp_path / "pos.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    store = tmp_path / "store.db"
    state = tmp_path / "sandbox.json"
    try:
        open_store(store)
        create_demo(products=40, days=1, seed=7)
        settings = load_settings()
        items = [item_for(p) for p in Product.select().where(Product.unit == "each").limit(10)]
        with SandboxServer(api_key="sk_scan", signing_secret="scan", state_file=state,
                           scripts=Scripts(confirm_delay=0.2)) as sandbox, \
                HttpGateway(sandbox.url, "sk_scan", "scan", read_timeout=1.0,
                            policy=RetryPolicy(attempts=3, budget=5.0, base=0.01),
                            wait_limits={"wallet_code": 1.0}) as gateway:

            def sale(n: int) -> object:
                cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
                cart.add(items[n % len(items)], 1 + n % 2)
                return place_order(cart, settings.terminal_id, demo_cashier())

            def charge(order, code: str, cancel_after: float | None = None):
                wallet = TEST_CODES[code].wallet
                request = attempts.open_charge(
                    order, Money(order.total - order.paid, order.currency), "http",
                    source("wallet_code", wallet), payment_code=code)
                if cancel_after is not None:
                    threading.Timer(cancel_after, attempts.cancel, [gateway, request]).start()
                return attempts.finish(request.attempt_id, attempts.send(gateway, request))

            by = {(c.wallet, c.behaviour): c.code for c in TEST_CODES.values()}
            for n, wallet in enumerate(("alipay", "wechat") * 2):
                order = sale(n)
                assert charge(order, by[wallet, "insufficient"]).status == "declined"
                assert charge(order, by[wallet, "never"]).decline_code == \
                    "customer_did_not_confirm"
                assert charge(order, by[wallet, "late"], 0.2).decline_code == "reversed"
                sandbox.faults.add("drop_after_commit", times=1, endpoint="charge")
                assert charge(order, by[wallet, "confirms"]).status == "approved"
                pay_order(order, [])
            lost = sale(9)  # an answer that never comes: unknown, then reconciled
            sandbox.faults.add("timeout", 2, endpoint="retrieve")
            unknown = charge(lost, by["alipay", "confirms"])
            assert unknown.status == "unknown"
            sandbox.faults.clear()
            assert [a.status for a in attempts.reconcile(gateway)] == ["approved"]
            cash = sale(10)
            pay_order(cash, [Tender("cash", Money(cash.total, cash.currency))])
        assert PaymentAttempt.select().where(PaymentAttempt.wallet.is_null(False)).count() >= 5
        wal = store.with_name(store.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the scan covers unflushed pages too
        files = {path.name: path.read_bytes() for path in (store, wal, log_file, state)}
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        files["store after checkpoint"] = store.read_bytes()
    finally:
        close_store()
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    assert b"/v1/charges" in files["pos.log"], "the calls were logged, so the log is scanned"
    assert b"wallet:alipay" in files["store after checkpoint"]
    for name, data in files.items():
        for code in TEST_CODES:
            assert code.encode() not in data, (name, code)
