"""A lazy Qt table model over the order history.

A store keeps years of sales, so the model never loads them whole: it holds
the rows read so far and reads the next keyset page of `pos.sales.orders.list_orders`
(newest first) when the view scrolls near the end (`canFetchMore`/`fetchMore`,
as in Anki's browser table and Qt's Fetch More example). A page costs a fixed
handful of queries however long the history is: the orders, then their tenders,
item counts and customer names, each for the whole page at once. A row keeps
the values it needs and formats its cells the first time the view asks for one
(Anki's lazy row cache): the view shows a screenful of a page, and the store's
money format costs more than reading the row.

Besides the paged list, the model can show a fixed set of orders (the result
of a search by receipt number or id) until the filters are applied again.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from pos.errors import PosError
from pos.sales.order_states import Status
from pos.sales.orders import Cursor, OrderFilter, list_orders, receipt_label
from pos.store.db import translate_errors
from pos.store.models import Order
from pos.views.order_view import customer_names, item_counts_by_order, tenders_by_order
from ui.history.labels import items_text, local_time_text, money_text, status_label, tenders_text
from ui.paged_table_model import PagedTableModel
from ui.table_model import ROOT, AnyIndex

PAGE_SIZE = 100



class Column(enum.IntEnum):
    RECEIPT = 0
    DATE = 1
    STATUS = 2
    ITEMS = 3
    TOTAL = 4
    TENDER = 5


OrderIdRole = Qt.ItemDataRole.UserRole + 1
"""`data(index, OrderIdRole)` is the order id of the row."""
StatusRole = Qt.ItemDataRole.UserRole + 2
"""`data(index, StatusRole)` is the stored status value ("completed") of the row."""

# Statuses a cashier should notice at a glance; the others keep the text colour.
_STATUS_COLOURS = {
    Status.PENDING_PAYMENT: QColor("#8a5a00"),
    Status.PAID: QColor("#0b4f9c"),
    Status.SHIPPED: QColor("#0b4f9c"),
    Status.CANCELLED: QColor("#6b6b6b"),
    Status.PARTIALLY_REFUNDED: QColor("#a4262c"),
    Status.REFUNDED: QColor("#a4262c"),
}


@dataclass(slots=True)
class OrderRow:
    """One order as the table shows it: its values, and its cells' text once asked for."""

    id: int
    status: str
    receipt: str
    created_at: dt.datetime
    total: int
    currency: str
    tenders: list[str]
    items: int
    customer: str | None
    cells: tuple[str, ...] | None = None


