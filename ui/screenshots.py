"""`pos screenshot --db PATH --out DIR [--locale L]`: the windows as a cashier meets them, to PNG.

Renders offscreen on a real store (the demo store is the usual one) the states
a till is in every day, the same states the layout audit checks
(tests/ui/test_layout_audit.py): the register with a cart of the longest names,
weighed lines and two tax rates; the checkout with change due; the card step;
the charge window waiting for the card reader, for the customer's phone and
for the store's QR to be scanned, the Wallet dialog; every page of the shift
dialog; the order history with its details pane and the refund dialog; the
products, reports and settings; the customer display at 1024×768 while the
busy cart is paid (what is due, then the store's QR). The main window has the
size of a 1366×768 till screen. In a store with staff, the first cashier is
shown signed in. Nothing is saved: the dialogs are cancelled, the cart is left
unsaved and the shift dialog runs on a copy of the store.

`Stage` builds those states; the audit drives it through every window, both
screen sizes and both languages.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from peewee import fn
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pos.catalogue.products import ScanResult
from pos.payments.gateway.base import Progress
from pos.sales.cash import entry_text, next_banknotes
from pos.sales.scan_to_cart import add_scan
from pos.settings import load_settings
from pos.staff import users
from pos.store.db import close_store, open_store
from pos.store.models import Customer, Order, Product
from ui.app import create_app
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.session import Session

SIZE = (1366, 768)  # the screen the README's pictures show; the audit adds 1024×768
SCREEN_SIZES = ((1024, 768), (1366, 768))
TASK_BAR = 0  # maximised on a till with no task bar
LONG_LINES = 10
BIG_PRICE = 123_456_789  # ¥1,234,567.89 (or ¥123,456,789 in yen)
DISPLAY_SIZE = (1024, 768)  # a common customer-facing panel
DEMO_QR_URL = "https://pay.example.com/qr/T1-000123"  # the store QR's picture: any link


def settle(rounds: int = 5) -> None:
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()


def longest_products(count: int, unit: str = "each") -> list[Product]:
    """The active products with the longest names: the cart's hardest case."""
    return list(Product.select().where(Product.active & (Product.unit == unit))
                .order_by(fn.LENGTH(Product.name).desc(), Product.id).limit(count))


def longest_customer() -> Customer | None:
    return Customer.select().order_by(fn.LENGTH(Customer.name).desc(), Customer.id).first()


