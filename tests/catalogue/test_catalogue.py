"""Finding products: exact codes through indexes, names by prefix and substring."""

from __future__ import annotations

import pytest

from pos.barcodes import make_ean13
from pos.catalogue.products import ProductInput, find_by_code, save_product, search_products
from pos.errors import InputError, NotFound
from pos.money import Money
from pos.settings import load_settings
from pos.store.models import Barcode


def scan(code):
    return find_by_code(code, load_settings().variable_barcodes)


def test_scan_by_ean13_sku_and_upc_a_in_either_form(catalogue):
    assert scan(make_ean13("690000000001")).product.sku == "MILK1"
    assert scan("MILK1").product.sku == "MILK1"
    assert scan("036000291452").product.sku == "DES1"  # UPC-A as printed
    assert scan("0036000291452").product.sku == "DES1"  # the same as EAN-13


def test_wrong_check_digit_unknown_and_inactive_codes_say_why(catalogue):
    good = make_ean13("690000000001")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(InputError, match="wrong check digit"):
        scan(bad)
    with pytest.raises(NotFound, match="No product has the code"):
        scan(make_ean13("690000009999"))
    with pytest.raises(InputError, match="no longer sold"):
        scan(make_ean13("690000000003"))
    with pytest.raises(InputError, match="Scan or type"):
        scan("   ")


def test_variable_measure_barcodes_carry_weight_or_price(catalogue):
    weighed = scan(make_ean13("21" + "12345" + "01250"))
    assert weighed.product.sku == "12345" and weighed.weight_grams == 1250
    priced = scan(make_ean13("22" + "12345" + "00612"))
    assert priced.price == 612


@pytest.mark.parametrize("query, sku", [
    ("organic", "MILK1"),  # prefix
    ("whole milk", "MILK1"),  # substring
    ("MILK", "MILK1"),  # case
    ("牛奶", "MILK1"),  # two Chinese characters
    ("全脂牛奶", "MILK1"),
    ("creme", "DES1"),  # accents
    ("BRÛLÉE", "DES1"),
    ("橄榄", "SOAP1"),
    ("苹果", "12345"),
    ("SOA", "SOAP1"),  # SKU prefix
])
def test_name_search_finds(catalogue, query, sku):
    assert sku in [p.sku for p in search_products(query)]


def test_search_skips_inactive_and_limits(catalogue):
    assert search_products("discontinued") == []
    assert [p.sku for p in search_products("discontinued", include_inactive=True)] == ["OLD1"]
    assert search_products("") == []
    assert len(search_products("o", limit=2)) == 2


def test_renaming_a_product_updates_the_search_index(catalogue):
    save_product(ProductInput("SOAP1", "Lavender Soap", Money(1999, "USD"), "standard"))
    assert search_products("olive") == []
    assert [p.sku for p in search_products("lavender")] == ["SOAP1"]


def test_a_barcode_belongs_to_one_product(catalogue):
    with pytest.raises(InputError, match="already belongs to product MILK1"):
        save_product(ProductInput("NEW1", "New", Money(100, "USD"), "standard",
                                  barcodes=(make_ean13("690000000001"),)))
    assert Barcode.select().where(Barcode.code == make_ean13("690000000001")).count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("sku", "has space", "SKU"), ("name", " ", "name"), ("price", Money(-1, "USD"), "negative"),
    ("price", Money(10**12, "USD"), "too large"), ("tax_class", "luxury", "no tax class"),
    ("unit", "litre", "unit"), ("barcodes", ("4006381333932",), "check digit"),
])
def test_bad_product_input_is_refused(store, field, value, message):
    data = dict(sku="X1", name="X", price=Money(100, "USD"), tax_class="standard")
    data[field] = value
    with pytest.raises(InputError, match=message):
        save_product(ProductInput(**data))
