"""The Order history page: find a sale, look at it, refund it or move it along.

The page gathers input and calls one service of `pos.sales.orders` per action; the
rules (what may be refunded, which moves are legal) live there, and a refusal
is shown as the service words it. Reading is done on the GUI thread, which
owns the store's connection: a page of orders and an order's details are a
few indexed queries, quicker than a frame, so nothing here needs a worker.

After a change made here the row and the details are read again and
`session.ordersChanged` tells the other windows; when another window saves a
sale, the list goes back to its first page (at once if shown, else the next
time the page is shown), where the new sale is.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.sales.order_states import Status
from pos.sales.orders import TENDERS, find_order, refund, refund_shares, transition
from pos.store.db import translate_errors
from pos.store.models import Order, Refund
from pos.views.order_view import order_detail
from ui.app import load_page_style
from ui.error_reporting import show_error
from ui.focus import give_focus_back
from ui.history.actions import TARGETS, Action, allowed_actions
from ui.history.details_pane import OrderDetailsPane
from ui.history.filter_bar import FilterBar
from ui.history.labels import (
    local_time_text,
    money_text,
    refund_split_text,
    status_label,
    tenders_text,
)
from ui.history.order_table_model import Column, OrderTableModel
from ui.history.refund_dialog import RefundDialog
from ui.list_table import make_list_table
from ui.session import Session
from ui.staff import ApprovalResult, request_approval

DETAILS_WIDTH = 400
DETAILS_MIN_WIDTH = 360
# Left to right: the figures a cashier looks an order up by come before the status and
# the customer and items, which take what is left (and elide) on a narrow screen.
COLUMN_ORDER = (Column.RECEIPT, Column.DATE, Column.TOTAL, Column.TENDER, Column.STATUS,
                Column.ITEMS)
"""The details pane's starting width; the table takes the rest of the page."""

log = logging.getLogger(__name__)

ReceiptPrinter = Callable[[Order], None]


