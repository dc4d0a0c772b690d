"""The staff dialogs on a real store: sign-in by keyboard and keypad, lockout, the lock screen,
the first manager, and a supervisor's approval.

Users get cheap scrypt parameters (`params=`); sign-in and approval read them from the row.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from pos.settings import load_settings
from pos.staff import users
from ui.session import Session
from ui.staff import (
    CANCELLED,
    NOT_NEEDED,
    ApprovalDialog,
    FirstManagerDialog,
    SignInDialog,
    ask_approval,
    lock,
    sign_in,
    start,
)

FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)


@pytest.fixture
def team(store_path):
    """A manager, a supervisor, two cashiers (one with a password) and a disabled one."""
    people = {
        "mona": users.create_first_manager("Mona", "1111", params=FAST),
        "sam": users.add_user("Sam", "supervisor", "2222", params=FAST),
        "cleo": users.add_user("Cleo", "cashier", "3333", params=FAST),
        "pat": users.add_user("Pat", "cashier", password="long enough", params=FAST),
        "gone": users.add_user("Gone", "supervisor", "4444", params=FAST),
    }
    users.disable_user("Gone")
    return people


@pytest.fixture
def shown(qtbot):
    """`shown(dialog)`: the dialog, shown without blocking, closed after the test."""

    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


def when_modal(action):
    """Run `action(dialog)` on the modal dialog once its `exec()` has started; a failure
    still ends the dialog (done() bypasses a refusing reject) so the test cannot hang."""

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, run)


def listed(dialog) -> list[str]:
    return [dialog.user_list.item(row).text() for row in range(dialog.user_list.count())]


def type_and_enter(dialog, text: str) -> None:
    QTest.keyClicks(dialog.secret, text)
    QTest.keyClick(dialog.secret, Qt.Key.Key_Return)


def tap_row(qtbot, dialog, name: str) -> None:
    item = dialog.user_list.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    rect = dialog.user_list.visualItemRect(item)
    qtbot.mouseClick(dialog.user_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# signing in ---------------------------------------------------------------------

def test_sign_in_lists_enabled_names_only_and_signs_in_with_a_typed_pin(team, shown):
    dialog = shown(SignInDialog())
    assert listed(dialog) == ["Cleo", "Mona", "Pat", "Sam"]
    dialog.choose(team["cleo"].id)
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Password
    QTest.keyClicks(dialog.secret, "3a3-3x3 9")  # only digits get in, at most 8
    assert dialog.secret.text() == "33339"
    dialog.secret.clear()
    type_and_enter(dialog, "3333")
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.user.name == "Cleo"


def test_sign_in_by_touch_row_and_on_screen_keypad(qtbot, team, shown):
    dialog = shown(SignInDialog())
    tap_row(qtbot, dialog, "Sam")
    assert dialog.chosen_user().name == "Sam" and dialog.focusWidget() is dialog.secret
    for _ in range(4):
        qtbot.mouseClick(dialog.keypad.findChild(QPushButton, "keypad_2"),
                         Qt.MouseButton.LeftButton)
    assert dialog.secret.text() == "2222"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.user.name == "Sam"


def test_password_user_gets_a_password_field_without_keypad(team, shown):
    dialog = shown(SignInDialog())
    dialog.choose(team["pat"].id)
    assert dialog.keypad.isHidden() and dialog.secret.accessibleName() == "Password"
    type_and_enter(dialog, "long enough")
    assert dialog.user.name == "Pat"


def test_wrong_pin_shows_the_message_and_stays_open(team, shown):
    dialog = shown(SignInDialog())
    dialog.choose(team["cleo"].id)
    type_and_enter(dialog, "9999")
    assert dialog.isVisible() and dialog.user is None
    assert dialog.message.isVisible()
    assert dialog.message.text() == ("Wrong PIN for Cleo; 4 more wrong tries lock it for 5 "
                                     "minutes.")
    assert dialog.secret.text() == "" and dialog.chosen_user().name == "Cleo"
    type_and_enter(dialog, "3333")  # the next try works
    assert dialog.user.name == "Cleo"


def test_five_wrong_pins_lock_the_user_with_the_minutes_left(team, shown):
    dialog = shown(SignInDialog())
    dialog.choose(team["cleo"].id)
    for _ in range(5):
        type_and_enter(dialog, "9999")
    assert dialog.message.text() == ("Wrong PIN for Cleo. After 5 wrong tries Cleo is locked "
                                     "for 5 minutes.")
    type_and_enter(dialog, "3333")  # even the right PIN, while locked
    assert dialog.message.text() == ("Cleo is locked after 5 wrong tries; try again in 5 "
                                     "minutes.")
    assert dialog.isVisible() and dialog.user is None


def test_required_sign_in_cannot_be_escaped_or_closed(team, shown):
    dialog = shown(SignInDialog(required=True))
    assert dialog.cancel_button is None
    QTest.keyClick(dialog.secret, Qt.Key.Key_Escape)
    dialog.close()
    dialog.reject()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    type_and_enter(dialog, "3333")  # Cleo is first in the list
    assert not dialog.isVisible() and dialog.user.name == "Cleo"


def test_optional_sign_in_is_cancelled_by_escape(team):
    when_modal(lambda dialog: QTest.keyClick(dialog.secret, Qt.Key.Key_Escape))
    assert sign_in(required=False) is None


def test_sign_in_function_returns_the_user(team):
    when_modal(lambda dialog: (dialog.choose(team["mona"].id), type_and_enter(dialog, "1111")))
    assert sign_in().name == "Mona"


def test_lock_switches_the_session_user_and_preselects_the_current_one(team, store_path):
    session = Session(load_settings(), store_path)
    session.sign_in(team["cleo"])
    seen = []
    session.userChanged.connect(lambda: seen.append("userChanged"))

    def switch(dialog):
        seen.append(dialog.chosen_user().name)
        dialog.choose(team["sam"].id)
        type_and_enter(dialog, "2222")

    when_modal(switch)
    assert lock(session).name == "Sam"
    assert seen == ["Cleo", "userChanged"]
    assert session.user.name == "Sam" and session.cashier == "Sam"


# the first manager --------------------------------------------------------------

def first_manager(shown, name, secret, repeat=None) -> FirstManagerDialog:
    dialog = shown(FirstManagerDialog(params=FAST))
    QTest.keyClicks(dialog.name, name)
    dialog.secret.setText(secret)  # setText: what a validator would stop still gets checked
    dialog.repeat.setText(secret if repeat is None else repeat)
    QTest.keyClick(dialog.repeat, Qt.Key.Key_Return)
    return dialog


def test_first_manager_is_created_and_signed_in(store_path, shown):
    assert not users.has_users()
    dialog = first_manager(shown, "Mona", "135790")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.user.name, dialog.user.role) == ("Mona", "manager")
    assert users.authenticate("Mona", "135790").role == "manager"


@pytest.mark.parametrize(("secret", "repeat", "message"), [
    ("1357", "1358", "The two PINs are not the same; type the PIN again."),
    ("12ab", None, "A PIN has digits only (0 to 9)."),
    ("123", None, "A PIN is 4 to 8 digits long; this one has 3."),
])
def test_first_manager_refuses_bad_pins(store_path, shown, secret, repeat, message):
    dialog = first_manager(shown, "Mona", secret, repeat)
    assert dialog.isVisible() and dialog.message.text() == message
    assert not users.has_users()


def test_first_manager_pin_field_takes_digits_only_and_a_name_is_needed(store_path, shown):
    dialog = first_manager(shown, "", "2468")
    assert dialog.message.text() == "A user needs a name." and not users.has_users()
    dialog.secret.clear()
    QTest.keyClicks(dialog.secret, "2a4b")
    assert dialog.secret.text() == "24"


def test_first_manager_with_a_password(store_path, shown):
    dialog = shown(FirstManagerDialog(params=FAST))
    dialog.password_choice.click()
    assert dialog.keypad.isHidden()
    QTest.keyClicks(dialog.name, "Mona")
    QTest.keyClicks(dialog.secret, "short")
    QTest.keyClicks(dialog.repeat, "short")
    QTest.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.message.text() == "A password is 8 to 128 characters long."
    for field in (dialog.secret, dialog.repeat):
        field.setText("correct horse")
    QTest.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.user.name == "Mona" and dialog.user.secret_kind == "password"


# approval -----------------------------------------------------------------------

def test_supervisor_approves_a_cashiers_refund(team, shown):
    dialog = shown(ApprovalDialog(team["cleo"], "refund"))
    assert dialog.heading.text() == "A refund needs the approval of a supervisor or a manager."
    assert listed(dialog) == ["Mona", "Sam"]  # holders of the right, enabled, not Cleo
    assert dialog.outcome is CANCELLED
    dialog.choose(team["sam"].id)
    type_and_enter(dialog, "2222")
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.outcome.allowed
    approval = users.Approval.get_by_id(dialog.outcome.approval.id)
    assert (approval.action, approval.user.name, approval.approver.name) == (
        "refund", "Cleo", "Sam")


def test_approver_without_the_right_or_a_wrong_pin_is_refused(team, shown):
    dialog = shown(ApprovalDialog(team["cleo"], "refund"))
    dialog.choose(team["sam"].id)
    type_and_enter(dialog, "9999")
    assert dialog.message.text() == ("Wrong PIN for Sam; 4 more wrong tries lock it for 5 "
                                     "minutes.")
    users.User.update(role="cashier").where(users.User.id == team["sam"].id).execute()
    type_and_enter(dialog, "2222")  # demoted since the list was shown
    assert dialog.message.text() == ("Sam (cashier) may not approve refunds; ask a supervisor "
                                     "or a manager.")
    assert dialog.isVisible() and dialog.outcome is CANCELLED
    assert users.Approval.select().count() == 0


def test_cancel_returns_cancelled(team, qtbot):
    when_modal(lambda dialog: qtbot.mouseClick(dialog.cancel_button,
                                               Qt.MouseButton.LeftButton))
    result = ask_approval(team["cleo"], "void")
    assert result is CANCELLED and not result.allowed and result.approval is None
    assert users.Approval.select().count() == 0


def test_ask_approval_returns_the_approval(team):
    when_modal(lambda dialog: (dialog.choose(team["mona"].id), type_and_enter(dialog, "1111")))
    result = ask_approval(team["cleo"], "no_sale_drawer")
    assert result.allowed and result.approval.approver.name == "Mona"
    assert result.approvals == (result.approval,) and NOT_NEEDED.approvals == ()


def test_no_dialog_when_the_user_already_has_the_right(team, monkeypatch):
    monkeypatch.setattr(ApprovalDialog, "exec", lambda self: pytest.fail("a dialog was shown"))
    assert ask_approval(team["sam"], "refund") is NOT_NEEDED
    assert NOT_NEEDED.allowed and NOT_NEEDED.approval is None
    assert users.Approval.select().count() == 0


def test_manager_only_actions_list_only_managers(team, shown):
    dialog = shown(ApprovalDialog(team["sam"], "change_settings"))
    assert listed(dialog) == ["Mona"]
    assert dialog.heading.text() == "Changing the settings needs the approval of a manager."


def test_every_action_is_explained_in_its_own_words(team, shown):
    dialog = shown(ApprovalDialog(team["cleo"], "refund"))
    texts = {dialog.explanation(action) for action in users.PERMISSIONS}
    assert len(texts) == len(users.PERMISSIONS)
    assert not any(text.startswith("This needs an approval") for text in texts)


# touch and accessibility --------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda team: SignInDialog(),
    lambda team: ApprovalDialog(team["cleo"], "refund"),
    lambda team: FirstManagerDialog(params=FAST),
])
def test_buttons_and_fields_are_big_and_named(team, shown, make):
    dialog = shown(make(team))
    widgets = [w for w in dialog.findChildren(QPushButton) + dialog.findChildren(QLineEdit)
               if w.isVisible()]
    assert widgets
    assert [w.objectName() for w in widgets if w.height() < 48] == []
    assert [w.objectName() for w in widgets if not w.accessibleName()] == []


# start-up -----------------------------------------------------------------------

def test_start_creates_the_first_manager_then_signs_in_later(store_path, monkeypatch):
    monkeypatch.setattr(users, "DEFAULT_PARAMS", FAST)  # ask_first_manager uses the default
    kinds = []

    def create(dialog):
        kinds.append(type(dialog))
        QTest.keyClicks(dialog.name, "Mona")
        QTest.keyClicks(dialog.secret, "1111")
        QTest.keyClicks(dialog.repeat, "1111")
        QTest.keyClick(dialog.repeat, Qt.Key.Key_Return)

    when_modal(create)
    assert start().role == "manager"
    when_modal(lambda dialog: (kinds.append(type(dialog)), type_and_enter(dialog, "1111")))
    assert start().name == "Mona"
    assert kinds == [FirstManagerDialog, SignInDialog]


def test_the_pin_is_checked_on_a_worker_while_the_dialog_stays_live(qtbot, team,
                                                                    monkeypatch):
    """Issue 12, finding 6: scrypt (0.3 s) ran on the GUI thread at sign-in and approval.
    The real worker runs it here, with the store's real scrypt cost."""
    from PySide6.QtCore import QElapsedTimer

    from ui.staff.prompt import StaffPrompt

    monkeypatch.setattr(StaffPrompt, "pool", None)  # Qt's global pool, a real thread
    users.reset_pin("Sam", "2468", params=users.DEFAULT_PARAMS, by=team["mona"])
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choose(users.find_user("Sam").id)
    gaps, clock, ticker = [], QElapsedTimer(), QTimer()
    ticker.timeout.connect(lambda: gaps.append(clock.restart()) if clock.isValid()
                           else clock.start())
    ticker.start(10)
    type_and_enter(dialog, "2468")
    assert dialog.message.text() == "Checking…" and not dialog.ok_button.isEnabled()
    dialog.reject()  # Esc while checking waits for the answer
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.user is not None, timeout=10_000)
    ticker.stop()
    assert dialog.user.name == "Sam" and dialog.result() == QDialog.DialogCode.Accepted
    assert len(gaps) > 10 and max(gaps) < 250  # the window kept running meanwhile


