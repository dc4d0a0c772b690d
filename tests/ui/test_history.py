"""The Order history page: lazy paging, filters, search, details, refunds and status moves.

Orders are real sales saved with `pos.sales.orders.complete_sale` on the sample store
(EUR, de_DE, terminal T7).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from pos.catalogue.customers import CustomerInput, save_customer
from pos.money import Money
from pos.sales.cart import Cart
from pos.sales.order_states import Status
from pos.sales.orders import Tender, complete_sale, place_order, receipt_label, refund
from pos.sales.register_items import item_for
from pos.settings import load_settings, save_settings
from pos.store.db import database
from pos.store.models import Order, OrderLine, Payment, Product, utcnow
from ui.app import apply_style
from ui.history.actions import Action
from ui.history.history_view import HistoryView
from ui.history.labels import local_time_text
from ui.history.order_table_model import PAGE_SIZE, Column, OrderIdRole, OrderTableModel
from ui.history.refund_dialog import RefundDialog
from ui.main_window import MainWindow
from ui.session import Session

MANY = 250  # two full pages and a half


# building orders -------------------------------------------------------------

def products(count=6):
    """Products sold by the piece (the sample store's fourth product is weighed)."""
    return list(Product.select().where(Product.unit == "each").order_by(Product.id)
                .limit(count))


def sell(lines, tender="cash", ship_later=False, customer_id=None, place_only=False):
    """Save a paid sale of `lines` [(product, quantity)] the way the register does."""
    settings = load_settings()
    cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
    for product, quantity in lines:
        if product.unit == "weight":  # quantity in grams
            cart.add(item_for(product), weight_grams=quantity)
        else:
            cart.add(item_for(product), quantity)
    cart.ship_later = ship_later
    cart.customer_id = customer_id
    if ship_later:
        cart.delivery_address = "Hauptstraße 1, Berlin"
    if place_only:
        return place_order(cart, settings.terminal_id)
    total = cart.totals().total
    if tender == "card":
        tenders = [Tender("card", total, gateway_ref="ch_1", card_brand="visa",
                          card_last4="4242")]
    else:
        tenders = [Tender("cash", Money(total.minor + 500, total.currency))]
    return complete_sale(cart, settings.terminal_id, tenders)


def sell_many(count):
    """`count` small sales in one transaction, cash and card alternating."""
    items = products()
    with database.atomic():
        return [sell([(items[n % len(items)], 1 + n % 3)], "card" if n % 2 else "cash")
                for n in range(count)]


def eur(minor):
    return Money(minor, "EUR").format("de_DE")


# fixtures --------------------------------------------------------------------

@pytest.fixture
def session(store_path):
    return Session(load_settings(), store_path)


@pytest.fixture
def make_view(qtbot, session):
    def make():
        view = HistoryView(session)
        qtbot.addWidget(view)
        # As in the main window, whose minimum size is fixed: a window sized by its layout
        # would pass every change of the details' height to the platform, which the
        # offscreen one answers with a warning.
        view.setMinimumSize(1000, 600)
        view.resize(1180, 680)
        view.show()
        qtbot.waitExposed(view)
        return view
    return make


@pytest.fixture
def many(store_path):
    return sell_many(MANY)


@pytest.fixture
def message_boxes(monkeypatch):
    """Record `QMessageBox.critical` calls instead of opening a modal box."""
    calls = []

    def critical(parent, title, text, *args, **kwargs):
        calls.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return calls


@pytest.fixture
def say_yes(monkeypatch):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def ids(model):
    return [model.data(model.index(r, 0), OrderIdRole) for r in range(model.rowCount())]


def choose(view, order):
    """Select `order`'s row, as a click would."""
    row = view.orders.row_of(order.id)
    assert row >= 0
    view.table.selectRow(row)
    assert view.current_order().id == order.id


def button(view, name):
    return view.findChild(QPushButton, name)


# the lazy model ----------------------------------------------------------------

@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_model_passes_the_model_tester_before_and_after_fetching_more(
        many, qtmodeltester, force_py):
    model = OrderTableModel("de_DE")
    assert model.rowCount() == PAGE_SIZE
    # The tester stays attached: it checks every insertion and reset from now on, and runs
    # all its checks again after each one (they include a fetchMore of their own).
    qtmodeltester.check(model, force_py=force_py)
    while model.canFetchMore(QModelIndex()):
        before = model.rowCount()
        model.fetchMore(QModelIndex())
        assert model.rowCount() - before in (PAGE_SIZE, MANY % PAGE_SIZE)
    assert model.rowCount() == MANY
    model.reload()  # back to the first page, with more to fetch
    assert PAGE_SIZE <= model.rowCount() < MANY and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() > PAGE_SIZE
    if not force_py:  # a second Python tester would connect its slots twice
        qtmodeltester.check(model)


def test_fetch_more_adds_one_page_at_a_time_newest_first_and_stops(many):
    model = OrderTableModel("de_DE")
    counts = [model.rowCount()]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        counts.append(model.rowCount())
    assert counts == [100, 200, 250]
    model.fetchMore(QModelIndex())  # nothing left: a no-op
    assert model.rowCount() == MANY
    assert ids(model) == [o.id for o in reversed(many)]  # newest first
    stamps = [o.created_at for o in Order.select().order_by(Order.id.desc())]
    assert stamps == sorted(stamps, reverse=True)


def test_a_page_costs_a_fixed_number_of_queries(many, monkeypatch):
    model = OrderTableModel("de_DE")
    queries = []
    real = database.execute_sql

    def counting(sql, *args, **kwargs):
        queries.append(sql)
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert len(queries) <= 4  # orders, tenders, item counts, customers: not one per row


def test_rows_show_receipt_local_time_status_items_total_and_tender(store_path):
    apple, juice = products(2)
    anna = save_customer(CustomerInput("Anna Berger", phone="030 1234567"))
    cash = sell([(apple, 2), (juice, 1)])
    card = sell([(apple, 1)], tender="card", customer_id=anna.id)
    model = OrderTableModel("de_DE")

    def row(r):
        return [model.index(r, c).data() for c in Column]

    assert row(1) == ["T7-000001", local_time_text(cash.created_at, "de_DE"), "Completed",
                      "3 items", eur(cash.total), "Cash"]
    assert row(0) == ["T7-000002", local_time_text(card.created_at, "de_DE"), "Completed",
                      "Anna Berger · 1 item", eur(card.total), "Card"]
    local = cash.created_at.astimezone()
    assert row(1)[Column.DATE] == local.strftime("%d.%m.%Y %H:%M")
    assert model.index(0, Column.TOTAL).data(Qt.ItemDataRole.TextAlignmentRole) & \
        Qt.AlignmentFlag.AlignRight
    assert model.headerData(Column.TOTAL, Qt.Orientation.Horizontal) == "Total"


def test_a_weighed_line_counts_as_one_item(store_path):
    banana = Product.get(Product.unit == "weight")
    apple = products(1)[0]
    order = sell([(banana, 1250), (apple, 2)])
    model = OrderTableModel("de_DE")
    assert model.index(model.row_of(order.id), Column.ITEMS).data() == "3 items"


def test_scrolling_to_the_end_loads_the_next_page(qtbot, many, make_view):
    view = make_view()
    assert view.orders.rowCount() == PAGE_SIZE
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.orders.rowCount() == 2 * PAGE_SIZE)


