"""What the customer display is told, and by whom: it observes, it never drives.

The register's cart model says when a line is scanned or changed; the register says
when a checkout opens; the checkout says what is due and paid, when a card charge is
in flight and, once the sale is saved, the change; the card service says what a
payment waits for (`CardService.paymentProgress`: the reader, the phone, the QR). The
feed only forwards those to the window's `show_…` methods, on the GUI thread: every
connection is to a bound method of this object, so a signal emitted on a worker (a
payment's progress) is queued to the GUI thread rather than run on the worker.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from pos.payments.gateway.base import Progress
from ui.customer_display.window import CustomerDisplay
from ui.session import Session


class DisplayFeed(QObject):
    def __init__(self, display: CustomerDisplay, register, session: Session) -> None:
        """`register` is the `ui.register.register_view.RegisterView` whose sales show."""
        super().__init__(display)
        self.display = display
        self.register = register
        self.session = session
        self.checkout: QDialog | None = None
        register.cart_model.cartChanged.connect(self._cart_changed)
        register.checkoutOpened.connect(self._checkout_opened)
        session.settingsChanged.connect(self._settings_changed)
        if session.card_service is not None:
            session.card_service.paymentProgress.connect(self._progress)
        self._cart_changed()

    def _cart_changed(self) -> None:
        self.display.show_cart(self.register.cart)

    def _settings_changed(self) -> None:
        settings = self.session.settings
        self.display.set_store(settings.store_name, settings.locale)

    def _checkout_opened(self, dialog: QDialog) -> None:
        self.checkout = dialog
        # A stand-in checkout (a test's) may have none of these; the real one has all.
        for name, slot in (("dueChanged", self._due_changed),
                           ("cardCharging", self.display.show_charging),
                           ("paid", self._paid)):
            signal = getattr(dialog, name, None)
            if signal is not None:
                signal.connect(slot)
        dialog.finished.connect(self._checkout_closed)

    def _due_changed(self, due, paid) -> None:
        self.display.show_due(due, paid)

    def _paid(self, change) -> None:
        self.display.show_thanks(change)

    def _checkout_closed(self, _result: int) -> None:
        self.checkout = None
        self.display.show_due(None)

    def _progress(self, progress: Progress | None) -> None:
        """Shown only while a checkout is open: a late report from a payment already
        finished must not leave "Tap your card" on the customer's screen."""
        if self.checkout is not None or progress is None:
            self.display.show_progress(progress)
