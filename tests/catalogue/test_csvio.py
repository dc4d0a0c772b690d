"""CSV import and export on a real store file: all or nothing, named lines, no mojibake."""

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.catalogue import csvio
from pos.catalogue.csvio import CsvRejected, RowError
from pos.catalogue.customers import CustomerInput, save_customer
from pos.catalogue.products import ProductInput, ensure_tax_class, save_product, search_products
from pos.errors import InputError, StoreError
from pos.money import Money
from pos.settings import save_settings
from pos.store.db import close_store, open_store
from pos.store.models import Barcode, Category, Customer, Product

HEADER = "sku,name,price,tax_class,category,unit,barcodes,active,stock\n"


@pytest.fixture
def store_dir(tmp_path):
    """An open USD store in tmp_path, which also holds the CSV files."""
    open_store(tmp_path / "store.db")
    save_settings(currency="USD")
    ensure_tax_class("standard", "Standard", 80000)
    yield tmp_path
    close_store()


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def products():
    """Every product as plain values, barcodes included, for before/after comparisons."""
    rows = {}
    for p in Product.select().order_by(Product.id):
        codes = sorted(b.code for b in Barcode.select().where(Barcode.product == p.id))
        rows[p.sku] = (p.name, p.name_key, p.price, p.tax_class.code,
                       p.category.name if p.category else None, p.unit, p.active, p.stock,
                       codes, p.updated_at)
    return rows


# --- good files ----------------------------------------------------------------


def test_good_import(store_dir):
    path = write(store_dir / "p.csv", HEADER
                 + "A1,Milk 牛奶,3.50,standard,Dairy,each,4006381333931|036000291452,1,12\n"
                 + "A2,Apples,2.99,standard,Fruit,weight,,yes,5000\n"
                 + "A3,Old stock,0,standard,,,,no,\n")
    seen = []
    report = csvio.import_products(path, progress=lambda done, total: seen.append((done, total)))
    assert (report.created, report.updated, report.rejected) == (3, 0, [])
    assert report.rejects_path is None and report.encoding == "utf-8"
    milk = Product.get(Product.sku == "A1")
    assert (milk.name, milk.price, milk.unit, milk.stock, milk.active) == (
        "Milk 牛奶", 350, "each", 12, True)
    assert milk.category.name == "Dairy" and milk.tax_class.code == "standard"
    # UPC-A is stored as EAN-13
    assert sorted(b.code for b in milk.barcodes) == ["0036000291452", "4006381333931"]
    apples = Product.get(Product.sku == "A2")
    assert (apples.unit, apples.price, apples.stock) == ("weight", 299, 5000)
    old = Product.get(Product.sku == "A3")
    assert (old.active, old.stock, old.unit, old.category) == (False, 0, "each", None)
    assert [p.sku for p in search_products("牛奶")] == ["A1"]  # the FTS index follows
    assert seen[-1] == (6, 6)


def test_header_is_case_insensitive_and_trimmed_and_optional_columns_default(store_dir):
    path = write(store_dir / "p.csv", " SKU , Name ,PRICE,Tax_Class\nB1,Bread,1.20,standard\n")
    assert csvio.import_products(path).created == 1
    bread = Product.get(Product.sku == "B1")
    assert (bread.unit, bread.active, bread.stock, bread.category) == ("each", True, 0, None)


def test_reimport_updates_by_sku(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Milk,3.50,standard,Dairy,each,"
                 "4006381333931|96385074,1,12\nA2,Tea,4.00,standard,,each,,1,1\n")
    csvio.import_products(path)
    before = products()
    write(path, HEADER + "A1,Milk 1l,3.75,standard,Drinks,each,96385074,1,10\n"
          "A2,Tea,4.00,standard,,each,,1,1\nA3,New,1.00,standard,,each,,1,0\n")
    report = csvio.import_products(path)
    assert (report.created, report.updated) == (1, 2)
    milk = Product.get(Product.sku == "A1")
    assert (milk.name, milk.price, milk.stock, milk.category.name) == ("Milk 1l", 375, 10, "Drinks")
    assert [b.code for b in milk.barcodes] == ["96385074"]
    assert Barcode.get_or_none(Barcode.code == "4006381333931") is None
    assert products()["A2"] == before["A2"]  # unchanged row untouched, updated_at too
    assert [p.sku for p in search_products("milk 1l")] == ["A1"]


