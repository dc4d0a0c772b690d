"""The terminal's link to the card gateway: every request runs on a worker thread.

`CardService` sends an attempt saved by `pos.payments` on a `Task` (network
only) and records the answer back on the GUI thread's connection. It keeps
the circuit breaker (status bar: online / offline), probes the gateway while
offline, and reconciles open attempts at start-up and every minute — minus
those in flight here, whose answers are still on their way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from pos import payments
from pos.errors import PosError
from pos.gateway.base import Gateway, OutcomeUnknown
from pos.gateway.breaker import CircuitBreaker
from pos.models import PaymentAttempt
from pos.money import Money
from pos.payments import OfflineLimits, Request
from pos.settings import StoreSettings
from ui.workers import Task

log = logging.getLogger(__name__)

RECONCILE_EVERY_MS = 60_000
PROBE_EVERY_MS = 5_000


class CardService(QObject):
    onlineChanged = Signal(bool)
    """The breaker opened (False: cards offline) or closed again (True)."""
    declineFound = Signal(str)
    """A sentence for the cashier: a forwarded offline payment was declined later."""
    refundFailed = Signal(str)
    """A sentence for the cashier: a card refund was refused; give it back another way."""

    def __init__(self, gateway: Gateway, settings: StoreSettings,
                 test_cards: list[tuple[str, str]] | None = None,
                 breaker: CircuitBreaker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.settings = settings
        self.test_cards = test_cards or []
        self.breaker = breaker or CircuitBreaker()
        self.in_flight: set[int] = set()
        self.sandbox = None  # the embedded sandbox gateway, when this is the demo's
        self._reconciling = False
        self._declines_seen = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.reconcile)
        self._probe = QTimer(self)
        self._probe.timeout.connect(self._maybe_probe)

    def start(self) -> None:
        """Reconcile what a previous run left open, then every minute."""
        self._declines_seen = _last_decline_id()
        self.reconcile()
        self._timer.start(RECONCILE_EVERY_MS)
        self._probe.start(PROBE_EVERY_MS)

    def stop(self) -> None:
        self._timer.stop()
        self._probe.stop()

    @property
    def online(self) -> bool:
        return self.breaker.online

    def offline_limits(self) -> OfflineLimits | None:
        """The store's store-and-forward limits, or None when it refuses cards offline."""
        if self.settings.offline_cards != "store":
            return None
        return OfflineLimits(self.settings.offline_limit_sale, self.settings.offline_limit_total)

    # sending ------------------------------------------------------------------------
    def send(self, request: Request, done: Callable[[PaymentAttempt], None]) -> Task:
        """Send one attempt on a worker; `done(attempt)` gets the recorded result."""
        self.in_flight.add(request.attempt_id)
        gateway = self.gateway

        def finished(outcome) -> None:
            self.in_flight.discard(request.attempt_id)
            self._note(outcome)
            done(payments.finish(request.attempt_id, outcome))

        def failed(exc: BaseException) -> None:  # a bug, not a gateway answer: keep it open
            log.error("Sending a payment attempt failed", exc_info=exc)
            finished(OutcomeUnknown(f"The payment could not be sent ({exc})."))

        return Task(lambda: payments.send(gateway, request)).success(finished).failure(
            failed).run()

    def check(self, request: Request, done: Callable[[PaymentAttempt], None]) -> Task:
        """Ask the gateway at once about one open attempt (the cashier's "Check again")."""
        self.in_flight.add(request.attempt_id)
        request = payments.request_for(request.attempt_id)  # unknown or abandoned by now
        gateway = self.gateway

        def finished(resolution) -> None:
            self.in_flight.discard(request.attempt_id)
            self._note(resolution.outcome)
            done(payments.settle_open(resolution, complete_paid=False))

        return Task(lambda: payments.resolve(gateway, request)).success(finished).run()

    def _note(self, outcome) -> None:
        was = self.breaker.online
        if isinstance(outcome, OutcomeUnknown):
            self.breaker.failure()
        else:
            self.breaker.success()
        if self.breaker.online != was:
            self.onlineChanged.emit(self.breaker.online)

    # reconciliation ---------------------------------------------------------------------
    def reconcile(self) -> None:
        """Settle open attempts on a worker, one answer at a time back on this thread."""
        if self._reconciling:
            return
        try:
            requests = payments.open_requests(exclude=self.in_flight)
        except PosError as exc:
            log.warning("Reconciliation could not read the store: %s", exc)
            return
        if not requests:
            return
        gateway = self.gateway
        self._reconciling = True

        def work():
            return [payments.resolve(gateway, r) for r in requests]

        def finished(resolutions) -> None:
            self._reconciling = False
            for resolution in resolutions:
                if resolution.request.attempt_id in self.in_flight:
                    continue
                self._note(resolution.outcome)
                try:
                    payments.settle_open(resolution)
                except PosError as exc:
                    log.warning("Could not record a reconciled payment: %s", exc)
            self._report_declines()

        def failed(exc) -> None:
            self._reconciling = False
            log.warning("Reconciliation failed: %s", exc)

        Task(work).success(finished).failure(failed).run()

    def _report_declines(self) -> None:
        for attempt, receipt in payments.forwarded_declines(self._declines_seen):
            self._declines_seen = max(self._declines_seen, attempt.id)
            self.declineFound.emit(self.tr(
                "The offline card payment of {amount} on receipt {receipt} was declined "
                "by the gateway: {reason}").format(
                amount=Money(attempt.amount, attempt.currency).format(self.settings.locale),
                receipt=receipt,
                reason=attempt.message or ""))

    def _maybe_probe(self) -> None:
        if not self.breaker.probe_due():
            return
        gateway = self.gateway

        def answered(healthy: bool) -> None:
            if healthy:
                self.breaker.success()
                self.onlineChanged.emit(True)
                self.reconcile()  # forward what was stored while offline

        Task(gateway.health).success(answered).failure(lambda _exc: None).run()


def _last_decline_id() -> int:
    found = payments.forwarded_declines()
    return max((a.id for a, _ in found), default=0)
