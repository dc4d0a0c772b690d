"""A lazy Qt table model over the catalogue.

It never loads the whole catalogue: the list mode reads pages of `PAGE_SIZE`
products (active ones, or all with `set_include_inactive`) in id order by
keyset paging (`WHERE id > last_id`), one page per `fetchMore`, and the search
mode shows the first results of `pos.catalogue.products.search_products`. Inactive
products are drawn grey and italic. Each page is one query that joins the tax
class and category names, so no row costs a query of its own. Display text is
formatted once per row, when the row is loaded, in the store's currency and
locale.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

import peewee
from babel.numbers import format_decimal
from PySide6.QtCore import (
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from pos.catalogue.products import search_products
from pos.money import Money
from pos.store.models import Category, Product, TaxClass
from ui.paged_table_model import PagedTableModel
from ui.table_model import ROOT, AnyIndex

PAGE_SIZE = 200
SEARCH_LIMIT = 200



class Column(enum.IntEnum):
    SKU = 0
    NAME = 1
    PRICE = 2
    TAX_CLASS = 3
    CATEGORY = 4
    STOCK = 5


_INACTIVE_BRUSH = QBrush(QColor("#6b6b6b"))

ProductIdRole = Qt.ItemDataRole.UserRole + 1
"""`data(index, ProductIdRole)` is the product id of the row."""


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One product as the table shows it: the id and its cells' text."""

    id: int
    cells: tuple[str, ...]
    active: bool = True


class ProductTableModel(PagedTableModel):
    """Products paged by id, or the results of a search (`set_query`); active ones only
    unless `set_include_inactive(True)`."""

    right_columns = frozenset({Column.PRICE, Column.STOCK})

    def __init__(self, currency: str, locale: str, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE, search_limit: int = SEARCH_LIMIT) -> None:
        super().__init__(parent)
        self._currency = currency
        self._locale = locale
        self._page_size = page_size
        self._search_limit = search_limit
        self._headers = (self.tr("SKU"), self.tr("Name"), self.tr("Price"),
                         self.tr("Tax class"), self.tr("Category"), self.tr("Stock"))
        self._rows: list[ProductRow] = []
        self._query = ""
        self._last_id = 0
        self._has_more = False
        self._total: int | None = None  # counted when first asked (see total_count)
        self._include_inactive = False
        self._inactive_font = QFont()
        self._inactive_font.setItalic(True)
        self.refresh()

    # state -------------------------------------------------------------
    @property
    def query(self) -> str:
        """The search text shown, or "" for the paged list of all products."""
        return self._query

    @property
    def is_searching(self) -> bool:
        return bool(self._query)

    @property
    def search_limit(self) -> int:
        return self._search_limit

    @property
    def include_inactive(self) -> bool:
        return self._include_inactive

    def total_count(self) -> int:
        """How many products the list can show (active ones unless inactive ones are
        included), counted at the first call since the last refresh: at 1,000,000
        products the count scans them all (a quarter of a second), which the till's
        start, building this page behind the register, should not wait for."""
        if self._total is None:
            self._total = _count(self._include_inactive)
        return self._total

    def set_include_inactive(self, on: bool) -> None:
        """Show products that are no longer sold too (or not), from the first page."""
        if bool(on) != self._include_inactive:
            self._include_inactive = bool(on)
            self.refresh()

    def set_format(self, currency: str, locale: str) -> None:
        """Show prices in another currency and locale (the store settings changed)."""
        if (currency, locale) != (self._currency, self._locale):
            self._currency, self._locale = currency, locale
            self.refresh()

    def is_active(self, row: int) -> bool:
        return self._rows[row].active

    def product_id(self, row: int) -> int:
        return self._rows[row].id

    def set_query(self, text: str) -> None:
        """Show the first matches for `text`; empty text goes back to the paged list."""
        query = " ".join((text or "").split())
        if query != self._query:
            self._load(query)

    def refresh(self, query: str | None = None) -> None:
        """Reload from the database (after the catalogue changed), keeping the query
        or showing `query` instead."""
        self._total = None
        self._load(self._query if query is None else " ".join(query.split()))

    def _load(self, query: str) -> None:
        # Read first: a failing query leaves the model as it was, not half reset.
        if query:
            rows, has_more = self._search(query), False
        else:
            rows, has_more = self._page(after_id=0)
        self._reset_rows(rows, _query=query, _has_more=has_more,
                         _last_id=rows[-1].id if rows and not query else 0)

    # lazy loading --------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = ROOT) -> bool:
        return self._may_fetch(parent) and not self._query and self._has_more

    def fetchMore(self, parent: AnyIndex = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        rows, has_more = self._page(after_id=self._last_id)
        if not rows:
            self._has_more = False
            return
        self._last_id, self._has_more = rows[-1].id, has_more
        self._append_page(rows)

    # cells (ui.table_model.TableModel) -------------------------------------
    def _cell(self, row: int, column: int, role: int):
        item = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            if not item.active:
                return self.tr("{name} (inactive: not sold)").format(name=item.cells[column])
            return item.cells[column]
        if not item.active and role == Qt.ItemDataRole.ForegroundRole:
            return _INACTIVE_BRUSH
        if not item.active and role == Qt.ItemDataRole.FontRole:
            return self._inactive_font
        if (not item.active and role == Qt.ItemDataRole.AccessibleDescriptionRole
                and column == Column.NAME):
            return self.tr("Inactive: not sold")
        if role == ProductIdRole:
            return self._rows[row].id
        return None

    # queries -------------------------------------------------------------
    def _page(self, after_id: int) -> tuple[list[ProductRow], bool]:
        """The next page after `after_id`, and whether another page follows it."""
        where = Product.id > after_id
        if not self._include_inactive:
            where &= Product.active == True  # noqa: E712
        query = _row_query().where(where).order_by(Product.id).limit(self._page_size + 1)
        rows = [self._make_row(*values) for values in query.tuples()]
        return rows[: self._page_size], len(rows) > self._page_size

    def _search(self, text: str) -> list[ProductRow]:
        ids = [p.id for p in search_products(text, limit=self._search_limit,
                                             include_inactive=self._include_inactive)]
        if not ids:
            return []
        found = {values[0]: values for values in _row_query().where(Product.id.in_(ids)).tuples()}
        return [self._make_row(*found[i]) for i in ids if i in found]

    def _make_row(self, product_id: int, sku: str, name: str, price: int, unit: str,
                  stock: int, active: bool, tax_class: str, category: str | None
                  ) -> ProductRow:
        price_text = Money(price, self._currency).format(self._locale)
        if unit == "weight":  # price per kilogram, stock in grams
            price_text = self.tr("{price}/kg").format(price=price_text)
            stock_text = self.tr("{quantity} kg").format(quantity=format_decimal(
                Decimal(stock).scaleb(-3), format="#,##0.000", locale=self._locale))
        else:
            stock_text = format_decimal(stock, locale=self._locale)
        return ProductRow(product_id, (sku, name, price_text, tax_class, category or "",
                                       stock_text), bool(active))


def _row_query() -> peewee.ModelSelect:
    """The columns of a row, with the tax class and category names joined in."""
    return (Product
            .select(Product.id, Product.sku, Product.name, Product.price, Product.unit,
                    Product.stock, Product.active, TaxClass.name, Category.name)
            .join(TaxClass, on=(Product.tax_class == TaxClass.id))
            .switch(Product)
            .join(Category, peewee.JOIN.LEFT_OUTER, on=(Product.category == Category.id)))


def _count(include_inactive: bool) -> int:
    if include_inactive:
        return Product.select().count()
    return Product.select().where(Product.active == True).count()  # noqa: E712
