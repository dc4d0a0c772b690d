"""The Shift dialog on the sample store (EUR, de_DE, terminal T7): open, move cash, X report,
a blind count, close and print the Z report; refusals shown in the dialog, never raised."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos.sales import shifts
from pos.settings import load_settings, save_settings
from pos.staff import users
from ui.session import Session
from ui.shifts.shift_dialog import ShiftDialog

FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)


@pytest.fixture
def team(store_path):
    save_settings(shift_note_threshold=500)
    return {"manager": users.create_first_manager("Mona", "1111", params=FAST),
            "supervisor": users.add_user("Sam", "supervisor", "2222", params=FAST),
            "cashier": users.add_user("Cleo", "cashier", "3333", params=FAST)}


def make_dialog(qtbot, store_path, user) -> ShiftDialog:
    dialog = ShiftDialog(Session(load_settings(), store_path), user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def error(dialog) -> str:
    return "" if dialog.error_label.isHidden() else dialog.error_label.text()


def count(dialog, pieces: dict[int, int]) -> None:
    for minor, spin in dialog.spins.items():
        spin.setValue(pieces.get(minor, 0))


def test_open_move_cash_count_and_close(qtbot, store_path, team, tmp_path):
    dialog = make_dialog(qtbot, store_path, team["supervisor"])
    assert "No shift is open on terminal T7" in dialog.status_label.text()
    dialog.float_edit.setText("zehn Euro")
    click(qtbot, dialog.open_button)
    assert "not an amount" in error(dialog) and shifts.current_shift("T7") is None

    dialog.float_edit.setText("100,00")
    click(qtbot, dialog.open_button)
    assert error(dialog) == "" and shifts.current_shift("T7").opening_float == 10_000
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Cash in/out", "X report", "Close"]

    dialog.amount_edit.setText("20")
    click(qtbot, dialog.move_button)
    assert "Say why" in error(dialog)
    dialog.reason_edit.setText("Wechselgeld")
    click(qtbot, dialog.move_button)
    assert error(dialog) == "" and dialog.message_label.text() == "Recorded."

    click(qtbot, dialog.x_button)
    assert "X REPORT" in dialog.report_view.toPlainText()
    assert "120,00" in dialog.report_view.toPlainText()

    dialog.tabs.setCurrentWidget(dialog.close_page)
    assert not dialog.close_button.isEnabled()
    count(dialog, {10000: 1, 1000: 1, 500: 1, 200: 2})  # 119,00 €: short by 1,00 €
    assert "119,00" in dialog.counted_label.text()
    assert dialog.expected_label.isHidden()  # a blind count
    click(qtbot, dialog.check_button)
    assert "120,00" in dialog.expected_label.text()
    assert "short by 1,00" in dialog.expected_label.text()
    dialog.spins[100].setValue(1)  # recounted a 1 € coin: exact now, shown live
    assert "exact" in dialog.expected_label.text()
    click(qtbot, dialog.close_button)
    assert error(dialog) == ""
    assert "Z REPORT No. 1" in dialog.report_view.toPlainText()
    assert "No shift is open" in dialog.status_label.text()
    assert dialog.tabs.tabText(1) == "Z report"

    click(qtbot, dialog.print_button)
    assert "No receipt printer is set up" in error(dialog)
    out = tmp_path / "z.bin"
    save_settings(printer="file", printer_target=str(out))
    dialog.session.reload_settings()
    with qtbot.waitSignal(dialog.receipts.printed, timeout=10_000) as printed:
        click(qtbot, dialog.print_button)
    assert printed.args == ["Z1"] and b"Z REPORT" in out.read_bytes()


def test_a_cashier_needs_approval_and_a_note(qtbot, store_path, team):
    shifts.open_shift(team["cashier"], "50", "T7")
    dialog = make_dialog(qtbot, store_path, team["cashier"])
    dialog.tabs.setCurrentWidget(dialog.close_page)
    count(dialog, {2000: 2})  # short by 10,00 €
    click(qtbot, dialog.check_button)
    assert "short by 10,00" in dialog.expected_label.text()
    assert "required" in dialog.note_edit.placeholderText()
    click(qtbot, dialog.close_button)
    assert "write a note" in error(dialog)
    dialog.note_edit.setText("paid the window cleaner")
    click(qtbot, dialog.close_button)
    assert "need the approval of a supervisor" in error(dialog)
    dialog.approver_edit.setText("Sam")
    dialog.secret_edit.setText("9999")
    click(qtbot, dialog.close_button)
    assert "Wrong PIN for Sam" in error(dialog)
    assert shifts.current_shift("T7") is not None
    dialog.secret_edit.setText("2222")
    click(qtbot, dialog.close_button)
    assert error(dialog) == "" and shifts.current_shift("T7") is None
    assert "Approved by Sam" in dialog.report_view.toPlainText()
    assert dialog.secret_edit.text() == ""


def test_digits_typed_at_once_open_the_shift_and_each_page_takes_the_cursor(qtbot, store_path,
                                                                           team):
    """Issue 11: the float field had no focus, so typed digits went nowhere."""
    from PySide6.QtWidgets import QApplication

    dialog = make_dialog(qtbot, store_path, team["supervisor"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.float_edit)
    qtbot.keyClicks(QApplication.focusWidget(), "80")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert shifts.current_shift("T7").opening_float == 8_000
    assert dialog.isVisible()  # Enter opened the shift, it did not press Done
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount_edit)
    dialog.tabs.setCurrentWidget(dialog.report_page)
    assert "X REPORT" in dialog.report_view.toPlainText()  # shown without a click
    dialog.tabs.setCurrentWidget(dialog.close_page)
    assert QApplication.focusWidget() is next(iter(dialog.spins.values()))


def test_count_note_and_approval_work_with_tab_and_enter(qtbot, store_path, team):
    """Walking the shift dialog by keyboard (issue 11): Enter in the count and in the
    approver's PIN did nothing, and Tab from the last coin left the page, so the note typed
    next went nowhere. Now Tab runs count, note, buttons, approver; Enter counts, then
    closes; a cash move is recorded by Enter in the approver's PIN."""
    from PySide6.QtWidgets import QApplication

    shifts.open_shift(team["cashier"], "50", "T7")
    dialog = make_dialog(qtbot, store_path, team["cashier"])
    dialog.amount_edit.setText("10")
    dialog.reason_edit.setText("change")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert "need the approval of a supervisor" in error(dialog)
    dialog.approver_edit.setText("Sam")
    qtbot.keyClicks(dialog.secret_edit, "2222")
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
    assert error(dialog) == "" and dialog.message_label.text() == "Recorded."

    dialog.tabs.setCurrentWidget(dialog.close_page)
    spins = list(dialog.spins.values())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spins[0])
    count(dialog, {2000: 3})  # 3 × 20 €: exact (50 + 10)
    qtbot.keyClick(spins[-1], Qt.Key.Key_Return)
    assert "exact" in dialog.expected_label.text() and dialog.close_button.isEnabled()
    spins[-1].setFocus()
    qtbot.keyClick(spins[-1], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.note_edit
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)  # Close shift: Sam approves again
    assert "PIN to approve" in error(dialog) and shifts.current_shift("T7") is not None
    qtbot.keyClicks(dialog.secret_edit, "2222")
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
    assert error(dialog) == "" and shifts.current_shift("T7") is None


