"""The card step with a gateway: choose the card, watch the charge, read the answer.

The charge runs on a worker (`CardService.send`); the dialog is opened with
`open()` (window-modal, no event loop of its own: answers, timers and keys
reach the GUI thread's one loop in order) and shows the seconds elapsed. Cancel
is safe: the attempt is marked abandoned, the dialog waits for the gateway's
answer, and a charge that went through is voided before the dialog closes.
An answer that never came ("unknown") is never guessed at: the cashier can
check again, and reconciliation settles it otherwise.

A charge that waits for the customer starts as the dialog opens and says what
it waits for as the gateway reports it (`Progress`): the card on the store's
reader (with the time elapsed), the customer confirming a wallet payment on
their phone, or the customer scanning the store's QR code, shown here too (with
the seconds left). Cancel then also asks the gateway to stop waiting
(`CardService.cancel`); a payment that went through just before is reversed.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import Request
from pos.payments.gateway.base import Progress
from pos.payments.gateway.wording import decline_message
from pos.store.models import PaymentAttempt
from ui.payments.card_service import CardService
from ui.qr_view import QrView

QR_SIDE_PX = 220  # a phone reads it across the counter; fits the dialog at 1024×768


class ChargeDialog(QDialog):
    """`finished` → Accepted with `attempt` approved; Rejected otherwise (`message` says
    why; `unknown` when the answer never came and the attempt stays open)."""

    def __init__(self, service: CardService, amount: Money, locale: str,
                 start, parent: QWidget | None = None, token: str | None = None) -> None:
        """`start(card_token)` saves the attempt and returns its `Request` (or raises).
        `token` is the attempt's card token when nothing is chosen here: "reader:<id>",
        "wallet:<wallet>" or "qr:<wallet>" (`charge()` starts it); None shows the cards."""
        super().__init__(parent)
        self.service = service
        self.start = start
        self.locale = locale
        self.token = token
        self.waits = (token or "card").partition(":")[0]  # card, reader, wallet or qr
        self.request: Request | None = None
        self.attempt: PaymentAttempt | None = None
        self.message = ""
        self._cancelling = False
        self._checked_abandoned = False
        self._late = False  # it went through as the cashier cancelled: reversed
        self._broken = False  # a failure that is not the gateway's answer
        self._deadline: float | None = None  # seconds on the clock when the wait ends
        self.setObjectName("chargeDialog")
        self.setStyleSheet(_STYLE)  # before the children: each is polished once, not twice
        self.setWindowTitle({"wallet": self.tr("Wallet payment"),
                             "qr": self.tr("Store QR payment")}.get(self.waits,
                                                                   self.tr("Card payment")))
        self.setModal(True)

        figure = QLabel(amount.format(locale), self)
        figure.setObjectName("chargeAmount")
        figure.setAccessibleName(self.tr("Amount to charge"))
        self.card_combo = QComboBox(self)
        self.card_combo.setObjectName("testCardCombo")
        self.card_combo.setAccessibleName(self.tr("Card"))
        for label, card in service.test_cards:
            self.card_combo.addItem(label, card)
        self.card_combo.setVisible(token is None and bool(service.test_cards))
        self.qr_view = QrView(self, QR_SIDE_PX)
        self.qr_view.setObjectName("chargeQr")
        self.qr_view.setAccessibleName(self.tr("QR code for the customer to scan"))
        self.qr_view.hide()
        self.status_label = QLabel(self.tr("Ready to charge the card."), self)
        self.status_label.setObjectName("chargeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setMinimumHeight(64)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setObjectName("chargeElapsed")

        self.charge_button = self._button("chargeButton", self.tr("Charge  (Enter)"),
                                          self.charge)
        self.charge_button.setDefault(True)
        self.charge_button.setVisible(token is None)
        self.check_button = self._button("checkAgainButton", self.tr("Check again"),
                                         self._check_again)
        self.check_button.hide()
        self.cancel_button = self._button("chargeCancelButton", self.tr("Cancel  (Esc)"),
                                          self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.charge_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(figure, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.card_combo)
        layout.addWidget(self.qr_view, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.status_label)
        layout.addWidget(self.elapsed_label)
        layout.addLayout(buttons)
        self.setMinimumSize(480, 280)

        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(100)
        self._ticker.timeout.connect(self._tick)

    def _button(self, name: str, text: str, action) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(52)
        button.setAutoDefault(False)
        button.clicked.connect(action)
        return button

    # charging ------------------------------------------------------------------------
    def charge(self) -> None:
        """Save the attempt and send it (Enter, or at once when nothing is chosen here)."""
        if self.request is not None:
            return  # one attempt per dialog: a second click never charges twice
        try:
            self.request = self.start(self.token or self.card_combo.currentData() or
                                      self.card_combo.currentText())
        except PosError as exc:
            self._finish_rejected(str(exc))
            return
        attempt = PaymentAttempt.get_by_id(self.request.attempt_id)
        if attempt.status == "stored_offline":  # taken offline: forwarded when back
            self.attempt = attempt
            self.accept()
            return
        self._busy({
            "reader": self.tr("Sending the amount to the card reader…"),
            "wallet": self.tr("Charging the customer's payment code…"),
            "qr": self.tr("Asking the gateway for the store's QR code…"),
        }.get(self.waits, self.tr("Charging the card… Ask the customer to follow the "
                                  "reader.")))
        self.service.send(self.request, self._answered, self._failed, self.show_progress)

    def show_progress(self, report: Progress) -> None:
        """The gateway says what the charge waits for (ignored once cancelling)."""
        if self._cancelling or self.attempt is not None:
            return
        if not self._clock.isValid():  # staged (ui.screenshots): no charge was sent
            self._clock.start()
        if report.state == "qr_shown" and report.qr_url:
            self.qr_view.set_url(report.qr_url)
            self.qr_view.show()
            self.resize(self.size().expandedTo(self.minimumSizeHint()))  # room for the code
        text = {"reader_waiting": self.tr("Tap, insert or swipe the card on the reader."),
                "customer_confirming": self.tr("Waiting for the customer to confirm on "
                                               "their phone."),
                "qr_shown": self.tr("Waiting for the customer to pay: they scan this code "
                                    "with their phone.")}.get(report.state)
        if text:
            self.status_label.setText(text)
        if report.expires_in_s is not None and report.state != "reader_waiting":
            self._deadline = self._clock.elapsed() / 1000 + report.expires_in_s
        self._tick()

    def _check_again(self) -> None:
        self.check_button.hide()
        self._broken = False
        self.cancel_button.setEnabled(False)
        self._busy(self.tr("Asking the gateway what happened to this payment…"))
        self.service.check(self.request, self._answered, self._failed)

    @property
    def unknown(self) -> bool:
        """Closed without a final answer: the attempt stays open, reconciliation settles it."""
        return self._broken or (self.attempt is not None and self.attempt.status == "unknown")

    def _left_unknown(self) -> str:
        return self.tr("No clear answer from the card gateway: the payment is checked "
                       "automatically. Do not charge the card again; take another payment "
                       "or wait.")

    def _failed(self, text: str) -> None:
        """Something other than the gateway failed: say so, and offer a way out."""
        self._ticker.stop()
        self._broken = True
        self.status_label.setText(" ".join((text, self.tr("Do not charge the card again."))))
        self.check_button.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _busy(self, text: str) -> None:
        self.status_label.setText(text)
        self.charge_button.setEnabled(False)
        self.card_combo.setEnabled(False)
        self._clock.start()
        self._ticker.start()
        self._tick()

    def _tick(self) -> None:
        if self._deadline is not None and not self._cancelling:
            left = max(0, int(self._deadline - self._clock.elapsed() / 1000 + 0.999))
            self.elapsed_label.setText(self.tr("{seconds} s left").format(seconds=left))
            return
        self.elapsed_label.setText(self.tr("{seconds} s").format(
            seconds=f"{self._clock.elapsed() / 1000:.1f}"))

    def _answered(self, attempt: PaymentAttempt) -> None:
        self._ticker.stop()
        self.attempt = attempt
        self.qr_view.hide()
        if attempt.status == "abandoned" and not self._checked_abandoned:
            # cancelled while in flight: ask once, and void the charge if it went through
            self._checked_abandoned = True
            self._late = bool(attempt.gateway_ref)
            self._busy(self.tr("Checking whether the card was charged, to void it…"))
            self.service.check(self.request, self._answered)
        elif attempt.status == "abandoned":  # no answer: reconciliation voids it later
            self._finish_rejected(self.tr(
                "The gateway did not answer. If the card was charged, the charge is voided "
                "automatically as soon as the gateway answers."))
        elif self._cancelling and attempt.status in ("failed", "declined", "voided"):
            late = self._late or attempt.decline_code == "reversed"
            self._finish_rejected(self._late_message() if late else self._not_charged())
        elif attempt.status == "approved":
            self.accept()
        elif attempt.status in ("declined", "failed"):
            self._finish_rejected(self._reason(attempt))
        else:  # unknown: never guess
            self.status_label.setText(self.tr(
                "No clear answer from the card gateway. Do not charge the card again: "
                "check again, or close and the payment will be checked automatically."))
            self.check_button.show()
            self.cancel_button.setEnabled(True)
            self.cancel_button.setText(self.tr("Close"))

    def _not_charged(self) -> str:
        return {"wallet": self.tr("The wallet payment was cancelled: the customer paid "
                                  "nothing."),
                "qr": self.tr("The QR payment was cancelled: the customer paid nothing.")
                }.get(self.waits, self.tr("The card was not charged."))

    def _late_message(self) -> str:
        """It went through just as the cashier cancelled, and was reversed."""
        if self.waits in ("wallet", "qr"):
            return self.tr("The customer confirmed after you cancelled: the payment was "
                           "reversed, and the money goes back to their wallet.")
        return self.tr("The card was charged just as you cancelled: the charge was voided, "
                       "and the customer gets the money back.")

    def _reason(self, attempt: PaymentAttempt) -> str:
        """The gateway's answer in the store's language (pos.payments.gateway.wording)."""
        return decline_message(attempt.decline_code, attempt.message, self.locale)

    def _finish_rejected(self, message: str) -> None:
        self.message = message
        super().reject()

    def reject(self) -> None:
        """Esc / Cancel: before the charge, close; during it, cancel safely (see module)."""
        if self._broken:
            self.message = self._left_unknown()
            super().reject()
            return
        if self.request is None or (self.attempt is not None
                                    and self.attempt.status not in ("pending", "abandoned")):
            self.message = self.message or (
                self._reason(self.attempt) if self.attempt and self.attempt.message else "") \
                or self.tr("The card was not charged.")
            if self.attempt is not None and self.attempt.status == "unknown":
                self.message = self._left_unknown()
            super().reject()
            return
        if self._cancelling:
            return
        self._cancelling = True
        attempts.abandon_charge(self.request.attempt_id)
        self.cancel_button.setEnabled(False)
        self.qr_view.hide()
        self.status_label.setText(self.tr(
            "Cancelling: waiting for the gateway's answer. If the customer paid meanwhile, "
            "the payment is reversed.") if self.waits != "card" else self.tr(
            "Cancelling: waiting for the gateway's answer. If the card was charged, the "
            "charge is voided."))
        if self.waits != "card":  # the gateway waits for the customer: tell it to stop
            self.service.cancel(self.request, self._cancel_failed)

    def _cancel_failed(self, text: str) -> None:
        """The gateway could not be asked to stop: its time limit ends the wait instead."""
        self.status_label.setText(" ".join((text, self.tr(
            "The payment ends by itself when its time runs out; if it went through, it is "
            "reversed."))))


_STYLE = """
#chargeAmount { font-size: 30pt; font-weight: bold; color: #0b4f9c; padding: 8px; }
#chargeStatus { font-size: 12pt; }
#chargeElapsed { color: #555555; }
#chargeCancelButton { background: #ffffff; color: #b00020; border: 2px solid #b00020; }
#chargeButton { background: #0a7a2f; }
"""
