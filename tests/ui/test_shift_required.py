"""The first payment of a till with no shift open asks for the float (issue 11, finding 11
and must-have 4): sales were allowed with no shift (in no Z report) while No sale refused.

The float step is opened without a local event loop: `pay` returns while it is up.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from pos.sales import shifts
from pos.sales.orders import Tender, complete_sale
from pos.settings import load_settings, save_settings
from pos.staff import users
from pos.store.models import Order
from ui.register.open_shift import OpenShiftDialog
from ui.register.register_view import RegisterView
from ui.session import Session

CHEAP = users.ScryptParams(n=2 ** 10)


class FakeCheckout:
    """Stands for the checkout: records the tender and opens a dialog that pays the cart in
    that tender once the event loop runs (the register opens it with `open()`)."""

    def __init__(self, calls: list) -> None:
        self.calls = calls

    def __call__(self, session, cart, tender, parent):
        self.calls.append(tender)
        return Pays(session, cart, tender, parent)


class Pays(QDialog):
    def __init__(self, session, cart, tender, parent) -> None:
        super().__init__(parent)
        self.session, self.cart, self.tender, self.order = session, cart, tender, None

    def open(self):
        super().open()
        QTimer.singleShot(0, self._pay)

    def _pay(self):
        due = self.cart.totals().due(self.tender)
        self.order = complete_sale(self.cart, self.session.terminal_id,
                                   [Tender(self.tender, due, due)], actor=self.session.actor())
        self.done(QDialog.DialogCode.Accepted)


@pytest.fixture
def view(qtbot, store_path):
    users.create_first_manager("Mia", pin="9876", params=CHEAP)
    alex = users.add_user("Alex", "cashier", pin="1111", params=CHEAP)
    session = Session(load_settings(), store_path)
    session.sign_in(alex)
    view = RegisterView(session)
    qtbot.addWidget(view)
    view.setMinimumSize(1000, 620)
    view.resize(1180, 690)
    view.show()
    qtbot.waitExposed(view)
    view.calls = []
    view.checkout_factory = FakeCheckout(view.calls)
    view.scan("SKU0001")
    return view


def step(view) -> OpenShiftDialog:
    dialog = view.shift_step
    assert isinstance(dialog, OpenShiftDialog) and dialog.isVisible()
    return dialog


def test_the_first_payment_asks_for_the_float_then_pays_and_the_sale_is_in_the_shift(
        qtbot, view):
    view.pay("cash")  # returns at once: no event loop of its own
    dialog = step(view)
    assert view.calls == [] and shifts.current_shift("T7") is None
    qtbot.waitUntil(dialog.float_edit.hasFocus)  # typed digits go into the float
    qtbot.keyClicks(dialog.float_edit, "abc")
    qtbot.keyClick(dialog.float_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "not an amount" in dialog.error_label.text()
    view.scanner.clock = lambda: 0.0  # typed as fast as a scanner: still the float
    dialog.float_edit.clear()
    qtbot.keyClicks(dialog.float_edit, "100000")  # six digits: long enough for a code
    qtbot.keyClick(dialog.float_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.calls == ["cash"] and view.checkout is None)
    shift = shifts.current_shift("T7")
    assert shift.opening_float == 100_000_00 and shift.opened_by == view.session.user.id
    assert Order.get().shift_id == shift.id and view.cart.is_empty
    view.scan("SKU0002")
    view.pay("card")  # the shift is open: straight to the checkout
    assert view.shift_step is None and view.calls == ["cash", "card"]


def test_cancelling_the_float_keeps_the_sale_and_takes_nothing(qtbot, view):
    view.pay("card")
    step(view).reject()
    qtbot.waitUntil(lambda: view.shift_step is None)
    assert view.calls == [] and len(view.cart.lines) == 1
    assert "needs an open shift" in view.message.text()
    assert shifts.current_shift("T7") is None


def test_a_cashless_store_takes_cards_without_a_shift_but_asks_before_cash(qtbot, view):
    view.session.settings = save_settings(require_shift=0)
    view.pay("card")
    assert view.shift_step is None and view.calls == ["card"]
    qtbot.waitUntil(lambda: view.checkout is None)
    view.scan("SKU0001")
    view.pay("cash")
    step(view).reject()


def test_a_store_without_staff_never_asks(qtbot, store_path):
    view = RegisterView(Session(load_settings(), store_path))
    qtbot.addWidget(view)
    view.calls = []
    view.checkout_factory = FakeCheckout(view.calls)
    view.scan("SKU0001")
    view.pay("cash")
    assert view.shift_step is None and view.calls == ["cash"]
