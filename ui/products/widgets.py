"""Small widgets the Products and Settings pages share: an inline message, touch-sized
buttons and the pages' style sheet.

Errors in these pages are shown inside the page or dialog, next to what caused
them, instead of in a message box: the person reads the reason, fixes the
field and saves again without losing what was typed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QSizePolicy, QWidget

from ui.app import load_page_style

log = logging.getLogger(__name__)

TOUCH = 48
"""The smallest side of anything a finger must hit, in pixels."""
FIELD_HEIGHT = 40
"""The height of a one-line field: a finger hits it, and two fit where one button does."""


def load_style(widget: QWidget) -> None:
    """Apply `resources/products.qss` to `widget` and its children (dialogs included)."""
    load_page_style(widget, "products")


def fix_minimum_size(window: QWidget, width: int, height: int) -> None:
    """Give a dialog a fixed minimum size instead of one its layout recomputes.

    By default a window's layout resets the window's minimum size whenever its
    contents change (a message appears), which asks the platform to update
    its size hints: noise on some platforms, a warning on the offscreen one.
    `MessageLabel` grows the window instead when it needs the room.
    """
    window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(width, height)


class _FormLabel(QLabel):
    """A label a few pixels wider than its text measures: hinted text can draw wider
    than its metrics say, and a label clips at its edge ("Terminal i")."""

    SLACK = 6

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self.SLACK, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + self.SLACK, hint.height())


def form_label(text: str, buddy: QWidget, parent: QWidget, *, top: bool = False) -> QLabel:
    """A form's label for `buddy` (its mnemonic moves the focus there), as tall as a
    touch-sized field and centred on it, or at the top for a multi-line field."""
    label = _FormLabel(text, parent)
    label.setBuddy(buddy)
    if top:
        label.setContentsMargins(0, 8, 0, 0)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    else:
        label.setMinimumHeight(FIELD_HEIGHT)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def touch_button(text: str, parent: QWidget, name: str, *, secondary: bool = False,
                 accessible: str | None = None) -> QPushButton:
    """A push button at least `TOUCH` pixels high, with an objectName and an accessible
    name; `secondary` ones are drawn outlined so the main action stands out."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible or text.replace("&", ""))
    button.setMinimumHeight(TOUCH)  # the width is the text's: a layout never squeezes it
    button.setAutoDefault(False)
    if secondary:
        button.setProperty("secondary", True)
    return button


class MessageLabel(QLabel):
    """A message in plain words under a form: an error (red) or a confirmation (green).

    Hidden while empty. Screen readers get the text as the accessible
    description, so a refusal is announced, not only drawn.
    """

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(self.tr("Message"))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setProperty("kind", "info")
        self.hide()

    def kind(self) -> str:
        return str(self.property("kind"))

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_success(self, text: str) -> None:
        self._show(text, "success")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.hide()

    def _show(self, text: str, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)  # the style sheet reads `kind`
        self.style().polish(self)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        window = self.window()
        if window.isWindow() and window.layout() is not None:
            needed = window.layout().totalHeightForWidth(window.width())
            if needed < 0:
                needed = window.layout().totalSizeHint().height()
            if needed > window.height():  # make room rather than squeeze the form
                window.resize(window.width(), needed)