def test_a_missing_optional_column_leaves_that_field_alone(store_dir):
    write(store_dir / "a.csv",
          HEADER + "A1,Apples,2.99,standard,Fruit,weight,4006381333931,0,5000\n")
    csvio.import_products(store_dir / "a.csv")
    # a price list: the stock, barcodes, category, unit and active flag stay as they are
    write(store_dir / "b.csv", "sku,name,price,tax_class\nA1,Apples,3.49,standard\n"
          "A2,Pears,1.99,standard\n")
    assert (csvio.import_products(store_dir / "b.csv").updated) == 1
    apples = Product.get(Product.sku == "A1")
    assert (apples.price, apples.stock, apples.unit, apples.active, apples.category.name) == (
        349, 5000, "weight", False, "Fruit")
    assert [b.code for b in apples.barcodes] == ["4006381333931"]
    pears = Product.get(Product.sku == "A2")
    assert (pears.stock, pears.unit, pears.active, pears.category) == (0, "each", True, None)
    # a column that is there but empty does clear the field
    write(store_dir / "c.csv", "sku,name,price,tax_class,barcodes,category\n"
          "A1,Apples,3.49,standard,,\n")
    csvio.import_products(store_dir / "c.csv")
    apples = Product.get(Product.sku == "A1")
    assert (list(apples.barcodes), apples.category, apples.stock) == ([], None, 5000)


def test_barcode_can_move_between_products_in_one_file(store_dir):
    write(store_dir / "a.csv", HEADER + "A1,One,1,standard,,,4006381333931,,\n"
          "A2,Two,1,standard,,,96385074,,\n")
    csvio.import_products(store_dir / "a.csv")
    # A2 takes A1's code on an earlier line than the one where A1 gives it up
    write(store_dir / "b.csv", HEADER + "A2,Two,1,standard,,,4006381333931,,\n"
          "A1,One,1,standard,,,,,\n")
    csvio.import_products(store_dir / "b.csv")
    assert Barcode.get(Barcode.code == "4006381333931").product.sku == "A2"
    assert Barcode.get_or_none(Barcode.code == "96385074") is None


def test_header_only_file_imports_nothing(store_dir):
    report = csvio.import_products(write(store_dir / "p.csv", HEADER))
    assert (report.created, report.updated, report.rejected) == (0, 0, [])


def test_blank_lines_are_skipped_and_line_numbers_count_quoted_newlines(store_dir):
    path = write(store_dir / "p.csv", HEADER + "\n"
                 + 'A1,"Milk\nfull cream",3.50,standard,,,,,\n'
                 + ",,,,,,,,\n"
                 + "A2,Tea,abc,standard,,,,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert info.value.errors == [
        RowError(6, "the price 'abc' is not a number; write it like 12.50, "
                    "without a currency sign")]


