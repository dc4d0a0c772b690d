"""Signing in on the PIN pad, the lock screen, and the first screen of a start-up.

The lock screen is the sign-in dialog that cannot be cancelled: the cart
behind it stays as it is, so a cashier locks the till, another signs in and
the sale goes on under the new name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from pos.staff import users
from ui.staff.first_manager import ask_first_manager
from ui.staff.prompt import StaffPrompt, finish_dialog, give_focus_back, replay_keys


class SignInDialog(StaffPrompt):
    """The enabled staff by name, and their PIN or password; `user` is set on success.

    With `required` (the lock screen) there is no Cancel, and Esc or closing
    the window does nothing: only a sign-in ends it. A store without users
    cannot be signed into, so then the dialog can still be closed.
    """

    hold_keys = True  # the key pressed right after the PIN's Enter is for the till

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        people = users.list_users(include_disabled=False)
        required = required and bool(people)
        super().__init__(people, parent, cancellable=not required)
        self.required = required
        self.user: users.User | None = None
        self.set_ok_text(self.tr("Sign in"))
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.user_list.setAccessibleName(self.tr("Who is signing in"))
        if not people:
            self.heading.setText(self.tr("No one can sign in: this store has no staff who "
                                         "are enabled. A manager adds them with "
                                         "\"pos users add\"."))
        elif self.required:
            self.heading.setText(self.tr("The till is locked. Choose your name and enter your "
                                         "PIN or password to go on."))
        else:
            self.heading.setText(self.tr("Choose your name and enter your PIN or password."))
        if self.required:
            self.setWindowFlag(Qt.WindowType.CustomizeWindowHint, True)  # no close button
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        finish_dialog(self, self.layout_)

    def check(self, user: users.User, secret: str, derived: users.Derived) -> None:
        self.user = users.authenticate(user.id, secret, derived=derived)

    def reject(self) -> None:
        if not self.required:
            super().reject()


def sign_in(parent: QWidget | None = None, required: bool = True,
            preselect: users.User | None = None) -> users.User | None:
    """Ask who is at the till; the signed-in user, or None when cancelled (never with
    `required`, unless the application quits while the dialog is open)."""
    dialog = SignInDialog(parent, required=required)
    if preselect is not None:
        dialog.choose(preselect.id)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    give_focus_back(parent)
    if accepted:
        replay_keys(dialog.held_keys, parent)
    return dialog.user if accepted else None


def lock(session, parent: QWidget | None = None) -> users.User | None:
    """Lock the till until someone signs in, then make them the session's user
    (`Session.sign_in`: the name on receipts, and `userChanged`).

    The current user is preselected, since they are usually the one coming
    back. Returns the user signed in, or None if the application quit meanwhile
    (the session is then left alone). Nothing here touches the cart.
    """
    user = sign_in(parent, required=True, preselect=session.user)
    if user is not None:
        session.sign_in(user)
    return user


def start(parent: QWidget | None = None, *, required: bool = False) -> users.User | None:
    """Who uses the till from start-up: on an empty store the first manager is created
    (and signed in), otherwise someone signs in. None means they gave up: quit. With
    `required` (a kiosk) the sign-in cannot be cancelled: a manager signs in and quits."""
    if not users.has_users():
        user = ask_first_manager(parent)
        give_focus_back(parent)
        return user
    return sign_in(parent, required=required)