# filters -----------------------------------------------------------------------

def test_filters_by_status_tender_amount_and_date(qtbot, store_path, make_view):
    apple, juice, pineapple = products(3)
    small = sell([(apple, 1)])  # 1,00 € (food 7%, tax included or not: the total is small)
    big = sell([(juice, 9), (pineapple, 9)], tender="card")
    shipped_later = sell([(apple, 2)], ship_later=True)  # stays paid
    old = sell([(pineapple, 1)])
    long_ago = utcnow() - dt.timedelta(days=30)
    Order.update(created_at=long_ago).where(Order.id == old.id).execute()
    view = make_view()
    bar, model = view.filter_bar, view.orders
    assert set(ids(model)) == {small.id, big.id, shipped_later.id, old.id}

    bar.status_combo.setCurrentIndex(bar.status_combo.findData("paid"))
    assert ids(model) == [shipped_later.id]
    bar.status_combo.setCurrentIndex(0)

    bar.tender_combo.setCurrentIndex(bar.tender_combo.findData("card"))
    assert ids(model) == [big.id]
    bar.tender_combo.setCurrentIndex(0)

    threshold = f"{(big.total - 1) / 100:.2f}".replace(".", ",")  # typed the German way
    bar.min_edit.setText(threshold)
    bar.min_edit.setModified(True)
    bar.min_edit.editingFinished.emit()
    assert ids(model) == [big.id]
    bar.min_edit.clear()
    bar.max_edit.setText(f"{small.total / 100:.2f}".replace(".", ","))
    bar.max_edit.setModified(True)
    bar.max_edit.editingFinished.emit()
    assert small.id in ids(model) and big.id not in ids(model)
    bar.clear()
    assert len(ids(model)) == 4

    bar.dates_check.setChecked(True)  # the last week, today included
    assert set(ids(model)) == {small.id, big.id, shipped_later.id}
    before = long_ago.astimezone().date()
    bar.date_from.setDate(before - dt.timedelta(days=1))
    bar.date_to.setDate(before)
    qtbot.waitUntil(lambda: ids(model) == [old.id])  # dates apply once typing pauses
    bar.clear()
    assert len(ids(model)) == 4


