"""What the register's small dialogs share: an inline error line and OK / Cancel.

A refused entry is explained inside the dialog, which stays open with what was
typed, instead of stacking a second box on top of it. The layout does not
impose a minimum size on the window (it would change when a message appears,
which some platforms cannot follow); the dialog grows to fit instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

BUTTON_HEIGHT = 48
MIN_WIDTH = 380


class RegisterDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(MIN_WIDTH)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.layout_.setContentsMargins(16, 16, 16, 16)
        self.layout_.setSpacing(10)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        """Add the error line and the buttons below what the dialog added, and fit."""
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)
        for button in self.buttons.buttons():
            button.setMinimumHeight(BUTTON_HEIGHT)
        self.fit()

    def fit(self) -> None:
        """Size the window for its contents; only before it is shown (see above)."""
        self.layout_.activate()
        self.setMinimumSize(self.layout_.totalMinimumSize().expandedTo(self.minimumSize()))
        self.resize(self.layout_.totalSizeHint().expandedTo(self.minimumSize()))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.show()
        self.layout_.activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question; No is the default, so a stray Enter changes nothing."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
