"""The first window: paged product list, search as you type, and a start-up that explains."""

import logging
import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QTableView
from sample_store import MILK, PRODUCT_COUNT

import main as pos_main
from pos.errors import StoreError
from pos.settings import load_settings
from ui.error_reporting import ExceptHook, logging_to
from ui.main_window import MainWindow
from ui.products.product_table_model import PAGE_SIZE, Column, ProductIdRole
from ui.products.products_view import SEARCH_DELAY_MS, ProductsView
from ui.session import Session


@pytest.fixture
def main_window(qtbot, store_path):
    win = MainWindow(Session(load_settings(), store_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, main_window):
    """The Products page, shown."""
    main_window.show_page("products")
    return main_window.pages["products"]


@pytest.fixture
def message_boxes(monkeypatch):
    """Record `QMessageBox.critical` calls instead of opening a modal box."""
    calls = []

    def critical(parent, title, text, *args, **kwargs):
        calls.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return calls


def names(model):
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


# the window ------------------------------------------------------------------

def test_window_shows_store_name_path_count_and_terminal(main_window, window, store_path):
    assert "Corner Shop" in main_window.windowTitle()
    assert isinstance(window, ProductsView)
    assert window.findChild(QTableView, "productTable").model() is window.products
    search = window.findChild(QLineEdit, "productSearch")
    assert search.accessibleName()
    # the status bar shows what a cashier needs; the store's path is in pos doctor
    assert not any(str(store_path) in label.text() + label.toolTip()
                   for label in main_window.statusBar().findChildren(QLabel))
    assert window.count_label.text() == f"{PRODUCT_COUNT} products"
    assert main_window.terminal_label.text() == "Terminal T7"
    # the window follows the screen (offscreen, 800×800), never under its minimum
    area = main_window.screen().availableGeometry()
    assert main_window.width() == max(area.width(), main_window.minimumWidth())
    assert main_window.height() == max(area.height(), main_window.minimumHeight())


def test_register_is_home_and_function_keys_switch_pages(qtbot, main_window):
    assert main_window.current_page() == "register"
    qtbot.keyClick(main_window, Qt.Key.Key_F11)
    assert main_window.current_page() == "products"
    qtbot.keyClick(main_window, Qt.Key.Key_F10)
    assert main_window.current_page() == "history"
    qtbot.keyClick(main_window, Qt.Key.Key_F9)
    assert main_window.current_page() == "register"


def test_rows_show_joined_names_in_the_store_locale(window):
    model = window.products

    def row(r):
        return [model.index(r, c).data() for c in Column]

    assert row(0) == ["SKU0000", "Green Apple", "1,00\xa0€", "Food 7%", "Fruit", "0"]
    assert row(3) == ["SKU0003", "Banana", "1,03\xa0€/kg", "Food 7%", "Fruit", "0,030 kg"]
    assert row(150) == ["SKU0150", "Item 150", "2,50\xa0€", "Standard 19%", "", "1.500"]
    assert model.index(0, Column.PRICE).data(Qt.ItemDataRole.TextAlignmentRole) & \
        Qt.AlignmentFlag.AlignRight
    assert model.index(5, Column.SKU).data(ProductIdRole) == model.product_id(5)


# paging ----------------------------------------------------------------------

def test_fetch_more_adds_one_page_at_a_time(window):
    model = window.products
    assert model.rowCount() == PAGE_SIZE == 200
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PRODUCT_COUNT
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing left: a no-op
    assert model.rowCount() == PRODUCT_COUNT

    ids = [model.product_id(r) for r in range(model.rowCount())]
    assert ids == sorted(set(ids))


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_model_passes_the_model_tester(window, qtmodeltester, force_py):
    model = window.products
    assert model.rowCount() == 200
    # The tester stays attached: it checks every insertion and reset from now on, and
    # runs all its checks again after each one.
    qtmodeltester.check(model, force_py=force_py)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == PRODUCT_COUNT

    model.set_query("apple")
    model.set_query("")  # back to the first page, with more to fetch
    assert model.rowCount() == 200
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    if not force_py:  # a second Python tester would connect its slots twice
        qtmodeltester.check(model)


def test_scrolling_to_the_end_loads_the_next_page(qtbot, window):
    model = window.products
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == PRODUCT_COUNT)


# search ----------------------------------------------------------------------

def test_typing_shows_only_matching_products_after_a_pause(qtbot, window):
    model = window.products
    search = window.findChild(QLineEdit, "productSearch")

    qtbot.keyClicks(search, "apple")
    assert model.rowCount() == 200 and not model.is_searching  # debounced: not yet

    qtbot.waitUntil(lambda: model.query == "apple", timeout=SEARCH_DELAY_MS * 20)
    assert sorted(names(model)) == ["Apple Juice 1L", "Green Apple", "Pineapple"]
    assert not model.canFetchMore(QModelIndex())
    assert window.count_label.text() == f"3 matches of {PRODUCT_COUNT} products"

    search.clear()
    qtbot.waitUntil(lambda: not model.is_searching)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    assert window.count_label.text() == f"{PRODUCT_COUNT} products"


def test_search_by_sku_prefix(qtbot, window):
    model = window.products
    qtbot.keyClicks(window.search_edit, "SKU044")
    qtbot.waitUntil(lambda: model.query == "SKU044")
    skus = [model.index(r, Column.SKU).data() for r in range(model.rowCount())]
    assert skus == [f"SKU{i:04d}" for i in range(440, 450)]


def test_search_in_chinese(qtbot, window):
    # As an input method commits it: QTest's keyClicks aborts the process on non-ASCII.
    window.search_edit.insert("牛奶")
    qtbot.waitUntil(lambda: window.products.query == "牛奶")
    assert names(window.products) == [MILK]


