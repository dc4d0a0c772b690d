"""Finding what a cashier would see cut off: the checks behind the layout audit.

`problems(window)` walks every visible widget of a shown window and lists, in
words, each place where

- a money or quantity text is elided or clipped (table cells, labels), or a
  table column of figures lies (partly) outside the table's view, scrolled
  away sideways,
- a widget is smaller than its minimum size (its minimum size hint, or the
  height its width needs when it wraps words),
- two sibling widgets overlap,
- a button's text does not fit the button,
- a line edit's placeholder is elided where it holds a figure ("exact cash $5…"),
- a scrolled page (a QScrollArea) scrolls sideways: what is right of the screen's edge
  is found by no one.

It reads geometry only and changes nothing, so the same check runs in the
test suite (tests/ui/test_layout_audit.py) and after `pos screenshot`. Qt's
own helper widgets (named ``qt_…``: scroll bars, viewports, a spin box's line
edit) are looked through, not judged.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QStyleOptionViewItem,
    QTabWidget,
    QWidget,
)

MAX_ROWS = 60  # rows of a table looked at: a screenful and more
_FIGURE = re.compile(r"\d")
_NOT_FIGURE = re.compile(r"[\d\s.,:'’/%()×*+\-−]|kg|公斤")
_CURRENCY = re.compile(r"[^\w]{1,2}|[A-Z]{1,3}[^\w]?|[A-Z]{3}")  # $, ¥, €, US$, CHF
_MNEMONIC = re.compile(r"&(.)")
_TOLERANCE = 1  # pixels lost to rounding
_LINE_EDIT_MARGIN = 2  # QLineEdit's own horizontal margin around its text


def is_figure(text: str) -> bool:
    """A money amount or a quantity: digits with at most a currency sign or unit around
    them ("$1,234.50", "¥1,234,567.89", "0.750 kg", "−$2.00 (10 %)", "3")."""
    text = text.strip()
    if not text or not _FIGURE.search(text):
        return False
    rest = _NOT_FIGURE.sub("", text)
    return not rest or _CURRENCY.fullmatch(rest) is not None


def _rich(text: str) -> bool:
    return "<" in text and ">" in text


def problems(window: QWidget) -> list[str]:
    """Every layout problem in the shown `window`, one sentence each."""
    found: list[str] = []
    _walk(window, found, judged=True)
    return found


def name_of(widget: QWidget) -> str:
    parts = []
    while widget is not None:
        name = widget.objectName() or type(widget).__name__
        parts.append(name)
        if widget.isWindow():
            break
        widget = widget.parentWidget()
    return "/".join(reversed(parts))


def _children(widget: QWidget) -> list[QWidget]:
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    return [c for c in widget.findChildren(QWidget, options=direct)
            if not c.isWindow() and c.isVisible()]


def _internal(widget: QWidget) -> bool:
    return widget.objectName().startswith("qt_")


def _walk(widget: QWidget, found: list[str], judged: bool) -> None:
    if judged and not _internal(widget):
        _check_size(widget, found)
        if isinstance(widget, QAbstractButton):
            _check_button(widget, found)
        elif isinstance(widget, QLabel):
            _check_label(widget, found)
        elif isinstance(widget, QLineEdit):
            _check_placeholder(widget, found)
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            _check_cells(widget, found)
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{name_of(widget)} scrolls sideways: its right-hand part is off "
                         "screen")
    # the inside of these is Qt's own business
    opaque = isinstance(widget, (QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView))
    children = _children(widget)
    if not opaque and not isinstance(widget, QTabWidget):
        _check_overlap(widget, [c for c in children if not _internal(c)], found)
    for child in children:
        _walk(child, found, judged and not opaque)


def _needed(widget: QWidget) -> tuple[int, int]:
    """The smallest size a layout would give the widget (Qt's qSmartMinSize)."""
    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    width = widget.minimumWidth() or max(hint.width(), 0)
    height = widget.minimumHeight() or max(hint.height(), 0)
    if policy.horizontalPolicy() == QSizePolicy.Policy.Ignored and not widget.minimumWidth():
        width = 0
    if policy.verticalPolicy() == QSizePolicy.Policy.Ignored and not widget.minimumHeight():
        height = 0
    if widget.hasHeightForWidth() and not widget.minimumHeight():
        height = max(0, widget.heightForWidth(widget.width()))
    return width, height


def _check_size(widget: QWidget, found: list[str]) -> None:
    width, height = _needed(widget)
    if widget.width() + _TOLERANCE < width or widget.height() + _TOLERANCE < height:
        found.append(f"{name_of(widget)} is {widget.width()}×{widget.height()}, smaller than "
                     f"its minimum {width}×{height}")


def _check_overlap(parent: QWidget, children: list[QWidget], found: list[str]) -> None:
    rects = [(c, c.geometry()) for c in children if c.width() > 0 and c.height() > 0]
    for i, (first, a) in enumerate(rects):
        for second, b in rects[i + 1:]:
            overlap = a.intersected(b)
            if overlap.width() > _TOLERANCE and overlap.height() > _TOLERANCE:
                found.append(f"{name_of(first)} and {second.objectName() or type(second).__name__}"
                             f" overlap by {overlap.width()}×{overlap.height()}")


def _check_button(button: QAbstractButton, found: list[str]) -> None:
    if not button.text():
        return
    if isinstance(button, QPushButton):
        hint = button.sizeHint()  # the text with the style's padding and frame
        if button.width() + _TOLERANCE < hint.width() or button.height() + _TOLERANCE < \
                hint.height():
            found.append(f"{name_of(button)}: its text {button.text()!r} needs "
                         f"{hint.width()}×{hint.height()}, it has "
                         f"{button.width()}×{button.height()}")
    else:  # check boxes, radio buttons, tool buttons
        hint = button.minimumSizeHint()
        if button.width() + _TOLERANCE < hint.width():
            found.append(f"{name_of(button)}: its text {button.text()!r} is cut off")


def _check_label(label: QLabel, found: list[str]) -> None:
    full = label.full_text() if hasattr(label, "full_text") else None
    if full is not None:  # an ElidedLabel: it may shorten a name, never a figure
        if is_figure(full) and label.text() != full:
            found.append(f"{name_of(label)}: the figure {full!r} is shortened to "
                         f"{label.text()!r}")
        return
    text = label.text()
    if label.buddy() is not None:  # "&Find:" shows as "Find:" with F underlined
        text = _MNEMONIC.sub(r"\1", text)
    if not text or label.textFormat() == Qt.TextFormat.RichText or label.pixmap() is not None \
            and not label.pixmap().isNull():
        return
    if _rich(text) and label.textFormat() != Qt.TextFormat.PlainText:
        return
    rect = label.contentsRect()
    margin = label.margin() * 2 + (label.indent() if label.indent() > 0 else 0)
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        need = metrics.boundingRect(QRect(0, 0, max(1, rect.width() - margin), 100_000),
                                    int(Qt.TextFlag.TextWordWrap), text)
        # one unbreakable word may be wider than the label
        if need.height() > rect.height() + _TOLERANCE or need.width() > rect.width() + 2:
            found.append(f"{name_of(label)}: {text[:60]!r} needs {need.width()}×{need.height()}"
                         f", it has {rect.width()}×{rect.height()}")
        return
    if hasattr(label, "fitted_font"):  # a label that sets its text smaller to fit
        metrics = QFontMetrics(label.fitted_font())
    need = metrics.size(0, text)
    if need.width() + margin > rect.width() + _TOLERANCE or need.height() > rect.height() + 2:
        found.append(f"{name_of(label)}: {text[:60]!r} is cut off ({need.width()}×"
                     f"{need.height()} in {rect.width()}×{rect.height()})")


_NUMBER = re.compile(r"\d(?:[\d.,'’\s]*\d)?")


def _check_placeholder(edit: QLineEdit, found: list[str]) -> None:
    """A placeholder may lose words at its end, never a figure (all of it or a part)."""
    text = edit.placeholderText()
    if edit.text() or not text or not _FIGURE.search(text):
        return
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = rect.width() - margins.left() - margins.right() - 2 * _LINE_EDIT_MARGIN
    metrics = QFontMetrics(edit.font())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
    if shown == text:
        return
    kept = len(shown.rstrip("…"))
    lost = [m.group() for m in _NUMBER.finditer(text) if m.end() > kept]
    if lost:
        found.append(f"{name_of(edit)}: its placeholder {text!r} shows as {shown!r}, "
                     f"cutting off {lost[0]!r}")


def _check_cells(view: QAbstractItemView, found: list[str]) -> None:
    """Figures in the visible cells of a table or list must be drawn whole."""
    model = view.model()
    if model is None:
        return
    delegate = view.itemDelegate()
    style = view.style()
    viewport = view.viewport().rect()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    hidden = getattr(view, "isColumnHidden", lambda _c: False)
    root = view.rootIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps columnCount to itself: one column
        columns = 1
    out_of_view: set[int] = set()
    for row in range(min(model.rowCount(root), MAX_ROWS)):
        for column in range(columns):
            if hidden(column):
                continue
            index = model.index(row, column, root)
            text = index.data()
            if not isinstance(text, str) or not is_figure(text):
                continue
            rect = view.visualRect(index)
            if not rect.isValid() or rect.bottom() < viewport.top() \
                    or rect.top() > viewport.bottom():
                continue  # a row scrolled away up or down: the cashier scrolls for it
            if rect.left() < viewport.left() - _TOLERANCE or \
                    rect.right() > viewport.right() + _TOLERANCE:
                if column not in out_of_view:  # a figure the cashier must scroll sideways for
                    out_of_view.add(column)
                    title = model.headerData(column, Qt.Orientation.Horizontal)
                    found.append(f"{name_of(view)}: column {column + 1} ({title}) shows "
                                 f"{text!r} outside the view, scrolled away sideways")
                continue
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            delegate.initStyleOption(option, index)
            option.rect = rect
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
            room = text_rect.width() - 2 * margin  # as QCommonStyle draws it
            width = QFontMetrics(option.font).horizontalAdvance(text)
            if width > room + _TOLERANCE:
                found.append(f"{name_of(view)}: row {row + 1}, column {column + 1} shows "
                             f"{text!r} cut off ({width} px of text in {room})")