class HistoryView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("historyView")
        self.setAccessibleName(self.tr("Order history"))
        settings = session.settings
        self._locale = settings.locale
        self.receipt_printer: ReceiptPrinter | None = None
        """Prints a saved sale's receipt again; set by the receipts work. None: not set up."""
        self.refund_printer: Callable[[Refund], None] | None = None
        """Prints a refund's receipt (and opens the drawer for cash); None: no printing."""
        self.refunder = refund
        """Saves a refund: `pos.sales.orders.refund`, or the gateway's (`ui.payments.refunds`)."""
        self.refund_dialog: RefundDialog | None = None
        self.approval_dialog: QDialog | None = None  # open while a supervisor is asked
        self._current: Order | None = None
        self._stale = False
        self._announcing = False

        self.message = QLabel(self)
        self.message.setObjectName("historyMessage")
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setWordWrap(True)
        self.message.hide()
        self.filter_bar = FilterBar(settings.currency, settings.locale, self)
        self.search_edit = self.filter_bar.search_edit
        self.orders = OrderTableModel(settings.locale, self)
        self.table = self._make_table()
        self.details = OrderDetailsPane(settings.locale, self)
        self._build_layout()
        load_page_style(self, "history")

        self.filter_bar.changed.connect(self.apply_filters)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(self._search_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.orders.modelReset.connect(self._after_reset)
        self.orders.loadFailed.connect(self.show_error_message)
        details = self.details
        details.refund_button.clicked.connect(self.open_refund_dialog)
        details.cancel_button.clicked.connect(lambda: self.move_order(Action.CANCEL))
        details.ship_button.clicked.connect(lambda: self.move_order(Action.SHIP))
        details.complete_button.clicked.connect(lambda: self.move_order(Action.COMPLETE))
        details.reprint_button.clicked.connect(self.reprint)
        session.ordersChanged.connect(self._orders_changed)
        session.settingsChanged.connect(self._settings_changed)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        # Ctrl+P reprints (the button's Alt+E too): a key that never types into the search.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.reprint)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit,
                           self.search_edit.clear)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._after_reset()

    # building ------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = make_list_table(self, "historyTable", self.tr("Orders, newest first"),
                                self.orders, Column.ITEMS)
        header = table.horizontalHeader()
        cells, titles = table.fontMetrics(), header.fontMetrics()
        for column, samples in self._column_samples().items():
            title = self.orders.headerData(column, Qt.Orientation.Horizontal)
            widest = max([cells.horizontalAdvance(text) for text in samples]
                         + [titles.horizontalAdvance(title) + 8])  # the header is bold
            header.resizeSection(column, widest + 20)
        for visual, column in enumerate(COLUMN_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        return table

    def _column_samples(self) -> dict[Column, list[str]]:
        """The widest text each column usually holds, in this store's formats; the
        customer and items column takes what is left. Cells that do not fit elide, and
        their tooltips show them whole."""
        settings = self.session.settings
        late = [dt.datetime(2029, 12, 28, hour, 58).astimezone() for hour in (10, 11, 22, 23)]
        return {
            Column.RECEIPT: [f"{settings.terminal_id}-000000"],
            Column.DATE: [local_time_text(when, settings.locale) for when in late],
            Column.STATUS: [status_label(s) for s in Status],
            Column.TOTAL: [money_text(999_999, settings.currency, settings.locale)],
            Column.TENDER: [tenders_text([t]) for t in TENDERS],  # a split tender elides
        }

    def _build_layout(self) -> None:
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("historySplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        self.details.setMinimumWidth(DETAILS_MIN_WIDTH)
        splitter.setSizes([10_000, DETAILS_WIDTH])  # the table takes what is left
        self._splitter_moved = False  # once the cashier drags it, their sizes stay
        splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        splitter.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._fit_figures()
        return super().eventFilter(watched, event)

    def _fit_figures(self) -> None:
        """On a narrow screen the details pane gives up width (down to its minimum) until
        the table shows the receipt, time, total and tender without scrolling."""
        if self._splitter_moved:
            return
        header = self.table.horizontalHeader()
        figures = sum(header.sectionSize(c) for c in COLUMN_ORDER[:4])
        chrome = self.table.width() - self.table.viewport().width()
        total = self.splitter.width() - self.splitter.handleWidth()
        details = max(DETAILS_MIN_WIDTH, min(DETAILS_WIDTH, total - figures - chrome))
        if total > 0 and self.splitter.sizes()[1] != details:
            self.splitter.setSizes([total - details, details])

    # page --------------------------------------------------------------------
    def activate(self) -> None:
        """Shown by the main window: catch up with sales saved meanwhile, focus the search."""
        if self._stale:
            self.reload()
        self.focus_search()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_error_message(self, text: str) -> None:
        self._show_message(text, "error")

    def show_note(self, text: str) -> None:
        self._show_message(text, "note")

    def _show_message(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    # listing and finding -------------------------------------------------------
    def apply_filters(self) -> None:
        """Show the first page under the filters as typed; bad input only says why."""
        try:
            self.orders.set_filters(self.filter_bar.filters())
        except PosError as exc:
            self.show_error_message(str(exc))
            return
        self.search_edit.blockSignals(True)
        self.search_edit.clear()  # the list replaces a search result
        self.search_edit.blockSignals(False)
        self._say_if_empty()

    def search(self) -> None:
        """Find the order by receipt number or id; if there is none, only say so."""
        text = self.search_edit.text().strip()
        if not text:
            if self.orders.is_pinned:
                self.apply_filters()
            return
        try:
            order = find_order(text, terminal_id=self.session.terminal_id)
            self.orders.show_orders([order])
        except PosError as exc:
            self.show_error_message(str(exc))
            return
        self._select(order.id)
        self.show_note(self.tr("Showing the order found for “{text}”. Clear the search to "
                               "see all orders.").format(text=text))

    def _search_text_changed(self, text: str) -> None:
        if not text and self.orders.is_pinned:
            self.apply_filters()

    def reload(self) -> None:
        """Read the list again from its first page, keeping the chosen order if it is there."""
        self._stale = False
        try:
            self.orders.reload()
        except PosError as exc:
            self.show_error_message(str(exc))

    def _say_if_empty(self) -> None:
        if self.orders.rowCount() == 0:
            self.show_note(self.tr("No orders match these filters."))
        else:
            self.clear_message()

    def _orders_changed(self) -> None:
        if self._announcing:
            return  # our own change: the row and the details are already fresh
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # the chosen order ------------------------------------------------------------
    def current_order(self) -> Order | None:
        return self._current

    def _select(self, order_id: int) -> bool:
        """Make `order_id` the chosen row and show it afresh; False if it is not loaded."""
        row = self.orders.row_of(order_id)
        if row < 0:
            return False
        index = self.orders.index(row, 0)
        selection = self.table.selectionModel()
        already = selection.currentIndex().row() == row
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if already:  # no currentRowChanged: read it again here
            self._show(order_id)
        return True

    def _after_reset(self) -> None:
        # A reset drops the selection without a signal: choose the same order again.
        if self._current is None or not self._select(self._current.id):
            self._show(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.message.property("kind") == "note":
            self.clear_message()  # a note was about the order shown before
        self._show(self.orders.order_id(current.row()) if current.isValid() else None)

    def _show(self, order_id: int | None) -> None:
        order = detail = None
        if order_id is not None:
            try:
                with translate_errors():
                    order = Order.get_or_none(Order.id == order_id)
                    detail = order_detail(order) if order is not None else None
            except PosError as exc:
                self.show_error_message(str(exc))
                order = detail = None
        self._current = order
        self.details.show_order(order, detail)
        self.details.set_allowed(allowed_actions(order))

    def _changed(self, order_id: int) -> None:
        """After a change made here: the row and details afresh, then tell the others."""
        try:
            self.orders.refresh_order(order_id)
        except PosError as exc:
            self.show_error_message(str(exc))
        if self._current is not None and self._current.id == order_id:
            self._show(order_id)
        self._announcing = True
        try:
            self.session.ordersChanged.emit()
        finally:
            self._announcing = False

    def _refunded(self, record: Refund) -> None:
        self._changed(record.order_id)
        try:  # what the cashier does now: the cash to hand over, the cards refunded
            with translate_errors():
                currency = Order.get_by_id(record.order_id).currency
                split = refund_split_text(refund_shares(record), currency, self._locale)
            self.show_note(self.tr("Refunded {amount}. {split}").format(
                amount=money_text(record.amount, currency, self._locale), split=split).strip())
        except PosError as exc:
            self.show_error_message(str(exc))
        if self.refund_printer is not None:
            try:
                self.refund_printer(record)
            except PosError as exc:  # the refund is saved: printing never undoes it
                show_error(str(exc), self)

    def _settings_changed(self) -> None:
        """The store's locale or currency changed: amounts and dates are written anew."""
        settings = self.session.settings
        if (settings.locale, settings.currency) == (self._locale, self.filter_bar.currency):
            return
        self._locale = settings.locale
        self.filter_bar.set_money_format(settings.currency, settings.locale)
        self.details.set_locale(settings.locale)
        self.orders.set_locale(settings.locale)
        if self._current is not None:
            self._show(self._current.id)

    # actions ---------------------------------------------------------------------
    def open_refund_dialog(self) -> RefundDialog | None:
        """Open the refund dialog for the chosen order (not blocking) once any approval it
        needs is given; returns it when it opened at once (no approval was needed)."""
        order = self._current
        if order is None:
            return None
        self._when_approved("refund", lambda approvals: self._open_refund(order, approvals))
        return self.refund_dialog

    def _open_refund(self, order: Order, approvals: tuple) -> None:
        refunder = functools.partial(self.refunder, actor=self.session.actor(*approvals),
                                     terminal_id=self.session.terminal_id)
        dialog = RefundDialog(order, self._locale, self, refunder=refunder)
        dialog.refunded.connect(self._refunded)
        dialog.finished.connect(self._refund_dialog_closed)
        self.refund_dialog = dialog
        dialog.open()

    def _refund_dialog_closed(self) -> None:
        if self.refund_dialog is not None:
            self.refund_dialog.deleteLater()
            self.refund_dialog = None
        give_focus_back(self, self.table if self._current is not None else self.search_edit)

    def move_order(self, action: Action) -> None:
        """Cancel, ship or complete the chosen order through `pos.sales.orders.transition`; a
        cancel asks first, and for a supervisor's approval when the cashier lacks the
        right."""
        order = self._current
        if order is None:
            return
        if action is not Action.CANCEL:
            self._move(order, action, ())
        elif self._confirm_cancel(order):
            self._when_approved("void", lambda approvals: self._move(order, action, approvals))

    def _move(self, order: Order, action: Action, approvals: tuple) -> None:
        try:
            transition(order, TARGETS[action], actor=self.session.actor(*approvals))
        except PosError as exc:
            show_error(str(exc), self)
            self._show(order.id)  # show how the order really is now
            return
        self._changed(order.id)

    def _when_approved(self, action: str, then: Callable[[tuple], None]) -> None:
        """Call `then(approvals)` once `action` is allowed: at once when the user may do it
        (or the store has no staff), else when a supervisor approved in the dialog, which
        opens without a local event loop (a refund or cancel is a money path). Nothing
        happens when the cashier gives up."""
        if self.session.user is None:
            then(())
            return

        def answered(result: ApprovalResult) -> None:
            self.approval_dialog = None
            if result.allowed:
                then(result.approvals)

        self.approval_dialog = request_approval(self.session.user, action, self, answered)

    def _confirm_cancel(self, order: Order) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Cancel order"),
            self.tr("Cancel this order? Its items go back into stock. This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def reprint(self) -> None:
        """Print the chosen sale's receipt again through `receipt_printer`, if there is one."""
        order = self._current
        if order is None:
            return
        if self.receipt_printer is None:
            self.show_note(self.tr("Printing is not set up yet, so the receipt cannot be "
                                   "printed again. Printing arrives with the receipts setup."))
            return
        try:
            self.receipt_printer(order)
        except PosError as exc:
            show_error(str(exc), self)
