"""The float step: a till with no shift open asks for it at its first payment.

`pos.sales.shifts.needed_before` decides; this dialog only gathers the float and calls
`pos.sales.shifts.open_shift`. It is opened with `open()` (window-modal, no local event loop):
the register goes on to the payment when it is accepted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from pos.errors import PosError
from pos.money import parse_money
from pos.sales import shifts
from pos.staff import users
from ui.register.dialog_base import RegisterDialog
from ui.register.scanner import ACCEPTS
from ui.session import Session


class OpenShiftDialog(RegisterDialog):
    def __init__(self, session: Session, user: users.User,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Open the shift"), parent)
        self.setObjectName("openShiftDialog")
        self.session, self.user = session, user
        self.shift: shifts.Shift | None = None
        prompt = QLabel(self.tr(
            "No shift is open on this till, and every sale belongs to one. Count the cash in "
            "the drawer and type it as the opening float (0 if it is empty); the sale "
            "waits."), self)
        prompt.setWordWrap(True)
        self.float_edit = QLineEdit(self)
        self.float_edit.setObjectName("floatEdit")
        self.float_edit.setAccessibleName(self.tr("Opening float"))
        self.float_edit.setPlaceholderText(self.tr("Cash counted into the drawer"))
        prompt.setBuddy(self.float_edit)
        setattr(self.float_edit, ACCEPTS, self.is_amount)  # "100.00" typed fast is no scan
        self.layout_.addWidget(prompt)
        self.layout_.addWidget(self.float_edit)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Open shift"))
        self.finish_layout()
        self.float_edit.setFocus()

    def is_amount(self, text: str) -> bool:
        settings = self.session.settings
        try:
            parse_money(text, settings.currency, settings.locale)
        except PosError:
            return False
        return True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.float_edit.setFocus()  # typed digits go into the float at once

    def accept(self) -> None:
        try:
            self.shift = shifts.open_shift(self.user, self.float_edit.text(),
                                           self.session.terminal_id)
        except PosError as exc:
            self.show_error(str(exc))
            self.float_edit.selectAll()
            self.float_edit.setFocus()
            return
        super().accept()
