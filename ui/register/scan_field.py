"""The scan field: where codes are typed or scanned, and the keyboard's home at the till.

Besides Enter (look the code up) it lets the cashier work the cart without
leaving it: Up and Down choose a line, Delete in an empty field voids the
chosen line, Escape clears the field. The scanner detector leaves its keys
alone (it handles Enter itself), so a scan typed here behaves like typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.register.scanner import PASSTHROUGH

_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10,
          Qt.Key.Key_PageDown: 10}


class ScanField(QLineEdit):
    moveSelection = Signal(int)
    """Up/Down (±1) or PageUp/PageDown (±10): choose another cart line."""
    voidRequested = Signal()
    """Delete with nothing typed: void the chosen line."""
    escapePressed = Signal()
    """Escape with nothing typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanInput")
        setattr(self, PASSTHROUGH, True)  # the detector leaves its keys alone
        self.setMaxLength(64)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in _MOVES:
            self.moveSelection.emit(_MOVES[key])
        elif plain and key == Qt.Key.Key_Delete and not self.text():
            self.voidRequested.emit()
        elif plain and key == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.escapePressed.emit()
        else:
            super().keyPressEvent(event)