def test_bad_filter_input_says_why_and_changes_nothing(qtbot, store_path, make_view):
    sell([(products(1)[0], 1)])
    view = make_view()
    before = ids(view.orders)
    bar = view.filter_bar
    bar.min_edit.setText("zwölf")
    bar.min_edit.setModified(True)
    bar.min_edit.editingFinished.emit()
    assert view.message.isVisible() and "is not an amount" in view.message.text()
    assert ids(view.orders) == before
    bar.min_edit.clear()

    bar.dates_check.setChecked(True)
    bar.date_from.setDate(bar.date_to.date().addDays(3))
    qtbot.waitUntil(lambda: "ends before it starts" in view.message.text())
    assert ids(view.orders) == before


def test_no_match_says_so(store_path, make_view):
    sell([(products(1)[0], 1)])
    view = make_view()
    bar = view.filter_bar
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("refunded"))
    assert view.orders.rowCount() == 0
    assert view.message.text() == "No orders match these filters."
    bar.clear()
    assert view.orders.rowCount() == 1 and not view.message.isVisible()


# search ------------------------------------------------------------------------

def test_search_by_receipt_label_number_and_uuid(qtbot, many, make_view):
    view = make_view()
    search = view.findChild(QLineEdit, "historySearch")
    assert search.accessibleName()
    target = many[7]  # far below the first page
    assert view.orders.row_of(target.id) == -1

    qtbot.keyClicks(search, receipt_label(target))
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert ids(view.orders) == [target.id] and view.orders.is_pinned
    assert view.current_order().id == target.id
    assert "T7-000008" in view.details.title.text()

    search.clear()  # back to the list
    assert view.orders.rowCount() == PAGE_SIZE and not view.orders.is_pinned

    qtbot.keyClicks(search, "8")  # a bare number: this terminal's receipt
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert ids(view.orders) == [target.id]

    search.clear()
    qtbot.keyClicks(search, many[3].uuid.upper())
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert ids(view.orders) == [many[3].id]


def test_search_that_finds_nothing_only_says_so(qtbot, many, make_view):
    view = make_view()
    choose(view, many[-1])
    before = ids(view.orders)
    search = view.search_edit
    for text, words in (("T7-999999", "No sale has the receipt number"),
                        ("9e5b3a2c-1111-4222-8333-444455556666", "No order has the id"),
                        ("apples", "neither a receipt number nor an order id")):
        search.clear()
        qtbot.keyClicks(search, text)
        qtbot.keyClick(search, Qt.Key.Key_Return)
        assert words in view.message.text()
        assert ids(view.orders) == before
        assert view.current_order().id == many[-1].id


# details -------------------------------------------------------------------------

