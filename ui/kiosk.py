"""Kiosk mode (`--kiosk`): the register fills the screen without a frame, and only a
manager may quit it.

On a store terminal the till is the only program: a cashier must not close it by
accident (Alt+F4, a stray click) nor reach the desktop. Quitting goes through Quit
(Ctrl+Q), which asks a manager's PIN unless a manager is signed in, like the other
actions a cashier may not do alone (pos.staff.users: `quit_till`). A store without staff
has no manager to ask: its till quits as any window does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton

from ui.staff import ApprovalResult, request_approval

QUIT_KEY = "Ctrl+Q"


class Kiosk(QObject):
    """Makes `window` a kiosk: frameless, full screen, closed only by `quit_till`."""

    def __init__(self, window: QMainWindow, session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._approved = False
        self._asking = False
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.installEventFilter(self)
        self.quit_button = QPushButton(self.tr("Quit"), window)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAccessibleName(self.tr("Quit the till (a manager's PIN)"))
        self.quit_button.setToolTip(QKeySequence(QUIT_KEY).toString(
            QKeySequence.SequenceFormat.NativeText))
        self.quit_button.setMinimumSize(96, 48)
        self.quit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quit_button.clicked.connect(self.quit_till)
        window.nav.addWidget(self.quit_button)
        QShortcut(QKeySequence(QUIT_KEY), window, self.quit_till)

    def quit_till(self) -> None:
        """Close the till once a manager agrees (at once without staff to ask)."""
        if self._asking or QApplication.activeModalWidget() is not None:
            return  # a dialog is open (a payment, a sign-in): finish it first
        if self.session.user is None:
            self._close()
            return
        self._asking = True
        request_approval(self.session.user, "quit_till", self.window, self._answered)

    def _answered(self, result: ApprovalResult) -> None:
        self._asking = False
        if result.allowed:
            self._close()

    def _close(self) -> None:
        self._approved = True
        # after the event being handled: a close asked inside a close event is dropped
        QTimer.singleShot(0, self.window.close)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close \
                and not self._approved:
            event.ignore()  # Alt+F4 and the like ask as Quit does
            self.quit_till()
            return True
        return False
