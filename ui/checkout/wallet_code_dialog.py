"""The Wallet button's dialog: the cashier types the payment code the customer's phone shows.

A payment code (付款码) is a bearer credential: it stays in the input field,
whose text and undo history are emptied the moment the checkout takes it
(`take_code`), and is never put in a label or a message. Which wallet it
belongs to is decided by the wallets' own rules
(`pos.payments.wallet_codes.recognise`), not by the cashier. In the demo the
sandbox's test codes are listed, so there is something to type.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.payments.wallet_codes import recognise, wallet_name
from ui.forms import empty_and_forget

MAX_CODE_LENGTH = 24  # the longest payment code a wallet's rules allow (Alipay)


def sandbox_test_codes() -> dict[str, str]:
    """The sandbox's wallet test codes (code -> what it does), for the hint in the demo."""
    from pos.payments.sandbox.waiting import TEST_CODES  # the demo's only: not at start

    return {c.code: f"{wallet_name(c.wallet)}, {c.description}" for c in TEST_CODES.values()}


class WalletCodeDialog(QDialog):
    """Accepted with `wallet` set once the code typed is a wallet's payment code."""

    def __init__(self, due: str, test_codes: dict[str, str] | None,
                 parent: QWidget | None = None) -> None:
        """`due` is the amount still due, formatted; `test_codes` the sandbox's
        (code -> what it does), shown as a hint in the demo."""
        super().__init__(parent)
        self.wallet: str | None = None
        self.setObjectName("walletCodeDialog")
        self.setWindowTitle(self.tr("Wallet payment code"))
        self.setModal(True)

        figure = QLabel(due, self)
        figure.setObjectName("walletAmount")
        figure.setAccessibleName(self.tr("Amount to charge"))
        hint = QLabel(self.tr("Scan or type the payment code on the customer's phone "
                              "(Alipay or WeChat Pay)."), self)
        hint.setWordWrap(True)
        self.code_input = QLineEdit(self)
        self.code_input.setObjectName("walletCodeInput")
        self.code_input.setAccessibleName(self.tr("Payment code"))
        self.code_input.setMaxLength(MAX_CODE_LENGTH)
        self.code_input.setMinimumHeight(48)
        self.code_input.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[0-9]{{0,{MAX_CODE_LENGTH}}}"), self.code_input))
        self.code_input.textChanged.connect(lambda _text: self.error_label.clear())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("walletCodeError")
        self.error_label.setWordWrap(True)
        self.error_label.setMinimumHeight(44)  # room kept, so an error never resizes

        charge = QPushButton(self.tr("Charge  (Enter)"), self)
        charge.setObjectName("walletChargeButton")
        charge.setDefault(True)
        charge.clicked.connect(self._charge)
        cancel = QPushButton(self.tr("Cancel  (Esc)"), self)
        cancel.setObjectName("walletCancelButton")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(charge)
        for button in (charge, cancel):
            button.setMinimumHeight(52)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(figure, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addWidget(self.code_input)
        layout.addWidget(self.error_label)
        if test_codes:
            demo = QLabel(self.tr("Sandbox test codes (no real money moves):") + "\n" + "\n".join(
                f"{code}  {what}" for code, what in test_codes.items()), self)
            demo.setObjectName("walletTestCodes")
            demo.setWordWrap(False)  # one line a code: the dialog is as big as the list
            demo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(demo)
        layout.addLayout(buttons)
        self.setMinimumSize(max(620 if test_codes else 460, layout.minimumSize().width()),
                            layout.minimumSize().height())
        self.setStyleSheet(_STYLE)
        self.code_input.setFocus()

    def use_code(self, code: str) -> None:
        """A scanner read the code while this dialog was open: charge it."""
        self.code_input.setText(code)
        self._charge()

    def take_code(self) -> str:
        """The code typed, once: the field is cleared as it is taken."""
        code = self.code_input.text().strip()
        empty_and_forget(self.code_input)
        return code

    def _charge(self) -> None:
        self.wallet = recognise(self.code_input.text())
        if self.wallet is None:
            self.error_label.setText(self.tr(
                "This is not a wallet payment code. Alipay codes have 16 to 24 digits "
                "and start with 25 to 30; WeChat Pay codes have 18 digits and start with "
                "10 to 15."))
            self.code_input.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        empty_and_forget(self.code_input)
        self.wallet = None
        super().reject()


_STYLE = """
#walletAmount { font-size: 26pt; font-weight: bold; color: #0b4f9c; padding: 8px; }
#walletCodeInput { font-size: 16pt; }
#walletCodeError { color: #b00020; font-weight: bold; }
#walletTestCodes { color: #555555; }
#walletCancelButton { background: #ffffff; color: #b00020; border: 2px solid #b00020; }
#walletChargeButton { background: #0a7a2f; }
"""
