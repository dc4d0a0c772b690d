"""A window-modal progress dialog with a Cancel button.

Not `QProgressDialog`: that one shows itself after a delay and calls
`processEvents` from `setValue` when modal, which would re-enter the slice of
work that reported the progress. This one only draws what it is told and
emits `cancelRequested`; the owner stops its work and closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QWidget

from ui.forms import button_row, dialog_layout, fix_minimum_size, load_style, touch_button


class ProgressDialog(QDialog):
    cancelRequested = Signal()

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._closing = False
        self.label = QLabel(text, self)
        self.label.setObjectName("progressText")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setAccessibleName(title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.bar.setTextVisible(False)
        self.cancel_button = touch_button(self.tr("Cancel"), self, "progressCancelButton",
                                          secondary=True)
        self.cancel_button.clicked.connect(self._cancel)
        layout = dialog_layout(self, self.label, self.bar, button_row(self.cancel_button),
                               top=20)
        fix_minimum_size(self, 460, layout.minimumSize().height())
        if parent is None:
            load_style(self)

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def set_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(min(1000, done * 1000 // total))

    def set_cancellable(self, on: bool) -> None:
        self.cancel_button.setEnabled(on)

    def _cancel(self) -> None:
        if self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))
            self.cancelRequested.emit()

    # Esc and the window's close button ask to cancel; the owner closes the dialog.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and not self._closing:
            event.ignore()
            self._cancel()
            return
        super().closeEvent(event)

    def finish(self) -> None:
        """Close for good (the work ended one way or another)."""
        self._closing = True
        self.close()
        self.deleteLater()
