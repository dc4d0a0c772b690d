"""A small store for the window tests (and for looking at the window by hand)."""

from pathlib import Path

from pos.catalogue.products import ProductInput, ensure_tax_class, save_product
from pos.money import Money
from pos.settings import save_settings
from pos.store.db import database, open_store

PRODUCT_COUNT = 450
FRUIT = ("Green Apple", "Apple Juice 1L", "Pineapple", "Banana")


MILK = "牛奶 1L"  # a Chinese name, at index len(FRUIT)


def product_name(i: int) -> str:
    if i < len(FRUIT):
        return FRUIT[i]
    return MILK if i == len(FRUIT) else f"Item {i:03d}"


def build_sample_store(path: Path, count: int = PRODUCT_COUNT, name=product_name,
                       **settings) -> None:
    """Open the store at `path` (left open) and fill it: settings, two tax classes, a
    category, `count` products, the first four of them fruit (the fourth sold by weight)."""
    open_store(path)
    save_settings(**({"store_name": "Corner Shop", "currency": "EUR", "locale": "de_DE",
                      "terminal_id": "T7"} | settings))
    ensure_tax_class("std", "Standard 19%", 190_000)
    ensure_tax_class("food", "Food 7%", 70_000)
    with database.atomic():  # one commit instead of one per product
        for i in range(count):
            save_product(ProductInput(
                sku=f"SKU{i:04d}", name=name(i), price=Money(100 + i, "EUR"),
                tax_class="food" if i < len(FRUIT) else "std",
                category="Fruit" if i < len(FRUIT) else None,
                unit="weight" if i == 3 else "each", stock=i * 10))