def test_other_currency_exponents(store_dir):
    save_settings(currency="JPY")
    path = write(store_dir / "p.csv",
                 HEADER + "J1,Ramen,980,standard,,,,,\nJ2,Tea,1.5,standard,,,,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert info.value.errors == [RowError(3, "the price '1.5' has more decimals than JPY has (0)")]
    write(path, HEADER + "J1,Ramen,980,standard,,,,,\n")
    csvio.import_products(path)
    out = store_dir / "out.csv"
    csvio.export_products(out)
    assert out.read_text(encoding="utf-8").splitlines()[1] == "J1,Ramen,980,standard,,each,,1,0"


# --- bad rows ----------------------------------------------------------------------


BAD = (HEADER
       + "A1,Good,1.00,standard,,,,,\n"  # line 2
       + "A2,Bad price,abc,standard,,,,,\n"  # 3
       + "A3,No such tax,1.00,luxury,,,,,\n"  # 4
       + "A4,Bad barcode,1.00,standard,,,4006381333932,,\n"  # 5
       + "A5,,1.00,standard,,,,,\n"  # 6: no name
       + "A1,Again,1.00,standard,,,,,\n"  # 7: duplicate SKU
       + "A6,Good too,2.50,standard,Misc,weight,96385074,0,250\n"  # 8
       + "A7,Comma,\"1,50\",standard,,,,,\n"  # 9
       + "A8,Few fields,1.00\n")  # 10


def test_bad_rows_import_nothing_and_are_all_listed(store_dir):
    path = write(store_dir / "p.csv", BAD)
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    errors = {e.line: e.reason for e in info.value.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7, 9, 10]
    assert "'abc' is not a number" in errors[3]
    assert "no tax class 'luxury'" in errors[4] and "standard" in errors[4]
    assert "wrong check digit" in errors[5]
    assert "name" in errors[6]
    assert "SKU A1 is already on line 2" in errors[7]
    assert "'.' for decimals" in errors[9]
    assert "3 values but the header has 9 columns" in errors[10]
    text = str(info.value)
    assert text.startswith("7 rows are wrong; nothing was imported:\n  line 3: the price 'abc'")
    assert isinstance(info.value, InputError)
    assert Product.select().count() == 0 and Category.select().count() == 0
    assert not (store_dir / "p.rejects.csv").exists()


def test_skip_bad_imports_the_good_rows_and_writes_the_rejects(store_dir):
    path = write(store_dir / "p.csv", BAD)
    report = csvio.import_products(path, skip_bad=True)
    assert (report.created, report.updated) == (2, 0)
    assert [e.line for e in report.rejected] == [3, 4, 5, 6, 7, 9, 10]
    assert sorted(p.sku for p in Product.select()) == ["A1", "A6"]
    assert Product.get(Product.sku == "A1").name == "Good"
    assert report.rejects_path == store_dir / "p.rejects.csv"
    with report.rejects_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == HEADER.strip().split(",") + ["reason"]
    assert [r[0] for r in rows[1:]] == ["A2", "A3", "A4", "A5", "A1", "A7", "A8"]
    assert rows[1][:4] == ["A2", "Bad price", "abc", "standard"]
    assert rows[1][-1].startswith("line 3: the price 'abc'")
    assert rows[6][2] == "1,50"  # the original text, not a parsed value
    assert rows[7][:3] == ["A8", "Few fields", "1.00"] and len(rows[7]) == 10

    # once fixed, the rejects file imports as it is (its reason column is ignored)
    fixed = [rows[0]] + [[r[0], r[1] or "Named", "1.00", "standard", "", "", "", "", "", r[-1]]
                         for r in rows[1:] if r[0] not in ("A1",)]
    with report.rejects_path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(fixed)
    again = csvio.import_products(report.rejects_path)
    assert (again.created, again.rejected) == (6, [])


def test_barcode_of_another_product_in_the_store_is_refused(store_dir):
    save_product(ProductInput("OLD", "Old", Money(100, "USD"), "standard",
                              barcodes=("4006381333931",)))
    path = write(store_dir / "p.csv", HEADER + "N1,New,1,standard,,,4006381333931,,\n"
                 "N2,Other,1,standard,,,96385074|96385074,,\n"
                 "N3,Twice,1,standard,,,96385074,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert info.value.errors == [
        RowError(2, "the barcode 4006381333931 already belongs to product OLD"),
        RowError(4, "the barcode 96385074 is already on line 3 (SKU N2)"),
    ]


def test_a_rejected_row_keeps_its_barcode_so_a_row_taking_it_is_rejected(store_dir):
    save_product(ProductInput("OLD", "Old", Money(100, "USD"), "standard",
                              barcodes=("4006381333931",)))
    path = write(store_dir / "p.csv", HEADER + "N1,New,1,standard,,,4006381333931,,\n"
                 "OLD,Old,oops,standard,,,,,\n")
    report = csvio.import_products(path, skip_bad=True)
    assert [e.line for e in report.rejected] == [2, 3]
    assert "belongs to product OLD, whose row on line 3 is wrong" in report.rejected[0].reason
    assert Barcode.get(Barcode.code == "4006381333931").product.sku == "OLD"


def test_refusal_lists_at_most_fifty_lines(store_dir):
    rows = "".join(f"S{n},Item,x,standard,,,,,\n" for n in range(120))
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(write(store_dir / "p.csv", HEADER + rows))
    assert len(info.value.errors) == 120
    text = str(info.value)
    assert text.startswith("120 rows are wrong")
    assert "line 51:" in text and "line 52:" not in text and "... and 70 more." in text


# --- broken files ------------------------------------------------------------------


def test_empty_file(store_dir):
    with pytest.raises(InputError, match="is empty; its first line must name the columns"):
        csvio.import_products(write(store_dir / "p.csv", ""))
    with pytest.raises(InputError, match="is empty"):
        csvio.import_products(write(store_dir / "p.csv", "\n\n"))


def test_missing_columns_are_named(store_dir):
    with pytest.raises(InputError, match="missing the columns price, tax_class"):
        csvio.import_products(write(store_dir / "p.csv", "sku,name\nA1,Milk\n"))


def test_unknown_column_is_refused_not_dropped(store_dir):
    path = write(store_dir / "p.csv", "sku,name,prcie,price,tax_class\nA1,Milk,3,3,standard\n")
    with pytest.raises(InputError, match="does not know: prcie"):
        csvio.import_products(path)
    assert Product.select().count() == 0


def test_duplicate_column_is_refused(store_dir):
    with pytest.raises(InputError, match="'name' appears twice"):
        csvio.import_products(write(store_dir / "p.csv", "sku,name,Name,price,tax_class\n"))


def test_semicolon_file_is_explained(store_dir):
    path = write(store_dir / "p.csv", "sku;name;price;tax_class\nA1;Milk;1,50;standard\n")
    with pytest.raises(InputError, match="';' between its values"):
        csvio.import_products(path)


def test_windows_line_ends(store_dir):
    path = write(store_dir / "p.csv", HEADER.replace("\n", "\r\n")
                 + 'A1,"Milk\r\nfresh",1,standard,,,,,\r\nA2,Tea,x,standard,,,,,\r\n')
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert [e.line for e in info.value.errors] == [4]


def test_unclosed_quote_names_its_line(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Milk,1,standard,,,,,\n"
                 'A2,"Tea,1,standard,,,,,\nA3,Cake,2,standard,,,,,\n')
    with pytest.raises(InputError, match=r"line 3: a quoted value that starts here is never"):
        csvio.import_products(path)
    assert Product.select().count() == 0


def test_text_after_a_closing_quote_is_broken_quoting(store_dir):
    path = write(store_dir / "p.csv", HEADER + 'A1,"Milk" fresh,1,standard,,,,,\n')
    with pytest.raises(InputError, match="line 2: the quoting is broken"):
        csvio.import_products(path)


def test_missing_file_and_no_store(store_dir, tmp_path):
    with pytest.raises(InputError, match="There is no file"):
        csvio.import_products(tmp_path / "nope.csv")
    close_store()
    with pytest.raises(StoreError, match="No store is open"):
        csvio.import_products(tmp_path / "nope.csv")


# --- encodings ---------------------------------------------------------------------


def test_utf8_bom_file(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Crème brûlée,4.50,standard,,,,,\n", "utf-8-sig")
    report = csvio.import_products(path)
    assert report.encoding == "utf-8-sig"
    assert Product.get(Product.sku == "A1").name == "Crème brûlée"


def test_utf16_file_with_bom(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,牛奶,4.50,standard,,,,,\n", "utf-16")
    assert csvio.import_products(path).encoding == "utf-16"
    assert Product.get(Product.sku == "A1").name == "牛奶"


CHINESE = ["牛奶", "绿茶饮料", "苹果", "面包", "鸡蛋", "大米", "酱油", "矿泉水"]


def _gbk_file(store_dir):
    rows = "".join(f"C{n},{name},{n + 1}.50,standard,食品,,,,\n" for n, name in enumerate(CHINESE))
    return write(store_dir / "gbk.csv", HEADER + rows, "gbk")


def _imported_or_refused(path, expected, **kwargs):
    """Either the exact names went in, or the file was refused: never mojibake."""
    try:
        report = csvio.import_products(path, **kwargs)
    except CsvRejected:
        raise
    except InputError as exc:
        assert "could not be recognised" in str(exc) and "--encoding" in str(exc)
        assert Product.select().count() == 0
        return None
    assert [p.name for p in Product.select().order_by(Product.id)] == expected
    return report


def test_gbk_file_in_an_english_store_is_refused_or_right(store_dir):
    _imported_or_refused(_gbk_file(store_dir), CHINESE)


def test_gbk_file_in_a_chinese_store_is_read_as_gb18030(store_dir):
    save_settings(locale="zh_CN")
    report = _imported_or_refused(_gbk_file(store_dir), CHINESE)
    assert report is not None and report.encoding == "gb18030"
    assert Category.get().name == "食品"


def test_gbk_file_with_named_encoding(store_dir):
    report = csvio.import_products(_gbk_file(store_dir), encoding="GBK")
    assert report.encoding == "gb18030"  # the superset
    assert [p.name for p in Product.select().order_by(Product.id)] == CHINESE


@pytest.mark.parametrize("names", [
    ["Crème brûlée"],
    ["Crème brûlée", "Café au lait", "Smørrebrød", "Müsli", "Jalapeño", "Ærøskøbing ost"],
])
def test_latin1_file_is_right_or_refused(store_dir, names):
    rows = "".join(f"D{n},{name},4.50,standard,,,,,\n" for n, name in enumerate(names))
    path = write(store_dir / "latin.csv", HEADER + rows, "latin-1")
    report = _imported_or_refused(path, names)
    if report is not None:
        assert report.encoding == "cp1252"


def test_latin1_file_is_read_in_a_french_store(store_dir):
    save_settings(locale="fr_FR")
    path = write(store_dir / "latin.csv", HEADER + "D1,Crème brûlée,4.50,standard,,,,,\n", "cp1252")
    assert csvio.import_products(path).encoding == "cp1252"
    assert Product.get().name == "Crème brûlée"


def test_chinese_store_does_not_take_latin1_for_gbk(store_dir):
    save_settings(locale="zh_CN")
    path = write(store_dir / "latin.csv", HEADER + "D1,Crème brûlée,4.50,standard,,,,,\n",
                 "latin-1")
    _imported_or_refused(path, ["Crème brûlée"])


@pytest.mark.parametrize(("codec", "locale", "names"), [
    ("big5", "zh_TW", ["牛奶", "綠茶飲料"]),
    ("cp949", "ko_KR", ["우유", "녹차"]),
])
def test_the_store_locales_code_page_is_read(store_dir, codec, locale, names):
    save_settings(locale=locale)
    rows = "".join(f"K{n},{name},3.50,standard\n" for n, name in enumerate(names))
    path = write(store_dir / "p.csv", "sku,name,price,tax_class\n" + rows, codec)
    report = _imported_or_refused(path, names)
    assert report is not None and report.encoding == {"big5": "cp950"}.get(codec, codec)


@pytest.mark.parametrize("locale", ["zh_TW", "ja_JP", "ko_KR", "fr_FR"])
def test_gbk_file_in_another_locale_is_refused_or_right(store_dir, locale):
    save_settings(locale=locale)
    _imported_or_refused(_gbk_file(store_dir), CHINESE)


def test_wrong_named_encoding(store_dir):
    path = _gbk_file(store_dir)
    with pytest.raises(InputError, match="not in utf-8: line 2"):
        csvio.import_products(path, encoding="utf-8")
    with pytest.raises(InputError, match="not an encoding this program knows"):
        csvio.import_products(path, encoding="klingon")


def test_utf16_without_bom_is_explained(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Tea,1,standard,,,,,\n", "utf-16-le")
    with pytest.raises(InputError, match="UTF-16 without a byte order mark"):
        csvio.import_products(path)


# --- export and round trip ---------------------------------------------------------


def test_export_then_import_is_a_no_op(store_dir):
    save_product(ProductInput("P1", "绿茶 Green tea", Money(1250, "USD"), "standard",
                              category="饮料", barcodes=("4006381333931", "96385074")))
    save_product(ProductInput("P2", "Apples, \"Gala\"", Money(399, "USD"), "standard",
                              unit="weight", stock=12500))
    save_product(ProductInput("P3", "Retired", Money(5, "USD"), "standard", active=False,
                              stock=-3))
    before = products()
    path = store_dir / "out.csv"
    assert csvio.export_products(path) == 3
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1] == "P1,绿茶 Green tea,12.50,standard,饮料,each,4006381333931|96385074,1,0"
    assert lines[2] == 'P2,"Apples, ""Gala""",3.99,standard,,weight,,1,12500'
    assert lines[3] == "P3,Retired,0.05,standard,,each,,0,-3"
    report = csvio.import_products(path)
    assert (report.created, report.updated, report.rejected) == (0, 3, [])
    assert products() == before
    again = store_dir / "again.csv"
    csvio.export_products(again)
    assert again.read_bytes() == raw


def test_export_for_excel_has_a_bom_and_imports(store_dir):
    save_product(ProductInput("P1", "牛奶", Money(100, "USD"), "standard"))
    path = store_dir / "excel.csv"
    csvio.export_products(path, excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csvio.import_products(path).updated == 1


def test_export_into_a_missing_folder_is_explained(store_dir):
    with pytest.raises(InputError, match="cannot be written"):
        csvio.export_products(store_dir / "no" / "such" / "out.csv")


# --- customers -----------------------------------------------------------------------


def test_customers_import_create_update_and_round_trip(store_dir):
    save_customer(CustomerInput("Wang Fang", "+86 138-0013-8000", "old@example.com"))
    path = write(store_dir / "c.csv", "Name,Phone,Email,Address\n"
                 "王芳,86 138 0013 8000,wang@example.com,\"北京市\n朝阳区\"\n"
                 "Ann Lee,,ann@example.com,\n"
                 "Bob,555-0101,,\n")
    report = csvio.import_customers(path)
    assert (report.created, report.updated, report.rejected) == (2, 1, [])
    wang = Customer.get(Customer.phone == "8613800138000")
    assert (wang.name, wang.email, wang.address) == ("王芳", "wang@example.com", "北京市\n朝阳区")
    assert Customer.select().count() == 3

    out = store_dir / "out.csv"
    assert csvio.export_customers(out) == 3
    before = list(Customer.select().order_by(Customer.id).tuples())
    again = csvio.import_customers(out)
    assert (again.created, again.updated) == (0, 3)  # no duplicates, even without a phone
    assert list(Customer.select().order_by(Customer.id).tuples()) == before


def test_customer_file_without_email_keeps_the_email(store_dir):
    save_customer(CustomerInput("Ann", "555-0101", "ann@example.com", "1 Main St"))
    write(store_dir / "c.csv", "name,phone\nAnn Lee,5550101\n")
    assert csvio.import_customers(store_dir / "c.csv").updated == 1
    ann = Customer.get()
    assert (ann.name, ann.email, ann.address) == ("Ann Lee", "ann@example.com", "1 Main St")


def test_bad_customer_rows(store_dir):
    path = write(store_dir / "c.csv", "name,phone,email,address\n"
                 ",123456,,\n"
                 "Ann,12,,\n"
                 "Bob,,not-an-email,\n"
                 "Cid,555-0101,,\n"
                 "Dee,5550101,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_customers(path)
    assert [e.line for e in info.value.errors] == [2, 3, 4, 6]
    assert "phone number is already on line 5" in info.value.errors[-1].reason
    assert Customer.select().count() == 0
    report = csvio.import_customers(path, skip_bad=True)
    assert report.created == 1 and report.rejects_path == store_dir / "c.rejects.csv"


def test_customer_file_needs_a_name_column(store_dir):
    with pytest.raises(InputError, match="missing the column name"):
        csvio.import_customers(write(store_dir / "c.csv", "phone,email\n123456,a@b.cd\n"))


# --- formulas: neutralised on the way out, read back exactly (issue 12, finding 9) --------

FORMULAS = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
            "\t=1", "\r=1", "'=already escaped", "''+twice", "-5% off"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_neutralised_and_restored(text):
    written = csvio.neutralise(text)
    assert written.startswith("'") and written[1:] == text
    assert csvio.restore(written) == text


@pytest.mark.parametrize("text", ["Milk", "'Twas", "'", "''", "", "1-2", "a=b", "牛奶"])
def test_other_text_is_written_as_it_is(text):
    assert csvio.neutralise(text) == text == csvio.restore(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_neutralise_then_restore_gives_back_any_text(text):
    written = csvio.neutralise(text)
    assert csvio.restore(written) == text
    assert not written.startswith(csvio.FORMULA_STARTS)  # a spreadsheet runs none of them


def _stored(text):
    """`text` as the store keeps a name: spaces collapsed, no control characters."""
    return " ".join(text.split())


_NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x85"),
                 min_size=1, max_size=60).map(_stored).filter(
    lambda t: t and not csvio.find_card_number(t))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, category=_NAMES, prefix=st.sampled_from(["", "=", "+", "-", "@", "'", "'="]))
def test_export_then_import_gives_back_any_name_and_category(store_dir, name, category, prefix):
    name, category = _stored(prefix + name)[:200], _stored(prefix + category)[:100]
    save_product(ProductInput("RT1", name, Money(150, "USD"), "standard", category, stock=-3))
    path = store_dir / "round.csv"
    csvio.export_products(path)
    # change the product, so that the import has to write the exported values back
    save_product(ProductInput("RT1", "changed", Money(1, "USD"), "standard", "other", stock=9))
    csvio.import_products(path)
    product = Product.get(Product.sku == "RT1")
    assert (product.name, product.category.name, product.price, product.stock) == (
        name, category, 150, -3)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, address=_NAMES, prefix=st.sampled_from(["", "=", "+", "-", "@", "'="]))
def test_export_then_import_gives_back_any_customer(store_dir, name, address, prefix):
    Customer.delete().execute()
    name, address = _stored(prefix + name)[:200], _stored(prefix + address)[:500]
    save_customer(CustomerInput(name, "+1 555 0100 200", address=address))
    path = store_dir / "customers.csv"
    csvio.export_customers(path)
    Customer.update(name="changed", address="changed").execute()
    csvio.import_customers(path)
    assert [(c.name, c.address) for c in Customer.select()] == [(name, address)]


def test_an_export_opened_in_a_spreadsheet_runs_no_formula(store_dir):
    save_product(ProductInput("=SKU", "=HYPERLINK(\"http://evil\",\"Milk\")", Money(150, "USD"),
                              "standard", "@Dairy", stock=-3))
    save_customer(CustomerInput("+Ann", address="-1 Main St"))
    csvio.export_products(store_dir / "p.csv")
    csvio.export_customers(store_dir / "c.csv")
    for name in ("p.csv", "c.csv"):
        with (store_dir / name).open(encoding="utf-8", newline="") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
        assert not [c for c in cells if c.startswith("-") and c != "-3"]  # stock is a number
    assert (store_dir / "p.csv").read_text("utf-8").splitlines()[1] == (
        "'=SKU,\"'=HYPERLINK(\"\"http://evil\"\",\"\"Milk\"\")\",1.50,standard,'@Dairy,each,,1,-3")


def test_numbers_are_numbers_not_formulas(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Milk,1.50,standard,,,,,-3\n"
                 "A2,Tea,-1.50,standard,,,,,\nA3,Cake,'-1,standard,,,,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert [(e.line, e.reason) for e in info.value.errors] == [
        (3, "The price cannot be negative."),
        (4, "the price \"'-1\" is not a number; write it like 12.50, without a currency sign")]
    assert csvio.import_products(write(store_dir / "q.csv", HEADER + "A1,Milk,1.50,standard,,,,,"
                                       "-3\n")).created == 1
    assert Product.get(Product.sku == "A1").stock == -3


def test_a_hand_escaped_cell_imports_without_its_apostrophe(store_dir):
    path = write(store_dir / "p.csv", HEADER + "'=A1,'=1+1,1,standard,'@x,,,,\n"
                 "A2,'Twas milk,1,standard,=raw,,,,\n")
    csvio.import_products(path)
    assert {p.sku: (p.name, p.category.name) for p in Product.select()} == {
        "=A1": ("=1+1", "@x"), "A2": ("'Twas milk", "=raw")}


def test_the_rejects_file_is_neutralised_and_imports_as_the_same_values(store_dir):
    path = write(store_dir / "p.csv", HEADER
                 + '"=HYPERLINK(""http://evil"")",=cmd,1,nope,+x,,,,-1+2\n'
                 + "B1,'=kept,1,standard,@c,,,,-3\n"
                 + "B2,Good,1,standard,,,,,\n")
    report = csvio.import_products(path, skip_bad=True)
    assert report.created == 2
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][:9] == ["'=HYPERLINK(\"http://evil\")", "'=cmd", "1", "nope", "'+x", "", "",
                           "", "'-1+2"]
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "@")]
    with report.rejects_path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:1] + [r[:3] + ["standard"] + r[4:8] + ["5"] + r[9:]
                                             for r in rows[1:]])  # fixed in a spreadsheet
    csvio.import_products(report.rejects_path)
    assert Product.get(Product.sku == '=HYPERLINK("http://evil")').name == "=cmd"
    assert Product.get(Product.sku == "B1").name == "=kept"


