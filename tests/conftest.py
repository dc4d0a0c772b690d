"""Shared fixtures: a real store file in a temporary folder, with a small catalogue."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """Every test's data folder is its own, so nothing (a backup taken before an upgrade)
    ever lands in the real one."""
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty USD store (tax exclusive) at tmp_path/store.db, closed afterwards."""
    from pos.catalogue.products import ensure_tax_class
    from pos.settings import save_settings
    from pos.store.db import close_store, open_store

    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "store.db"
    open_store(path)
    save_settings(currency="USD", locale="en_US", tax_mode="exclusive")
    ensure_tax_class("standard", "Standard", 88_750)
    ensure_tax_class("reduced", "Reduced", 40_000)
    ensure_tax_class("zero", "Zero", 0)
    yield path
    close_store()


@pytest.fixture
def catalogue(store):
    """A few products: pieces, a weighed item with a PLU, an inactive one, a Chinese name."""
    from pos.barcodes import make_ean13
    from pos.catalogue.products import ProductInput, save_product
    from pos.money import Money

    def usd(minor):
        return Money(minor, "USD")

    items = {
        "milk": save_product(ProductInput("MILK1", "Organic Whole Milk 1L 有机全脂牛奶",
                                          usd(349), "reduced", "Dairy",
                                          barcodes=(make_ean13("690000000001"),), stock=50)),
        "brulee": save_product(ProductInput("DES1", "Crème brûlée", usd(525), "standard",
                                            "Desserts", barcodes=("036000291452",), stock=10)),
        "soap": save_product(ProductInput("SOAP1", "Olive Soap 橄榄皂", usd(1999), "standard",
                                          "Household", barcodes=(make_ean13("690000000002"),),
                                          stock=5)),
        "apples": save_product(ProductInput("12345", "Gala Apples 苹果", usd(398), "reduced",
                                            "Produce", unit="weight", stock=100_000)),
        "old": save_product(ProductInput("OLD1", "Discontinued Tea", usd(100), "standard",
                                         active=False, barcodes=(make_ean13("690000000003"),))),
    }
    return items
