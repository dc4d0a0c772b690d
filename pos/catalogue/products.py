"""The catalogue: products, barcodes, tax classes and categories, and finding them fast.

A scan is answered through two primary-key/unique-index probes (barcode, then
SKU); a name search through the `name_key` index for prefixes and the FTS5
trigram index for substrings, so both stay instant at a million products.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pos.barcodes import normalize_code, parse_variable, rules_from_json
from pos.catalogue.textkey import fold
from pos.errors import InputError, NotFound
from pos.money import Money
from pos.store.db import database, translate_errors
from pos.store.models import Barcode, Category, Product, TaxClass, utcnow

UNITS = ("each", "weight")
MAX_STOCK = 10**12
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class ScanResult:
    """What a scanned or typed code names: a product, and maybe a measure from the code."""

    product: Product
    weight_grams: int | None = None  # from a variable-measure (weight) barcode
    price: int | None = None  # minor units, from a variable-measure (price) barcode


def find_by_code(code: str, variable_rules_json: str | None = None) -> ScanResult:
    """Find the product for a barcode or SKU, as typed or scanned."""
    text = (code or "").strip()
    if not text:
        raise InputError("Scan or type a code.")
    product = _by_code_or_sku(text)
    if product is None:
        normalized = normalize_code(text)
        product = _by_code_or_sku(normalized)
        if product is None and variable_rules_json:
            variable = parse_variable(normalized, rules_from_json(variable_rules_json))
            if variable is not None:
                product = _by_code_or_sku(variable.item_code)
                if product is not None:
                    _check_active(product)
                    if variable.kind == "weight":
                        return ScanResult(product, weight_grams=variable.value)
                    return ScanResult(product, price=variable.value)
    if product is None:
        raise NotFound(f"No product has the code {text}. Check the code or search by name.")
    _check_active(product)
    return ScanResult(product)


def _by_code_or_sku(code: str) -> Product | None:
    """One indexed probe each, with the tax class joined in (the cart needs its rate)."""
    with_tax = Product.select(Product, TaxClass).join(TaxClass)
    row = with_tax.switch(Product).join(Barcode).where(Barcode.code == code).first()
    if row is None:
        row = with_tax.where(Product.sku == code).first()
    return row


def _check_active(product: Product) -> None:
    if not product.active:
        raise InputError(f"{product.name} ({product.sku}) is no longer sold.")


def search_products(query: str, limit: int = 20, include_inactive: bool = False) -> list[Product]:
    """The first `limit` products whose name starts with or contains `query`, or whose SKU
    starts with it: SKU matches first, then name prefixes, then substrings."""
    key = fold(query or "")
    if not key:
        return []
    found: dict[int, Product] = {}

    def take(rows: Iterable[Product]) -> None:
        for row in rows:
            if len(found) >= limit:
                return
            found.setdefault(row.id, row)

    active = True if include_inactive else Product.active == True  # noqa: E712
    raw = (query or "").strip()
    take(Product.select().where((Product.sku >= raw) & (Product.sku < raw + _TOP) & active)
         .order_by(Product.sku).limit(limit))
    if len(found) < limit:
        take(Product.select()
             .where((Product.name_key >= key) & (Product.name_key < key + _TOP) & active)
             .order_by(Product.name_key).limit(limit))
    if len(found) < limit and len(key) >= 3:
        phrase = '"' + key.replace('"', '""') + '"'
        sql = ("SELECT p.* FROM product_search s JOIN product p ON p.id = s.rowid "
               "WHERE product_search MATCH ? {active} LIMIT ?").format(
            active="" if include_inactive else "AND p.active")
        take(Product.raw(sql, phrase, limit + len(found)))
    return list(found.values())


@dataclass(frozen=True)
class ProductInput:
    """A product as typed in a form or read from a CSV row, before validation."""

    sku: str
    name: str
    price: Money
    tax_class: str
    category: str | None = None
    unit: str = "each"
    barcodes: tuple[str, ...] = ()
    active: bool = True
    stock: int = 0

    def validated(self) -> ProductInput:
        sku = (self.sku or "").strip()
        if not sku or len(sku) > 64 or any(c.isspace() for c in sku):
            raise InputError("The SKU must be 1 to 64 characters without spaces.")
        name = " ".join((self.name or "").split())
        if not name or len(name) > 200:
            raise InputError("The name must be 1 to 200 characters.")
        self.price.check_range("price")
        if self.price.minor < 0:
            raise InputError("The price cannot be negative.")
        if self.unit not in UNITS:
            raise InputError(f"The unit must be 'each' or 'weight', not {self.unit!r}.")
        if type(self.stock) is not int or abs(self.stock) > MAX_STOCK:
            raise InputError("The stock must be a whole number.")
        codes = tuple(dict.fromkeys(normalize_code(c) for c in self.barcodes if c.strip()))
        category = " ".join((self.category or "").split()) or None
        return ProductInput(sku, name, self.price, self.tax_class.strip(), category, self.unit,
                            codes, bool(self.active), self.stock)


def save_product(data: ProductInput) -> Product:
    """Create or update (by SKU) one product with its barcodes, in one transaction."""
    data = data.validated()
    with translate_errors(), database.atomic():
        tax_class = TaxClass.get_or_none(TaxClass.code == data.tax_class)
        if tax_class is None:
            raise InputError(f"There is no tax class {data.tax_class!r}.")
        category = ensure_category(data.category) if data.category else None
        product = Product.get_or_none(Product.sku == data.sku) or Product(sku=data.sku)
        product.name = data.name
        product.name_key = fold(data.name)
        product.price = data.price.minor
        product.tax_class = tax_class
        product.category = category
        product.unit = data.unit
        product.active = data.active
        product.stock = data.stock
        product.updated_at = utcnow()
        product.save()
        set_barcodes(product, data.barcodes)
    return product


def set_barcodes(product: Product, codes: Iterable[str]) -> None:
    codes = list(codes)
    taken = (Barcode.select(Barcode.code, Product.sku).join(Product)
             .where(Barcode.code.in_(codes) & (Barcode.product != product.id)).tuples())
    for code, sku in taken:
        raise InputError(f"The barcode {code} already belongs to product {sku}.")
    Barcode.delete().where((Barcode.product == product.id) & Barcode.code.not_in(codes)).execute()
    for code in codes:
        Barcode.insert(code=code, product=product.id).on_conflict_ignore().execute()


def ensure_category(name: str) -> Category:
    with translate_errors():
        category, _ = Category.get_or_create(name=name)
    return category


def ensure_tax_class(code: str, name: str, rate_ppm: int) -> TaxClass:
    """Create or update a tax class; rates are parts per million (13% = 130000)."""
    if type(rate_ppm) is not int or not 0 <= rate_ppm <= 1_000_000:
        raise InputError("A tax rate must be between 0% and 100%.")
    code = code.strip()
    if not code:
        raise InputError("A tax class needs a code, like 'standard'.")
    with translate_errors(), database.atomic():
        row = TaxClass.get_or_none(TaxClass.code == code) or TaxClass(code=code)
        row.name, row.rate_ppm = name, rate_ppm
        row.save()
    return row


def product_price(product: Product, currency: str) -> Money:
    return Money(product.price, currency)
