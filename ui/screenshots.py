"""`pos screenshot --db PATH --out DIR [--locale L]`: each main window rendered to PNG.

Renders offscreen on a real store (the demo store is the usual one): the
register with a cart, the checkout with change due, the order history with
the details pane, the products and the settings. Nothing is saved: the
checkout is cancelled and the cart is left unsaved.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

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
        suffix = "" if language.startswith("en") else f"-{language}"
        out.mkdir(parents=True, exist_ok=True)
        window = MainWindow(session)
        window.resize(*SIZE)
        window.show()
        _settle(app)
        files = [_register(app, window, out, suffix), _checkout(app, window, out, suffix)]
        for page in ("history", "products", "settings"):
            window.show_page(page)
            if page == "history":
                window.pages[page].table.selectRow(0)
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
