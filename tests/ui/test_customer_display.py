"""The customer display through a whole sale at the real register, with the real checkout:
what the customer reads at each step, the card and phone steps from `Progress` reports
(the QR decoded as a phone would), the store's language, its screen, and its layout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel
from sample_store import build_sample_store

from pos.money import Money
from pos.payments.gateway.base import Progress
from pos.sales.cart import Discount
from pos.settings import load_settings, save_settings
from pos.store.db import close_store
from ui.checkout import CardConfirmation, ExternalTerminalCharger
from ui.customer_display import connect_customer_display
from ui.customer_display.placement import choose_screen
from ui.customer_display.window import Page
from ui.i18n import install_translations
from ui.layout_check import problems
from ui.main_window import MainWindow
from ui.payments.card_service import CardService
from ui.register.cart_model import Column
from ui.session import Session

QR_URL = "https://pay.example.test/qr/T7-000123?sig=abc123"
ROOT = Path(__file__).resolve().parents[2]


def eur(minor: int) -> str:
    return Money(minor, "EUR").format("de_DE")


class PendingTerminal:
    """A standalone card terminal whose answer the test gives when it chooses: until then
    the checkout's card charge is in flight."""

    def __init__(self) -> None:
        self.answer = None

    def ask_charge(self, amount, locale, parent, answer) -> None:
        self.answer = answer

    def approve(self) -> None:
        answer, self.answer = self.answer, None
        answer(CardConfirmation("4242", "Visa"))


@pytest.fixture
def terminal():
    return PendingTerminal()


@pytest.fixture
def till(qtbot, store_path, terminal):
    """The register's window with a card service and a standalone terminal, and its
    customer display, opened by the setting (one screen: an ordinary window)."""
    save_settings(customer_display="on")
    session = Session(load_settings(), store_path)
    session.card_charger = ExternalTerminalCharger("de_DE", terminal.ask_charge)
    session.card_service = CardService(None, session.settings)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    link = connect_customer_display(window, session)
    link.display.thanks_ms = 20
    qtbot.waitExposed(link.display)
    yield window, link
    link.close()
    session.card_service.deleteLater()


def shown(display) -> str:
    """Every text the customer can read now, in one string."""
    page = display.pages.currentWidget()
    texts = [display.store_label.full_text()]
    texts += [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(display)]
    return " | ".join(texts)


def lines(display) -> list[tuple[str, str, str]]:
    model = display.lines.model()
    return [tuple(model.index(row, column).data() for column in
                  (Column.NAME, Column.QUANTITY, Column.TOTAL))
            for row in range(model.rowCount())]


def register_total(window) -> Money:
    return window.pages["register"].cart.totals().total


