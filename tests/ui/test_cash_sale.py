"""A whole cash sale by keyboard alone, through the real register and checkout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from pos.settings import load_settings
from pos.store.models import Order, Payment
from ui.checkout.checkout_dialog import CheckoutDialog
from ui.main_window import MainWindow
from ui.session import Session


def test_a_cash_sale_by_keyboard_alone(qtbot, store_path):
    window = MainWindow(Session(load_settings(), store_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    register = window.pages["register"]
    scan = register.findChild(QLineEdit, "scanInput")
    qtbot.waitUntil(scan.hasFocus)

    for sku in ("SKU0010", "SKU0020", "SKU0030"):  # 1,10 € + 1,20 € + 1,30 €
        qtbot.keyClicks(scan, sku)
        qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(register.cart.lines) == 3)

    qtbot.keyClick(scan, Qt.Key.Key_Up)  # choose a line from the scan field
    chosen = register.cart_table.current_row()
    qtbot.keyClick(scan, Qt.Key.Key_F4)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: register.cart.lines[chosen].quantity == 3)
    qtbot.waitUntil(scan.hasFocus)
    due = register.cart.totals().total
    seen = {}

    qtbot.keyClick(scan, Qt.Key.Key_F2)  # opens the checkout and returns: no local loop
    dialog = register.checkout
    assert isinstance(dialog, CheckoutDialog)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    tendered = dialog.findChild(QLineEdit, "tenderedInput")
    qtbot.keyClicks(tendered, "20")
    change = dialog.findChild(QLabel, "changeLabel")
    qtbot.waitUntil(lambda: any(c.isdigit() for c in change.text()))
    seen["change"] = change.text()
    qtbot.keyClick(tendered, Qt.Key.Key_Return)  # completes the sale
    seen["receipt"] = dialog.order.receipt_no if dialog.order else None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # closes the "sale complete" page
    qtbot.waitUntil(lambda: register.checkout is None and register.cart.is_empty)

    order = Order.get()
    assert seen["receipt"] == order.receipt_no == 1
    assert order.status == "completed" and order.total == due.minor
    payment = Payment.get(Payment.order == order)
    assert payment.tender == "cash" and payment.tendered == 2000
    assert payment.change == 2000 - due.minor
    change_text = seen["change"].replace("\xa0", " ")
    assert f"{(2000 - due.minor) // 100},{(2000 - due.minor) % 100:02d}" in change_text
    assert register.cart.is_empty
    qtbot.waitUntil(scan.hasFocus)