class Stage:
    """A main window on an open store, and the everyday states to put it in."""

    def __init__(self, db_path: Path, language: str | None = None) -> None:
        """`db_path` is the store as the window names it (the open store may be a copy)."""
        self.app = create_app()
        settings = load_settings()
        self.language = language or settings.locale
        install_translations(self.language)  # before the session and windows name things
        self.session = Session(settings, db_path)
        self.sign_in_as("cashier")  # the register as the cashier meets it
        self.window = MainWindow(self.session)
        self.window.setWindowState(Qt.WindowState.WindowNoState)  # sized below instead
        self.resize(*SIZE)
        self.window.show()
        settle()

    def sign_in_as(self, role: str) -> None:
        """The first active user with `role`, if the store has staff."""
        people = [u for u in users.list_users(include_disabled=False) if u.role == role]
        if people:
            self.session.sign_in(people[0])

    @property
    def register(self):
        return self.window.pages["register"]

    def resize(self, width: int, height: int) -> None:
        """The window as it is maximised on a screen of this size."""
        self.window.resize(width, height - TASK_BAR)
        settle()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        settle()

    # the register's states ---------------------------------------------------------------
    def empty_cart(self) -> None:
        self.register._start_new_sale()
        settle()

    def busy_cart(self, customer: Customer | None = None) -> None:
        """Ten lines of the longest names (two tax rates among them), two weighed lines, a
        quantity of twelve, and the customer with the longest name."""
        self.empty_cart()
        register = self.register
        for product in longest_products(LONG_LINES):
            register.cart_model.add(lambda cart, p=product: add_scan(cart, ScanResult(p)))
        for product, grams in zip(longest_products(2, "weight"), (1_234, 12_345), strict=False):
            register.cart_model.add(lambda cart, p=product, g=grams: add_scan(
                cart, ScanResult(p, weight_grams=g)))
        if register.cart.lines:
            register.cart_model.set_quantity(0, 12)
        customer = customer or longest_customer()
        if customer is not None:
            register.cart_model.set_customer(customer.id)
        register.cart_table.select_row(0)
        settle()

    def big_cart(self) -> None:
        """Amounts in the millions: a line priced on its label at 1,234,567.89."""
        self.busy_cart()
        product = longest_products(1)[0]
        self.register.cart_model.add(
            lambda cart: add_scan(cart, ScanResult(product, price=BIG_PRICE)))
        self.register.cart_model.set_quantity(len(self.register.cart.lines) - 1, 3)
        settle()

    def cart_states(self) -> Iterator[str]:
        """Put the register in each state in turn, yielding its name."""
        self.empty_cart()
        yield "empty"
        self.busy_cart()
        yield "busy"
        self.big_cart()
        yield "big"

    # dialogs -------------------------------------------------------------------------------
    def dialogs(self, only: str | None = None) -> Iterator[tuple[str, QWidget]]:
        """Each dialog (or the one named `only`) shown over the window in an everyday
        state, yielded while it shows (it is closed and deleted when the caller moves on)."""
        if self.register.cart.is_empty:
            self.busy_cart()
        for name, make in self._dialog_makers():
            if only is not None and name != only:
                continue
            dialog = make()
            if dialog is None:
                continue
            dialog.show()
            settle()
            try:
                if name == "shift" and dialog.shift is None:
                    yield "shift-open", dialog
                    dialog.float_edit.setText(entry_text(next_banknotes(
                        self.register.cart.totals().total, 1)[0], self.session.settings.locale))
                    dialog.open_button.click()
                    settle()
                if hasattr(dialog, "tabs"):  # every page of a dialog with tabs
                    for index in range(dialog.tabs.count()):
                        dialog.tabs.setCurrentIndex(index)
                        settle()
                        yield f"{name}-{index + 1}", dialog
                else:
                    yield name, dialog
            finally:
                if isinstance(dialog, QDialog):
                    dialog.done(QDialog.DialogCode.Rejected)
                dialog.close()
                dialog.deleteLater()
                settle()

    def _dialog_makers(self) -> list[tuple[str, Callable[[], QWidget | None]]]:
        return [("checkout", self.checkout_dialog),
                ("checkout-exact", lambda: self.checkout_dialog(tendered=False)),
                ("card", self.card_dialog),
                ("checkout-card", self.card_checkout_dialog),
                ("card-reader", lambda: self.waiting_dialog(
                    "reader:sandbox-reader-1", Progress("reader_waiting"))),
                ("wallet-waiting", lambda: self.waiting_dialog(
                    "wallet:alipay", Progress("customer_confirming", None, 57))),
                ("wallet-qr", lambda: self.waiting_dialog(
                    "qr:alipay", Progress("qr_shown", "https://pay.example/qr/ch_5f2a9c41e7d0",
                                          118))),
                ("wallet-code", self.wallet_code_dialog),
                ("shift", self.shift_dialog), ("refund", self.refund_dialog),
                ("customer", self.customer_dialog), ("discount", self.discount_dialog),
                ("weight", self.weight_dialog), ("signin", self.sign_in_dialog),
                ("approval", self.approval_dialog), ("product", self.product_dialog),
                ("taxclasses", self.tax_classes_dialog)]

    def checkout_dialog(self, tendered: bool = True) -> QWidget:
        """The cash checkout with a banknote typed, or (`tendered` False) empty, showing
        what Enter alone takes."""
        from ui.checkout.checkout_dialog import CheckoutDialog

        cart = self.register.cart
        dialog = CheckoutDialog(self.session, cart, "cash", self.window)
        due = cart.totals().total
        notes = next_banknotes(due, 2) or [due]
        dialog.tendered_input.setText(entry_text(notes[-1], self.session.settings.locale)
                                      if tendered else "")
        return dialog

    def card_dialog(self) -> QWidget:
        """The card step with the sandbox's test cards, before the charge starts."""
        from ui.payments.charge_dialog import ChargeDialog

        return ChargeDialog(self._card_service(), self.register.cart.totals().total,
                            self.session.settings.locale, start=None, parent=self.window)

    def _card_service(self):
        """A card service with no gateway: the dialogs are staged, nothing is sent."""
        from pos.payments.gateway.factory import SANDBOX_CARDS
        from ui.payments.card_service import CardService

        return CardService(None, self.session.settings, SANDBOX_CARDS, parent=self.window)

    def card_checkout_dialog(self) -> QWidget:
        """The checkout paying by card through a gateway that also takes wallet codes and
        the store's QR (their buttons show)."""
        import dataclasses

        from ui.checkout.checkout_dialog import CheckoutDialog
        from ui.payments.card_service import CardService
        from ui.payments.gateway_charger import GatewayCharger

        settings = dataclasses.replace(self.session.settings, wallet_codes=1,
                                       store_qr=self.session.settings.store_qr or "alipay")
        service = CardService(None, settings, parent=self.window)
        charger = GatewayCharger(service, "sandbox", settings.locale)
        return CheckoutDialog(self.session, self.register.cart, "card", self.window,
                              card_charger=charger)

    def waiting_dialog(self, token: str, report: Progress) -> QWidget:
        """The charge window while the charge waits for the reader, the phone or the QR."""
        from ui.payments.charge_dialog import ChargeDialog

        dialog = ChargeDialog(self._card_service(), self.register.cart.totals().total,
                              self.session.settings.locale, start=None, parent=self.window,
                              token=token)
        dialog.show_progress(report)
        return dialog

    def wallet_code_dialog(self) -> QWidget:
        """The Wallet button's dialog, with the sandbox's test codes listed as in the demo."""
        from ui.checkout.wallet_code_dialog import WalletCodeDialog, sandbox_test_codes

        due = self.register.cart.totals().total.format(self.session.settings.locale)
        return WalletCodeDialog(due, sandbox_test_codes(), self.window)

    def shift_dialog(self) -> QWidget | None:
        """The shift dialog: opening a shift, then its pages (see `dialogs`)."""
        from ui.shifts.shift_dialog import ShiftDialog

        user = self.session.user
        if user is None:
            return None
        return ShiftDialog(self.session, user, self.window, receipts=self.window.receipts)

    def refund_dialog(self) -> QWidget | None:
        from ui.history.refund_dialog import RefundDialog

        order = (Order.select().where(Order.status == "completed")
                 .order_by(Order.total.desc()).first())
        if order is None:
            return None
        return RefundDialog(order, self.session.settings.locale, self.window)

    def customer_dialog(self) -> QWidget:
        from ui.register.customer_dialog import CustomerDialog

        return CustomerDialog(lambda *_a: None, longest_customer(), parent=self.window)

    def discount_dialog(self) -> QWidget:
        from ui.register.discount_dialog import DiscountDialog

        settings = self.session.settings
        name = self.register.cart.lines[0].item.name if self.register.cart.lines else ""
        title = QCoreApplication.translate("RegisterView", "Sale discount")  # the register's
        return DiscountDialog(title, name, settings.currency,
                              settings.locale, lambda _d: None, parent=self.window)

    def weight_dialog(self) -> QWidget | None:
        from pos.money import Money
        from ui.register.weight_dialog import WeightDialog

        products = longest_products(1, "weight")
        if not products:
            return None
        settings = self.session.settings
        price = Money(products[0].price, settings.currency).format(settings.locale)
        return WeightDialog(products[0].name, price, self.window)

    def sign_in_dialog(self) -> QWidget | None:
        from ui.staff.sign_in import SignInDialog

        if not users.has_users():
            return None
        return SignInDialog(self.window, required=True)

    def approval_dialog(self) -> QWidget | None:
        from ui.staff.approval import ApprovalDialog

        if self.session.user is None:
            return None
        return ApprovalDialog(self.session.user, "refund", self.window)

    def product_dialog(self) -> QWidget:
        from ui.products.product_dialog import ProductDialog

        return ProductDialog(self.session.settings, longest_products(1)[0].id, self.window)

    def tax_classes_dialog(self) -> QWidget:
        from ui.products.tax_classes_dialog import TaxClassesDialog

        return TaxClassesDialog(self.window)

    # the customer display ------------------------------------------------------------------
    def customer_display(self, size: tuple[int, int] = DISPLAY_SIZE
                         ) -> Iterator[tuple[str, QWidget]]:
        """The customer display fed by the register, yielded in each state of paying for
        the cart on screen: the lines ("sale"), with what is still due ("due"), a card
        charge ("card"), the store's QR ("qr"), and the thank-you with change ("thanks")."""
        from pos.money import Money
        from pos.payments.gateway.base import Progress
        from ui.customer_display.feed import DisplayFeed
        from ui.customer_display.window import CustomerDisplay

        settings = self.session.settings
        display = CustomerDisplay(self.register.cart_model, settings.store_name,
                                  settings.locale)
        DisplayFeed(display, self.register, self.session)
        display.resize(*size)
        display.show()
        total = self.register.cart.totals().total
        states = (
            ("sale", lambda: None),
            ("due", lambda: display.show_due(total, Money.zero(total.currency))),
            ("card", lambda: display.show_charging(total)),
            ("qr", lambda: display.show_progress(
                Progress("qr_shown", qr_url=DEMO_QR_URL, expires_in_s=300))),
            ("thanks", lambda: display.show_thanks(Money(BIG_PRICE, total.currency))),
        )
        try:
            for name, show in states:
                show()
                settle()
                yield name, display
        finally:
            display.close()
            display.deleteLater()
            settle()

    # pages ---------------------------------------------------------------------------------
    def pages(self) -> Iterator[str]:
        """Show each page in its everyday state, yielding its name (the back office as the
        manager, who may open every page; the register goes back to the cashier)."""
        self.sign_in_as("manager")
        for page in ("history", "products", "reports", "settings"):
            self.window.show_page(page)
            widget = self.window.pages[page]
            if page == "history":
                widget.table.selectRow(0)
            if page == "reports":  # the last 30 days, from a worker
                today = dt.date.today()
                widget.set_dates(today - dt.timedelta(days=30), today)
                while widget.loading:
                    self.app.processEvents()
            settle()
            yield page
        self.sign_in_as("cashier")
        self.window.show_page("register")
        settle()


