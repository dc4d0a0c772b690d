"""Card payments until the gateway lands: the cashier charges a standalone card terminal.

The checkout only talks to a `CardCharger`. `ExternalTerminalCharger` asks the
cashier to charge the amount on the terminal and confirm "Approved" (with,
optionally, the last four digits and the brand — never the card number).
`ui.payments.gateway_charger.GatewayCharger` has the same two methods and
charges through the store's gateway on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import Money
from pos.sales.orders import Tender
from pos.sales.tendering import CARD_BRANDS, card_tender, check_last4
from pos.store.models import Order


@dataclass(frozen=True)
class ChargeResult:
    """How a card step ended: an approved `tender`, or none and a `message` saying why
    (`unknown`: the gateway's answer never came; do not charge the card again)."""

    tender: Tender | None = None
    message: str = ""
    unknown: bool = False


@dataclass(frozen=True)
class PayMethod:
    """How a gateway charge is collected: `kind` is card (the charge window's card,
    or the store's card reader), wallet_code (the customer's payment code, scanned or
    typed) or store_qr (the customer scans the store's QR code for `wallet`).
    `payment_code` is a bearer credential: it lives here, in memory, for one charge."""

    kind: str = "card"
    wallet: str | None = None
    payment_code: str | None = field(default=None, repr=False)


CARD = PayMethod()  # a card: the charge window's, or the store's card reader

VoidDone = Callable[[bool, str], None]
"""`done(voided, message)`: True once voided (or saved to void later, when allowed)."""


class CardCharger(Protocol):
    """The checkout's card step. Both calls return at once and answer through `done`
    (perhaps before they return); neither runs an event loop of its own."""

    def offers(self, kind: str) -> bool:
        """Whether this charger collects `PayMethod.kind` (the checkout shows its button)."""

    def charge(self, amount: Money, parent: QWidget | None,
               order_for: Callable[[], Order], done: Callable[[ChargeResult], None],
               method: PayMethod = CARD) -> None:
        """Charge `amount` by `method` (one it `offers`). Raises a `PosError` when it
        cannot even start (cards offline). A charger that records its payments itself
        (a gateway) calls `order_for()` to place the sale first, and answers with a
        tender with `recorded=True`."""

    def void(self, tender: Tender, parent: QWidget | None, settled_later: bool,
             done: VoidDone) -> None:
        """Reverse an approved charge; with `settled_later` a void saved for
        reconciliation to finish is enough."""


@dataclass(frozen=True)
class CardConfirmation:
    """What the cashier read off the terminal's slip: all optional, never more."""

    last4: str | None = None
    brand: str | None = None


AskCharge = Callable[[Money, str, "QWidget | None",
                      Callable[["CardConfirmation | None"], None]], None]
AskVoid = Callable[[Tender, str, "QWidget | None", Callable[[bool], None]], None]


class ExternalTerminalCharger:
    """A standalone terminal: the cashier charges it and confirms here; tests inject `ask_*`."""

    def __init__(self, locale: str, ask_charge: AskCharge | None = None,
                 ask_void: AskVoid | None = None) -> None:
        self.locale = locale
        self.ask_charge = ask_charge or ask_cashier_to_charge
        self.ask_void = ask_void or ask_cashier_to_void

    def offers(self, kind: str) -> bool:
        return kind == "card"  # wallets need a gateway

    def charge(self, amount: Money, parent: QWidget | None,
               order_for: Callable[[], Order], done: Callable[[ChargeResult], None],
               method: PayMethod = CARD) -> None:
        def confirmed(confirmation: CardConfirmation | None) -> None:
            if confirmation is None:
                done(ChargeResult())
            else:
                done(ChargeResult(card_tender(amount, confirmation.last4,
                                              confirmation.brand)))

        self.ask_charge(amount, self.locale, parent, confirmed)

    def void(self, tender: Tender, parent: QWidget | None, settled_later: bool,
             done: VoidDone) -> None:
        self.ask_void(tender, self.locale, parent, lambda voided: done(bool(voided), ""))


def ask_cashier_to_charge(amount: Money, locale: str, parent: QWidget | None,
                          answer: Callable[[CardConfirmation | None], None]) -> None:
    dialog = CardTerminalDialog(amount, locale, parent)

    def finished(code: int) -> None:
        dialog.deleteLater()
        answer(dialog.confirmation if code == QDialog.DialogCode.Accepted else None)

    dialog.finished.connect(finished)
    dialog.open()


def ask_cashier_to_void(tender: Tender, locale: str, parent: QWidget | None,
                        answer: Callable[[bool], None]) -> None:
    box = QMessageBox(parent)
    box.setObjectName("cardVoidBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("QMessageBox", "Void card payment"))
    box.setText(QCoreApplication.translate(
        "QMessageBox", "Void {amount} on the card terminal, then confirm here.").format(
        amount=tender.amount.format(locale)))
    voided = box.addButton(QCoreApplication.translate("QMessageBox", "Voided on the terminal"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("QMessageBox", "Keep the payment"),
                  QMessageBox.ButtonRole.RejectRole)

    def finished(_code: int) -> None:
        box.deleteLater()
        answer(box.clickedButton() is voided)

    box.finished.connect(finished)
    box.open()


class CardTerminalDialog(QDialog):
    """'Charge 12,34 € on the card terminal', then Approved (Enter) or Not approved (Esc)."""

    def __init__(self, amount: Money, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardTerminalDialog")
        self.setWindowTitle(self.tr("Card payment"))
        self.setModal(True)
        self.confirmation: CardConfirmation | None = None

        title = QLabel(self.tr("Charge on the card terminal"), self)
        title.setObjectName("cardTerminalTitle")
        figure = QLabel(amount.format(locale), self)
        figure.setObjectName("cardTerminalAmount")
        figure.setAccessibleName(self.tr("Amount to charge"))
        hint = QLabel(self.tr("Type this amount on the card terminal. When it shows "
                              "“Approved”, confirm here. Never type the card number."), self)
        hint.setWordWrap(True)

        self.last4_input = QLineEdit(self)
        self.last4_input.setObjectName("last4Input")
        self.last4_input.setAccessibleName(self.tr("Last 4 digits of the card (optional)"))
        self.last4_input.setPlaceholderText(self.tr("optional"))
        self.last4_input.setMaxLength(4)
        self.last4_input.setValidator(QRegularExpressionValidator(
            QRegularExpression("[0-9]{0,4}"), self.last4_input))
        self.brand_combo = QComboBox(self)
        self.brand_combo.setObjectName("brandCombo")
        self.brand_combo.setAccessibleName(self.tr("Card brand (optional)"))
        self.brand_combo.addItem(self.tr("Not noted"), None)
        for brand in CARD_BRANDS:
            self.brand_combo.addItem(brand, brand)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("cardTerminalError")
        self.error_label.setWordWrap(True)
        self.error_label.setMinimumHeight(44)  # room kept, so an error never resizes

        form = QFormLayout()
        form.addRow(self.tr("Last 4 digits"), self.last4_input)
        form.addRow(self.tr("Brand"), self.brand_combo)

        self.approve_button = QPushButton(self.tr("Approved  (Enter)"), self)
        self.approve_button.setObjectName("cardApprovedButton")
        self.approve_button.setAccessibleName(self.tr("The terminal approved the payment"))
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self._approve)
        cancel = QPushButton(self.tr("Not approved  (Esc)"), self)
        cancel.setObjectName("cardNotApprovedButton")
        cancel.setAccessibleName(self.tr("The payment was not approved"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        for button in (self.approve_button, cancel):
            button.setMinimumHeight(52)

        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(title)
        layout.addWidget(figure, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(max(460, layout.minimumSize().width()),
                            layout.minimumSize().height())
        self.setStyleSheet(_STYLE)

    def _approve(self) -> None:
        try:
            last4 = check_last4(self.last4_input.text())
        except PosError:
            self.error_label.setText(self.tr(
                "Type exactly the last 4 digits of the card, or leave the field empty."))
            self.last4_input.setFocus()
            return
        self.confirmation = CardConfirmation(last4, self.brand_combo.currentData())
        self.accept()


_STYLE = """
#cardTerminalTitle { font-size: 14pt; font-weight: bold; }
#cardTerminalAmount { font-size: 30pt; font-weight: bold; color: #0b4f9c; padding: 8px; }
#cardTerminalError { color: #b00020; font-weight: bold; }
#cardNotApprovedButton { background: #ffffff; color: #b00020; border: 2px solid #b00020; }
#cardApprovedButton { background: #0a7a2f; }
"""
