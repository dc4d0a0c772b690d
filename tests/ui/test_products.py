"""The Products page: the product and tax class dialogs, CSV import with its preview, and
export, on the sample store (EUR, de_DE: prices are typed like "2,49")."""

from __future__ import annotations

import csv
import threading
import time

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView
from sample_store import PRODUCT_COUNT

from pos.catalogue import csvio
from pos.catalogue.products import ProductInput, save_product
from pos.money import Money
from pos.settings import load_settings, save_settings
from pos.store.db import close_store, database
from pos.store.models import Barcode, Category, Product, TaxClass
from ui.forms import TOUCH
from ui.products import csv_import
from ui.products.product_table_model import Column
from ui.products.products_view import ProductsView
from ui.products.stepper import Stepper
from ui.session import Session
from ui.workers import wait_for_all

HEADER = "sku,name,price,tax_class,category,unit,barcodes,active,stock\n"
GOOD = (HEADER
        + "N1,Oat milk,1.99,food,Drinks,each,4006381333931,1,12\n"
        + "N2,Rye bread,3.20,std,Bakery,each,,1,5\n"
        + "SKU0001,Apple Juice 1L,1.49,food,Fruit,each,,1,10\n")  # an update
BAD = (HEADER
       + "N1,Good,1.00,std,,,,,\n"  # line 2
       + "N2,Bad price,abc,std,,,,,\n"  # 3
       + "N3,No such tax,1.00,luxury,,,,,\n"  # 4
       + "N4,Bad barcode,1.00,std,,,4006381333932,,\n"  # 5
       + "N1,Twice,1.00,std,,,,,\n"  # 6
       + "N5,Comma,\"1,50\",std,,,,,\n"  # 7
       + "N6,Good too,2.50,food,Misc,weight,96385074,0,250\n")  # 8
BAD_LINES = [3, 4, 5, 6, 7]
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _no_worker_left():
    """Each test's background reads end inside it."""
    yield
    wait_for_all()
    QApplication.processEvents()


@pytest.fixture
def session(store_path):
    return Session(load_settings(), store_path)


@pytest.fixture
def view(qtbot, session):
    page = ProductsView(session)
    qtbot.addWidget(page)
    page.setMinimumSize(1000, 620)  # as in the main window: fixed before it is shown
    page.resize(1180, 680)
    page.show()
    qtbot.waitExposed(page)
    return page


def catalogue():
    """Every product with its barcodes, for before/after comparisons."""
    rows = {}
    for p in Product.select().order_by(Product.id):
        codes = sorted(b.code for b in Barcode.select().where(Barcode.product == p.id))
        rows[p.sku] = (p.name, p.price, p.tax_class_id, p.category_id, p.unit, p.active,
                       p.stock, codes, p.updated_at)
    return rows


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def skus(model):
    return [model.index(r, Column.SKU).data() for r in range(model.rowCount())]


# the page ------------------------------------------------------------------------

def test_buttons_are_named_accessible_and_touch_sized(view):
    for name in ("newProductButton", "editProductButton", "taxClassesButton",
                 "importCsvButton", "exportCsvButton"):
        button = view.findChild(QPushButton, name)
        assert button is not None and button.accessibleName(), name
        assert button.height() >= TOUCH
    assert view.findChild(QLineEdit, "productSearch") is view.search_edit
    assert view.findChild(QTableView, "productTable") is view.table
    assert not view.edit_button.isEnabled()  # nothing selected
    view.table.selectRow(0)
    assert view.edit_button.isEnabled()


def test_show_inactive_lists_products_no_longer_sold(qtbot, view):
    save_product(ProductInput("OLD1", "Old tea", Money(100, "EUR"), "std", active=False))
    view.reload()
    assert "OLD1" not in skus(view.products)
    view.inactive_check.setChecked(True)
    while view.products.canFetchMore(QModelIndex()):
        view.products.fetchMore(QModelIndex())
    assert skus(view.products)[-1] == "OLD1"
    assert view.count_label.text() == f"{PRODUCT_COUNT + 1} products"
    row = view.products.rowCount() - 1
    assert not view.products.is_active(row)
    assert "inactive" in view.products.index(row, Column.NAME).data(3)  # tooltip
    view.search_edit.setText("old tea")
    view._apply_search()
    assert skus(view.products) == ["OLD1"]


def test_prices_follow_a_change_of_the_store_settings(qtbot, view, session):
    save_settings(currency="USD", locale="en_US")
    session.reload_settings()
    assert view.products.index(0, Column.PRICE).data() == "$1.00"


# the product dialog ----------------------------------------------------------------------

