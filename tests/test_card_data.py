"""No full card number anywhere: the store file, its WAL and the log after a day of sales.

A card number is a run of 13–19 digits that passes the Luhn check (other than
the catalogue's own barcodes). The store keeps only the brand, the last four
digits and the gateway's reference.
"""

from __future__ import annotations

import logging
import re

from pos import payments
from pos.cart import Cart
from pos.demo import create_demo, demo_cashier
from pos.gateway.http_adapter import HttpGateway
from pos.gateway.sandbox import SandboxServer
from pos.models import Barcode, Customer, Product
from pos.money import Money
from pos.orders import pay_order, place_order
from pos.register_items import item_for
from pos.settings import load_settings

DIGITS = re.compile(rb"(?<![0-9])[0-9]{13,19}(?![0-9])")


def luhn_ok(digits: bytes) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ch - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_numbers(data: bytes) -> list[bytes]:
    return [m for m in DIGITS.findall(data) if luhn_ok(m)]


def test_the_scanner_finds_a_card_number_when_there_is_one():
    assert card_numbers(b"x 4242424242424242 y 4242424242424241 12345") == [
        b"4242424242424242"]


def test_no_card_number_in_the_store_its_wal_or_the_log(tmp_path, monkeypatch):
    from pos.db import close_store, database, open_store

    log_file = tmp_path / "pos.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)  # as the program logs (without --debug)
    store = tmp_path / "store.db"
    try:
        open_store(store)
        create_demo(products=80, days=3, seed=5)
        settings = load_settings()
        items = [item_for(p) for p in Product.select().where(Product.unit == "each").limit(20)]
        with SandboxServer(api_key="sk_scan", signing_secret="scan") as sandbox, \
                HttpGateway(sandbox.url, "sk_scan", "scan") as gateway:
            for n, token in enumerate(["tok_visa", "tok_mastercard", "tok_fee_high"] * 4):
                cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
                cart.add(items[n % len(items)], 1 + n % 3)
                order = place_order(cart, settings.terminal_id, demo_cashier())
                request = payments.open_charge(order, Money(order.total, order.currency),
                                               "http", token)
                assert payments.finish(request.attempt_id,
                                       payments.send(gateway, request)).status == "approved"
                pay_order(order, [])
        wal = store.with_name(store.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the scan covers unflushed pages too
        files = {path.name: path.read_bytes() for path in (store, wal, log_file)}
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        files["store after checkpoint"] = store.read_bytes()
        # Barcodes, SKUs and customers' phone numbers are long numbers too, some of them
        # Luhn-valid, and sit beside other digits in the file's pages: blank them out.
        known = ({b.code.encode() for b in Barcode.select()}
                 | {p.sku.encode() for p in Product.select()}
                 | {c.phone.encode() for c in Customer.select() if c.phone})
    finally:
        close_store()
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    assert files["pos.log"], "the sales were logged, so the log is scanned for real"
    for name, data in files.items():
        for code in sorted(known, key=len, reverse=True):
            data = data.replace(code, b"|")
        assert card_numbers(data) == [], name
