"""Saying, over the dialog that holds them, that scans are waiting.

Scans that arrive while a modal dialog is open wait (`scan_queue`); the register's
message line said so, but behind the dialog, where the cashier could not see it. This
small window stands just below the dialog (above it near the bottom of the screen) and
never takes the focus, so typing in the dialog goes on; it goes away once the scans are
in the cart.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.register.scan_queue import ScanQueue

CHECK_MS = 100
GAP = 6


def open_modal_dialog() -> QWidget | None:
    """The topmost modal window on screen, if any."""
    modal = [w for w in QApplication.topLevelWidgets() if w.isModal() and w.isVisible()]
    return modal[-1] if modal else None


class WaitingNote(QLabel):
    def __init__(self, queue: ScanQueue, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("scansWaitingNote")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#scansWaitingNote { color: #0f4a2c; background: #e6f4ea; "
                           "border: 2px solid #1e7e34; padding: 8px 12px; font-size: 12pt; }")
        self.queue = queue
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._follow)
        queue.waiting.connect(self.show_count)

    def show_count(self, count: int) -> None:
        dialog = open_modal_dialog()
        if dialog is None:
            return
        self.setText(self.tr(
            "{count} scan(s) waiting: they go into the cart when the dialog closes.").format(
            count=count))
        self.setAccessibleDescription(self.text())
        frame = dialog.frameGeometry()
        self.setFixedWidth(max(frame.width(), 320))
        self.adjustSize()
        spot = QPoint(frame.left(), frame.bottom() + GAP)
        screen = dialog.screen().availableGeometry() if dialog.screen() else None
        if screen is not None and spot.y() + self.height() > screen.bottom():
            spot = QPoint(frame.left(), frame.top() - GAP - self.height())
        self.move(spot)
        self.show()  # stays on top of the dialog, never takes the focus
        self._timer.start()

    def _follow(self) -> None:
        """Hide once the scans went in or no dialog holds them any more."""
        if not self.queue.pending or open_modal_dialog() is None:
            self._timer.stop()
            self.hide()