def test_a_report_export_keeps_numbers_and_neutralises_text(store_dir):
    path = store_dir / "report.csv"
    csvio.export_rows(path, ["Product", "Sales (USD)", "Qty"],
                      [["=cmd", "-12.50", -3], ["-5% off", "7", 2]], excel=False)
    assert path.read_text("utf-8").splitlines()[1:] == ["'=cmd,-12.50,-3", "'-5% off,7,2"]


# --- encodings: a file that mixes two is refused --------------------------------------------


@pytest.mark.parametrize("locale", ["en_US", "fr_FR"])
def test_a_file_mixing_utf8_and_latin1_is_refused_not_garbled(store_dir, locale):
    save_settings(locale=locale)
    data = (HEADER.encode() + "A1,Crème brûlée,1,standard,,,,,\nA2,Café au lait,1,standard,,,,,\n"
            .encode("cp1252") + "A3,Café noir,1,standard,,,,,\n".encode())
    path = store_dir / "mixed.csv"
    path.write_bytes(data)
    with pytest.raises(csvio.MixedEncodings, match=r"line 4 is UTF-8 but line 2 is not"):
        csvio.import_products(path)
    assert Product.select().count() == 0
    assert csvio.import_products(path, encoding="cp1252").encoding == "cp1252"  # asked for