def test_details_show_lines_payments_and_timeline(store_path, make_view):
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 1)], tender="card")
    view = make_view()
    assert view.details.placeholder.isVisible()
    assert not button(view, "refundButton").isEnabled()
    choose(view, order)

    pane = view.details
    assert not pane.placeholder.isVisible()
    assert pane.title.text() == "Receipt T7-000001"
    assert pane.status.text() == "Completed"
    line = OrderLine.get((OrderLine.order == order.id) & (OrderLine.line_no == 1))
    lines = pane.lines.text()
    assert lines.count("<tr>") == 2
    assert "Green Apple" in lines
    assert f"2 × {eur(line.unit_price)}" in lines and eur(2 * line.unit_price) in lines
    payments = pane.payments.text()
    assert "Card · Visa •••• 4242" in payments and eur(order.total) in payments
    assert "ch_1" not in payments  # the gateway reference stays out of sight
    timeline = pane.timeline.text()
    for step in ("Created", "Paid", "Completed"):
        assert step in timeline
    assert local_time_text(order.created_at, "de_DE") in timeline
    assert not pane.refunds.isVisible()


@pytest.mark.parametrize("mode", ["exclusive", "inclusive"])
def test_line_amounts_agree_with_quantity_times_price_and_add_up_to_the_subtotal(
        store_path, make_view, mode):
    """Issue 11: a tax-exclusive store showed "1 × $1.79" beside "$1.86", a pre-tax unit
    price beside a tax-included line amount. As on the receipt, a line shows its amount
    before discounts in the subtotal's terms."""
    save_settings(tax_mode=mode)
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 3)])
    view = make_view()
    choose(view, order)
    text = view.details.lines.text()
    lines = list(OrderLine.select().where(OrderLine.order == order.id)
                 .order_by(OrderLine.line_no))
    assert mode != "exclusive" or all(line.gross != line.net for line in lines)
    for line in lines:
        shown = eur(line.quantity * line.unit_price)
        assert f"{line.quantity} × {eur(line.unit_price)}" in text and shown in text
        if line.gross != line.quantity * line.unit_price:
            assert eur(line.gross) not in text
    assert sum(line.quantity * line.unit_price for line in lines) == order.subtotal


# refunds -------------------------------------------------------------------------

def test_refund_one_of_a_line_from_the_dialog(qtbot, store_path, make_view, session):
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 1)])
    stock = Product.get_by_id(apple.id).stock
    view = make_view()
    choose(view, order)
    refund_button = view.findChild(QPushButton, "refundButton")
    assert refund_button.accessibleName() and refund_button.isEnabled()

    with qtbot.waitSignal(session.ordersChanged):
        qtbot.mouseClick(refund_button, Qt.MouseButton.LeftButton)
        dialog = view.refund_dialog
        assert dialog is not None and dialog.isVisible()
        line = OrderLine.get((OrderLine.order == order.id) & (OrderLine.line_no == 1))
        dialog.lines_radio.setChecked(True)
        spin = dialog.spins[line.id]
        assert spin.maximum() == 2
        assert not dialog.confirm_button.isEnabled()  # nothing chosen yet
        spin.setValue(1)
        share = line.gross // 2
        assert dialog.amount_label.text() == f"Refund {eur(share)}"
        assert dialog.split_label.text() == f"Give back {eur(share)} in cash."
        dialog.reason_edit.setText("bruised")
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    saved = Order.get_by_id(order.id)
    assert saved.status == Status.PARTIALLY_REFUNDED
    assert saved.refunded == share
    assert OrderLine.get_by_id(line.id).refunded_quantity == 1
    assert Product.get_by_id(apple.id).stock == stock + 1  # restocked
    assert view.orders.index(view.orders.row_of(order.id), Column.STATUS).data() == \
        "Partly refunded"
    assert view.details.status.text() == "Partly refunded"
    assert "bruised" in view.details.refunds.text()
    assert f"2 × {eur(line.unit_price)} · 1 refunded" in view.details.lines.text()


