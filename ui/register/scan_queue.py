"""Holding scans that arrive while a modal dialog is open, and giving them to the cart after.

Decision: a scan is never added under an open modal dialog. The register's
dialogs act on the sale being rung up (checkout is paying exactly this cart,
the weight dialog is half-way through adding a line), so a line slipped in
underneath would change a total that is being paid or confirmed. The scan
waits, in order with any others, and goes into the cart as soon as no modal
dialog is open: after a completed checkout that is the next sale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

RETRY_MS = 50


def modal_dialog_open() -> bool:
    """True while a modal window is shown (asked of the windows rather than through
    `activeModalWidget()`, which returns a null pointer most of the time)."""
    return any(w.isModal() and w.isVisible() for w in QApplication.topLevelWidgets())


class ScanQueue(QObject):
    """`push(code)` delivers at once when it can, else keeps the code until it can."""

    waiting = Signal(int)
    """How many scans wait for a dialog to close (emitted when a scan is held)."""

    def __init__(self, deliver: Callable[[str], None], parent: QObject | None = None, *,
                 blocked: Callable[[], bool] = modal_dialog_open) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._blocked = blocked
        self._pending: list[str] = []
        self._delivering = False
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self.drain)

    @property
    def pending(self) -> list[str]:
        return list(self._pending)

    def push(self, code: str) -> None:
        self._pending.append(code)
        self.drain()
        if self._pending:
            self.waiting.emit(len(self._pending))

    def drain(self) -> None:
        """Deliver the waiting scans in order, while no modal dialog is open."""
        if self._delivering:  # a delivery opened a dialog and this is its event loop
            self._timer.start()
            return
        self._delivering = True
        try:
            while self._pending and not self._blocked():
                self._deliver(self._pending.pop(0))
        finally:
            self._delivering = False
        if self._pending:
            self._timer.start()
        else:
            self._timer.stop()