def test_a_latin1_file_with_a_chance_utf8_pair_is_still_read(store_dir):
    save_settings(locale="fr_FR")
    path = write(store_dir / "p.csv", HEADER + "A1,Glace «ÉTÉ» vanille,1,standard,,,,,\n",
                 "cp1252")  # "É»" is C9 BB, a valid UTF-8 pair, but not Western text
    assert csvio.import_products(path).encoding == "cp1252"
    assert Product.get().name == "Glace «ÉTÉ» vanille"


# --- lengths and shapes: each gets its true reason ------------------------------------------


def test_a_category_has_a_length_limit(store_dir):
    path = write(store_dir / "p.csv", HEADER + f"A1,Milk,1,standard,{'x' * 101},,,,\n"
                 f"A2,Tea,1,standard,{'y' * 100},,,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert [(e.line, e.reason) for e in info.value.errors] == [
        (2, "the category is longer than 100 characters")]


def test_a_120000_character_category_is_refused_as_too_long(store_dir):
    path = write(store_dir / "p.csv", HEADER + f"A1,Milk,1,standard,{'x' * 120_000},,,,\n")
    with pytest.raises(InputError, match="line 2: the category value is longer than 10,000 "
                                         "characters"):
        csvio.import_products(path)
    assert Category.select().count() == 0


