"""The checkout's card step through a gateway (the `CardCharger` of ui/checkout).

A gateway charge belongs to an order, so the first card payment places the
sale (`order_for`), saves the attempt, and charges it in `ChargeDialog`: a
card chosen there (the sandbox's test cards), the store's card reader when
Settings name one, a wallet's payment code, or the store's QR code. The
approved payment is already on the order when the tender comes back
(`recorded=True`); the checkout only settles what is left. Charges and voids
answer through a callback, never a local event loop: the checkout stays in
its "charging" or "voiding" state until then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from pos.errors import StateError
from pos.money import Money
from pos.payments import attempts
from pos.sales.orders import Tender
from pos.store.models import Order, Payment, PaymentAttempt
from ui.checkout.card_terminal import CARD, ChargeResult, PayMethod, VoidDone
from ui.focus import give_focus_back
from ui.payments.card_service import CardService
from ui.payments.charge_dialog import ChargeDialog


class GatewayCharger:
    def __init__(self, service: CardService, gateway_name: str, locale: str) -> None:
        self.service = service
        self.gateway_name = gateway_name
        self.locale = locale

    @property
    def reader(self) -> str:
        """The card reader the gateway drives for a card ("" none: a card chosen here)."""
        return self.service.settings.card_reader

    def offers(self, kind: str) -> bool:
        settings = self.service.settings
        return {"card": True, "wallet_code": bool(settings.wallet_codes),
                "store_qr": bool(settings.store_qr)}.get(kind, False)

    def token(self, method: PayMethod) -> str | None:
        """The attempt's `card_token` for `method` (pos.payments.attempts): None when the
        cashier picks the card in the charge window."""
        settings = self.service.settings
        if method.kind == "wallet_code":
            return attempts.source("wallet_code", method.wallet)
        if method.kind == "store_qr":
            return attempts.source("store_qr", settings.store_qr)
        return attempts.source("reader", self.reader) if self.reader else None

    def charge(self, amount: Money, parent: QWidget | None,
               order_for: Callable[[], Order], done: Callable[[ChargeResult], None],
               method: PayMethod = CARD) -> None:
        token = self.token(method)
        offline = None
        if not self.service.online:
            # only a card picked here can be stored to forward: a reader, a wallet and
            # the store's QR need the gateway there and then (a payment code is never kept)
            offline = self.service.offline_limits() if token is None else None
            if offline is None:
                raise StateError(QCoreApplication.translate(
                    "GatewayCharger", "The card gateway is offline. Take cash, or try the "
                    "card again when the status bar shows cards online."))
        order = order_for()

        def start(token: str):
            return attempts.open_charge(order, amount, self.gateway_name, token,
                                        offline=offline, payment_code=method.payment_code)

        dialog = ChargeDialog(self.service, amount, self.locale, start, parent,
                              token=token)
        dialog.finished.connect(lambda code: _charged(dialog, code, done))
        dialog.open()
        if dialog.token is not None:  # nothing to choose: the reader or the customer acts
            dialog.charge()

    def void(self, tender: Tender, parent: QWidget | None, settled_later: bool,
             done: VoidDone) -> None:
        """Void a charge of this checkout. With `settled_later` (the sale is being
        cancelled) a void the gateway has not confirmed yet is enough: it is saved and
        reconciliation finishes it; otherwise only a confirmed void counts."""
        payment = Payment.get(Payment.idempotency_key == tender.idempotency_key)
        request = attempts.open_void(payment, self.gateway_name)
        if request is None:
            done(True, "")
            return

        def answered(attempt: PaymentAttempt) -> None:
            done(attempt.status == "voided" or settled_later, attempt.message or "")

        self.service.send(request, answered, lambda text: done(settled_later, text))


def _charged(dialog: ChargeDialog, code: int, done: Callable[[ChargeResult], None]) -> None:
    dialog.deleteLater()
    give_focus_back(dialog.parentWidget())  # else Enter (Next sale) may go to no window
    if code == QDialog.DialogCode.Accepted:
        done(ChargeResult(_tender(dialog.attempt)))
    else:
        done(ChargeResult(None, dialog.message, unknown=dialog.unknown))


def _tender(attempt: PaymentAttempt) -> Tender:
    return Tender("card", Money(attempt.amount, attempt.currency),
                  fee=Money(attempt.fee or 0, attempt.currency),
                  gateway_ref=attempt.gateway_ref, card_brand=attempt.card_brand,
                  card_last4=attempt.card_last4, idempotency_key=attempt.idempotency_key,
                  recorded=True)
