"""The register: where the cashier rings up a sale, all day, mostly by keyboard and scanner.

The page only gathers input and shows results: lookups, cart rules, parking,
customers and saving the sale are `pos` services. Keys (also on the buttons):

    F2 pay cash      F3 pay card       F4 quantity of the chosen line
    F5 line discount Shift+F5 order discount   Delete void the chosen line
    F6 park / recall F7 search products F8 customer   Ctrl+N new sale
    Up / Down in the scan field choose a line; Escape clears it.

After every action the focus goes back to the scan field, and a problem is
shown in the message line above the cart, not in a box that blocks the next
scan. Scans that arrive while a dialog is open wait (see `scan_queue`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.catalogue.products import ScanResult, find_by_code
from pos.errors import InputError, NotFound, PosError
from pos.money import Money
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.cart_edits import copy_cart
from pos.sales.orders import receipt_label
from pos.sales.parking import park, parked, recall
from pos.sales.scan_to_cart import add_scan, check_count, needs_weight, parse_entry
from pos.sales.stock import shortage
from pos.store.models import Customer, Product
from ui.app import load_page_style
from ui.forms import empty_and_forget
from ui.register.cart_model import CartTableModel
from ui.register.cart_table import CartTable
from ui.register.customer_dialog import CustomerDialog
from ui.register.dialog_base import confirm
from ui.register.discount_dialog import DiscountDialog
from ui.register.message_bar import MessageBar
from ui.register.open_shift import OpenShiftDialog
from ui.register.parked_dialog import ParkedDialog
from ui.register.product_search import ProductSearch
from ui.register.quick_keys_panel import QuickKeysPanel
from ui.register.scan_field import ScanField
from ui.register.scan_queue import ScanQueue
from ui.register.scanner import ScannerDetector
from ui.register.totals_panel import TotalsPanel
from ui.register.waiting_note import WaitingNote
from ui.register.weight_dialog import ask_weight
from ui.session import Session
from ui.staff import NOT_NEEDED, request_approval

SIDE_WIDTH = (300, 400)  # the totals and quick keys column: narrow screens give up some
BUTTON_HEIGHT = 56


def default_checkout(session: Session, cart: Cart, tender: str, parent: QWidget) -> QDialog:
    from ui.checkout.checkout_dialog import CheckoutDialog  # written beside this page

    return CheckoutDialog(session, cart, tender, parent, card_charger=session.card_charger,
                          receipt_printer=session.receipt_printer)


class RegisterView(QWidget):
    checkoutOpened = Signal(QDialog)
    """A checkout is opening for the sale on screen (the customer display follows it)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("registerView")
        self.setAccessibleName(self.tr("Register"))
        load_page_style(self, "register")
        # Replaceable for tests and other front ends: how a sale is paid, a weight asked,
        # a question confirmed.
        self.checkout_factory = None
        self.shift_step: OpenShiftDialog | None = None  # asking for the float, while open
        self.checkout: QDialog | None = None  # the checkout, while it is open
        self.void_approval = None  # the approval dialog of a void, while it is open
        self.ask_weight = ask_weight
        self.confirm = confirm

        settings = session.settings
        self.cart_model = CartTableModel(self._empty_cart(), settings.locale, self)
        self.scan_input = self._make_scan_input()
        self.product_search = ProductSearch(settings.currency, settings.locale, self)
        self.product_search.setPlaceholderText(self.tr("Search products (F7)"))
        self.product_search.setAccessibleName(self.tr("Search products"))
        self.product_search.setClearButtonEnabled(True)
        self.message = MessageBar(self)
        self.cart_table = CartTable(self.cart_model, self)
        self.totals = TotalsPanel(self)
        self.customer_label = QLabel(self)
        self.customer_label.setObjectName("customerLabel")
        self.customer_label.setWordWrap(True)
        self.quick_keys = QuickKeysPanel(self)
        self._make_buttons()
        self._build_layout()
        self._make_shortcuts()

        self.scan_queue = ScanQueue(self.scan, self)
        self.scanner = ScannerDetector(self.isVisible, self)
        self.scanner.scanned.connect(self._scanned)
        self.scanner.install()

        self.scan_queue.waiting.connect(self._on_scans_waiting)
        self.waiting_note = WaitingNote(self.scan_queue, self)
        self.scan_input.returnPressed.connect(self._on_scan_return)
        self.scan_input.moveSelection.connect(self._move_selection)
        self.scan_input.voidRequested.connect(self.void_line)
        self.scan_input.escapePressed.connect(self.message.clear_message)
        self.product_search.productChosen.connect(self.add_product)
        self.product_search.failed.connect(self.message.show_error)
        self.product_search.left.connect(self.focus_scan)
        self.quick_keys.productChosen.connect(self.add_product)
        self.cart_model.cartChanged.connect(self._show_cart)
        self.cart_model.editRefused.connect(self.message.show_error)
        self.cart_table.itemDelegate().closeEditor.connect(self._on_editor_closed)
        session.settingsChanged.connect(self._on_settings_changed)
        session.catalogueChanged.connect(self._reload_quick_keys)

        self._reload_quick_keys()
        self._show_cart()

    # building ------------------------------------------------------------------
    def _make_scan_input(self) -> ScanField:
        edit = ScanField(self)
        edit.setPlaceholderText(self.tr("Scan or type a code, then Enter"))
        edit.setAccessibleName(self.tr("Scan or type a code"))
        help_text = self.tr("Enter adds the item; 3*code adds three. Up and Down choose a "
                            "cart line; Delete voids it.")
        edit.setAccessibleDescription(help_text)
        edit.setToolTip(help_text)
        return edit

    def _button(self, name: str, text: str, key: str, slot, role: str = "") -> QPushButton:
        button = QPushButton(f"{text}\n{key}", self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({key})")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if role:
            button.setProperty("role", role)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _make_buttons(self) -> None:
        self.quantity_button = self._button("quantityButton", self.tr("Quantity"), "F4",
                                            self.change_quantity, "line")
        self.line_discount_button = self._button("lineDiscountButton", self.tr("Discount"), "F5",
                                                 self.line_discount, "line")
        self.void_button = self._button("voidLineButton", self.tr("Void line"), self.tr("Del"),
                                        self.void_line, "line")
        self.order_discount_button = self._button(
            "orderDiscountButton", self.tr("Sale disc."), self.tr("⇧F5"), self.order_discount,
            "line")
        self.order_discount_button.setAccessibleName(self.tr("Sale discount"))
        self.order_discount_button.setToolTip(self.tr("Discount on the whole sale (Shift+F5)"))
        self.customer_button = self._button("customerButton", self.tr("Customer"), "F8",
                                            self.choose_customer, "line")
        self.new_sale_button = self._button("newSaleButton", self.tr("New sale"), self.tr("Ctrl+N"),
                                            self.new_sale, "line")
        self.park_button = self._button("parkButton", self.tr("Park sale"), "F6",
                                        self.park_or_recall, "secondary")
        self.pay_card_button = self._button("payCardButton", self.tr("Pay by card"), "F3",
                                            lambda: self.pay("card"), "pay")
        self.pay_cash_button = self._button("payCashButton", self.tr("Pay cash"), "F2",
                                            lambda: self.pay("cash"), "pay")
        for button in (self.pay_card_button, self.pay_cash_button):
            button.setMinimumHeight(72)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.scan_input, 3)
        top.addWidget(self.product_search, 2)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for button in (self.quantity_button, self.line_discount_button, self.void_button,
                       self.order_discount_button, self.customer_button, self.new_sale_button):
            actions.addWidget(button)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(top)
        left.addWidget(self.message)
        left.addWidget(self.cart_table, 1)
        left.addLayout(actions)

        side = QFrame(self)
        side.setObjectName("registerSide")
        side.setMinimumWidth(SIDE_WIDTH[0])
        side.setMaximumWidth(SIDE_WIDTH[1])
        pay = QGridLayout()
        pay.setSpacing(6)
        pay.addWidget(self.park_button, 0, 0, 1, 2)
        pay.addWidget(self.pay_card_button, 1, 0)
        pay.addWidget(self.pay_cash_button, 1, 1)
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        right.addWidget(self.customer_label)
        right.addWidget(self.totals)
        keys_title = QLabel(self.tr("Quick keys"), side)
        keys_title.setObjectName("sectionTitle")
        right.addWidget(keys_title)
        right.addWidget(self.quick_keys, 1)
        right.addLayout(pay)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addLayout(left, 2)
        layout.addWidget(side, 1)

    def _make_shortcuts(self) -> None:
        keys = {
            "F2": lambda: self.pay("cash"), "F3": lambda: self.pay("card"),
            "F4": self.change_quantity, "F5": self.line_discount,
            "Shift+F5": self.order_discount, "Del": self.void_line,
            "F6": self.park_or_recall, "F7": self.focus_search, "F8": self.choose_customer,
            "Ctrl+N": self.new_sale,
        }
        self.shortcuts = {key: QShortcut(QKeySequence(key), self, slot)
                          for key, slot in keys.items()}

    # the page --------------------------------------------------------------------
    def activate(self) -> None:
        """Called by the main window when the register is shown."""
        self.focus_scan()
        self.scan_queue.drain()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.focus_scan()
        # Once more when the window is on the screen: a window shown after the sign-in
        # dialog is not active yet, and until it is, F2–F12 do nothing.
        QTimer.singleShot(0, self.focus_scan)

    def focus_scan(self) -> None:
        window = self.window()
        if window.isVisible() and not any(w.isVisible() and w.isActiveWindow()
                                          for w in QApplication.topLevelWidgets()):
            window.activateWindow()  # a closed dialog does not always give it back
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.product_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.product_search.selectAll()

    @contextlib.contextmanager
    def _acting(self) -> Iterator[None]:
        """Run an action: a `PosError` goes to the message line; the focus goes home."""
        try:
            yield
        except PosError as exc:
            self.message.show_error(str(exc))
        finally:
            self.focus_scan()

    @property
    def cart(self) -> Cart:
        return self.cart_model.cart

    # adding --------------------------------------------------------------------
    def _on_scan_return(self) -> None:
        text = self.scan_input.text()
        empty_and_forget(self.scan_input)
        if text.strip():
            self.scan_queue.push(text)

    def _scanned(self, code: str) -> None:
        """A scanner's code: the open checkout's when it takes it (a wallet's payment
        code pays the sale there), else the cart's, once no dialog is open."""
        take_scan = getattr(self.checkout, "take_scan", None)
        if take_scan is None or not take_scan(code):
            self.scan_queue.push(code)

    def scan(self, text: str) -> None:
        """Look up a scanned or typed code (optionally '3*code') and add it to the cart."""
        self.product_search.reset()  # a scan ends a search: its list must not cover the cart
        with self._acting():
            count, code = parse_entry(text)
            self._add(find_by_code(code, self.session.settings.variable_barcodes), count)

    def add_product(self, product_id: int) -> None:
        """Add a product chosen by search or quick key."""
        with self._acting():
            product = Product.get_or_none(Product.id == product_id)
            if product is None or not product.active:
                raise NotFound(self.tr("That product is no longer in the catalogue."))
            self._add(ScanResult(product))

    def _add(self, result: ScanResult, count: int = 1) -> None:
        check_count(result, count)  # "3*" before a weighed item: refused before the weight
        weight = None
        if needs_weight(result):
            product = result.product
            price = Money(product.price, self.cart.currency).format(self.session.settings.locale)
            weight = self.ask_weight(self, product.name, price)
            self.focus_scan()
            if weight is None:
                self.message.show_note(self.tr("{name} was not added: no weight given.").format(
                    name=product.name))
                return
        row = self.cart_model.add(lambda cart: add_scan(cart, result, count, weight))
        self.cart_table.select_row(row)
        line = self.cart.lines[row]
        added = self.tr("Added {name}  ·  {quantity}").format(
            name=line.item.name, quantity=self.cart_model.index(row, 1).data())
        short = shortage(self.cart, line.item.product_id)
        if short is None:
            self.message.show_note(added)
        else:  # it still sells (pos.sales.stock says why), but the cashier is told
            self.message.show_error(self.tr(
                "{added}. Stock shows {stock}, and this sale takes {count}: sell it if it is "
                "in the customer's hand, and tell a supervisor the count is wrong.").format(
                added=added, stock=self._amount_of(short.unit, short.in_stock),
                count=self._amount_of(short.unit, short.in_cart)))

    def _amount_of(self, unit: str, quantity: int) -> str:
        """Pieces, or grams written as kilograms, in the store's locale."""
        locale = self.session.settings.locale
        if unit == "weight":
            return self.tr("{weight} kg").format(weight=format_decimal(
                Decimal(quantity).scaleb(-3), format="#,##0.000", locale=locale))
        return format_decimal(quantity, locale=locale)

    def _on_scans_waiting(self, count: int) -> None:
        self.message.show_note(self.tr(
            "{count} scan(s) waiting: they go into the cart when the dialog closes.").format(
            count=count))

    # the chosen line -------------------------------------------------------------
    def _chosen_row(self) -> int:
        row = self.cart_table.current_row()
        if row is None or row >= self.cart_model.rowCount():
            raise InputError(self.tr(
                "Choose a line first: use Up and Down in the scan field, or tap the line."))
        return row

    def _move_selection(self, step: int) -> None:
        count = self.cart_model.rowCount()
        if not count:
            return
        row = self.cart_table.current_row()
        row = count - 1 if row is None else min(max(row + step, 0), count - 1)
        self.cart_table.select_row(row)

    def change_quantity(self) -> None:
        """Edit the chosen line's quantity in place; Enter keeps it, Escape cancels."""
        try:
            row = self._chosen_row()
        except PosError as exc:
            self.message.show_error(str(exc))
            self.focus_scan()
            return
        self.cart_table.edit_quantity(row)

    def _on_editor_closed(self, *_args) -> None:
        self.focus_scan()

    def void_line(self) -> None:
        """Delete: void the chosen line. A cashier who may not void alone is asked for a
        supervisor's approval now, while the item is in front of them, not at payment;
        the approval goes with the voided line to the sale's save. The approval dialog
        opens without a local event loop (`request_approval`)."""
        try:
            row = self._chosen_row()
        except PosError as exc:
            self.message.show_error(str(exc))
            self.focus_scan()
            return
        line = self.cart.lines[row]
        user = self.session.user
        if user is None:  # a store without staff: nobody to ask
            self._void_answered(row, line, NOT_NEEDED)
            return
        self.void_approval = request_approval(
            user, "void", self, lambda result: self._void_answered(row, line, result))

    def _void_answered(self, row: int, line, result) -> None:
        self.void_approval = None
        with self._acting():
            if not result.allowed:
                self.message.show_note(self.tr("{name} was not voided: no approval.").format(
                    name=line.item.name))
                return
            if row >= len(self.cart.lines) or self.cart.lines[row] != line:
                raise InputError(self.tr("The cart changed meanwhile: choose the line and "
                                         "press Delete again."))
            self._remove_line(row, result.approval.id if result.approval else None)
        self.scan_queue.drain()

    def _remove_line(self, row: int, approval_id: int | None) -> None:
        line = self.cart_model.remove(row, approval_id)
        if self.cart_model.rowCount():
            self.cart_table.select_row(min(row, self.cart_model.rowCount() - 1))
        self.message.show_note(self.tr("Voided {name}.").format(name=line.item.name))

    def line_discount(self) -> None:
        with self._acting():
            row = self._chosen_row()
            line = self.cart.lines[row]
            self._discount_dialog(
                self.tr("Line discount"),
                self.tr("Discount on {name}:").format(name=line.item.name), line.discount,
                lambda discount: self.cart_model.set_line_discount(row, discount))
            self.cart_table.select_row(row)

    def order_discount(self) -> None:
        with self._acting():
            if self.cart.is_empty:
                raise InputError(self.tr("The sale is empty: scan an item first."))
            self._discount_dialog(self.tr("Sale discount"),
                                  self.tr("Discount on the whole sale:"),
                                  self.cart.order_discount, self.cart_model.set_order_discount)

    def _discount_dialog(self, title, what, current, apply) -> None:
        settings = self.session.settings
        dialog = DiscountDialog(title, what, self.cart.currency, settings.locale, apply,
                                current, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # the sale --------------------------------------------------------------------
    def choose_customer(self) -> None:
        with self._acting():
            cart = self.cart
            current = Customer.get_or_none(Customer.id == cart.customer_id) \
                if cart.customer_id else None
            dialog = CustomerDialog(self.cart_model.set_customer, current, cart.ship_later,
                                    cart.delivery_address, self)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()

    def park_or_recall(self) -> None:
        """Park the sale in progress; with an empty cart, choose a parked one to recall."""
        with self._acting():
            if not self.cart.is_empty:
                row = park(self.cart, self.session.terminal_id, self._park_label())
                self._start_new_sale()
                self.message.show_note(self.tr("Sale parked: {label}. F6 recalls it.").format(
                    label=row.label))
                return
            waiting = parked(self.session.terminal_id)
            if not waiting:
                raise NotFound(self.tr("No sale is parked on this terminal."))
            dialog = ParkedDialog(waiting, self.session.settings.locale, self)
            try:
                chosen = dialog.parked_id if dialog.exec() == QDialog.DialogCode.Accepted \
                    else None
            finally:
                dialog.deleteLater()
            if chosen is not None:
                self.cart_model.replace_cart(recall(chosen))
                self.cart_table.select_row(self.cart_model.rowCount() - 1)
                self.message.show_note(self.tr("Parked sale recalled."))
        self.scan_queue.drain()

    def _park_label(self) -> str:
        cart = self.cart
        label = self.tr("{count} line(s), {total}").format(
            count=len(cart.lines),
            total=cart.totals().total.format(self.session.settings.locale))
        customer = Customer.get_or_none(Customer.id == cart.customer_id) \
            if cart.customer_id else None
        return f"{label}  ·  {customer.name}" if customer else label

    def new_sale(self) -> None:
        with self._acting():
            if not self.cart.is_empty and not self.confirm(
                    self, self.tr("New sale"),
                    self.tr("Discard this sale of {count} line(s)? Park it (F6) to keep it.")
                    .format(count=len(self.cart.lines))):
                return
            self._start_new_sale()
            self.message.show_note(self.tr("New sale: ready to scan."))
        self.scan_queue.drain()

    def pay(self, tender: str) -> None:
        """Open the checkout for the sale; only a completed checkout clears the cart. The
        first payment of a till with no shift open asks for the float first.

        The checkout opens window-modal with `open()` and the sale goes on in
        `_checkout_finished`: no local event loop on the money path, so timers,
        reconciliation and late answers from workers never run nested inside it."""
        dialog = None
        with self._acting():
            if self.checkout is not None:  # one checkout at a time
                return
            if self.cart.is_empty:
                raise InputError(self.tr("The sale is empty: scan an item first."))
            if self._open_shift_first(tender):
                return
            factory = self.checkout_factory or default_checkout
            # The checkout works on a copy: whatever happens there, a cancelled
            # checkout leaves this sale exactly as it was.
            dialog = factory(self.session, copy_cart(self.cart), tender, self)
        if dialog is None:
            self.scan_queue.drain()
            return
        self.checkout = dialog
        dialog.finished.connect(self._checkout_finished)
        self.checkoutOpened.emit(dialog)
        dialog.open()

    def _checkout_finished(self, result: int) -> None:
        dialog, self.checkout = self.checkout, None
        if dialog is None:
            return
        accepted = result == QDialog.DialogCode.Accepted
        order = dialog.order if accepted else None
        dialog.deleteLater()
        with self._acting():
            if accepted:
                self._start_new_sale()
                self.message.show_note(self.tr("Receipt {receipt} saved.").format(
                    receipt=receipt_label(order)))
                self.session.ordersChanged.emit()
        # Once more when the closing dialog has given the activation back.
        QTimer.singleShot(0, self.focus_scan)
        self.scan_queue.drain()

    def _open_shift_first(self, tender: str) -> bool:
        """When `pos.sales.shifts` says this payment needs a shift and none is open, ask for the
        float (a window-modal dialog, no local event loop) and pay once it is open."""
        user = self.session.user
        if user is None or self.shift_step is not None or not shifts.needed_before(
                self.session.terminal_id, cash=tender == "cash"):
            return False
        dialog = OpenShiftDialog(self.session, user, self)
        self.shift_step = dialog
        dialog.accepted.connect(lambda: QTimer.singleShot(0, lambda: self.pay(tender)))
        dialog.rejected.connect(lambda: self.message.show_error(self.tr(
            "The sale waits: a payment needs an open shift. Press F2 or F3 again to open "
            "one.")))
        dialog.finished.connect(self._shift_step_done)
        dialog.open()
        return True

    def _shift_step_done(self, _result: int) -> None:
        dialog, self.shift_step = self.shift_step, None
        if dialog is not None:
            dialog.deleteLater()
        self.focus_scan()
        self.scan_queue.drain()

    def _empty_cart(self) -> Cart:
        settings = self.session.settings
        return Cart(settings.currency, settings.tax_mode, settings.tax_rounding)

    def _start_new_sale(self) -> None:
        self.cart_model.replace_cart(self._empty_cart())
        self.product_search.reset()

    # showing -----------------------------------------------------------------------
    def _show_cart(self) -> None:
        cart = self.cart
        settings = self.session.settings
        self.totals.show_cart(cart, settings.locale, settings.cash_rounding)
        customer = Customer.get_or_none(Customer.id == cart.customer_id) \
            if cart.customer_id else None
        if customer is None:
            self.customer_label.setText(self.tr("No customer  ·  F8 to attach one"))
        elif cart.ship_later:
            self.customer_label.setText(self.tr("Customer: {name}  ·  ships later").format(
                name=customer.name))
        else:
            self.customer_label.setText(self.tr("Customer: {name}").format(name=customer.name))
        self.customer_label.setProperty("attached", customer is not None)
        self.customer_label.style().unpolish(self.customer_label)
        self.customer_label.style().polish(self.customer_label)
        if cart.is_empty:
            count = len(parked(self.session.terminal_id))
            text = self.tr("Recall ({count})").format(count=count) if count \
                else self.tr("Recall")
        else:
            text = self.tr("Park sale")
        self.park_button.setText(f"{text}\nF6")
        self.park_button.setAccessibleName(text)

    def _reload_quick_keys(self) -> None:
        self.quick_keys.load(self.session.settings)

    def _on_settings_changed(self) -> None:
        settings = self.session.settings
        self.cart_model.set_locale(settings.locale)
        self.product_search.currency, self.product_search.locale = (settings.currency,
                                                                     settings.locale)
        if self.cart.is_empty:
            self.cart_model.replace_cart(self._empty_cart())
        self._reload_quick_keys()
        self._show_cart()
