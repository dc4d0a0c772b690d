"""Roles decide what the till shows (issue 11, must-have 3): a cashier could open Settings
and Reports. The rule is `pos.staff.users` (and the store's `*_roles` settings); the window
only follows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from pos.sales import shifts
from pos.settings import load_settings, save_settings
from pos.staff import users
from ui.main_window import MainWindow
from ui.session import Session

CHEAP = users.ScryptParams(n=2 ** 10)
BACK_OFFICE = ("products", "reports", "settings")


@pytest.fixture
def team(store_path):
    return {"mia": users.create_first_manager("Mia", pin="9876", params=CHEAP),
            "sam": users.add_user("Sam", "supervisor", pin="2222", params=CHEAP),
            "alex": users.add_user("Alex", "cashier", pin="1111", params=CHEAP)}


@pytest.fixture
def window(qtbot, store_path, team):
    session = Session(load_settings(), store_path)
    session.sign_in(team["alex"])
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def shown(window) -> set[str]:
    return {key for key in window.pages
            if window.findChild(QPushButton, f"nav_{key}").isVisible()}


def test_a_cashier_sees_no_back_office_and_its_keys_say_who_may(qtbot, window):
    assert shown(window) == {"register", "history"}
    for key in (Qt.Key.Key_F11, Qt.Key.Key_F12):
        qtbot.keyClick(window, key)
        assert window.current_page() == "register"
    message = window.pages["register"].message.text()
    assert "Settings is for a supervisor or a manager" in message and "Lock" in message
    window.navigate("reports")  # the button is hidden; asked anyway, it still refuses
    assert window.current_page() == "register"
    window.show_page("history")
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.current_page() == "history"
    assert "Products is for" in window.statusBar().currentMessage()


def test_a_supervisor_signing_in_gets_them_and_a_cashier_taking_over_leaves(qtbot, window,
                                                                              team):
    session = window.session
    session.sign_in(team["sam"])  # what Lock does when Sam signs in
    assert shown(window) == set(window.pages)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.current_page() == "settings"
    session.sign_in(team["alex"])
    assert window.current_page() == "register" and shown(window) == {"register", "history"}


def test_the_store_chooses_the_roles(qtbot, window):
    window.session.settings = save_settings(reports_roles="cashier,supervisor")
    window.session.settingsChanged.emit()
    assert shown(window) == {"register", "history", "reports"}
    window.navigate("reports")
    assert window.current_page() == "reports"


def test_a_store_without_staff_has_no_one_to_check(qtbot, store_path):
    win = MainWindow(Session(load_settings(), store_path))
    qtbot.addWidget(win)
    win.show()
    assert shown(win) == set(win.pages)


def test_the_status_bar_shows_the_shift_not_the_store_path(qtbot, window, store_path, team):
    """It showed the database path, which a cashier has no use for (pos doctor has it)."""
    bar = window.statusBar()
    assert not any(str(store_path) in label.text() + label.toolTip()
                   for label in bar.findChildren(QLabel))
    assert "No shift open" in window.shift_label.full_text()
    shift = shifts.open_shift(team["alex"], "100", window.session.terminal_id)
    window.show_shift()
    assert f"Shift {shift.id} open since" in window.shift_label.full_text()