def decode(widget) -> list[str]:
    """What a phone reads off the widget on screen."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return [code.text for code in zxingcpp.read_barcodes(image)]


def test_a_cash_sale_step_by_step(qtbot, till):
    window, link = till
    display, register = link.display, window.pages["register"]
    assert display.page() == Page.IDLE
    assert shown(display) == "Corner Shop | Welcome"

    register.scan("SKU0000")  # Green Apple, 1,00 €
    assert display.page() == Page.SALE
    assert lines(display) == [("Green Apple", "1", eur(100))]
    assert display.tax_label.text() == eur(7)  # this store adds 7 % to food prices
    assert display.total_label.text() == eur(107)
    assert not display.discount_label.isVisibleTo(display)
    assert display.lines.isColumnHidden(Column.DISCOUNT)

    register.scan("3*SKU0010")  # 3 × 1,10 €
    assert lines(display)[1] == ("Item 010", "3", eur(330))
    assert display.lines.currentIndex().row() == 1  # the line just scanned is the one shown
    register.cart_model.set_line_discount(1, Discount(percent=10))
    assert lines(display)[1] == ("Item 010", "3", eur(297))
    assert not display.lines.isColumnHidden(Column.DISCOUNT)
    assert display.discount_label.text() == "−" + eur(33)
    total = register.cart.totals().total  # 3,97 € and the tax on top
    assert display.total_label.text() == total.format("de_DE")
    assert not display.due_label.isVisibleTo(display)

    register.pay("cash")
    checkout = register.checkout
    assert display.due_label.text() == total.format("de_DE")
    assert "Still to pay" in shown(display)
    checkout.tendered_input.setText("50,00")
    checkout.commit()
    assert checkout.order is not None
    assert display.page() == Page.THANKS
    change = eur(5000 - total.minor)
    assert shown(display) == f"Corner Shop | Thank you! | Your change | {change}"

    checkout.accept()  # Next sale: the register empties its cart; the thank-you stays
    assert register.cart.is_empty and display.page() == Page.THANKS
    qtbot.waitUntil(lambda: display.page() == Page.IDLE)
    assert shown(display) == "Corner Shop | Welcome"


def test_a_card_payment_shows_what_it_waits_for(qtbot, till, terminal):
    window, link = till
    display, register = link.display, window.pages["register"]
    progress = window.session.card_service.paymentProgress
    register.scan("2*SKU0001")  # 2 × 1,01 € and the tax
    due = register.cart.totals().total.format("de_DE")
    register.pay("card")
    checkout = register.checkout
    assert display.page() == Page.SALE and display.due_label.text() == due

    checkout.commit()  # the charge is on the terminal: no reader reports anything
    assert terminal.answer is not None and display.page() == Page.PAYING
    assert "follow the card terminal" in display.step_label.text()
    assert display.step_amount_label.text() == due
    assert not display.qr_view.isVisibleTo(display)

    progress.emit(Progress("reader_waiting"))
    assert display.step_label.text() == "Tap or insert your card"
    progress.emit(Progress("customer_confirming"))
    assert display.step_label.text() == "Confirm the payment on your phone"
    progress.emit(Progress("qr_shown", qr_url=QR_URL, expires_in_s=120))
    assert display.step_label.text() == "Scan to pay with your phone"
    assert display.qr_view.isVisibleTo(display) and display.qr_view.url() == QR_URL
    assert decode(display.qr_view) == [QR_URL]
    assert display.qr_view.width() >= 200  # big enough for a phone across the counter
    progress.emit(None)  # no longer waiting on the customer: the charge's answer is due
    assert not display.qr_view.isVisibleTo(display)
    assert "follow the card terminal" in display.step_label.text()

    terminal.approve()
    assert checkout.order is not None and display.page() == Page.THANKS
    assert shown(display) == "Corner Shop | Thank you!"  # no change on a card


def test_a_cancelled_checkout_goes_back_to_the_lines_and_ignores_late_reports(qtbot, till):
    window, link = till
    display, register = link.display, window.pages["register"]
    register.scan("SKU0002")
    register.pay("cash")
    window.session.card_service.paymentProgress.emit(Progress("reader_waiting"))
    assert display.page() == Page.PAYING
    register.checkout.reject()
    assert register.checkout is None
    assert display.page() == Page.SALE and not display.due_label.isVisibleTo(display)
    window.session.card_service.paymentProgress.emit(Progress("reader_waiting"))
    assert display.page() == Page.SALE  # a report from no checkout never shows


def test_it_follows_the_setting_and_closes_with_the_register(qtbot, till):
    window, link = till
    display = link.display
    assert display.isVisible() and not display.isFullScreen()  # one screen: a window
    assert (display.width(), display.height()) == (800, 480)  # half the screen, at least
    assert display.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)

    window.session.settings = save_settings(store_name="Eckladen am Markt")
    window.session.settingsChanged.emit()
    assert display.store_label.full_text() == "Eckladen am Markt"
    assert link.display is display  # the same window, where the owner dragged it

    with qtbot.waitSignal(display.destroyed):
        window.session.settings = save_settings(customer_display="off")
        window.session.settingsChanged.emit()
    assert link.display is None
    window.pages["register"].scan("SKU0000")  # the register's model outlives the display
    window.session.settings = save_settings(customer_display="on")
    window.session.settingsChanged.emit()
    assert link.display is not None and link.display.isVisible()

    with qtbot.waitSignal(link.display.destroyed):  # closed, and let go
        window.close()
    assert link.display is None


def test_the_settings_page_turns_it_off_and_on(qtbot, till):
    window, link = till
    page = window.pages["settings"]
    combo = page.customer_display_combo
    assert combo.currentData() == "on"
    assert [combo.itemData(i) for i in range(combo.count())][:2] == ["off", "on"]
    combo.setCurrentIndex(combo.findData("off"))
    assert page.save()
    assert window.session.settings.customer_display == "off" and link.display is None
    combo.setCurrentIndex(combo.findData("on"))
    assert page.save()
    assert link.display is not None and link.display.isVisible()


def test_a_value_set_on_the_command_line_is_kept_by_the_settings_page(qtbot, till):
    window, _link = till
    page = window.pages["settings"]
    for setting, label in (("3", "Screen 3"), ("DP-9", "DP-9 (not connected)")):
        window.session.settings = save_settings(customer_display=setting)
        window.session.settingsChanged.emit()
        assert page.customer_display_combo.currentText() == label
        assert "customer_display" not in page.changes()


def test_the_display_reads_the_stores_language(qtbot, tmp_path):
    build_sample_store(tmp_path / "zh.db", store_name="街角小店", currency="CNY", locale="zh_CN",
                       customer_display="on")
    install_translations("zh_CN")
    try:
        session = Session(load_settings(), tmp_path / "zh.db")
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        link = connect_customer_display(window, session)
        display = link.display
        assert shown(display) == "街角小店 | 欢迎光临"
        window.pages["register"].scan("SKU0000")
        window.pages["register"].pay("cash")
        assert "还需支付" in shown(display)
        assert display.due_label.text() == register_total(window).format("zh_CN")
        display.show_progress(Progress("reader_waiting"))
        assert display.step_label.text() == "请挥卡或插卡"
        window.pages["register"].checkout.commit()
        assert "谢谢惠顾！" in shown(display)
        link.close()
    finally:
        install_translations("en_US")
        close_store()


class Screen:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


@pytest.mark.parametrize("setting, expected", [
    ("on", "HDMI-2"), ("HDMI-2", "HDMI-2"), ("2", "HDMI-2"),
    ("1", None), ("Main", None),  # the register's own screen: a window, never covering it
    ("3", None), ("DP-9", None),  # a screen not plugged in: a window
])
def test_the_setting_names_a_screen(setting, expected):
    main, second = Screen("Main"), Screen("HDMI-2")
    chosen = choose_screen(setting, [main, second], main)
    assert (chosen.name() if chosen else None) == expected
    assert choose_screen("on", [main], main) is None  # one screen: a window


SECOND_SCREEN = textwrap.dedent("""
    import sys
    sys.path.insert(0, "tests/ui")
    from pathlib import Path
    from sample_store import build_sample_store
    from pos.settings import load_settings
    from ui.app import create_app
    from ui.customer_display import connect_customer_display
    from ui.main_window import MainWindow
    from ui.session import Session

    app = create_app()
    path = Path(sys.argv[1])
    build_sample_store(path, count=5, customer_display=sys.argv[2])
    session = Session(load_settings(), path)
    window = MainWindow(session)
    window.show()
    app.processEvents()
    link = connect_customer_display(window, session)
    app.processEvents()
    display = link.display
    print(window.screen().name(), display.screen().name(), display.isFullScreen(),
          display.width(), display.height())
