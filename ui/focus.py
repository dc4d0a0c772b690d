"""Giving the keyboard back to the window a dialog was opened from.

When a dialog closes, the window under it does not always become active again
(it depends on the window manager, and on how the dialog was closed: Esc, a
print preview's own window). Until it does, its shortcuts (F2, F9, …) do
nothing, and the cashier has to click it first. Every dialog the till opens
from a page calls `give_focus_back` when it finishes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def give_focus_back(widget: QWidget | None, target: QWidget | None = None) -> None:
    """Make `widget`'s window the active one again and put the focus on `target` (by
    default, whatever had it in that window, else `widget`)."""
    if widget is None:
        return
    try:
        window = widget.window()
        if not window.isVisible():
            return
    except RuntimeError:  # deleted meanwhile
        return
    window.activateWindow()
    target = target or window.focusWidget() or widget
    if target.isVisible() and target.isEnabled():
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
