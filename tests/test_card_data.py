"""No full card number anywhere: the store file, its WAL and the log after a day of sales.

A card number is a run of 13–19 digits that passes the Luhn check (other than
the catalogue's own barcodes). The store keeps only the brand, the last four
digits and the gateway's reference.
"""

from __future__ import annotations

import logging
import re

import pytest

from pos.barcodes import make_ean13
from pos.card_data import MESSAGE, CardNumberInText, find_card_number
from pos.catalogue.customers import CustomerInput, save_customer
from pos.catalogue.products import ProductInput, find_by_code, save_product
from pos.demo.data import create_demo, demo_cashier
from pos.money import Money
from pos.payments import attempts
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.sandbox.server import SandboxServer
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.cart_edits import set_customer
from pos.sales.orders import Tender, complete_sale, pay_order, place_order, refund, transition
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store.models import Barcode, Customer, Order, Product, Refund
from pos.tax import TaxMode, TaxRounding

DIGITS = re.compile(rb"(?<![0-9])[0-9]{13,19}(?![0-9])")
HEX = re.compile(rb"[0-9a-fA-F]{32,}")


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
    digest = b"2d906a7cc04b2d4812026f6db029c5205ea91c85867472004480a52a7ea94865"
    assert card_numbers(digest) and not card_numbers(HEX.sub(b"|", b"x " + digest + b" y"))
    assert card_numbers(HEX.sub(b"|", b"x 4242424242424242 y")) == [b"4242424242424242"]


def test_no_card_number_in_the_store_its_wal_or_the_log(tmp_path, monkeypatch):
    from pos.store.db import close_store, database, open_store

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
                request = attempts.open_charge(order, Money(order.total, order.currency),
                                               "http", token)
                assert attempts.finish(request.attempt_id,
                                       attempts.send(gateway, request)).status == "approved"
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
        # Digests and keys in hex (the journal's record digests) hold runs of decimal
        # digits too, a Luhn-valid one now and then: a 32+ character hex string is not
        # a card number.
        data = HEX.sub(b"|", data)
        assert card_numbers(data) == [], name


# --- free text refuses a card number (pos/card_data.py) -----------------------------------

TYPED = ["4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242",
         "4242 - 4242 - 4242 - 4242",
         "３７８２ ８２２４６３ １０００５",  # full-width digits, as a Chinese IME types them
         "5555\u00a05555\u00a05555\u00a04444", "4222222222222",  # 13 digits
         "6011000990139424", "3566002020360505"]


@pytest.mark.parametrize("text", TYPED)
def test_a_typed_card_number_is_found_however_it_is_grouped(text):
    assert find_card_number(f"customer paid with {text}, refund please") is not None
    assert find_card_number(text) is not None


@pytest.mark.parametrize("text", [
    "", None, "sour milk", "4242424242424241",  # Luhn fails
    "424242424242",  # 12 digits
    "42424242424242424242",  # 20 digits in one run: not a card
    "ref 1234567890123456789012345",  # a long reference is not split into windows
    "call 138 0013 8000 after 5", "2024-05-01 10:30", "order T1-000123 of 12.50",
])
def test_ordinary_text_and_long_references_pass(text):
    assert find_card_number(text) is None


def test_a_card_number_next_to_a_small_number_is_still_found():
    assert find_card_number("qty 2 4242 4242 4242 4242") == "4242424242424242"
    assert find_card_number("4242 4242 4242 4242 x3") == "4242424242424242"


@pytest.fixture
def sold(catalogue):
    from pos.sales.register_items import item_for

    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item_for(catalogue["milk"]), 2)
    return cart


CARD = "4242 4242 4242 4242"


def test_a_refund_reason_with_a_card_number_is_refused_and_nothing_changes(sold):
    order = complete_sale(sold, "T1", [Tender("cash", Money(5000, "USD"))])
    with pytest.raises(CardNumberInText, match="Never type card numbers into notes"):
        refund(order, reason=f"card {CARD}")
    assert Refund.select().count() == 0
    assert refund(order, reason="sour").reason == "sour"


def test_a_cancel_note_with_a_card_number_is_refused(sold):
    order = place_order(sold, "T1")
    with pytest.raises(CardNumberInText):
        transition(order, "cancelled", note=CARD)
    assert Order.get_by_id(order.id).status == "pending_payment"


def test_an_order_note_with_a_card_number_is_not_saved(sold):
    sold.note = f"pay later with {CARD}"
    with pytest.raises(CardNumberInText):
        place_order(sold, "T1")
    assert Order.select().count() == 0


def test_a_price_override_reason_and_a_delivery_address_refuse_a_card_number(sold, store):
    with pytest.raises(CardNumberInText):
        sold.override_price(0, Money(100, "USD"), f"damaged {CARD}")
    assert sold.lines[0].override_reason is None
    customer = save_customer(CustomerInput("Ann Lee"))
    with pytest.raises(CardNumberInText):
        set_customer(sold, customer.id, ship_later=True, delivery_address=f"1 Main St {CARD}")
    assert sold.customer_id is None


def test_a_customer_name_or_address_refuses_a_card_number(store):
    for data in (CustomerInput(f"Ann {CARD}"), CustomerInput("Ann", address=CARD)):
        with pytest.raises(CardNumberInText, match=MESSAGE):
            save_customer(data)
    assert Customer.select().count() == 0


def test_shift_notes_and_cash_movement_reasons_refuse_a_card_number(store):
    fast = users.ScryptParams(n=2 ** 10, r=8, p=1)
    boss = users.create_first_manager("Mona", "1111", params=fast)
    shift = shifts.open_shift(boss, Money(10_000, "USD"), "T1")
    with pytest.raises(CardNumberInText):
        shifts.cash_move(shift, boss, "in", Money(500, "USD"), f"from {CARD}")
    assert shifts.CashMovement.select().count() == 0
    with pytest.raises(CardNumberInText):
        shifts.close_shift(shift, boss, {10_000: 1}, note=f"card {CARD} left behind")
    assert shifts.close_shift(shift, boss, {10_000: 1}, note="all fine").note == "all fine"


def test_codes_are_not_free_text_a_luhn_valid_ean_still_scans(store):
    code = make_ean13("690000000012")
    assert find_card_number(code) is not None  # Luhn-valid by chance
    save_product(ProductInput("4242424242424242", "Gift card", Money(100, "USD"), "standard",
                              barcodes=(code,)))
    assert find_by_code(code).product.sku == "4242424242424242"
    customer = save_customer(CustomerInput("Ann", phone="4242 4242 4242 4"))
    assert customer.phone == "4242424242424"  # a phone is a code too, and under 16 digits


def test_the_rule_is_used_by_actors(sold):
    """Through the services a window calls, with a signed-in cashier, the same refusal."""
    fast = users.ScryptParams(n=2 ** 10, r=8, p=1)
    boss = users.create_first_manager("Mona", "1111", params=fast)
    shifts.open_shift(boss, Money(0, "USD"), "T1")
    order = complete_sale(sold, "T1", [Tender("cash", Money(5000, "USD"))], actor=Actor(boss))
    with pytest.raises(CardNumberInText):
        refund(order, reason=CARD, actor=Actor(boss))
