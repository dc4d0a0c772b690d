"""Telling a barcode scanner from a person, application-wide.

A scanner is a keyboard that types a whole code in a burst (a few milliseconds
between keys) and ends it with Enter. `ScannerDetector` watches every key press
of the application while the register is on screen and routes such a burst to
the register wherever the focus is, so a scan is never typed into a search box
or lost in a dialog.

It cannot know at the first key whether a scanner or a person is typing, so it
holds printable keys for at most `max_gap_ms`:

- a next key within the gap is held too; Enter within the gap after at least
  `min_length` characters that look like a code makes the burst a scan: the
  held keys and the Enter are swallowed and `scanned(code)` is emitted;
- anything else (a pause, a shorter burst, another key, Enter after a pause)
  replays the held keys, in order, to the widget they were meant for, then lets
  the new key through. A person's typing is only delayed by the gap.

A widget that wants a scanner's keys as they come (the register's own scan
field, which handles Enter itself) sets the Python attribute named
`PASSTHROUGH` to True on itself or an ancestor. A field whose own input can come
as fast as a scan (the weight dialog: "1.250" typed on a keypad, or sent by a
scale) sets `ACCEPTS` to a function that says which bursts are its input: those
are typed into it, not taken for a scan. The clock is injectable so tests can
drive the timing exactly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

PASSTHROUGH = "scanner_passthrough"
"""Attribute: a widget (or an ancestor) with it set to True gets the raw key presses.

A Python attribute rather than a Qt property: this is read on every key press,
and asking Qt for a property that is not set returns nothing, which PySide6
6.12 on CPython 3.11 pays for with a reference to None."""

ACCEPTS = "scanner_accepts"
"""Attribute: a function(text) -> bool on a widget (or an ancestor) that is True for a
fast burst the widget takes as typed input rather than as a scan."""

MAX_GAP_MS = 40
MIN_LENGTH = 6

_CODE = re.compile(r"[A-Za-z0-9._\-]{1,64}")  # the characters pos.barcodes accepts
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TEXT_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True)
class _HeldKey:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerDetector(QObject):
    """An application event filter; install it with `install()`."""

    scanned = Signal(str)
    """A scanner typed this code (without the Enter)."""

    def __init__(self, is_active: Callable[[], bool], parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic, max_gap_ms: int = MAX_GAP_MS,
                 min_length: int = MIN_LENGTH) -> None:
        super().__init__(parent)
        self._is_active = is_active
        self.clock = clock
        self._max_gap = max_gap_ms / 1000
        self._min_length = min_length
        self._held: list[_HeldKey] = []
        self._last_at = 0.0
        self._replaying = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max_gap_ms)
        self._flush_timer.timeout.connect(self.flush)

    def install(self) -> None:
        QCoreApplication.instance().installEventFilter(self)

    def uninstall(self) -> None:
        self.flush()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def holding(self) -> str:
        """The text of the keys held right now (for tests and debugging)."""
        return "".join(k.text for k in self._held)

    # the filter ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        if not isinstance(watched, QWidget | QWindow) or not self._active():
            self.flush()
            return False
        target = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
        if _wants_raw_keys(target):
            self.flush()
            return False
        now = self.clock()
        fast = bool(self._held) and now - self._last_at <= self._max_gap
        if event.key() in _ENTER and not event.isAutoRepeat():
            code = self.holding
            if fast and len(code) >= self._min_length and _CODE.fullmatch(code) \
                    and not _accepts(target, code):
                self._held.clear()
                self._flush_timer.stop()
                self.scanned.emit(code)
                return True
            self.flush()
            return False
        if not _is_text_key(event):
            self.flush()
            return False
        if self._held and not fast:
            self.flush()
        self._held.append(_HeldKey(watched, event.key(), event.modifiers(), event.text()))
        self._last_at = now
        self._flush_timer.start()
        return True

    def flush(self) -> None:
        """Give the held keys to the widgets they were meant for (it was not a scan)."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for key in held:
                receiver = key.receiver if shiboken6.isValid(key.receiver) else None
                receiver = receiver or QApplication.focusWidget()
                if receiver is not None:
                    QCoreApplication.sendEvent(receiver, QKeyEvent(
                        QEvent.Type.KeyPress, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False

    def _active(self) -> bool:
        try:
            return bool(self._is_active())
        except RuntimeError:  # the register it serves was deleted
            return False


def _is_text_key(event: QKeyEvent) -> bool:
    text = event.text()
    return (len(text) == 1 and text.isprintable() and not event.isAutoRepeat()
            and not event.modifiers() & ~_TEXT_MODIFIERS)


def _accepts(widget: QWidget | None, text: str) -> bool:
    """Whether the focused field (or a window around it) takes `text` as its own input."""
    while widget is not None:
        accepts = getattr(widget, ACCEPTS, None)
        if accepts is not None:
            try:
                return bool(accepts(text))
            except Exception:  # noqa: BLE001 - a field that cannot say takes nothing
                return False
        if widget.isWindow():
            return False
        widget = widget.parentWidget()
    return False


def _wants_raw_keys(widget: QWidget | None) -> bool:
    # Stops at the window instead of asking for its (null) parent, for the same reason.
    while widget is not None:
        if getattr(widget, PASSTHROUGH, False) is True:
            return True
        if widget.isWindow():
            return False
        widget = widget.parentWidget()
    return False