class HeldPool:
    """Keeps the PIN check until `release()`: the dialog stays in "Checking…" meanwhile."""

    def __init__(self) -> None:
        self.waiting = []

    def start(self, runnable) -> None:
        self.waiting.append(runnable)

    def release(self) -> None:
        while self.waiting:
            self.waiting.pop(0).run()


def _till_with_keys(qtbot):
    """A window with an F10 shortcut and a field: what the register gives the keyboard."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    pressed = []
    QShortcut(QKeySequence(Qt.Key.Key_F10), window, lambda: pressed.append("F10"))
    window.show()
    field.setFocus()
    return window, field, pressed


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen: a box sizes itself
def test_keys_typed_while_the_pin_is_checked_reach_the_till_after_the_sign_in(
        qtbot, team, monkeypatch):
    """Walking the till under Xvfb: F10 pressed straight after the PIN's Enter came while
    the dialog said "Checking…" and was lost. The sign-in keeps such keys and gives them to
    the window once it has closed; Enter and Esc are its own, and a refused PIN drops them."""
    from ui.staff.prompt import StaffPrompt

    pool = HeldPool()
    monkeypatch.setattr(StaffPrompt, "pool", pool)
    window, field, pressed = _till_with_keys(qtbot)

    def try_pin_then_type(dialog, pin):
        dialog.choose(users.find_user("Cleo").id)
        type_and_enter(dialog, pin)
        assert dialog.message.text() == "Checking…"
        QTest.keyClick(dialog, Qt.Key.Key_F10)
        QTest.keyClicks(dialog, "42")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the dialog's own: waits for the answer
        pool.release()

    def two_tries(dialog):
        try_pin_then_type(dialog, "9999")
        assert dialog.isVisible()  # refused
        try_pin_then_type(dialog, "3333")

    when_modal(two_tries)
    assert sign_in(window, required=True).name == "Cleo"
    qtbot.waitUntil(lambda: field.text() == "42", timeout=2000)
    assert pressed == ["F10"]  # once: the keys of the refused try were dropped
