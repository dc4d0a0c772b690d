"""Applying head office's pages of products at the till in bulk (issue 14): the same
result as saving each product one by one: prices and names follow head office, barcodes
move between products, the till keeps its own stock, and the search index follows."""

from __future__ import annotations

import pytest

from pos.barcodes import make_ean13
from pos.catalogue.products import search_products
from pos.errors import InputError
from pos.store.db import database
from pos.store.models import Barcode, Product
from pos.sync.download import apply_page

TEA, CAKE, NEW = make_ean13("690000000011"), make_ean13("690000000012"), make_ean13(
    "690000000013")


def product(sku: str, name: str, price: int, barcodes: list[str], **more) -> dict:
    return {"kind": "product", "doc": {"sku": sku, "name": name, "price": price,
                                       "tax_code": "standard", "category": "Drinks",
                                       "unit": "each", "barcodes": barcodes, "active": True,
                                       **more}}


def codes(sku: str) -> set[str]:
    return {b.code for b in Barcode.select().join(Product).where(Product.sku == sku)}


def test_a_page_of_products_is_applied_in_bulk_as_one_by_one(store):
    assert apply_page([product("TEA", "Green Tea 绿茶", 450, [TEA]),
                       product("CAKE", "Cake", 325, [CAKE])], 2) == 2
    Product.update(stock=7).where(Product.sku == "TEA").execute()  # the till's own count
    before = Product.get(Product.sku == "CAKE").updated_at

    apply_page([product("TEA", "Jasmine Tea 茉莉花茶", 475, [TEA, NEW]),
                # CAKE's barcode moves to a new product; CAKE itself is unchanged
                product("CAKE", "Cake", 325, []),
                product("PIE", "Apple Pie", 500, [CAKE], category="Bakery", active=False)], 5)

    tea = Product.get(Product.sku == "TEA")
    assert (tea.price, tea.name, tea.stock) == (475, "Jasmine Tea 茉莉花茶", 7)
    assert codes("TEA") == {TEA, NEW} and codes("CAKE") == set() and codes("PIE") == {CAKE}
    pie = Product.get(Product.sku == "PIE")
    assert (pie.stock, pie.active, pie.category.name) == (0, False, "Bakery")
    assert Product.get(Product.sku == "CAKE").updated_at == before  # untouched
    # the search index follows names: the old one is gone, the new one is found
    assert [p.sku for p in search_products("茉莉")] == ["TEA"]
    assert search_products("绿茶") == []
    assert database.execute_sql(
        "INSERT INTO product_search(product_search) VALUES ('integrity-check')") is not None


def test_a_barcode_listed_twice_in_a_page_goes_to_the_later_product(store):
    apply_page([product("A", "A", 100, [TEA]), product("B", "B", 200, [TEA])], 2)
    assert codes("A") == set() and codes("B") == {TEA}


def test_a_page_with_an_unknown_tax_class_changes_nothing(store):
    apply_page([product("TEA", "Tea", 450, [TEA])], 1)
    with pytest.raises(InputError, match="no tax class"):
        apply_page([product("TEA", "Tea", 999, [TEA]),
                    product("X", "X", 1, [], tax_code="nonsense")], 2)
    assert Product.get(Product.sku == "TEA").price == 450
    assert Product.select().count() == 1


def test_tax_classes_and_products_apply_in_the_order_they_came(store):
    apply_page([{"kind": "tax_class", "doc": {"code": "luxury", "name": "Luxury",
                                              "rate_ppm": 200_000}},
                product("GOLD", "Gold", 100_000, [], tax_code="luxury")], 2)
    assert Product.get(Product.sku == "GOLD").tax_class.rate_ppm == 200_000