def test_create_a_product_through_the_dialog(qtbot, view, session):
    dialog = view.new_product()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "New product"
    dialog.sku_edit.setText("NEW1")
    dialog.name_edit.setText("Oat milk 1L")
    dialog.price_edit.setText("2,49")  # the store's locale writes a decimal comma
    assert dialog.tax_combo.currentData() == "food"  # the first by name
    dialog.tax_combo.setCurrentIndex(dialog.tax_combo.findData("std"))
    dialog.category_combo.setEditText("Drinks")  # a new category
    dialog.barcodes_edit.setPlainText("4006381333931, 96385074\n")
    dialog.stock_edit.setText("1.200")  # with the locale's thousands separator
    with qtbot.waitSignal(session.catalogueChanged):
        qtbot.mouseClick(dialog.save_button, LEFT)

    milk = Product.get(Product.sku == "NEW1")
    assert (milk.name, milk.price, milk.tax_class.code, milk.category.name, milk.unit,
            milk.stock, milk.active) == ("Oat milk 1L", 249, "std", "Drinks", "each", 1200,
                                         True)
    assert sorted(b.code for b in milk.barcodes) == ["4006381333931", "96385074"]
    assert not dialog.isVisible()
    assert view.count_label.text() == f"{PRODUCT_COUNT + 1} products"  # refreshed
    assert view.message.text() == "Saved Oat milk 1L."
    assert view.new_product().tax_combo.currentData() == "std"  # as the last one saved


def test_edit_a_product_by_double_click(qtbot, view, session):
    rect = view.table.visualRect(view.products.index(3, Column.NAME))
    # QTest's double click is only the second click: the view wants the first one too
    qtbot.mousePress(view.table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), LEFT, pos=rect.center())
    dialog = view.product_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Edit product"
    assert dialog.sku_edit.text() == "SKU0003" and dialog.sku_edit.isReadOnly()
    assert (dialog.name_edit.text(), dialog.price_edit.text()) == ("Banana", "1,03")
    assert dialog.unit_combo.currentData() == "weight"
    assert dialog.stock_label.text() == "S&tock (grams)"
    assert dialog.category_combo.currentText() == "Fruit"
    dialog.name_edit.setText("Bananas")
    dialog.price_edit.setText("1,29")
    dialog.active_check.setChecked(False)
    with qtbot.waitSignal(session.catalogueChanged):
        dialog.save_button.click()
    banana = Product.get(Product.sku == "SKU0003")
    assert (banana.name, banana.price, banana.active, banana.unit) == (
        "Bananas", 129, False, "weight")
    assert "SKU0003" not in skus(view.products)  # inactive: hidden by default


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("price_edit", "abc", "'abc' is not an amount"),
    ("price_edit", "1,234", "more than 2 decimals"),
    ("price_edit", "-3", "cannot be negative"),
    ("barcodes_edit", "4006381333932", "wrong check digit"),
    ("stock_edit", "12,5", "not a whole number of pieces"),
    ("name_edit", "   ", "The name must be"),
])
def test_a_bad_value_is_explained_in_the_dialog_and_nothing_is_saved(
        qtbot, view, session, field, text, expected):
    before = catalogue()
    dialog = view.edit_product(view.products.product_id(1))
    qtbot.waitExposed(dialog)
    widget = getattr(dialog, field)
    if field == "barcodes_edit":
        widget.setPlainText(text)
    else:
        widget.setText(text)
    with qtbot.assertNotEmitted(session.catalogueChanged):
        assert dialog.save() is False
    assert dialog.isVisible()
    assert dialog.message.isVisible() and dialog.message.kind() == "error"
    assert expected in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert catalogue() == before


def test_a_barcode_of_another_product_is_refused_and_nothing_changes(qtbot, view):
    save_product(ProductInput("OWNER", "Owner", Money(100, "EUR"), "std",
                              barcodes=("4006381333931",)))
    before = catalogue()
    dialog = view.edit_product(view.products.product_id(0))
    dialog.barcodes_edit.setPlainText("96385074\n4006381333931")
    dialog.price_edit.setText("9,99")
    assert dialog.save() is False
    assert "already belongs to product OWNER" in dialog.message.text()
    assert catalogue() == before  # not even the price: one transaction


def test_new_product_with_a_sku_that_exists_is_refused(qtbot, view):
    before = catalogue()
    dialog = view.new_product()
    dialog.sku_edit.setText("SKU0002")
    dialog.name_edit.setText("Imposter")
    dialog.price_edit.setText("1")
    assert dialog.save() is False
    assert "already exists (Pineapple)" in dialog.message.text()
    assert catalogue() == before