@pytest.mark.parametrize("room", [(1366, 728), (1024, 728)])
def test_the_refund_dialog_fits_its_lines_and_their_names_inside_the_window(
        qtbot, qapp, store_path, room):
    """Issue 11: on a 1366×768 screen it opened 620×520, showing 4 of 6 lines with their
    names cut short (in the program's style sheet, as the cashier sees it)."""
    assert apply_style(qapp)
    items = products(6)
    for n, product in enumerate(items):
        product.name = f"Autumn Leaf Premium Organic Produce {n} 500g 秋叶精选有机农产品"
        product.save()
    order = sell([(product, 1) for product in items])
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(*room)
    window.show()
    dialog = RefundDialog(order, "de_DE", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qapp.setStyleSheet("")  # measured; the other tests run unstyled
    assert dialog.width() <= room[0] - 40 and dialog.height() <= room[1] - 40
    table = dialog.table
    assert table.verticalScrollBar().maximum() == 0  # every line shows
    assert all(table.visualRect(table.model().index(row, 0)).bottom()
               <= table.viewport().height() for row in range(6))
    widest = max(table.fontMetrics().horizontalAdvance(p.name) for p in items)
    assert table.columnWidth(0) >= widest + 8  # names whole, not elided
    assert table.horizontalScrollBar().maximum() == 0


def test_the_dialog_stops_at_what_is_left_to_refund(qtbot, store_path, make_view):
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 1)])
    line = OrderLine.get((OrderLine.order == order.id) & (OrderLine.line_no == 1))
    refund(order, {line.id: 1})
    view = make_view()
    choose(view, order)
    dialog = view.open_refund_dialog()
    dialog.lines_radio.setChecked(True)
    spin = dialog.spins[line.id]
    spin.setValue(5)
    assert spin.value() == spin.maximum() == 1  # one of two is left


def test_a_refund_the_service_refuses_shows_its_message_and_changes_nothing(
        qtbot, store_path, make_view, session):
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 1)])
    line = OrderLine.get((OrderLine.order == order.id) & (OrderLine.line_no == 1))
    view = make_view()
    choose(view, order)
    dialog = view.open_refund_dialog()
    dialog.lines_radio.setChecked(True)
    dialog.spins[line.id].setValue(2)
    # Meanwhile another screen refunds one of the two: the dialog now asks for too much.
    refund(order, {line.id: 1})
    before = Order.get_by_id(order.id)
    announced = []
    session.ordersChanged.connect(lambda: announced.append(True))

    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    error = dialog.findChild(QLabel, "refundError")
    assert error.isVisible() and error.text() == "At most 1 of Green Apple can be refunded."
    after = Order.get_by_id(order.id)
    assert (after.refunded, after.status) == (before.refunded, before.status)
    assert OrderLine.get_by_id(line.id).refunded_quantity == 1
    assert announced == []
    dialog.reject()


def test_refund_the_whole_order(qtbot, store_path, make_view):
    apple, juice = products(2)
    order = sell([(apple, 2), (juice, 1)], tender="card")
    view = make_view()
    choose(view, order)
    dialog = view.open_refund_dialog()
    assert dialog.lines_radio.isChecked()  # never the whole order by default (issue 11)
    dialog.whole_radio.setChecked(True)
    assert dialog.amount_label.text() == f"Refund {eur(order.paid)}"
    assert dialog.split_label.text() == f"{eur(order.paid)} goes back to Visa •••• 4242."
    dialog.restock_check.setChecked(False)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    saved = Order.get_by_id(order.id)
    assert saved.status == Status.REFUNDED and saved.refunded == saved.paid
    assert not button(view, "refundButton").isEnabled()  # nothing left to refund
    assert view.refund_dialog is None or not view.refund_dialog.isVisible()


# status moves ---------------------------------------------------------------------

def test_cancel_is_disabled_for_a_completed_order_and_refused_if_reached(
        store_path, make_view, message_boxes, say_yes):
    order = sell([(products(1)[0], 1)])
    view = make_view()
    choose(view, order)
    assert not button(view, "cancelOrderButton").isEnabled()
    assert not button(view, "markShippedButton").isEnabled()
    assert not button(view, "markCompletedButton").isEnabled()
    assert button(view, "refundButton").isEnabled()

    view.move_order(Action.CANCEL)  # as if the button had been pressed anyway
    assert message_boxes == ["Receipt T7-000001 is completed, so it cannot become cancelled."]
    assert Order.get_by_id(order.id).status == Status.COMPLETED


