"""The till on a store terminal: it locks itself when idle (the sale stays), keeps the
desktop's screen lock away during a sale, and in kiosk mode only a manager quits it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from pos.settings import load_settings, save_settings
from pos.staff import users
from tests.ui.test_checkout import make_cart
from tests.ui.test_staff_controls import approve_with
from ui import main_window
from ui.kiosk import Kiosk
from ui.main_window import MainWindow
from ui.screen_awake import ScreenAwake
from ui.session import Session

CHEAP = users.ScryptParams(n=2 ** 10)


@pytest.fixture
def team(store_path):
    return {"mia": users.create_first_manager("Mia", pin="9876", params=CHEAP),
            "alex": users.add_user("Alex", "cashier", pin="1111", params=CHEAP)}


def window_for(qtbot, user, *, kiosk: bool = False) -> MainWindow:
    session = Session(load_settings(), Path("store.db"))
    session.sign_in(user)
    window = MainWindow(session)
    qtbot.addWidget(window)
    if kiosk:
        window.kiosk = Kiosk(window, session)  # before it shows, as main.py does
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def locks(monkeypatch):
    """The lock screen's sign-in, replaced by a record of when it was shown."""
    seen = []

    def lock(session, parent):
        seen.append(len(parent.pages["register"].cart.lines))
        return session.user

    monkeypatch.setattr(main_window, "lock", lock)
    return seen


# --- the idle lock -------------------------------------------------------------------------

def test_an_idle_till_locks_itself_and_the_sale_stays(qtbot, team, locks):
    window = window_for(qtbot, team["alex"])
    assert window.idle_lock.timer.interval() == 5 * 60_000  # the default: five minutes
    window.pages["register"].scan(make_cart().lines[0].item.sku)
    window.idle_lock.timer.setInterval(50)  # minutes are too long for a test
    window.idle_lock.restart()
    qtbot.waitUntil(lambda: locks == [1])
    assert len(window.pages["register"].cart.lines) == 1
    assert window.idle_lock.timer.isActive()  # counting again after the sign-in


def test_a_key_or_a_touch_starts_the_count_again(qtbot, team, locks):
    window = window_for(qtbot, team["alex"])
    timer = window.idle_lock.timer
    qtbot.wait(100)
    before = timer.remainingTime()
    assert before < 5 * 60_000 - 50
    QApplication.sendEvent(window.pages["register"].scan_input,
                           QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1,
                                     Qt.KeyboardModifier.NoModifier, "1"))
    assert timer.remainingTime() > before
    assert locks == []


def test_it_never_locks_over_an_open_dialog(qtbot, team, locks):
    window = window_for(qtbot, team["alex"])
    box = QDialog(window)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()  # as the checkout is open while a card payment runs
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    window.idle_lock.timer.setInterval(20)
    window.idle_lock.restart()
    qtbot.wait(150)
    assert locks == []
    box.done(0)
    qtbot.waitUntil(lambda: locks == [0])


def test_the_idle_minutes_are_a_setting_and_zero_is_never(qtbot, team, locks):
    window = window_for(qtbot, team["alex"])
    save_settings(idle_lock_min=0)
    window.session.reload_settings()
    assert not window.idle_lock.timer.isActive()
    save_settings(idle_lock_min=12)
    window.session.reload_settings()
    assert window.idle_lock.timer.interval() == 12 * 60_000 and window.idle_lock.timer.isActive()
    view = window.pages["settings"]
    combo = view.idle_lock_combo  # the usual choices, and the store's own 12
    assert combo.currentText() == "After 12 min" and combo.count() == 9
    combo.setCurrentIndex(combo.findData(0))
    assert combo.currentText() == "Never" and view.changes() == {"idle_lock_min": 0}


# --- kiosk ------------------------------------------------------------------------------------

def test_in_a_kiosk_a_cashier_cannot_close_the_till_without_a_manager(qtbot, team):
    window = window_for(qtbot, team["alex"], kiosk=True)
    kiosk = window.kiosk
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert kiosk.quit_button.isVisible()
    window.close()  # Alt+F4, a click outside the till...
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    assert QApplication.activeModalWidget().objectName() == "approvalDialog"
    QApplication.activeModalWidget().reject()  # no manager came
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert window.isVisible()
    answers: list = []
    approve_with("Mia", "9876", answers)
    kiosk.quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(answers) == 1


def test_a_manager_quits_a_kiosk_at_once(qtbot, team):
    window = window_for(qtbot, team["mia"], kiosk=True)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert QApplication.activeModalWidget() is None  # nobody was asked


# --- the screen stays on during a sale ---------------------------------------------------------

@pytest.fixture
def session_bus(monkeypatch, tmp_path):
    """A private D-Bus session bus with a desktop's screen saver on it (dbus_screensaver.py)."""
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is needed (Debian: apt install dbus)"
    bus = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = bus.stdout.readline().strip()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
    saver = subprocess.Popen([sys.executable, str(Path(__file__).with_name(
        "dbus_screensaver.py"))], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert saver.stdout.readline().strip() == "ready"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield saver
    finally:
        saver.kill()
        bus.kill()
        for process in (saver, bus):
            process.wait()
            process.stdout.close()


def test_a_sale_keeps_the_desktop_from_locking_the_screen(qtbot, team, session_bus):
    window = window_for(qtbot, team["alex"])
    register = window.pages["register"]
    register.scan(make_cart().lines[0].item.sku)
    assert window.screen_awake.inhibited
    assert session_bus.stdout.readline().strip() == "inhibit 1 pos: A sale is open at the till"
    register.scan(make_cart().lines[0].item.sku)  # still the same sale: asked once
    register.park_or_recall()  # the sale leaves the screen
    assert not window.screen_awake.inhibited
    assert session_bus.stdout.readline().strip() == "uninhibit 1"
    save_settings(keep_awake=0)
    window.session.reload_settings()
    register.scan(make_cart().lines[0].item.sku)
    assert not window.screen_awake.inhibited
    window.screen_awake.close()


def test_without_a_session_bus_the_till_sells_on(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    awake = ScreenAwake("A sale is open at the till")
    awake.set_busy(True)
    awake.set_busy(False)
    assert not awake.inhibited
