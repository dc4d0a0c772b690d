"""Staff controls in the windows: a cashier's refund or cancel needs a supervisor's PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from pos.money import Money
from pos.sales import shifts
from pos.sales.order_states import Status
from pos.sales.orders import Tender, complete_sale, place_order
from pos.settings import load_settings
from pos.staff import users
from pos.store import journal
from pos.store.db import database
from pos.store.models import Order, Refund
from tests.ui.test_checkout import make_cart
from tests.ui.test_history import choose
from ui.history.actions import Action
from ui.history.history_view import HistoryView
from ui.session import Session

CHEAP = users.ScryptParams(n=2 ** 10)


@pytest.fixture
def team(store_path):
    boss = users.create_first_manager("Mia", pin="9876", params=CHEAP)
    sam = users.add_user("Sam", "supervisor", pin="2222", params=CHEAP)
    alex = users.add_user("Alex", "cashier", pin="1111", params=CHEAP)
    return {"mia": boss, "sam": sam, "alex": alex}


@pytest.fixture
def session(store_path, team):
    session = Session(load_settings(), store_path)
    session.sign_in(team["alex"])
    return session


@pytest.fixture
def order(session):
    shifts.open_shift(session.user, "0", session.terminal_id)  # every sale is in a shift
    cart = make_cart()
    total = cart.totals().total
    return complete_sale(cart, session.terminal_id, [Tender("cash", total, tendered=total)],
                         actor=session.actor())


@pytest.fixture
def view(qtbot, session, order):
    history = HistoryView(session)
    qtbot.addWidget(history)
    history.setMinimumSize(1000, 600)  # as test_history does: a fixed minimum, no warnings
    history.resize(1180, 680)
    history.show()
    qtbot.waitExposed(history)
    choose(history, order)
    return history


def approve_with(name: str, pin: str, answers: list) -> None:
    """Answer the approval dialog once it is up: choose `name`, type `pin`, press OK."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "approvalDialog":
            QTimer.singleShot(10, poll)
            return
        for row in range(dialog.user_list.count()):
            if dialog.user_list.item(row).text().startswith(name):
                dialog.user_list.setCurrentRow(row)
        dialog.findChild(QLineEdit, "staffSecret").setText(pin)
        answers.append(dialog)
        dialog.findChild(QPushButton, "staffOkButton").click()

    QTimer.singleShot(0, poll)


def test_a_cashiers_refund_asks_a_supervisor_and_records_the_approval(qtbot, view, team,
                                                                       order):
    answers: list = []
    approve_with("Sam", "2222", answers)
    assert view.open_refund_dialog() is None  # it waits for the approval, without a loop
    qtbot.waitUntil(lambda: view.refund_dialog is not None)
    dialog = view.refund_dialog
    assert len(answers) == 1 and view.approval_dialog is None
    dialog.whole_radio.setChecked(True)  # the dialog starts on chosen lines (issue 11)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    record = Refund.get()
    assert (record.user_id, Order.get_by_id(order.id).status) == (team["alex"].id,
                                                                  Status.REFUNDED)
    assert record.approval_id is not None
    assert journal.verify().ok


def test_a_cancelled_approval_refunds_nothing(qtbot, view):
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "approvalDialog":
            QTimer.singleShot(10, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    view.open_refund_dialog()
    qtbot.waitUntil(lambda: view.approval_dialog is None)
    assert view.refund_dialog is None
    assert not Refund.select().exists()


def test_a_cashiers_cancel_asks_a_supervisor_and_cancels_once_approved(
        qtbot, view, session, monkeypatch):
    pending = place_order(make_cart(), session.terminal_id, actor=session.actor())
    view.reload()
    choose(view, pending)
    monkeypatch.setattr(view, "_confirm_cancel", lambda order: True)
    answers: list = []
    approve_with("Sam", "2222", answers)
    view.move_order(Action.CANCEL)
    assert Order.get_by_id(pending.id).status == Status.PENDING_PAYMENT  # not before it
    qtbot.waitUntil(lambda: Order.get_by_id(pending.id).status == Status.CANCELLED)
    assert len(answers) == 1 and view.approval_dialog is None
    assert users.Approval.get().action == "void"
    assert journal.verify().ok



def test_a_cashiers_price_override_is_approved_once_at_checkout(qtbot, session, team):
    from ui.checkout import CheckoutDialog

    shifts.open_shift(session.user, "0", session.terminal_id)
    cart = make_cart()
    cart.override_price(0, Money(cart.lines[0].unit_price // 2, cart.currency), "damaged box")
    dialog = CheckoutDialog(session, cart, "cash")
    qtbot.addWidget(dialog)
    dialog.show()
    answers: list = []
    approve_with("Sam", "2222", answers)
    dialog.tendered_input.setText("100")
    dialog.commit()  # the approval opens without a local event loop; the save follows it
    qtbot.waitUntil(lambda: dialog.order is not None)
    assert len(answers) == 1
    assert dialog.order.cashier_name == "Alex"
    kinds = [row[0] for row in database.execute_sql(
        "SELECT kind FROM journal_entry ORDER BY seq DESC LIMIT 4")]
    assert kinds == ["sale", "payment", "price_override", "approval"]
    assert journal.verify().ok


def test_no_sale_needs_an_open_shift_and_records_nothing_when_no_drawer(
        qtbot, store_path, team, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from pos.sales import shifts
    from ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    session = Session(load_settings(), store_path)
    session.sign_in(team["mia"])
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.no_sale()
    assert "Open a shift first" in shown[-1]
    shift = shifts.open_shift(team["mia"], Money(5000, "EUR"), session.terminal_id)
    window.no_sale()
    assert "none is set up" in shown[-1]
    assert not shifts.CashMovement.select().where(
        shifts.CashMovement.shift == shift.id).exists()


def test_a_cashiers_no_sale_waits_for_the_supervisor_without_a_local_loop(
        qtbot, session, team, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    shifts.open_shift(session.user, "0", session.terminal_id)
    window = MainWindow(session)
    qtbot.addWidget(window)
    answers: list = []
    approve_with("Sam", "2222", answers)
    window.no_sale()
    assert window.approval_dialog is not None and not shown  # asked, not yet answered
    qtbot.waitUntil(lambda: window.approval_dialog is None)
    assert len(answers) == 1 and "none is set up" in shown[-1]


def test_lock_hides_the_sale_and_hands_the_till_to_the_next_cashier(qtbot, session, team,
                                                                   monkeypatch):
    from ui import main_window
    from ui.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    register = window.pages["register"]
    register.scan(make_cart().lines[0].item.sku)
    seen = []

    def sign_in_sam(session_, parent):
        seen.append(window.stack.isVisible())
        session_.sign_in(team["sam"])
        return team["sam"]

    monkeypatch.setattr(main_window, "lock", sign_in_sam)
    window.lock()
    assert seen == [False] and window.stack.isVisible()
    assert session.cashier == "Sam" and "Sam" in window.cashier_label.text()
    assert len(register.cart.lines) == 1  # the sale waited


def test_the_status_bar_names_no_cashier_before_the_first_sign_in(qtbot, store_path, team):
    from ui.main_window import MainWindow

    session = Session(load_settings(), store_path)  # the till starts, locked
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.cashier_label.text() == "No one signed in"
    session.sign_in(team["alex"])
    assert window.cashier_label.text() == "Cashier: Alex"