def _save(widget: QWidget, out: Path, name: str, suffix: str) -> Path:
    path = out / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    return path


def render(db_path: Path, out: Path, locale: str | None = None) -> list[Path]:
    """Render the windows of the store at `db_path` into `out`; return the files.

    The store is copied first, so the shift opened for the shift dialog's pictures
    never reaches it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    create_app()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / db_path.name
        for suffix in ("", ".keys", "-wal", "-shm"):
            if Path(f"{db_path}{suffix}").exists():
                shutil.copy(f"{db_path}{suffix}", f"{copy}{suffix}")
        open_store(copy)
        try:
            stage = Stage(db_path, locale)
            suffix = "" if stage.language.startswith("en") else f"-{stage.language}"
            files = []
            stage.busy_cart()
            files.append(_save(stage.window, out, "register", suffix))
            wanted = {"checkout": "checkout", "card": "card", "refund": "refund",
                      "checkout-card": "checkout-card", "card-reader": "card-reader",
                      "wallet-waiting": "wallet-waiting", "wallet-qr": "wallet-qr",
                      "wallet-code": "wallet-code",
                      "shift-open": "shift", "shift-1": "shift-cash", "shift-2": "shift-x",
                      "shift-3": "shift-close"}
            for name, dialog in stage.dialogs():
                if name in wanted:
                    files.append(_save(dialog, out, wanted[name], suffix))
            for page in stage.pages():
                files.append(_save(stage.window, out, page, suffix))
            stage.busy_cart()
            shots = {"due": "customer-display", "qr": "customer-display-qr"}
            for state, display in stage.customer_display():
                if state in shots:
                    files.append(_save(display, out, shots[state], suffix))
            stage.close()
            return files
        finally:
            close_store()