def test_a_pending_order_can_be_cancelled(qtbot, store_path, make_view, say_yes, session):
    apple = products(1)[0]
    stock = Product.get_by_id(apple.id).stock
    order = sell([(apple, 3)], place_only=True)
    view = make_view()
    choose(view, order)
    assert view.details.title.text() == "Unpaid order"
    cancel = button(view, "cancelOrderButton")
    assert cancel.isEnabled() and not button(view, "refundButton").isEnabled()
    assert not button(view, "reprintButton").isEnabled()  # no receipt: not a saved sale
    with qtbot.waitSignal(session.ordersChanged):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert say_yes  # it asked first
    assert Order.get_by_id(order.id).status == Status.CANCELLED
    assert Product.get_by_id(apple.id).stock == stock  # back in stock
    assert not cancel.isEnabled()
    assert view.details.status.text() == "Cancelled"


def test_a_ship_later_order_goes_shipped_then_completed(qtbot, store_path, make_view):
    order = sell([(products(1)[0], 1)], ship_later=True)
    view = make_view()
    choose(view, order)
    assert "Ship to: Hauptstraße 1, Berlin" in view.details.meta.text()
    ship, complete = button(view, "markShippedButton"), button(view, "markCompletedButton")
    assert view.details.status.text() == "Paid" and ship.isEnabled()

    qtbot.mouseClick(ship, Qt.MouseButton.LeftButton)
    assert Order.get_by_id(order.id).status == Status.SHIPPED
    assert view.details.status.text() == "Shipped"
    assert not ship.isEnabled() and complete.isEnabled()
    assert view.orders.index(0, Column.STATUS).data() == "Shipped"

    qtbot.mouseClick(complete, Qt.MouseButton.LeftButton)
    assert Order.get_by_id(order.id).status == Status.COMPLETED
    assert not ship.isEnabled() and not complete.isEnabled()
    assert [step in view.details.timeline.text() for step in ("Shipped", "Completed")] == \
        [True, True]


# reprint ---------------------------------------------------------------------------

def test_reprint_calls_the_printer_hook_or_says_printing_is_not_set_up(
        qtbot, store_path, make_view):
    order = sell([(products(1)[0], 1)])
    view = make_view()
    choose(view, order)
    reprint = view.findChild(QPushButton, "reprintButton")
    assert reprint.isEnabled() and reprint.accessibleName()
    qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
    assert "Printing is not set up yet" in view.message.text()

    printed = []
    view.receipt_printer = printed.append
    qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
    assert [o.id for o in printed] == [order.id]


# staying current -----------------------------------------------------------------

def test_a_sale_saved_elsewhere_shows_on_the_first_page(qtbot, many, make_view, session):
    view = make_view()
    view.orders.fetchMore(QModelIndex())
    assert view.orders.rowCount() == 2 * PAGE_SIZE
    choose(view, many[-3])
    new = sell([(products(1)[0], 1)])
    session.ordersChanged.emit()  # as the register does after a sale
    assert view.orders.rowCount() == PAGE_SIZE  # back to the first page
    assert ids(view.orders)[0] == new.id
    assert view.current_order().id == many[-3].id  # still chosen


def test_a_hidden_page_catches_up_when_shown(qtbot, store_path, session):
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    view = win.pages["history"]
    assert view.orders.rowCount() == 0
    sell([(products(1)[0], 1)])
    session.ordersChanged.emit()
    assert view.orders.rowCount() == 0  # not shown: nothing read yet
    win.show_page("history")
    assert view.orders.rowCount() == 1
    assert win.focusWidget() is view.search_edit


def test_a_new_store_locale_rewrites_amounts_and_times(store_path, make_view, session):
    order = sell([(products(1)[0], 1)])
    view = make_view()
    choose(view, order)
    save_settings(locale="en_US")
    session.reload_settings()
    total = Money(order.total, "EUR").format("en_US")
    assert view.orders.index(0, Column.TOTAL).data() == total
    assert view.orders.index(0, Column.DATE).data() == local_time_text(order.created_at,
                                                                        "en_US")
    assert total in view.details.totals.text()
    assert view.current_order().id == order.id


