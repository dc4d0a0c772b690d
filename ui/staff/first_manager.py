"""The first run: a store without staff gets its first manager, who then adds the others.

The secret is typed twice because nobody else can reset it yet. The rules of
a name, a PIN and a password are `pos.staff.users`'s; this dialog only adds that the
two entries must agree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.staff import users
from ui.head_office import head_office_notice
from ui.staff.prompt import (
    TOUCH_HEIGHT,
    configure_secret_field,
    finish_dialog,
    message_label,
    pin_keypad,
    show_message,
)


class FirstManagerDialog(QDialog):
    """Name, PIN or password, and the same again; `user` is the new manager, signed in.

    `params` is the scrypt cost (tests pass a cheap one; None is the store default).
    """

    def __init__(self, parent: QWidget | None = None, *,
                 params: users.ScryptParams | None = None) -> None:
        super().__init__(parent)
        self.params = params
        self.user: users.User | None = None
        self.setObjectName("firstManagerDialog")
        self.setWindowTitle(self.tr("Create the first manager"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        heading = QLabel(self.tr("This store has no staff yet. Create its first manager, who "
                                 "can then add the others."), self)
        heading.setObjectName("staffHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.head_office_notice = head_office_notice(self, self.tr(
            "Head office manages this till's staff: add people there (pos hq users add). A "
            "manager made here works on this till only."), "staffHeadOffice")
        layout.addWidget(self.head_office_notice)

        form = QFormLayout()
        self.name = self._field("firstManagerName", self.tr("Name"))
        self.name.setMaxLength(users.NAME_MAX)
        form.addRow(self.tr("&Name"), self.name)
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.pin_choice = self._choice("firstManagerUsePin", self.tr("PIN"), kinds)
        self.password_choice = self._choice("firstManagerUsePassword", self.tr("Password"),
                                            kinds)
        self.pin_choice.setChecked(True)
        self.kind_group.buttonToggled.connect(self._kind_changed)
        form.addRow(self.tr("Sign in with"), kinds)
        self.secret = self._field("firstManagerSecret", "")
        self.repeat = self._field("firstManagerRepeat", "")
        self.secret_label = QLabel(self)
        self.repeat_label = QLabel(self)
        form.addRow(self.secret_label, self.secret)
        form.addRow(self.repeat_label, self.repeat)
        self.keypad = pin_keypad(self.secret, self)
        for field in (self.secret, self.repeat):
            field.installEventFilter(self)  # the keypad types into whichever has the focus
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(form, 3)
        body.addWidget(self.keypad, 2)
        layout.addLayout(body)

        self.message = message_label(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        create = buttons.addButton(self.tr("Create manager"),
                                   QDialogButtonBox.ButtonRole.AcceptRole)
        create.setObjectName("firstManagerCreateButton")
        create.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("firstManagerCancelButton")
        for button in (create, cancel):
            button.setAccessibleName(button.text())
            button.setMinimumHeight(TOUCH_HEIGHT)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._kind_changed()
        finish_dialog(self, layout)
        self.name.setFocus()

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setMinimumHeight(TOUCH_HEIGHT)
        return field

    def _choice(self, name: str, text: str, row: QHBoxLayout) -> QRadioButton:
        button = QRadioButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setMinimumHeight(TOUCH_HEIGHT)
        self.kind_group.addButton(button)
        row.addWidget(button)
        return button

    @property
    def kind(self) -> str:
        return "pin" if self.pin_choice.isChecked() else "password"

    def _kind_changed(self, *_args) -> None:
        pin = self.kind == "pin"
        for field in (self.secret, self.repeat):
            field.clear()
            configure_secret_field(field, self.kind)
        self.keypad.setVisible(pin)
        self.secret_label.setText(self.tr("&PIN (4 to 8 digits)") if pin else
                                  self.tr("&Password (at least 8 characters)"))
        self.repeat_label.setText(self.tr("PIN &again") if pin else self.tr("Password &again"))
        self.secret.setAccessibleName(self.tr("PIN") if pin else self.tr("Password"))
        self.repeat.setAccessibleName(self.tr("PIN again") if pin else self.tr("Password again"))
        self.secret_label.setBuddy(self.secret)
        self.repeat_label.setBuddy(self.repeat)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.secret, self.repeat):
            self.keypad.target = watched
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        secret = self.secret.text()
        if secret != self.repeat.text():
            self.repeat.clear()
            show_message(self.message, self.tr("The two PINs are not the same; type the PIN "
                                               "again.") if self.kind == "pin" else
                         self.tr("The two passwords are not the same; type the password "
                                 "again."))
            self.repeat.setFocus()
            return
        pin, password = (secret, None) if self.kind == "pin" else (None, secret)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # scrypt, twice
        try:
            manager = users.create_first_manager(self.name.text(), pin, password,
                                                 params=self.params)
            self.user = users.authenticate(manager.id, secret)
        except PosError as exc:
            show_message(self.message, str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()


def ask_first_manager(parent: QWidget | None = None) -> users.User | None:
    """The new manager, signed in; None when cancelled (the program should then quit)."""
    dialog = FirstManagerDialog(parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return dialog.user if accepted else None