def test_cancel_saves_nothing(qtbot, view, session):
    before = catalogue()
    dialog = view.edit_product(view.products.product_id(0))
    dialog.name_edit.setText("Changed")
    with qtbot.assertNotEmitted(session.catalogueChanged):
        dialog.cancel_button.click()
    assert not dialog.isVisible() and catalogue() == before


# tax classes -------------------------------------------------------------------------------

def test_tax_classes_add_and_change_a_rate(qtbot, view, session):
    dialog = view.edit_tax_classes()
    qtbot.waitExposed(dialog)
    assert dialog.codes() == ["food", "std"]
    assert dialog.table.item(1, 2).text() == "19%"

    dialog.code_edit.setText("reduced")
    dialog.name_edit.setText("Reduced 8.875%")
    dialog.rate_edit.setText("8,875 %")
    with qtbot.waitSignal(session.catalogueChanged):
        dialog.save_button.click()
    assert TaxClass.get(TaxClass.code == "reduced").rate_ppm == 88_750
    assert dialog.codes() == ["food", "reduced", "std"]
    assert dialog.message.kind() == "success" and "8.875%" in dialog.message.text()

    dialog.edit("std")
    assert dialog.code_edit.isReadOnly() and dialog.rate_edit.text() == "19%"
    dialog.rate_edit.setText("20")
    assert dialog.save()
    assert TaxClass.get(TaxClass.code == "std").rate_ppm == 200_000
    assert view.products.index(10, Column.TAX_CLASS).data() == "Standard 19%"  # its name


@pytest.mark.parametrize(("code", "rate", "expected"), [
    ("x", "abc", "is not a tax rate"),
    ("x", "101", "more than 100%"),
    ("", "5", "needs a code"),
    ("std", "5", "already a tax class std"),
])
def test_a_bad_tax_class_is_explained_and_not_saved(qtbot, view, code, rate, expected):
    dialog = view.edit_tax_classes()
    dialog.start_new()
    dialog.code_edit.setText(code)
    dialog.rate_edit.setText(rate)
    assert dialog.save() is False
    assert expected in dialog.message.text()
    assert TaxClass.select().count() == 2
    assert TaxClass.get(TaxClass.code == "std").rate_ppm == 190_000


# CSV import --------------------------------------------------------------------------------

def start_import(qtbot, view, path):
    """Choose `path` in the page's file chooser and wait for the preview to be ready."""
    view.choose_import_file = lambda parent: path
    importer = view.import_csv()
    qtbot.waitUntil(lambda: importer.preview is not None and not importer.busy
                    and (importer.preview.plan is not None
                         or importer.preview.message.isVisible()), timeout=10_000)
    return importer


def test_the_preview_lists_every_bad_row_before_anything_is_written(qtbot, view, tmp_path):
    before = catalogue()
    categories = Category.select().count()
    importer = start_import(qtbot, view, write(tmp_path / "bad.csv", BAD))
    preview = importer.preview
    assert preview.isVisible()
    assert catalogue() == before and Category.select().count() == categories

    problems = preview.problems
    assert problems.lines() == BAD_LINES
    shown = {int(problems.index(r, 0).data()): problems.index(r, 2).data()
             for r in range(problems.rowCount())}
    assert "'abc' is not a number" in shown[3]
    assert "no tax class 'luxury'" in shown[4] and "food, std" in shown[4]
    assert "wrong check digit" in shown[5]
    assert "SKU N1 is already on line 2" in shown[6]
    assert "'.' for decimals" in shown[7]
    assert problems.index(0, 1).data() == "N2"  # the SKU as written
    assert preview.tabs.currentIndex() == 0 and preview.tabs.tabText(0) == "Problems (5)"
    assert preview.rows.rowCount() == 7
    assert preview.rows.index(1, 1).data().startswith("Problem: the price 'abc'")
    assert preview.rows.index(0, 1).data() == "New"
    assert preview.encoding_label.text() == "Read as utf-8"
    assert "With problems: 5" in preview.summary.text()
    assert not preview.import_button.isEnabled()
    assert preview.import_good_button.isEnabled()
    assert preview.message.kind() == "error" and "bad.rejects.csv" in preview.message.text()

    preview.cancel_button.click()
    assert importer.preview is None
    assert catalogue() == before
    assert not (tmp_path / "bad.rejects.csv").exists()


