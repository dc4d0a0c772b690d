"""The small builders the forms and dialogs share (products, tax classes, settings and its
printer and card sections, import, receipts): touch-sized fields, buttons and form
rows, a dialog's layout, an inline message and the pages' style sheet.

Errors in these pages are shown inside the page or dialog, next to what caused
them, instead of in a message box: the person reads the reason, fixes the
field and saves again without losing what was typed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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


def line_edit(parent: QWidget, name: str, accessible: str, *,
              max_length: int | None = None) -> QLineEdit:
    """A one-line field `FIELD_HEIGHT` high, with an objectName and an accessible name."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if max_length is not None:
        edit.setMaxLength(max_length)
    edit.setMinimumHeight(FIELD_HEIGHT)
    return edit


def empty_and_forget(edit: QLineEdit) -> None:
    """Empty `edit` and its undo history. clear() is undoable: Ctrl+Z would bring back a
    wallet payment code charged from the field (a bearer credential), and the register's
    scan field kept every key of the day (10 MB in a 20,000-sale soak)."""
    edit.setText("")


def combo_box(parent: QWidget, name: str, accessible: str, *,
              editable: bool = False) -> QComboBox:
    """A drop-down `FIELD_HEIGHT` high; an `editable` one finds what is typed among its
    items and never adds it as a new one."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setEditable(editable)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMinimumHeight(FIELD_HEIGHT)
    # As narrow as a dozen characters when the page is (a 1024-pixel screen): otherwise the
    # longest choice sets the page's width and the right-hand column slides off screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def text_box(parent: QWidget, name: str, accessible: str, *, lines: int = 3,
             height: int | None = None) -> QPlainTextEdit:
    """A multi-line field `lines` lines high (or `height` pixels); Tab leaves it."""
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height if height is not None
                        else lines * edit.fontMetrics().lineSpacing() + 18)
    return edit


def add_form_rows(form: QFormLayout, rows: Iterable[tuple[QWidget | str, ...]],
                  parent: QWidget) -> None:
    """A row per (label text, field) or (label text, field, buddy): the label is
    `form_label`'s for the buddy (the field itself unless given), at the top beside a
    multi-line field."""
    for text, field, *buddy in rows:
        form.addRow(form_label(text, buddy[0] if buddy else field, parent,
                               top=isinstance(field, QPlainTextEdit)), field)


def growing_form(owner: QWidget | None = None, *, vertical: int | None = None,
                 horizontal: int | None = None) -> QFormLayout:
    """A form whose fields take the width there is (on every platform's style), with
    `vertical` and `horizontal` spacing when given."""
    form = QFormLayout() if owner is None else QFormLayout(owner)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    if vertical is not None:
        form.setVerticalSpacing(vertical)
    if horizontal is not None:
        form.setHorizontalSpacing(horizontal)
    return form


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons at the right end of a row, in the order given (the main action last)."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def dialog_layout(dialog: QWidget, *parts: QWidget | QLayout | tuple, spacing: int = 12,
                  top: int = 16) -> QVBoxLayout:
    """A dialog's column: `parts` (widgets or layouts) from the top, inside the margins
    every dialog of these pages has."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, top, 20, 16)
    layout.setSpacing(spacing)
    add_parts(layout, parts)
    return layout


def add_parts(layout: QBoxLayout, parts: Iterable[QWidget | QLayout | tuple]) -> None:
    """Add widgets and layouts to `layout`; a (part, stretch) pair stretches by `stretch`."""
    for part in parts:
        part, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)


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
