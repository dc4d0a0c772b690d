"""The register's message line: what just happened, or what went wrong and what to do.

Errors show here in red instead of in a modal box, so the next scan is never
blocked by a box waiting for a click. An error stays until the next action
replaces it; a note fades after a while.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

NOTE_MS = 8000


class MessageBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerMessage")
        self.setAccessibleName(self.tr("Register message"))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(40)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_MS)
        self._timer.timeout.connect(self.clear_message)
        self.clear_message()

    @property
    def kind(self) -> str:
        """"error", "note" or "" (empty)."""
        return self.property("kind") or ""

    def show_error(self, text: str) -> None:
        self._timer.stop()
        self._show(text, "error")

    def show_note(self, text: str) -> None:
        self._show(text, "note")
        self._timer.start()

    def clear_message(self) -> None:
        self._timer.stop()
        self._show("", "")

    def _show(self, text: str, kind: str) -> None:
        self.setText(text)
        self.setProperty("kind", kind)
        self.setAccessibleDescription(text)
        self.style().unpolish(self)  # the style sheet selects on the `kind` property
        self.style().polish(self)