def test_a_good_file_imports_and_the_page_refreshes(qtbot, view, session, tmp_path):
    importer = start_import(qtbot, view, write(tmp_path / "good.csv", GOOD))
    preview = importer.preview
    assert preview.problems.rowCount() == 0 and preview.tabs.currentIndex() == 1
    assert [preview.rows.index(r, 1).data() for r in range(3)] == ["New", "New", "Update"]
    assert "New products: 2" in preview.summary.text()
    assert "To update: 1" in preview.summary.text()
    assert preview.import_button.isEnabled() and not preview.import_good_button.isEnabled()
    with (qtbot.waitSignal(importer.imported, timeout=10_000) as signal,
          qtbot.waitSignal(session.catalogueChanged)):
        preview.import_button.click()
    report = signal.args[0]
    assert (report.created, report.updated, report.rejected) == (2, 1, [])
    assert Product.get(Product.sku == "N1").price == 199
    assert Product.get(Product.sku == "SKU0001").price == 149
    assert view.count_label.text() == f"{PRODUCT_COUNT + 2} products"
    assert view.message.text() == "Imported good.csv (utf-8): 2 new, 1 updated."
    assert importer.preview is None
    view.search_edit.setText("oat milk")
    view._apply_search()
    assert skus(view.products) == ["N1"]


def test_import_good_rows_only_writes_the_rejects_file(qtbot, view, tmp_path):
    path = write(tmp_path / "bad.csv", BAD)
    importer = start_import(qtbot, view, path)
    with qtbot.waitSignal(importer.imported, timeout=10_000) as signal:
        importer.preview.import_good_button.click()
    report = signal.args[0]
    assert (report.created, report.updated) == (2, 0)
    assert [e.line for e in report.rejected] == BAD_LINES
    assert Product.get(Product.sku == "N1").name == "Good"
    assert Product.get(Product.sku == "N6").unit == "weight"
    rejects = tmp_path / "bad.rejects.csv"
    assert report.rejects_path == rejects
    with rejects.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == ["N2", "N3", "N4", "N1", "N5"]
    assert rows[1][-1].startswith("line 3: the price 'abc'")
    assert "5 bad rows were skipped and written to" in view.message.text()


def test_a_file_that_cannot_be_read_is_explained_in_the_preview(qtbot, view, tmp_path):
    importer = start_import(qtbot, view, write(tmp_path / "p.csv", "sku,name\nA1,Milk\n"))
    preview = importer.preview
    assert "missing the columns price, tax_class" in preview.message.text()
    assert not preview.import_button.isEnabled()
    assert not preview.import_good_button.isEnabled()


def test_an_unknown_encoding_can_be_chosen_in_the_preview(qtbot, view, tmp_path):
    names = ["牛奶", "绿茶饮料", "苹果", "面包", "鸡蛋", "大米", "酱油", "矿泉水"]
    text = HEADER + "".join(f"C{n},{name},{n + 1}.50,std,,,,,\n" for n, name in enumerate(names))
    importer = start_import(qtbot, view, write(tmp_path / "gbk.csv", text, "gbk"))
    preview = importer.preview
    # A German store does not expect GBK: the file is refused, not imported as mojibake.
    assert preview.plan is None
    assert "Choose the encoding above" in preview.message.text()
    assert "--encoding" not in preview.message.text()

    preview.encoding_combo.setCurrentIndex(preview.encoding_combo.findData("gb18030"))
    preview.encodingChosen.emit("gb18030")
    qtbot.waitUntil(lambda: preview.plan is not None and not importer.busy, timeout=10_000)
    assert preview.encoding_label.text() == "Read as gb18030"
    assert [preview.rows.index(r, 3).data() for r in range(2)] == names[:2]
    assert preview.import_button.isEnabled()


def test_reading_runs_on_a_worker_and_the_gui_keeps_running(qtbot, view, tmp_path,
                                                            monkeypatch):
    rows = 40_000
    text = HEADER + "".join(f"B{i:06d},Bulk {i},{i % 97}.25,std,,each,,1,{i % 50}\n"
                            for i in range(rows))
    path = write(tmp_path / "big.csv", text)
    real = csvio.plan_products_import
    calls = []  # (thread, GUI ticks seen while it waited, ticks during the real parse)
    ticks = []
    inside = threading.Event()
    gui_ticked = threading.Event()

    def tick():
        ticks.append(time.perf_counter())
        if inside.is_set() and len(ticks) >= 5:
            gui_ticked.set()

    def spy(*args, **kwargs):
        inside.set()
        ticks.clear()
        # Deterministic: this returns only if the GUI's timer fires while the
        # planning function is running, which a planner on the GUI thread would block.
        alive = gui_ticked.wait(timeout=10)
        before = len(ticks)
        plan = real(*args, **kwargs)
        calls.append((threading.get_ident(), alive, len(ticks) - before))
        return plan

    monkeypatch.setattr(csv_import, "plan_products_import", spy)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    try:
        importer = start_import(qtbot, view, path)
    finally:
        timer.stop()
    (thread, alive, during), = calls
    assert thread != threading.get_ident()  # not the GUI thread
    assert alive  # the GUI timer fired while the worker was in the planner
    assert during >= 1  # and while it parsed 40,000 rows
    assert importer.preview.rows.rowCount() == rows