def test_enter_searches_at_once(qtbot, window):
    qtbot.keyClicks(window.search_edit, "banana")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert names(window.products) == ["Banana"]


def test_a_search_with_no_match_shows_an_empty_list(qtbot, window):
    qtbot.keyClicks(window.search_edit, "zzzz")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.products.rowCount() == 0
    assert window.count_label.text() == f"0 matches of {PRODUCT_COUNT} products"


# start-up and errors -----------------------------------------------------------

def test_main_explains_a_file_that_is_not_a_store(tmp_path, message_boxes, capsys):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"These are my shopping notes, not a database.\n" * 50)

    assert pos_main.main(["--db", str(bad)]) == 1

    assert len(message_boxes) == 1
    title, text = message_boxes[0]
    assert "not a store database" in text and str(bad) in text
    assert "Traceback" not in text
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


def test_main_logs_an_unexpected_error_and_shows_a_short_message(
        store_path, monkeypatch, message_boxes, capsys):
    def broken():
        raise RuntimeError("settings table exploded")

    monkeypatch.setattr(pos_main, "load_settings", broken)

    assert pos_main.main(["--db", str(store_path)]) == 1

    (_, text), = message_boxes
    log_file = store_path.parent / "pos.log"
    assert "exploded" not in text and "Traceback" not in text
    assert str(log_file) in text
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "settings table exploded" in logged
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


def test_main_opens_the_default_store_and_runs_until_quit(tmp_path, monkeypatch, message_boxes):
    """A new store: the first manager is created (the dialog is `ui.staff.start`, tested
    on its own), signed in, and the window opens."""
    from pos.staff import users
    default = tmp_path / "data" / "store.db"
    monkeypatch.setattr(pos_main, "default_db_path", lambda: default)
    monkeypatch.setattr(pos_main, "start", lambda parent=None, required=False:
                        users.create_first_manager("Mia", pin="1234",
                                                   params=users.ScryptParams(n=2 ** 10)))
    seen = []

    def look_and_quit():
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible())
        # quit() would also refuse to activate windows in later tests: leave the loop only
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        QApplication.exit(0)

    QTimer.singleShot(0, look_and_quit)
    assert pos_main.main([]) == 0
    assert default.exists()
    assert seen == ["My Store — Point of Sale"]
    assert "QTableView" in QApplication.instance().styleSheet()
    assert message_boxes == []


def test_main_quits_quietly_when_nobody_signs_in(tmp_path, monkeypatch, message_boxes):
    default = tmp_path / "data" / "store.db"
    monkeypatch.setattr(pos_main, "default_db_path", lambda: default)
    monkeypatch.setattr(pos_main, "start", lambda parent=None, required=False: None)
    assert pos_main.main([]) == 0
    assert not any(isinstance(w, MainWindow) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    assert message_boxes == []


def test_the_window_is_on_screen_before_the_sign_in_and_has_the_keyboard_after_it(
        tmp_path, monkeypatch, message_boxes):
    """Walking the till under Xvfb with a window manager: the window was built only after
    the sign-in, which took a second or more, and an F-key pressed meanwhile went to no
    window. Now the sign-in is the child of the window already shown (covered, as on the
    lock screen), and when it closes the scan field has the keyboard."""
    from pos.staff import users

    default = tmp_path / "data" / "store.db"
    monkeypatch.setattr(pos_main, "default_db_path", lambda: default)
    during = {}

    def sign_in(parent=None, required=False):
        during["parent"] = type(parent).__name__
        during["shown"] = parent is not None and parent.isVisible()
        during["covered"] = parent is not None and (
            parent.screens.currentWidget() is parent.lock_cover)
        return users.create_first_manager("Mia", pin="1234",
                                          params=users.ScryptParams(n=2 ** 10))

    monkeypatch.setattr(pos_main, "start", sign_in)
    after = {}

    def look_and_quit():
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        after["covered"] = window.screens.currentWidget() is window.lock_cover
        after["focus"] = window.focusWidget() is window.pages["register"].scan_input
        after["cashier"] = window.session.cashier
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        QApplication.exit(0)

    QTimer.singleShot(0, look_and_quit)
    assert pos_main.main([]) == 0
    assert during == {"parent": "MainWindow", "shown": True, "covered": True}
    assert after == {"covered": False, "focus": True, "cashier": "Mia"}
    assert message_boxes == []


def test_uncaught_errors_are_logged_and_shown_briefly(tmp_path, message_boxes, capsys):
    with logging_to(tmp_path) as log_path:
        hook = ExceptHook(log_path)
        with hook.installed():
            assert sys.excepthook is hook
            for exc in (StoreError("The store is busy in another program."),
                        ZeroDivisionError("division by zero")):
                try:
                    raise exc
                except Exception:
                    sys.excepthook(*sys.exc_info())
        assert sys.excepthook is not hook

    assert message_boxes[0][1] == "The store is busy in another program."
    assert "division" not in message_boxes[1][1] and str(log_path) in message_boxes[1][1]
    logged = log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "Traceback" in logged
    assert "Traceback" not in capsys.readouterr().err


def test_debug_prints_the_traceback(tmp_path, message_boxes, capsys):
    hook = ExceptHook(None, debug=True)
    try:
        raise ValueError("bad value")
    except ValueError:
        hook(*sys.exc_info())
    assert "Traceback" in capsys.readouterr().err
    assert len(message_boxes) == 1


def test_logging_to_removes_its_handlers(tmp_path):
    before = list(logging.getLogger().handlers)
    with logging_to(tmp_path, debug=True):
        assert len(logging.getLogger().handlers) == len(before) + 2
    assert logging.getLogger().handlers == before