@pytest.mark.parametrize("cell", ["x" * 5_000_000, '"' + "x" * 5_000_000 + '"'])
def test_a_5_mb_value_is_too_long_not_an_unclosed_quote(store_dir, cell):
    path = write(store_dir / "p.csv", HEADER + "A1,Milk,1,standard,,,,,\n"
                 f"A2,{cell},1,standard,,,,,\n")
    with pytest.raises(InputError) as info:
        csvio.import_products(path)
    assert "line 3: " in str(info.value) and "longer than 10,000 characters" in str(info.value)
    assert "never closed" not in str(info.value)


def test_an_unclosed_quote_before_a_long_rest_is_still_named(store_dir):
    rest = "B1,Tea,1,standard,,,,,\n" * 20_000  # far past the csv module's field limit
    path = write(store_dir / "p.csv", HEADER + 'A1,"Milk,1,standard,,,,,\n' + rest)
    with pytest.raises(InputError, match="line 2: a quoted value that starts here is never "
                                         "closed"):
        csvio.import_products(path)


def test_a_missing_quote_closed_by_a_later_one_is_named_where_it_starts(store_dir):
    path = write(store_dir / "p.csv", HEADER + 'A1,"Milk,1,standard,,,,,\n'
                 + "B1,Tea,1,standard,,,,,\n" * 5 + 'C1,"Cake",1,standard,,,,,\n')
    with pytest.raises(InputError, match=r"line 2: a quoted value that starts here is not "
                                         r"closed where it should be \(the quoting breaks on "
                                         r"line 8\)"):
        csvio.import_products(path)


