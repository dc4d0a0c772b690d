"""The checkout's card step through a gateway (the `CardCharger` of ui/checkout).

A gateway charge belongs to an order, so the first card payment places the
sale (`order_for`), saves the attempt, and charges it in `ChargeDialog`. The
approved payment is already on the order when the tender comes back
(`recorded=True`); the checkout only settles what is left.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QDialog, QWidget

from pos import payments
from pos.errors import PosError, StateError
from pos.models import Order, Payment, PaymentAttempt
from pos.money import Money
from pos.orders import Tender
from ui.payments.card_service import CardService
from ui.payments.charge_dialog import ChargeDialog


class GatewayCharger:
    def __init__(self, service: CardService, gateway_name: str, locale: str) -> None:
        self.service = service
        self.gateway_name = gateway_name
        self.locale = locale

    def charge(self, amount: Money, parent: QWidget | None = None,
               order_for: Callable[[], Order] | None = None) -> Tender | None:
        offline = None
        if not self.service.online:
            offline = self.service.offline_limits()
            if offline is None:
                raise StateError(QCoreApplication.translate(
                    "GatewayCharger", "The card gateway is offline. Take cash, or try the "
                    "card again when the status bar shows cards online."))
        order = order_for()

        def start(token: str):
            return payments.open_charge(order, amount, self.gateway_name, token,
                                        offline=offline)

        dialog = ChargeDialog(self.service, amount, self.locale, start, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                raise PosError(dialog.message)
            return _tender(dialog.attempt)
        finally:
            dialog.deleteLater()

    def void(self, tender: Tender, parent: QWidget | None = None,
             settled_later: bool = False) -> bool:
        """Void a charge of this checkout. With `settled_later` (the sale is being
        cancelled) a void the gateway has not confirmed yet is enough: it is saved and
        reconciliation finishes it; otherwise only a confirmed void counts."""
        payment = Payment.get(Payment.idempotency_key == tender.idempotency_key)
        request = payments.open_void(payment, self.gateway_name)
        if request is None:
            return True
        attempt = self._wait(request)
        return attempt.status == "voided" or settled_later

    def _wait(self, request: payments.Request) -> PaymentAttempt:
        """Send on the worker and wait in a local event loop: the windows stay live."""
        loop = QEventLoop()
        result: list[PaymentAttempt] = []

        def done(attempt: PaymentAttempt) -> None:
            result.append(attempt)
            loop.quit()

        self.service.send(request, done)
        if not result:
            loop.exec()
        return result[0]


def _tender(attempt: PaymentAttempt) -> Tender:
    return Tender("card", Money(attempt.amount, attempt.currency),
                  fee=Money(attempt.fee or 0, attempt.currency),
                  gateway_ref=attempt.gateway_ref, card_brand=attempt.card_brand,
                  card_last4=attempt.card_last4, idempotency_key=attempt.idempotency_key,
                  recorded=True)