""")


@pytest.mark.parametrize("setting", ["on", "HDMI-2"])
def test_on_a_till_with_two_screens_it_fills_the_other_one(tmp_path, setting):
    """A real process on Qt's offscreen platform given two screens (a 1366×768 one the
    register opens on, and a 1024×768 customer panel)."""
    screens = {"screens": [
        {"name": "Main", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "HDMI-2", "x": 1366, "y": 0, "width": 1024, "height": 768}]}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run([sys.executable, "-c", SECOND_SCREEN, str(tmp_path / "s.db"),
                             setting], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    register_screen, display_screen, full, width, height = result.stdout.split()
    assert display_screen != register_screen
    assert (display_screen, full, width, height) == ("HDMI-2", "True", "1024", "768")


LONG_NAME = "Organic Extra Virgin Olive Oil, Cold Pressed, Family Size 5 L 特级初榨橄榄油家庭装"
BIG_PRICE = 123_456_789


@pytest.mark.parametrize("locale, currency", [("en_US", "USD"), ("zh_CN", "CNY")])
@pytest.mark.parametrize("size", [(800, 480), (1024, 768), (1920, 1080)])
def test_nothing_is_cut_off_with_long_names_and_big_amounts(qtbot, tmp_path, locale, currency,
                                                            size):
    build_sample_store(tmp_path / "big.db", count=12, name=lambda i: f"{LONG_NAME} {i}",
                       currency=currency, locale=locale)
    install_translations(locale)
    try:
        session = Session(load_settings(), tmp_path / "big.db")
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        register = window.pages["register"]
        from pos.catalogue.products import ScanResult
        from pos.sales.scan_to_cart import add_scan
        from pos.store.models import Product

        for product in Product.select().limit(10):
            register.cart_model.add(lambda cart, p=product: add_scan(
                cart, ScanResult(p, price=BIG_PRICE)))
        register.cart_model.set_quantity(0, 12)
        register.cart_model.set_line_discount(1, Discount(percent=15))
        save_settings(customer_display="on")
        session.settings = load_settings()
        link = connect_customer_display(window, session)
        display = link.display
        display.resize(*size)
        qtbot.waitUntil(lambda: display.size().width() == size[0])
        total = register.cart.totals().total
        steps = {
            "sale": lambda: None,
            "due": lambda: display.show_due(total, Money(BIG_PRICE, currency)),
            "card": lambda: display.show_charging(total),
            "qr": lambda: display.show_progress(Progress("qr_shown", qr_url=QR_URL)),
            "phone": lambda: display.show_progress(Progress("customer_confirming")),
            "thanks": lambda: display.show_thanks(Money(BIG_PRICE * 7, currency)),
        }
        for name, step in steps.items():
            step()
            qtbot.wait(1)
            assert problems(display) == [], (name, size, locale)
        link.close()
    finally:
        install_translations("en_US")
        close_store()


def test_pos_register_customer_display_opens_it_beside_the_register(tmp_path, monkeypatch):
    """The demo's way: `pos register --customer-display` on a store whose setting is off.
    The display opens as a window (one screen), and the register keeps the keyboard."""
    import main as pos_main
    from pos.staff import users
    from ui.customer_display.window import CustomerDisplay

    default = tmp_path / "data" / "store.db"
    monkeypatch.setattr(pos_main, "default_db_path", lambda: default)
    monkeypatch.setattr(pos_main, "start", lambda parent=None, required=False:
                        users.create_first_manager("Mia", pin="1234",
                                                   params=users.ScryptParams(n=2 ** 10)))
    seen = {}

    def look_and_quit():
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        displays = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, CustomerDisplay) and w.isVisible()]
        seen["displays"] = len(displays)
        seen["setting"] = window.session.settings.customer_display
        seen["focus"] = window.focusWidget() is window.pages["register"].scan_input
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        QApplication.exit(0)

    QTimer.singleShot(0, look_and_quit)
    assert pos_main.main(["--customer-display"]) == 0
    assert seen == {"displays": 1, "setting": "off", "focus": True}
