"""The message shown when a receipt did not print: Retry, Print elsewhere, or Skip.

The dialog is not modal: the till keeps working behind it (the sale is saved
already), and several can be open if several prints failed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos.receipts.model import Receipt
from ui.forms import fix_minimum_size
from ui.receipts.elsewhere import elsewhere_menu


class PrintProblemDialog(QDialog):
    def __init__(self, message: str, retry: Callable[[], None], receipt: Receipt | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printProblemDialog")
        self.setWindowTitle(self.tr("Receipt not printed"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self._retry = retry
        self.message = QLabel(message, self)
        self.message.setObjectName("printProblemMessage")
        self.message.setWordWrap(True)
        note = QLabel(self.tr("The sale is saved. You can also reprint the receipt later "
                              "from the order history."), self)
        note.setWordWrap(True)
        self.retry_button = self._button(self.tr("&Retry"), "printRetryButton")
        self.retry_button.clicked.connect(self.retry)
        self.elsewhere_button = self._button(self.tr("Print &elsewhere"),
                                             "printElsewhereButton")
        if receipt is None:
            self.elsewhere_button.hide()
        else:
            self.elsewhere_button.setMenu(elsewhere_menu(receipt, self))
        self.skip_button = self._button(self.tr("&Skip"), "printSkipButton")
        self.skip_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.retry_button, self.elsewhere_button, self.skip_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.retry_button.setDefault(True)
        fix_minimum_size(self, 460, 200)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setMinimumHeight(48)
        return button

    def retry(self) -> None:
        self.close()
        self._retry()
