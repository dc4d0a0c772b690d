"""The till locks itself after some minutes without a key or a touch (`idle_lock_min`).

A till left signed in is a till anyone can sell, refund or open the drawer on. Square,
Shopify POS and Loyverse lock after a few idle minutes; so does this one. The lock is
the Lock button's (`MainWindow.lock`): the sale on screen stays, out of sight, for
whoever signs in next.

It never locks over an open dialog (a checkout waiting for a card, a count half typed, an
approval): it waits until the dialog closes and the till has been idle the full time
again. The check runs from a timer on the GUI thread, between events, never inside a
money path.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})


class IdleLock(QObject):
    """Calls `lock()` once the application has had no input for `minutes` and `may_lock()`
    says yes; 0 minutes turns it off. Any key, click, touch or mouse move starts the
    count again."""

    def __init__(self, lock: Callable[[], None], may_lock: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self._may_lock = may_lock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one runs up to 5% late
        self.timer.timeout.connect(self._idle)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(0, minutes) * 60_000)
        self.restart()

    def restart(self) -> None:
        """Count the idle time from now (after input, a sign-in, a change of setting)."""
        if self.timer.interval() > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()  # restarts the count; cheap enough for every event
        return False

    def _idle(self) -> None:
        if QApplication.activeModalWidget() is None and self._may_lock():
            self._lock()  # returns once someone signed in again
        self.restart()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
