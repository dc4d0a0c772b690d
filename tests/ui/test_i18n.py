"""The Simplified Chinese catalogue: complete, matching its sources, and used by the window."""

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QPushButton

from pos.settings import load_settings
from ui.i18n import I18N_DIR, install_translations
from ui.main_window import MainWindow
from ui.session import Session

TS_PATH = I18N_DIR / "pos_zh_CN.ts"
QM_PATH = I18N_DIR / "pos_zh_CN.qm"
NAV_KEYS = ("register", "history", "products", "reports", "settings")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d")
HAN = re.compile(r"[\u4e00-\u9fff]")


def ts_messages():
    """(context, source, translation element) for every message of the .ts."""
    root = ET.parse(TS_PATH).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message.findtext("source") or "", message.find("translation")


def open_window(qtbot, store_path, locale):
    install_translations(locale)
    win = MainWindow(Session(load_settings(), store_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def first_line(button: QPushButton) -> str:
    return button.text().split("\n")[0]


@pytest.fixture
def chinese_window(qtbot, store_path):
    try:
        yield open_window(qtbot, store_path, "zh_CN")
    finally:
        install_translations("en_US")  # the other tests expect English


@pytest.fixture
def english_window(qtbot, store_path):
    try:
        yield open_window(qtbot, store_path, "en_US")
    finally:
        install_translations("en_US")


# the catalogue ----------------------------------------------------------------

def test_every_message_is_translated():
    messages = list(ts_messages())
    assert len(messages) > 400
    unfinished = [(ctx, src) for ctx, src, tr in messages
                  if tr is None or tr.get("type") is not None or not (tr.text or "").strip()]
    assert unfinished == []


def test_every_context_is_one_the_program_looks_up():
    """A context must be a class whose tr() reads it, or one named in translate(): lupdate
    files `service.tr(...)` under "service" (never looked up: the card refund's messages
    stayed English in Chinese), and a helper such as `_tr(text)` is not extracted at all
    (the error box's title "Point of sale" was missing from the catalogue)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = "\n".join(path.read_text(encoding="utf-8")
                        for path in [*root.joinpath("ui").rglob("*.py"), root / "main.py"])
    contexts = {ctx for ctx, _src, _tr in ts_messages()}
    unknown = sorted(ctx for ctx in contexts
                     if f"class {ctx}(" not in sources and f'"{ctx}"' not in sources)
    assert unknown == []
    assert {"ErrorReporting", "CsvExport"} <= contexts


def test_error_box_title_and_card_refund_messages_are_chinese(qtbot):
    from ui.error_reporting import error_title
    from ui.payments import refunds

    class Service:
        def __init__(self):
            self.said = []
            self.refundFailed = self

        def emit(self, text):
            self.said.append(text)

    try:
        install_translations("zh_CN")
        service = Service()
        refunds._not_sent(service, "x")
        assert error_title() == "收银系统"
        assert HAN.search(service.said[0])
    finally:
        install_translations("en_US")


def test_placeholders_newlines_and_accelerators_are_kept():
    wrong = []
    for ctx, src, tr in ts_messages():
        text = tr.text or ""
        if (sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text))
                or src.count("\n") != text.count("\n")
                or ("&" in src.replace("&&", "")) != ("&" in text.replace("&&", ""))):
            wrong.append((ctx, src, text))
    assert wrong == []


def test_compiled_catalogue_matches_the_source():
    translator = QTranslator()
    assert translator.load(str(QM_PATH))
    stale = [(ctx, src) for ctx, src, tr in ts_messages()
             if translator.translate(ctx, src) != tr.text]
    assert stale == []


# the window -------------------------------------------------------------------

def test_chinese_window_shows_chinese_navigation_and_pay_buttons(chinese_window):
    win = chinese_window
    nav = {key: first_line(win.findChild(QPushButton, f"nav_{key}")) for key in NAV_KEYS}
    assert nav == {"register": "收银台", "history": "订单", "products": "商品",
                   "reports": "报表", "settings": "设置"}
    assert win.findChild(QPushButton, "nav_register").text() == "收银台\nF9"  # keys stay

    register = win.pages["register"]
    for name, key in (("payCardButton", "F3"), ("payCashButton", "F2"), ("parkButton", "F6")):
        button = register.findChild(QPushButton, name)
        label, shortcut = button.text().split("\n")
        assert HAN.search(label), f"{name} is not in Chinese: {button.text()!r}"
        assert shortcut == key
    assert first_line(register.findChild(QPushButton, "payCashButton")) == "现金支付"
    assert first_line(register.findChild(QPushButton, "payCardButton")) == "银行卡支付"
    assert "收银系统" in win.windowTitle()


def test_english_window_stays_english(english_window):
    win = english_window
    assert first_line(win.findChild(QPushButton, "nav_register")) == "Register"
    assert first_line(win.findChild(QPushButton, "nav_history")) == "Orders"
    register = win.pages["register"]
    assert first_line(register.findChild(QPushButton, "payCashButton")) == "Pay cash"
    assert first_line(register.findChild(QPushButton, "payCardButton")) == "Pay by card"
    assert not HAN.search(win.windowTitle())
