"""The terminal's link to the card gateway: every request runs on a worker thread.

`CardService` sends an attempt saved by `pos.payments.attempts` on a `Task` (network
only) and records the answer back on the GUI thread's connection. It keeps
the circuit breaker (status bar: online / offline), probes the gateway while
offline, and reconciles open attempts at start-up and every minute — minus
those in flight here, whose answers are still on their way, and those of the
orders an open checkout holds (`hold`/`release`): the checkout settles its own
sale, and reconciliation waits until it closes.

Every request has a failure path to the cashier: `done(attempt)` with the
recorded result, or `failed(sentence)` when something other than the gateway
went wrong (the attempt then stays open for reconciliation).

A charge that waits for the customer (a card reader, a wallet's payment code,
the store's QR) reports `Progress` from the worker; `send(progress=...)` hands
each one to its caller on the GUI thread, and `paymentProgress` tells anyone
else (the customer display) what the till waits for. `cancel` asks the gateway,
on a worker too, to stop waiting; the charge in flight still ends with its one
answer through `send`'s `done`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from pos.errors import PosError
from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import OfflineLimits, Request
from pos.payments.gateway.base import Gateway, GatewayError, OutcomeUnknown, Progress
from pos.payments.gateway.breaker import CircuitBreaker
from pos.payments.gateway.wording import decline_message
from pos.settings import StoreSettings
from pos.store.models import PaymentAttempt
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
    paymentProgress = Signal(object)
    """A charge waits for the customer (`pos.payments.gateway.base.Progress`), or `None`
    once it no longer waits (answered, failed): for the customer display."""

    def __init__(self, gateway: Gateway, settings: StoreSettings,
                 test_cards: list[tuple[str, str]] | None = None,
                 breaker: CircuitBreaker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.settings = settings
        self.test_cards = test_cards or []
        self.breaker = breaker or CircuitBreaker()
        self.in_flight: set[int] = set()
        self.held: set[int] = set()  # orders an open checkout settles itself
        self.sandbox = None  # the embedded sandbox gateway, when this is the demo's
        self._reconciling = False
        self._again = False  # asked to reconcile while a round was running
        self._declines_seen = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.reconcile)
        self._probe = QTimer(self)
        self._probe.timeout.connect(self._maybe_probe)

    def follow_settings(self, session) -> None:
        """Take `session`'s settings whenever they are saved: the reader, the wallets and
        the offline limits apply at the next payment (the gateway at the next start)."""
        self._session = session
        session.settingsChanged.connect(self._settings_saved)

    def _settings_saved(self) -> None:
        self.settings = self._session.settings

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

    # holding the orders of open checkouts ----------------------------------------------
    def hold(self, order_id: int) -> None:
        """A checkout on this terminal has `order_id` open: reconciliation leaves it alone."""
        self.held.add(order_id)

    def release(self, order_id: int) -> None:
        """The checkout closed: what it left open (an unknown answer, a charge that is no
        longer needed) is reconciliation's now, at once."""
        if order_id in self.held:
            self.held.discard(order_id)
            self.reconcile_soon()

    # sending ------------------------------------------------------------------------
    def send(self, request: Request, done: Callable[[PaymentAttempt], None],
             failed: Callable[[str], None] | None = None,
             progress: Callable[[Progress], None] | None = None) -> Task:
        """Send one attempt on a worker; `done(attempt)` gets the recorded result,
        `failed(sentence)` a failure that is not the gateway's answer, `progress(p)` each
        `Progress` of a charge that waits for the customer (all on the GUI thread)."""
        self.in_flight.add(request.attempt_id)
        gateway = self.gateway

        def waiting(report: Progress) -> None:
            self.paymentProgress.emit(report)
            if progress is not None:
                progress(report)

        def answered(outcome) -> None:
            self.paymentProgress.emit(None)
            self._note(outcome)
            self._record(request, lambda: attempts.finish(request.attempt_id, outcome),
                         done, failed)

        def broke(exc: BaseException) -> None:  # a bug, not a gateway answer: keep it open
            log.error("Sending a payment attempt failed", exc_info=exc)
            answered(OutcomeUnknown("The payment could not be sent."))

        return Task(lambda report: attempts.send(gateway, request, progress=report)).progress(
            waiting).success(answered).failure(broke).run()

    def cancel(self, request: Request, failed: Callable[[str], None] | None = None) -> Task:
        """Ask the gateway to stop a charge that waits for the customer (on a worker). The
        charge's own answer still comes through `send`; `failed(sentence)` if the gateway
        could not be asked (the time limit then ends the wait, or the answer is voided)."""
        gateway = self.gateway

        def answered(error: GatewayError | None) -> None:
            if error is not None:
                broke(error)

        def broke(exc: BaseException) -> None:
            log.warning("Cancelling payment attempt %s failed: %s", request.attempt_id,
                        type(exc).__name__)
            if failed is not None:
                failed(str(exc) if isinstance(exc, PosError) else QCoreApplication.translate(
                    "CardService", "The gateway could not be asked to stop the payment."))

        return Task(lambda: attempts.cancel(gateway, request)).success(answered).failure(
            broke).run()

    def check(self, request: Request, done: Callable[[PaymentAttempt], None],
              failed: Callable[[str], None] | None = None) -> Task | None:
        """Ask the gateway at once about one open attempt (the cashier's "Check again")."""
        self.in_flight.add(request.attempt_id)
        gateway = self.gateway
        try:
            request = attempts.request_for(request.attempt_id)  # unknown or abandoned by now
        except PosError as exc:
            self._failed(request, exc, failed)
            return None

        def answered(resolution) -> None:
            self._note(resolution.outcome)
            self._record(request, lambda: attempts.settle_open(resolution, complete_paid=False),
                         done, failed)

        def broke(exc: BaseException) -> None:
            self._failed(request, exc, failed)

        return Task(lambda: attempts.resolve(gateway, request)).success(answered).failure(
            broke).run()

    def _record(self, request: Request, write, done, failed) -> None:
        """Write an answer on this thread; a failure there reaches the cashier too."""
        try:
            attempt = write()
        except Exception as exc:  # noqa: BLE001 - the cashier must hear of any failure
            self._failed(request, exc, failed)
            return
        self.in_flight.discard(request.attempt_id)
        if attempt.status == "abandoned" and attempt.gateway_ref:
            self.reconcile_soon()  # approved for a sale that no longer needs it: void it
        done(attempt)

    def _failed(self, request: Request, exc: BaseException, failed) -> None:
        """The attempt stays open and is reconciliation's again; the cashier is told."""
        self.in_flight.discard(request.attempt_id)
        if isinstance(exc, PosError):
            log.warning("Payment attempt %s: %s", request.attempt_id, exc)
            text = str(exc)
        else:
            log.error("Payment attempt %s failed", request.attempt_id, exc_info=exc)
            text = QCoreApplication.translate(
                "CardService", "Something went wrong while recording the card gateway's "
                "answer. It is checked again automatically.")
        if failed is not None:
            failed(text)

    def _note(self, outcome) -> None:
        was = self.breaker.online
        if isinstance(outcome, OutcomeUnknown):
            self.breaker.failure()
        else:
            self.breaker.success()
        if self.breaker.online != was:
            self.onlineChanged.emit(self.breaker.online)

    # reconciliation ---------------------------------------------------------------------
    def reconcile_soon(self) -> None:
        QTimer.singleShot(0, self.reconcile)

    def reconcile(self) -> None:
        """Settle open attempts on a worker, one answer at a time back on this thread."""
        if self._reconciling:
            self._again = True  # once this round ends
            return
        try:
            requests = attempts.open_requests(exclude=self.in_flight, held=self.held)
        except PosError as exc:
            log.warning("Reconciliation could not read the store: %s", exc)
            return
        except Exception:  # noqa: BLE001 - a timer's task: log it, try again next tick
            log.exception("Reconciliation could not read the store")
            return
        if not requests:
            return
        gateway = self.gateway
        self._reconciling = True
        self._again = False
        Task(lambda: _resolve_each(gateway, requests)).success(self._settle_all).failure(
            self._reconcile_failed).run()

    def _settle_all(self, resolutions: list[attempts.Resolution]) -> None:
        """Record what the gateway said, unless a checkout took the attempt or its order
        over meanwhile (it settles them itself); a failure on one keeps the others."""
        self._reconciling = False
        for resolution in resolutions:
            request = resolution.request
            if request.attempt_id in self.in_flight or request.order_id in self.held:
                continue
            self._note(resolution.outcome)
            try:
                attempt = attempts.settle_open(resolution)
            except Exception as exc:  # noqa: BLE001 - log it, and settle the others
                log.error("Could not record the reconciled attempt %s", request.attempt_id,
                          exc_info=exc)
                continue
            if attempt.status == "abandoned" and attempt.gateway_ref:
                self._again = True  # approved for a sale that no longer needs it: void it
        self._report_declines()
        if self._again:
            self.reconcile_soon()

    def _reconcile_failed(self, exc: BaseException) -> None:
        self._reconciling = False
        log.error("Reconciliation failed", exc_info=exc)

    def _report_declines(self) -> None:
        for attempt, receipt in attempts.forwarded_declines(self._declines_seen):
            self._declines_seen = max(self._declines_seen, attempt.id)
            self.declineFound.emit(self.tr(
                "The offline card payment of {amount} on receipt {receipt} was declined "
                "by the gateway: {reason}").format(
                amount=Money(attempt.amount, attempt.currency).format(self.settings.locale),
                receipt=receipt,
                reason=decline_message(attempt.decline_code, attempt.message,
                                       self.settings.locale)))

    def _maybe_probe(self) -> None:
        if not self.breaker.probe_due():
            return
        gateway = self.gateway

        Task(gateway.health).success(self._probed).failure(self._probe_failed).run()

    def _probed(self, healthy: bool) -> None:
        if healthy:
            self.breaker.success()
            self.onlineChanged.emit(True)
            self.reconcile()  # forward what was stored while offline
        else:
            self.breaker.failure()  # still offline: the next probe waits its turn

    def _probe_failed(self, exc: BaseException) -> None:
        log.warning("The card gateway probe failed", exc_info=exc)
        self.breaker.failure()


def _resolve_each(gateway: Gateway, requests: list[Request]) -> list[attempts.Resolution]:
    """Ask about each open attempt (worker thread). One that raises is logged and left
    open for the next round; the answers already had are kept."""
    resolutions = []
    for request in requests:
        try:
            resolutions.append(attempts.resolve(gateway, request))
        except Exception:  # noqa: BLE001 - one bad answer must not lose the others
            log.exception("Reconciling payment attempt %s failed", request.attempt_id)
    return resolutions


def _last_decline_id() -> int:
    found = attempts.forwarded_declines()
    return max((a.id for a, _ in found), default=0)