def test_every_page_fits_a_768_pixel_screen(qtbot, store_path, team):
    """Issue 11: the dialog was 520×336 and squeezed its pages."""
    from ui.layout_check import problems

    dialog = make_dialog(qtbot, store_path, team["supervisor"])
    assert problems(dialog) == []
    dialog.float_edit.setText("50")
    click(qtbot, dialog.open_button)  # the pages change in the window already shown
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        assert problems(dialog) == [], dialog.tabs.tabText(index)
    assert dialog.height() <= 700 and dialog.width() <= 1000
    assert dialog.report_view.height() > 10 * dialog.report_view.fontMetrics().lineSpacing()


def test_the_shift_window_opens_without_a_local_event_loop(qtbot, store_path, monkeypatch):
    """It moves money (cash in and out, the close): Ctrl+S opens it window-modal and returns
    at once; a second Ctrl+S while it is open opens no second one."""
    from PySide6.QtWidgets import QDialog

    from pos.settings import load_settings
    from pos.staff import users
    from ui.main_window import MainWindow
    from ui.session import Session

    monkeypatch.setattr(QDialog, "exec", lambda self: pytest.fail("a local event loop"))
    boss = users.create_first_manager("Mia", pin="9876", params=users.ScryptParams(n=2 ** 10))
    session = Session(load_settings(), store_path)
    session.sign_in(boss)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.open_shift_dialog()
    first = window.shift_dialog
    assert first is not None and first.isVisible()
    window.open_shift_dialog()
    assert window.shift_dialog is first
    first.reject()
    qtbot.waitUntil(lambda: window.shift_dialog is None)
