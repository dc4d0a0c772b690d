"""An on-screen numeric keypad for a touch till: it types into one line edit.

The keys never take the focus, so the tender field keeps it and the keyboard
and the keypad can be mixed freely.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

KEY_SIZE = (64, 52)  # touch targets of at least 48 px


class Keypad(QWidget):
    def __init__(self, target: QLineEdit, decimal: str | None,
                 parent: QWidget | None = None) -> None:
        """`decimal` is the store locale's decimal sign; None hides it (JPY has no decimals)."""
        super().__init__(parent)
        self.setObjectName("keypad")
        self.target = target
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for n, digit in enumerate("789456123"):
            self._key(digit, digit, self.tr("Digit {digit}").format(digit=digit),
                      grid, n // 3, n % 3)
        self._key("0", "0", self.tr("Digit {digit}").format(digit="0"), grid, 3, 0)
        self._key("00", "00", self.tr("Double zero"), grid, 3, 1)
        point = self._key("decimal", decimal or "", self.tr("Decimal sign"), grid, 3, 2)
        point.setEnabled(decimal is not None)
        self._key("backspace", "⌫", self.tr("Delete the last digit"), grid, 0, 3, 2,
                  self._backspace)
        self._key("clear", self.tr("C"), self.tr("Clear the amount"), grid, 2, 3, 2, self._clear)

    def _key(self, name: str, text: str, accessible: str, grid: QGridLayout, row: int,
             column: int, rows: int = 1, action=None) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"keypad_{name}")
        button.setProperty("keypadKey", True)
        button.setAccessibleName(accessible)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setMinimumSize(*KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if action is None:
            button.clicked.connect(lambda _=False, t=text: self._type(t))
        else:
            button.clicked.connect(action)
        grid.addWidget(button, row, column, rows, 1)
        return button

    def _type(self, text: str) -> None:
        if text and self.target.isEnabled():
            self.target.insert(text)

    def _backspace(self) -> None:
        if self.target.isEnabled():
            self.target.backspace()

    def _clear(self) -> None:
        if self.target.isEnabled():
            self.target.clear()
