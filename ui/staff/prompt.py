"""What sign-in and approval share: pick a person from a list, then their PIN or password.

The dialog only gathers the choice and the secret; `pos.staff.users` decides, counts
wrong tries and locks. A refusal is shown inside the dialog, which stays open
with the person still chosen and the secret field emptied for the next try.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    QRegularExpression,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.staff import users
from ui.app import load_page_style
from ui.focus import give_focus_back
from ui.keypad import Keypad
from ui.workers import Task

log = logging.getLogger(__name__)

__all__ = ["StaffPrompt", "finish_dialog", "give_focus_back", "message_label", "replay_keys",
           "show_message"]

TOUCH_HEIGHT = 56  # list rows, fields and buttons: comfortably above 48 px
PIN_PATTERN = QRegularExpression("[0-9]{0,8}")  # ASCII digits, as pos.staff.users wants


def finish_dialog(dialog: QDialog, layout: QLayout) -> None:
    """Style and size the dialog once, before it is shown.

    The layout imposes no minimum size on the window afterwards: a message
    appearing or the keypad hiding would change it, which some platforms cannot
    follow; `show_message` grows the window instead.
    """
    load_page_style(dialog, "staff")
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    dialog.ensurePolished()
    layout.activate()
    dialog.setMinimumSize(layout.totalMinimumSize().expandedTo(dialog.minimumSize()))
    dialog.resize(layout.totalSizeHint().expandedTo(dialog.minimumSize()))


def message_label(parent: QWidget) -> QLabel:
    """The red line where a refusal is explained; hidden until there is one."""
    label = QLabel(parent)
    label.setObjectName("staffMessage")
    label.setAccessibleName(QCoreApplication.translate("StaffPrompt", "Message"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))
    window = label.window()
    window.layout().activate()
    window.resize(window.sizeHint().expandedTo(window.size()))


def replay_keys(keys: list[tuple[int, Qt.KeyboardModifier, str]], widget: QWidget | None,
                wait_ms: int = 2000) -> None:
    """Type `keys` (held by a dialog while it was busy) into `widget`'s window, one at a
    time from the event loop, each to whatever has the focus then: an F-key switches the
    page or opens the checkout as if pressed now (a key event sent by the program reaches
    the shortcuts first, as QTest's do). The window's shortcuts work only once it is the
    active window again, which a window manager takes a moment to do: the keys wait for
    that (at most `wait_ms`)."""
    if widget is None or not keys:
        return
    window = widget.window()
    clock = QElapsedTimer()
    clock.start()

    def press(rest: list[tuple[int, Qt.KeyboardModifier, str]]) -> None:
        try:
            if not window.isVisible():
                return
        except RuntimeError:  # deleted meanwhile
            return
        if QApplication.activeWindow() is not window and not clock.hasExpired(wait_ms):
            QTimer.singleShot(10, lambda: press(rest))
            return
        key, modifiers, text = rest[0]
        target = QApplication.focusWidget() or window.focusWidget() or window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        if rest[1:]:
            QTimer.singleShot(0, lambda: press(rest[1:]))

    QTimer.singleShot(0, lambda: press(list(keys)))


def pin_keypad(target: QLineEdit, parent: QWidget) -> Keypad:
    """The till's keypad without its decimal key, which a PIN has no use for."""
    keypad = Keypad(target, None, parent)
    keypad.findChild(QPushButton, "keypad_decimal").hide()
    return keypad


def configure_secret_field(field: QLineEdit, kind: str) -> None:
    """A masked field for a PIN (ASCII digits, at most 8) or a password."""
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumHeight(TOUCH_HEIGHT)
    hints = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    if kind == "pin":
        field.setValidator(QRegularExpressionValidator(PIN_PATTERN, field))
        field.setMaxLength(8)
        hints |= Qt.InputMethodHint.ImhDigitsOnly
    else:
        field.setValidator(None)
        field.setMaxLength(users.PASSWORD_MAX)
    field.setInputMethodHints(hints)


class StaffPrompt(QDialog):
    """A list of people and a secret field; subclasses say who is listed and what OK does.

    `accept()` (the OK button, Enter anywhere in the dialog) runs the slow scrypt step
    (`pos.staff.users.derive`, about 0.3 s) on a worker while the dialog says "Checking…",
    then `check(user, secret, derived)` on the GUI thread, where the store judges the
    try in one transaction; a `PosError` from either is shown and the dialog stays
    open. Subclasses call `finish_dialog` once they have added their texts.
    """

    pool = None
    """The thread pool of the slow step (None: Qt's global one); tests may run it inline,
    as Picard's FakeThreadPool does."""

    hold_keys = False
    """Keep the keys typed while "Checking…" (`held_keys`) for the window behind, which
    `replay_keys` gives them to once the dialog has closed (sign-in: an F-key or a scan
    typed straight after the PIN's Enter is meant for the till, not for this dialog)."""

    def __init__(self, people: list[users.User], parent: QWidget | None = None, *,
                 cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._users = {user.id: user for user in people}
        self._checking = False  # the slow step is running: Enter and Esc wait for it
        self.held_keys: list[tuple[int, Qt.KeyboardModifier, str]] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 16, 16, 16)
        self.layout_.setSpacing(10)

        self.heading = QLabel(self)
        self.heading.setObjectName("staffHeading")
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)

        self.user_list = QListWidget(self)
        self.user_list.setObjectName("staffUserList")
        self.user_list.setUniformItemSizes(True)
        for user in people:
            item = QListWidgetItem(user.name, self.user_list)
            item.setData(Qt.ItemDataRole.UserRole, user.id)
            item.setSizeHint(QSize(0, TOUCH_HEIGHT))
        self.user_list.currentItemChanged.connect(self._user_chosen)
        self.user_list.itemClicked.connect(lambda _item: self.secret.setFocus())
        self.user_list.setMinimumSize(260, 4 * TOUCH_HEIGHT + 4)

        self.secret_label = QLabel(self)
        self.secret_label.setObjectName("staffSecretLabel")
        self.secret = QLineEdit(self)
        self.secret.setObjectName("staffSecret")
        self.secret_label.setBuddy(self.secret)
        self.secret.installEventFilter(self)  # Up and Down choose the person from here too
        self.keypad = pin_keypad(self.secret, self)
        entry = QVBoxLayout()
        entry.addWidget(self.secret_label)
        entry.addWidget(self.secret)
        entry.addWidget(self.keypad, 1)
        body = QHBoxLayout()  # side by side: a till's screen is wider than it is tall
        body.setSpacing(16)
        body.addWidget(self.user_list, 1)
        body.addLayout(entry, 1)
        self.layout_.addLayout(body, 1)

        self.message = message_label(self)
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("staffOkButton")
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = self.buttons.addButton(
                self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
            self.cancel_button.setObjectName("staffCancelButton")
            self.cancel_button.setAccessibleName(self.tr("Cancel"))
        for button in self.buttons.buttons():
            button.setMinimumHeight(TOUCH_HEIGHT)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

        self.ok_button.setEnabled(bool(people))
        if people:
            self.user_list.setCurrentRow(0)
        else:
            self._configure_secret("pin")
        self.secret.setFocus()

    # what subclasses give -------------------------------------------------------
    def check(self, user: users.User, secret: str, derived: users.Derived) -> None:
        """Do the work for `user` with `secret` (run through scrypt as `derived`), raising
        a PosError to refuse."""
        raise NotImplementedError

    def set_ok_text(self, text: str) -> None:
        self.ok_button.setText(text)
        self.ok_button.setAccessibleName(text)

    # choosing and submitting ----------------------------------------------------
    def chosen_user(self) -> users.User | None:
        item = self.user_list.currentItem()
        return None if item is None else self._users[item.data(Qt.ItemDataRole.UserRole)]

    def choose(self, user_id: int) -> bool:
        """Choose the listed person with this id (what a tap on their row does); False when
        they are not listed (disabled since, or without the right)."""
        for row in range(self.user_list.count()):
            if self.user_list.item(row).data(Qt.ItemDataRole.UserRole) == user_id:
                self.user_list.setCurrentRow(row)
                self.secret.setFocus()
                return True
        return False

    def accept(self) -> None:
        if self._checking:
            return
        user = self.chosen_user()
        if user is None:
            show_message(self.message, self.tr("Choose a name from the list first."))
            return
        secret = self.secret.text()
        self._set_checking(True)
        show_message(self.message, self.tr("Checking…"))
        Task(lambda: users.derive(user, secret)).success(
            lambda derived: self._derived(user, secret, derived)).failure(
            self._not_derived).run(self.pool)

    def reject(self) -> None:
        if not self._checking:  # the answer is a moment away: it decides
            super().reject()

    def _derived(self, user: users.User, secret: str, derived: users.Derived) -> None:
        self._set_checking(False)
        try:
            self.check(user, secret, derived)
        except PosError as exc:
            self._refused(str(exc))
            return
        super().accept()

    def _not_derived(self, exc: BaseException) -> None:
        self._set_checking(False)
        if not isinstance(exc, PosError):
            log.error("Checking a PIN failed", exc_info=exc)
        self._refused(str(exc) if isinstance(exc, PosError) else self.tr(
            "The PIN could not be checked. Try again."))

    def _refused(self, text: str) -> None:
        self.held_keys.clear()  # typed for a till that is still locked
        self.secret.clear()
        show_message(self.message, text)
        self.secret.setFocus()

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        app = QCoreApplication.instance()
        if self.hold_keys and app is not None:
            if checking:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)
        for widget in (self.ok_button, self.secret, self.user_list, self.keypad):
            widget.setEnabled(not checking)
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(not checking)
        if not checking:
            self.ok_button.setEnabled(bool(self._users))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Up and Down in the secret field choose the person above or below, so the PIN
        typed is never tried against someone else's name by mistake. While "Checking…" a
        dialog that holds keys keeps them (but Enter and Esc, which are its own)."""
        if (self._checking and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and isinstance(watched, QWidget)
                and watched.window() is self):
            if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                self.held_keys.append((event.key(), event.modifiers(), event.text()))
            return True
        if (watched is self.secret and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                and self.user_list.count()):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.user_list.currentRow() + step, 0), self.user_list.count() - 1)
            self.user_list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def _user_chosen(self, item: QListWidgetItem | None) -> None:
        user = None if item is None else self._users[item.data(Qt.ItemDataRole.UserRole)]
        self.secret.clear()
        show_message(self.message, "")
        self._configure_secret("password" if user and user.secret_kind == "password" else "pin")

    def _configure_secret(self, kind: str) -> None:
        configure_secret_field(self.secret, kind)
        self.keypad.setVisible(kind == "pin")
        if kind == "pin":
            self.secret_label.setText(self.tr("&PIN (4 to 8 digits)"))
            self.secret.setAccessibleName(self.tr("PIN"))
        else:
            self.secret_label.setText(self.tr("&Password"))
            self.secret.setAccessibleName(self.tr("Password"))