def test_a_control_character_or_card_number_in_a_name_is_refused(store_dir):
    path = write(store_dir / "p.csv", HEADER + "A1,Mi\x1blk,1,standard,,,,,\n"
                 "A2,Gift 4242 4242 4242 4242,1,standard,,,,,\n"
                 "A3,Gift card,1,standard,,,6900000000120,,\n")  # a Luhn-valid EAN: a code
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert [(e.line, e.reason) for e in info.value.errors] == [
        (2, "the name has an invisible control character (U+001B); retype it"),
        (3, "the name looks like a card number; card numbers are never stored")]
    cpath = write(store_dir / "c.csv", "name,phone,email,address\n"
                  "Ann,,,4242-4242-4242-4242\nBob,,,1 Main St\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_customers(cpath)
    assert [(e.line, e.reason) for e in info.value.errors] == [
        (2, "the address looks like a card number; card numbers are never stored")]


def test_an_email_has_a_length_limit(store_dir):
    path = write(store_dir / "c.csv", f"name,email\nAnn,{'a' * 250}@example.com\n")
    with pytest.raises(CsvRejected, match="at most 254 characters"):
        csvio.import_customers(path)


def test_a_long_reason_quotes_a_short_part_of_the_value(store_dir):
    path = write(store_dir / "p.csv", HEADER + f"A1,Milk,{'9' * 5000}x,standard,,,,,\n")
    with pytest.raises(CsvRejected) as info:
        csvio.import_products(path)
    assert len(info.value.errors[0].reason) < 200


def test_a_header_of_many_nameless_columns_is_one_short_message(store_dir):
    path = write(store_dir / "p.csv", "sku,name,price,tax_class" + "," * 50_000 + "\n")
    with pytest.raises(InputError, match="and 49,990 more") as info:
        csvio.import_products(path)
    assert len(str(info.value)) < 600


def test_the_preview_knows_a_neutralised_sku_is_an_update(store_dir):
    save_product(ProductInput("=A1", "Milk", Money(150, "USD"), "standard"))
    csvio.export_products(store_dir / "p.csv")
    plan = csvio.plan_products_import(store_dir / "p.csv", csvio.product_snapshot())
    csvio.check_products_against_store(plan)
    (line, fields), = plan.rows
    assert fields[0] == "'=A1" and plan.is_update(fields[0])
