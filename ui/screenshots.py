"""`pos screenshot --db PATH --out DIR [--locale L]`: each main window rendered to PNG.

Renders offscreen on a real store (the demo store is the usual one): the
register with a cart, the checkout with change due, the order history with
the details pane, the products and the settings, and the card and shift
dialogs. In a store with staff, the first cashier is shown signed in. Nothing
is saved: the dialogs are cancelled and the cart is left unsaved.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from pos import staff
from pos.cash import entry_text, next_banknotes
from pos.db import close_store, open_store
from pos.models import Product
from pos.settings import load_settings
from ui.app import create_app
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.session import Session

SIZE = (1280, 720)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, out: Path, name: str, suffix: str) -> Path:
    path = out / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    return path


def render(db_path: Path, out: Path, locale: str | None = None) -> list[Path]:
    """Render every main window of the store at `db_path` into `out`; return the files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_app()
    open_store(db_path)
    try:
        settings = load_settings()
        language = locale or settings.locale
        install_translations(language)  # before the session and windows name things
        session = Session(settings, db_path)
        cashiers = [u for u in staff.list_users(include_disabled=False) if u.role == "cashier"]
        if cashiers:
            session.sign_in(cashiers[0])
        suffix = "" if language.startswith("en") else f"-{language}"
        out.mkdir(parents=True, exist_ok=True)
        window = MainWindow(session)
        window.resize(*SIZE)
        window.show()
        _settle(app)
        files = [_register(app, window, out, suffix), _checkout(app, window, out, suffix),
                 _card(app, window, out, suffix)]
        if session.user is not None:
            files.append(_shift(app, window, out, suffix))
        for page in ("history", "products", "reports", "settings"):
            window.show_page(page)
            if page == "history":
                window.pages[page].table.selectRow(0)
            if page == "reports":  # the last 30 days, from a worker
                today = dt.date.today()
                window.pages[page].set_dates(today - dt.timedelta(days=30), today)
                while window.pages[page].loading:
                    app.processEvents()
            _settle(app)
            files.append(_save(window, out, page, suffix))
        window.close()
        return files
    finally:
        close_store()


def _register(app: QApplication, window: MainWindow, out: Path, suffix: str) -> Path:
    register = window.pages["register"]
    products = (Product.select().where(Product.active & (Product.unit == "each"))
                .order_by(Product.id).limit(60))
    for product in list(products)[::12]:
        register.scan(product.sku)
    if register.cart.lines:
        register.cart_model.set_quantity(0, 2)
    _settle(app)
    return _save(window, out, "register", suffix)


def _checkout(app: QApplication, window: MainWindow, out: Path, suffix: str) -> Path:
    from ui.checkout.checkout_dialog import CheckoutDialog

    register = window.pages["register"]
    dialog = CheckoutDialog(window.session, register.cart, "cash", window)
    due = register.cart.totals().total
    notes = next_banknotes(due, 2) or [due]
    dialog.tendered_input.setText(entry_text(notes[-1], window.session.settings.locale))
    dialog.show()
    _settle(app)
    path = _save(dialog, out, "checkout", suffix)
    dialog.reject()
    return path


def _card(app: QApplication, window: MainWindow, out: Path, suffix: str) -> Path:
    """The card step with the sandbox's test cards, before the charge starts."""
    from pos.gateway.factory import SANDBOX_CARDS
    from ui.payments.card_service import CardService
    from ui.payments.charge_dialog import ChargeDialog

    register = window.pages["register"]
    service = CardService(None, window.session.settings, SANDBOX_CARDS, parent=window)
    dialog = ChargeDialog(service, register.cart.totals().total, window.session.settings.locale,
                          start=None, parent=window)
    dialog.show()
    _settle(app)
    path = _save(dialog, out, "card", suffix)
    dialog.reject()
    return path


def _shift(app: QApplication, window: MainWindow, out: Path, suffix: str) -> Path:
    from ui.shifts.shift_dialog import ShiftDialog

    dialog = ShiftDialog(window.session, window.session.user, window,
                         receipts=window.receipts)
    dialog.show()
    _settle(app)
    path = _save(dialog, out, "shift", suffix)
    dialog.reject()
    return path
