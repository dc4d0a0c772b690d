"""Automatic backups in the windows, on the sample store: a shift closed in the Shift
dialog is backed up on a worker (the real thread pool) and the copy checks out; the
first run of a day backs up once; a backup that fails says so in the status bar, in
words, and the register sells on meanwhile."""

from __future__ import annotations

import datetime as dt

from test_shift_dialog import FAST, click, count, team  # noqa: F401 - the fixture

from pos.sales import shifts
from pos.settings import load_settings, save_settings
from pos.staff import users
from pos.store import journal, snapshot
from ui.backups import connect_backups
from ui.main_window import MainWindow
from ui.session import Session
from ui.shifts.shift_dialog import ShiftDialog


def test_closing_a_shift_backs_the_store_up_off_the_gui_thread(
        qtbot, store_path, team, data_folder):  # noqa: F811 - the fixture
    session = Session(load_settings(), store_path)
    service = connect_backups(session)
    dialog = ShiftDialog(session, team["supervisor"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.float_edit.setText("100,00")
    click(qtbot, dialog.open_button)
    dialog.tabs.setCurrentWidget(dialog.close_page)
    count(dialog, {10000: 1})
    click(qtbot, dialog.check_button)
    with qtbot.waitSignal(service.finished, timeout=30_000):
        click(qtbot, dialog.close_button)
    assert "Z REPORT No. 1" in dialog.report_view.toPlainText()
    copy = service.last.path
    assert copy.parent == data_folder / "backups" and copy.exists()
    assert snapshot.regular_backups(copy.parent, store_path) == [copy]
    # the copy holds the shift close and its Z report, and its journal verified on its own
    assert service.last.journal.ok and service.last.journal.head_seq == journal.head()[0]
    assert shifts.last_closed_shift("T7").z_no == 1


def test_the_first_run_of_a_day_backs_up_once(qtbot, store_path, data_folder):
    service = connect_backups(Session(load_settings(), store_path))
    with qtbot.waitSignal(service.finished, timeout=30_000):
        service.start()
    service.stop()
    folder = data_folder / "backups"
    (first,) = snapshot.regular_backups(folder, store_path)
    assert first.name.startswith(f"store-{dt.date.today():%Y-%m-%d}T")
    with qtbot.waitSignal(service.finished, timeout=30_000):
        service.daily()  # the hourly look: today's is there
    assert snapshot.regular_backups(folder, store_path) == [first]


def test_a_failed_backup_says_why_in_the_status_bar(
        qtbot, store_path, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    save_settings(backup_folder=str(usb))
    usb.rmdir()  # the stick was pulled out
    session = Session(load_settings(), store_path)
    service = connect_backups(session)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(service.finished, timeout=30_000):
        service.backup()
    text = window.statusBar().currentMessage()
    assert text.startswith(f"Backup failed: The backup folder {usb} does not exist")
    assert "Selling goes on" in text and "Traceback" not in text
    assert not usb.exists()  # a missing stick is never made up as a folder
    assert service.idle()
    users.create_first_manager("Mona", "1111", params=FAST)  # the store still takes writes
