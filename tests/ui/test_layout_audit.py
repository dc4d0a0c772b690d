"""The layout audit: every window, page and dialog as a cashier meets it, checked for text cut off.

Three demo stores (US dollars in English, yuan in Chinese, yen), each in the
states of an ordinary day (`ui.screenshots.Stage`: an empty sale; ten lines of
the longest names with weighed lines, two and more tax rates and the customer
with the longest name; a line in the millions), at 1024×768 and 1366×768 (the
customer display at 800×480, 1024×768 and 1920×1080). A
check fails when a money or quantity text is elided, a widget is smaller than
its minimum size, two sibling widgets overlap or a button's text does not fit
(`ui.layout_check`), and when a dialog does not fit the smaller screen.
`pos screenshot` renders the same states for the README.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from pos.catalogue.customers import CustomerInput, save_customer
from pos.demo.data import create_demo
from pos.store.db import close_store, open_store
from ui.i18n import install_translations
from ui.layout_check import is_figure, problems
from ui.screenshots import SCREEN_SIZES, Stage, settle

STORES = {  # name: (currency, locale)
    "usd-en": ("USD", "en_US"),
    "cny-zh": ("CNY", "zh_CN"),
    "jpy": ("JPY", "ja_JP"),
}
LONG_CUSTOMER = "Maximiliane Alexandra Featherstonehaugh-Cholmondeley 欧阳慕容诸葛"
SMALLEST = SCREEN_SIZES[0]
DISPLAY_SIZES = ((800, 480), (1024, 768), (1920, 1080))  # customer displays sold for tills


@pytest.fixture(scope="module", params=list(STORES))
def stage(request, tmp_path_factory, qapp):
    currency, locale = STORES[request.param]
    path = tmp_path_factory.mktemp(request.param) / "store.db"
    open_store(path)
    try:
        create_demo(products=2000, days=2, orders_per_day=20, currency=currency, locale=locale)
        save_customer(CustomerInput(LONG_CUSTOMER, phone="+86 138 0013 8000"))
        staged = Stage(path, locale)
        yield staged
        staged.close()
    finally:
        close_store()
        install_translations("en_US")


def report(found: list[str], where: str) -> str:
    return f"{len(found)} layout problem(s) {where}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_register_in_every_state(stage, size):
    stage.resize(*size)
    for state in stage.cart_states():
        found = problems(stage.window)
        assert not found, report(found, f"on the register, {state} cart, {size}")
    texts = [stage.register.cart_model.index(r, c).data()
             for r in range(stage.register.cart_model.rowCount()) for c in range(1, 5)]
    assert any(t and "1,234,567" in t or t and "123,456,789" in t for t in texts)


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page(stage, size):
    stage.resize(*size)
    stage.busy_cart()
    for page in stage.pages():
        found = problems(stage.window)
        assert not found, report(found, f"on the {page} page, {size}")


@pytest.mark.parametrize("size", DISPLAY_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_customer_display_in_every_state(stage, size):
    """The screen facing the customer: from a small 800×480 panel to a 1920×1080 one."""
    for cart in ("busy", "big"):
        getattr(stage, f"{cart}_cart")()
        for state, display in stage.customer_display(size):
            found = problems(display)
            assert not found, report(found, f"on the customer display, {cart} cart, {state}, "
                                            f"{size}")


def test_every_dialog_fits_the_smaller_screen(stage):
    """Every dialog with an everyday sale; the checkout's with a big one too: a total in
    the millions must not push its figures or quick-cash buttons off a 1024-pixel screen."""
    stage.resize(*SMALLEST)
    stage.busy_cart()
    seen, found = [], []
    big = ("checkout", "checkout-exact", "card", "checkout-card")

    def check(name, dialog):
        seen.append(name)
        found.extend(f"{name}: {problem}" for problem in problems(dialog))
        if dialog.width() > SMALLEST[0] or dialog.height() > SMALLEST[1]:
            found.append(f"{name} is {dialog.width()}×{dialog.height()}, larger than the "
                         f"{SMALLEST[0]}×{SMALLEST[1]} screen")

    for name, dialog in stage.dialogs():  # every dialog, then the verdict
        check(name, dialog)
    stage.big_cart()
    for only in big:
        for name, dialog in stage.dialogs(only):
            check(f"{name}, big sale", dialog)
    assert not found, report(found, "in the dialogs")
    assert {"checkout", "card", "shift-open", "shift-1", "shift-2", "shift-3",
            "refund", *(f"{name}, big sale" for name in big)} <= set(seen)


def test_the_lock_screen_shows_nothing_of_the_till(stage, monkeypatch):
    """Issue 11: locked, the navigation buttons were drawn over the sign-in panel."""
    from ui import main_window

    window = stage.window
    seen = {}

    def signed_in_again(session, parent):
        settle()
        seen["buttons"] = [b.objectName() for b in window.findChildren(QPushButton)
                           if b.isVisible()]
        seen["problems"] = problems(window)
        return session.user

    monkeypatch.setattr(main_window, "lock", signed_in_again)
    window.lock()
    assert seen == {"buttons": [], "problems": []}
    assert window.pages["register"].isVisible()


def test_the_window_opens_maximised_on_a_till_screen(stage):
    from ui.main_window import MainWindow

    window = MainWindow(stage.session)
    try:
        screen = window.screen().availableGeometry().size()
        fits = screen.width() >= window.minimumWidth() and \
            screen.height() >= window.minimumHeight()
        assert window.isMaximized() == fits  # offscreen the screen is 800×800: too small
        assert window.size() == screen.expandedTo(window.minimumSize())
    finally:
        window.deleteLater()
        QApplication.processEvents()


def test_figures_are_told_from_names():
    for text in ("$1,234.50", "¥1,234,567.89", "1.234 kg", "−$2.00 (10 %)", "12",
                 "￥123,456,789", "$2.19/kg", "€ 1.234,50"):
        assert is_figure(text), text
    for text in ("Milk 500ml", "秋叶经典可乐 1L", "Tax 4 %", "Terminal T1", ""):
        assert not is_figure(text), text


def test_a_placeholder_may_lose_words_but_never_a_figure(qtbot):
    """Issue 11: at 1024 the checkout's "Enter alone: exact cash $5…" cut off the amount."""
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("Enter alone: exact cash $5") + 12)
    edit.show()
    edit.setPlaceholderText("Enter alone: exact cash $5.29")
    (found,) = problems(edit)
    assert "cutting off '5.29'" in found
    edit.setPlaceholderText("$5.29 exact: press Enter alone")  # words go, the amount stays
    assert problems(edit) == []
    edit.setText("5")  # a placeholder shows only while the field is empty
    edit.setPlaceholderText("Enter alone: exact cash $5.29")
    assert problems(edit) == []