def test_the_plan_needs_no_database(tmp_path, store_path):
    """What the worker runs can run with no store open at all."""
    snapshot = csvio.product_snapshot()
    close_store()
    plan = csvio.plan_products_import(write(tmp_path / "bad.csv", BAD), snapshot)
    assert sorted(plan.errors) == BAD_LINES
    assert plan.store is None and [r.data.sku for r in plan.accepted] == ["N1", "N6"]


def test_cancelling_while_reading_closes_the_preview_and_writes_nothing(qtbot, view,
                                                                        tmp_path):
    text = HEADER + "".join(f"B{i:06d},Bulk {i},1.25,std,,,,,\n" for i in range(40_000))
    view.choose_import_file = lambda parent: write(tmp_path / "big.csv", text)
    before = catalogue()
    importer = view.import_csv()
    assert importer.progress is not None and importer.progress.isVisible()
    with qtbot.waitSignal(importer.cancelled, timeout=10_000):
        importer.progress.cancel_button.click()
    assert importer.preview is None and not importer.busy
    assert catalogue() == before


def test_cancelling_the_write_rolls_everything_back(qtbot, view, session, tmp_path):
    text = HEADER + "".join(f"C{i:05d},Item {i},1.00,std,,,,,\n" for i in range(5000))
    importer = start_import(qtbot, view, write(tmp_path / "many.csv", text))
    before = catalogue()
    steps = csvio.apply_products_import_steps(importer.plan)
    cancelled = []
    stepper = Stepper(steps, view, slice_ms=1, on_cancel=lambda: cancelled.append(True))
    stepper.start()
    qtbot.waitUntil(lambda: database.in_transaction())
    stepper.cancel()
    assert cancelled and not stepper.running
    assert not database.in_transaction()
    assert catalogue() == before

    # and through the dialog: Cancel in the progress dialog
    with qtbot.assertNotEmitted(session.catalogueChanged):
        importer.preview.import_button.click()
        qtbot.waitUntil(lambda: importer.progress is not None)
        importer.progress.cancel_button.click()
        qtbot.waitUntil(lambda: not importer.busy)
    assert catalogue() == before
    assert "cancelled; nothing was imported" in importer.preview.message.text()
    assert importer.preview.import_button.isEnabled()


def test_the_store_is_checked_again_when_writing(qtbot, view, tmp_path):
    importer = start_import(qtbot, view, write(tmp_path / "good.csv", GOOD))
    # Between the preview and Import, another product takes a barcode of the file.
    save_product(ProductInput("THIEF", "Thief", Money(1, "EUR"), "std",
                              barcodes=("4006381333931",)))
    before = catalogue()
    importer.preview.import_button.click()
    qtbot.waitUntil(lambda: not importer.busy)
    assert "The store changed since the file was checked" in importer.preview.message.text()
    assert importer.preview.problems.lines() == [2]
    assert catalogue() == before


# CSV export --------------------------------------------------------------------------------

def test_export_writes_every_product(qtbot, view, tmp_path):
    out = tmp_path / "export.csv"
    view.choose_export_file = lambda parent: out
    exporter = view.export_csv()
    qtbot.waitUntil(lambda: exporter.progress is None and out.exists(), timeout=10_000)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the names right
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER.strip() and len(lines) == PRODUCT_COUNT + 1
    assert lines[1] == "SKU0000,Green Apple,1.00,food,Fruit,each,,1,0"
    assert view.message.text() == f"Exported {PRODUCT_COUNT} products to {out}."


def test_export_into_a_missing_folder_is_explained(qtbot, view, tmp_path):
    view.choose_export_file = lambda parent: tmp_path / "no" / "such" / "out.csv"
    view.export_csv()
    qtbot.waitUntil(lambda: view.message.isVisible())
    assert view.message.kind() == "error" and "cannot be written" in view.message.text()


def test_choosing_no_file_does_nothing(view):
    view.choose_import_file = lambda parent: None
    view.choose_export_file = lambda parent: None
    assert view.import_csv() is None and view.export_csv() is None