class OrderTableModel(PagedTableModel):
    """Orders newest first, paged by keyset under an `OrderFilter`, or a fixed set."""

    loadFailed = Signal(str)
    """A page could not be read; the message says why in plain words."""

    right_columns = frozenset({Column.TOTAL})
    header_tips = True

    def __init__(self, locale: str, parent: QObject | None = None,
                 filters: OrderFilter | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._locale = locale  # amounts carry their order's currency
        self._page_size = page_size
        self._headers = (self.tr("Receipt"), self.tr("Date and time"), self.tr("Status"),
                         self.tr("Customer / items"), self.tr("Total"), self.tr("Paid by"))
        self._filters = filters or OrderFilter()
        self._pinned: list[int] | None = None  # ids shown instead of the paged list
        self._rows: list[OrderRow] = []
        self._cursor: Cursor | None = None
        self.set_filters(self._filters)

    # state ---------------------------------------------------------------
    @property
    def filters(self) -> OrderFilter:
        return self._filters

    @property
    def is_pinned(self) -> bool:
        """True while the model shows a search result instead of the paged list."""
        return self._pinned is not None

    def order_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, order_id: int) -> int:
        """The row showing `order_id`, or -1 if it is not loaded."""
        return next((r for r, row in enumerate(self._rows) if row.id == order_id), -1)

    def set_filters(self, filters: OrderFilter) -> None:
        """Show the first page under `filters`. Raises `PosError` (a date range that ends
        before it starts, an unreadable store) and then changes nothing."""
        rows, cursor = self._page(filters, None)
        self._reset(rows, cursor, filters, None)

    def show_orders(self, orders: list[Order]) -> None:
        """Show just these orders (a search result); `set_filters` goes back to the list."""
        with translate_errors():
            rows = self._make_rows(orders)
        self._reset(rows, None, self._filters, [o.id for o in orders])

    def reload(self) -> None:
        """Read again from the start: the first page, or the pinned orders afresh."""
        if self._pinned is None:
            self.set_filters(self._filters)
            return
        with translate_errors():
            found = {o.id: o for o in Order.select().where(Order.id.in_(self._pinned))}
            rows = self._make_rows([found[i] for i in self._pinned if i in found])
        self._reset(rows, None, self._filters, self._pinned)

    def set_locale(self, locale: str) -> None:
        """Write dates and amounts this locale's way: the rows are read again."""
        self._locale = locale
        self.reload()

    def refresh_order(self, order_id: int) -> None:
        """Re-read one loaded order in place (after a refund or a status change)."""
        row = self.row_of(order_id)
        if row < 0:
            return
        with translate_errors():
            order = Order.get_or_none(Order.id == order_id)
            if order is None:
                return
            (fresh,) = self._make_rows([order])
        self._rows[row] = fresh
        with self._changing():
            self._rows_changed(row)

    def _reset(self, rows: list[OrderRow], cursor: Cursor | None, filters: OrderFilter,
               pinned: list[int] | None) -> None:
        self._reset_rows(rows, _cursor=cursor, _filters=filters, _pinned=pinned)

    # lazy loading ----------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = ROOT) -> bool:
        return self._may_fetch(parent) and self._pinned is None and self._cursor is not None

    def fetchMore(self, parent: AnyIndex = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        try:
            rows, cursor = self._page(self._filters, self._cursor)
        except PosError as exc:
            # Called from the view while it paints: stop asking and say why instead.
            self._cursor = None
            self.loadFailed.emit(str(exc))
            return
        if not rows:
            self._cursor = None
            return
        self._cursor = cursor
        self._append_page(rows)

    # cells (ui.table_model.TableModel) ---------------------------------------
    def _cell(self, row: int, column: int, role: int):
        order = self._rows[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if order.cells is None:
                order.cells = self._cells(order)
            return order.cells[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            return _STATUS_COLOURS.get(Status(order.status))
        if role == OrderIdRole:
            return order.id
        if role == StatusRole:
            return order.status
        return None

    # queries ---------------------------------------------------------------
    def _page(self, filters: OrderFilter, after: Cursor | None
              ) -> tuple[list[OrderRow], Cursor | None]:
        with translate_errors():
            orders, cursor = list_orders(filters, after=after, limit=self._page_size)
            return self._make_rows(orders), cursor

    def _make_rows(self, orders: list[Order]) -> list[OrderRow]:
        ids = [o.id for o in orders]
        tenders = tenders_by_order(ids)
        counts = item_counts_by_order(ids)
        customers = customer_names([o.customer_id for o in orders])
        return [self._make_row(o, tenders.get(o.id, []), counts.get(o.id, 0),
                               customers.get(o.customer_id)) for o in orders]

    def _make_row(self, order: Order, tenders: list[str], items: int,
                  customer: str | None) -> OrderRow:
        return OrderRow(order.id, order.status, receipt_label(order), order.created_at,
                        order.total, order.currency, tenders, items, customer)

    def _cells(self, row: OrderRow) -> tuple[str, ...]:
        who = items_text(row.items)
        if row.customer:
            who = self.tr("{customer} · {items}").format(customer=row.customer, items=who)
        return (row.receipt, local_time_text(row.created_at, self._locale),
                status_label(row.status), who,
                money_text(row.total, row.currency, self._locale), tenders_text(row.tenders))
