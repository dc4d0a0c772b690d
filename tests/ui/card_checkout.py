"""The card checkout the window tests share: the sandbox's key and secret, a checkout
dialog on screen, and the cashier's steps in the charge window (choose a card, charge,
read the message). Its fixtures (`sandbox`, `service`, `checkout`) are in conftest.py."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tests.ui.test_checkout import make_cart
from ui.checkout import CheckoutDialog
from ui.payments.gateway_charger import GatewayCharger

KEY, SECRET = "sk_test_ui", "ui-signing-secret"


def show_card_checkout(qtbot, session, service) -> CheckoutDialog:
    """A checkout of the sample cart, paying by card through `service`, active on screen."""
    charger = GatewayCharger(service, "sandbox", session.settings.locale)
    dialog = CheckoutDialog(session, make_cart(), "card", card_charger=charger)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def when_shown(name: str, action) -> None:
    """Run `action(dialog)` once the modal dialog `name` is up (it runs its own loop)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.objectName() == name:
            action(widget)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def charge_with(card: str):
    def act(dialog) -> None:
        assert dialog.card_combo.isVisible() and dialog.charge_button.isVisible()
        dialog.card_combo.setCurrentIndex(dialog.card_combo.findData(card))
        dialog.findChild(QPushButton, "chargeButton").click()
    return act


def pay(qtbot, checkout, card: str | None = "tok_visa", timeout: int = 8000) -> None:
    """Enter: charge the card typed (choosing `card` in the charge window), and wait until
    the checkout is back in a state the cashier can act in (no local event loop runs)."""
    if card is not None:
        when_shown("chargeDialog", charge_with(card))
    checkout.commit()
    qtbot.waitUntil(lambda: not checkout.flow.busy, timeout=timeout)


def message(dialog) -> str:
    return dialog.findChild(QLabel, "messageLabel").text()