def test_named_widgets_have_accessible_names_and_the_page_fits_the_screen(
        qtbot, many, session):
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.show_page("history")
    view = win.pages["history"]
    assert isinstance(view, HistoryView) and view.objectName() == "historyView"
    assert view.findChild(QTableView, "historyTable").model() is view.orders
    for name in ("historyTable", "historySearch", "refundButton", "reprintButton",
                 "cancelOrderButton", "markShippedButton", "markCompletedButton",
                 "historyStatusFilter", "historyTenderFilter", "historyMinAmount",
                 "historyMaxAmount", "historyDateFrom", "historyDateTo", "historyDetails"):
        widget = view.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName(), name
    win.resize(1366, 768)  # the window follows the screen: the till's usual one
    qtbot.waitUntil(lambda: win.width() <= 1366 and win.height() <= 768)
    assert view.minimumSizeHint().width() <= win.width() - 120


# split refunds ----------------------------------------------------------------------

def sell_split(lines, card: int):
    """A sale paid `card` by Visa •••• 4242 and the rest in cash."""
    settings = load_settings()
    cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
    for product, quantity in lines:
        cart.add(item_for(product), quantity)
    rest = cart.totals().total.minor - card
    return complete_sale(cart, settings.terminal_id, [
        Tender("card", Money(card, settings.currency), gateway_ref="ch_1", card_brand="visa",
               card_last4="4242"),
        Tender("cash", Money(rest, settings.currency))])


def test_the_dialog_says_how_much_goes_back_to_each_tender_before_and_after(
        qtbot, store_path, make_view, session):
    apple, juice = products(2)
    order = sell_split([(apple, 2), (juice, 1)], card=316)
    cash = order.paid - 316
    view = make_view()
    choose(view, order)
    dialog = view.open_refund_dialog()
    dialog.whole_radio.setChecked(True)
    assert dialog.amount_label.text() == f"Refund {eur(order.paid)}"
    said = f"Give back {eur(cash)} in cash; {eur(316)} goes back to Visa •••• 4242."
    assert dialog.split_label.text() == said
    with qtbot.waitSignal(session.ordersChanged):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert view.message.isVisible() and view.message.text() == (
        f"Refunded {eur(order.paid)}. {said}")
    refunds = view.details.refunds.text()
    assert "To Card + Cash" in refunds
    assert f"Visa •••• 4242 {eur(316)}" in refunds and f"Cash {eur(cash)}" in refunds
    assert Payment.get(Payment.tender == "cash").refunded == cash


def test_the_cashier_may_choose_the_split_and_an_impossible_one_is_refused(
        qtbot, store_path, make_view):
    apple, juice = products(2)
    order = sell_split([(apple, 2), (juice, 1)], card=100)
    payments = {p.tender: p for p in Payment.select()}
    line = OrderLine.get((OrderLine.order == order.id) & (OrderLine.line_no == 1))
    share = line.gross // 2
    view = make_view()
    choose(view, order)
    dialog = view.open_refund_dialog()
    card_edit = dialog.split_edits[payments["card"].id]
    cash_edit = dialog.split_edits[payments["cash"].id]
    dialog.whole_radio.setChecked(True)
    assert not card_edit.isEnabled() and card_edit.text() == "1,00"  # the default split
    dialog.lines_radio.setChecked(True)
    dialog.spins[line.id].setValue(1)
    dialog.choose_split.setChecked(True)
    assert card_edit.isEnabled()

    def type_in(edit, text):
        edit.setText(text)
        edit.textEdited.emit(text)

    type_in(card_edit, "31,60")  # more than the card took
    type_in(cash_edit, "0")
    error = dialog.findChild(QLabel, "refundError")
    assert error.isVisible() and "cannot go back to the card Visa •••• 4242" in error.text()
    assert not dialog.confirm_button.isEnabled()
    type_in(card_edit, "0")
    type_in(cash_edit, str(Money(share, "EUR").to_decimal()).replace(".", ","))
    assert not error.isVisible(), error.text()
    assert dialog.confirm_button.isEnabled()
    assert dialog.split_label.text() == f"Give back {eur(share)} in cash."
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert Payment.get_by_id(payments["cash"].id).refunded == share
    assert Payment.get_by_id(payments["card"].id).refunded == 0
