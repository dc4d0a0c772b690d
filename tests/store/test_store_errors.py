"""Every write path turns SQLite's failures into the program's sentences, naming the store
file (issue 12, finding 8): the command line on a read-only store, a CSV import on a full
or read-only store, and the core's own writes."""

from __future__ import annotations

import pytest

from pos.cli.main import main
from pos.errors import StoreError
from pos.store import db
from tests.store.read_only import read_only


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """A store made by `pos init`, closed, with the data folder in tmp_path."""
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.db"
    assert main(["init", "--db", str(path)]) == 0
    return path


@pytest.fixture
def products_csv(tmp_path):
    path = tmp_path / "products.csv"
    rows = "".join(f"P{n:04d},Product {n},{n}.99,standard\n" for n in range(1, 400))
    path.write_text("sku,name,price,tax_class\n" + rows, encoding="utf-8")
    return path


def test_settings_on_a_read_only_store_is_a_sentence_naming_the_store(shop, capsys,
                                                                      monkeypatch):
    capsys.readouterr()
    with read_only(shop, monkeypatch):
        code = main(["settings", "store_name=Corner Shop", "--db", str(shop)])
    err = capsys.readouterr().err
    assert code == 1, err  # as every store error, not 70 (unexpected)
    assert f"The store file ({shop}) is read-only" in err
    assert "unexpected" not in err and "OperationalError" not in err


def test_csv_import_on_a_read_only_store_names_the_store_not_the_csv(shop, products_csv,
                                                                    capsys, monkeypatch):
    capsys.readouterr()
    with read_only(shop, monkeypatch):
        code = main(["products", "import", str(products_csv), "--db", str(shop)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"The store file ({shop}) is read-only" in err
    assert f"({products_csv})" not in err


def test_csv_import_on_a_full_disk_names_the_store_not_the_csv(store, products_csv):
    from pos.catalogue.csvio import import_products
    from pos.store.models import Product

    pages = db.database.execute_sql("PRAGMA page_count").fetchone()[0]
    db.database.execute_sql(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(StoreError) as failed:
            import_products(products_csv)
    finally:
        db.database.execute_sql("PRAGMA max_page_count = 1073741823")
    message = str(failed.value)
    assert f"The disk holding the store ({store}) is full" in message
    assert str(products_csv) not in message
    assert Product.select().count() == 0  # one transaction: nothing half-imported


@pytest.mark.parametrize("write", ["settings", "product", "tax class", "category"])
def test_core_writes_translate_their_errors(store, write):
    """The windows catch PosError: an untranslated OperationalError would escape them."""
    from pos.catalogue.products import ProductInput, ensure_category, ensure_tax_class, save_product
    from pos.money import Money
    from pos.settings import save_settings

    calls = {
        "settings": lambda: save_settings(store_name="Corner Shop"),
        "product": lambda: save_product(ProductInput("NEW1", "New", Money(100, "USD"),
                                                     "standard")),
        "tax class": lambda: ensure_tax_class("luxury", "Luxury", 200_000),
        "category": lambda: ensure_category("Toys"),
    }
    db.database.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(StoreError, match=f"The store file \\({store}\\) is read-only"):
            calls[write]()
    finally:
        db.database.execute_sql("PRAGMA query_only = 0")


def test_translate_errors_names_the_open_store_unless_told_another_file(store, tmp_path):
    import sqlite3

    with pytest.raises(StoreError, match=f"\\({store}\\)"), db.translate_errors():
        raise sqlite3.OperationalError("attempt to write a readonly database")
    other = tmp_path / "other.db"
    with pytest.raises(StoreError, match=f"\\({other}\\)"), db.translate_errors(other):
        raise sqlite3.OperationalError("database or disk is full")


def test_an_untranslated_store_error_on_the_command_line_is_a_sentence(shop, capsys,
                                                                       monkeypatch):
    """The command line's last line of defence: a SQLite error that no write path
    translated still comes out as the store's sentence, with the store's exit code."""
    import sqlite3

    from pos.cli import store
    from pos.cli.common import open_for

    def broken(args):
        open_for(args)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "cmd_doctor", broken)
    capsys.readouterr()
    assert main(["doctor", "--db", str(shop)]) == 1
    err = capsys.readouterr().err
    assert f"The disk holding the store ({shop}) is full" in err and "unexpected" not in err
