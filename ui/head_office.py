"""The till's link to head office in the windows (issue 14): the sync worker, the status
bar's words, and the notice that head office owns catalogue, staff and settings.

`SyncService` runs a round every `sync_interval_s` seconds (0: only on demand), at once
after each saved sale, and on Sync now (Ctrl+H): the outbox is sent
(`pos.sync.service.send_waiting`), then head office's changes are fetched page by page,
each applied here (`pos.sync.download.apply_page`) before the next is asked for.
It follows the card service's pattern: a `Task` on the thread pool, never two rounds at
once (a request during a round runs one more round after it), results back on the GUI
thread. The worker opens its own read-only connection (`reading_connection`); each
acknowledgement travels back as progress and is written here, on the till's one
writing connection. A failed round is recorded (`record_round`) and shown as "offline
since"; a bug in the worker goes to the log and shows as "sync failed". A till that
stands alone runs no round and shows nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QLocale, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from pos.errors import PosError
from pos.store.db import reading_connection
from pos.sync import download, outbox, service
from pos.sync.service import RoundResult
from ui.session import Session
from ui.workers import Task

log = logging.getLogger(__name__)

SYNC_NOW_KEY = "Ctrl+H"


def round_on_worker(report: Callable[[int, int], None]) -> RoundResult:
    """One round's reading and sending (worker thread, its own read-only connection);
    each acknowledged seq goes back through `report` to be written on the GUI thread."""
    with reading_connection():
        return service.send_waiting(lambda seq: report(seq, 0))


def page_on_worker(after: int) -> dict:
    """One page of what head office changed after `after` (worker thread): fetched here,
    applied on the GUI thread, on the till's one writing connection."""
    with reading_connection():
        client = service.client_for(service.state())
        try:
            return client.post("/v1/changes", {"after": after})
        finally:
            client.close()


class SyncService(QObject):
    changed = Signal()
    """What the status bar shows may have changed: read `status()`."""
    reported = Signal(str)
    """A sentence for the cashier: how the round they asked for (Sync now) went."""

    def __init__(self, session: Session, parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pool = pool
        self.running = False
        self.rounds = 0  # rounds started (tests, diagnostics)
        self.crashed_at: dt.datetime | None = None  # a bug stopped the last round
        self._again = False  # asked for a round while one was running
        self._tell = False  # the cashier asked: report how the next round ends
        self._telling = False  # ... and the running round is that one
        self._result: RoundResult | None = None  # what the running round sent
        self._received = 0  # head office's changes the running round applied
        self._kinds: set[str] = set()  # ... and their kinds (what the windows reload)
        # change seqs (from, at, head) of the running download; head > from once a page
        # said more follow
        self._download: tuple[int, int, int] | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync)
        session.ordersChanged.connect(self.sync)
        session.settingsChanged.connect(self._apply_interval)

    def start(self) -> None:
        """A round now (what a previous run left), then every `sync_interval_s` seconds."""
        self._apply_interval()
        self.sync()

    def stop(self) -> None:
        self._timer.stop()

    def _apply_interval(self) -> None:
        seconds = self.session.settings.sync_interval_s
        if seconds > 0:
            self._timer.start(seconds * 1000)
        else:
            self._timer.stop()

    def idle(self) -> bool:
        """No round running and none asked for (quitting, tests)."""
        return not (self.running or self._again or self._tell)

    def enrolled(self) -> bool:
        try:
            return service.enrolled()
        except PosError as exc:
            log.warning("Could not read the head-office link: %s", exc)
            return False

    # rounds ------------------------------------------------------------------------------
    def sync(self) -> None:
        """A round soon (the timer, a sale): nothing for a till that stands alone."""
        self._request(tell=False)

    def sync_now(self) -> None:
        """The cashier's Sync now: a round at once, its outcome in plain words."""
        if not self.enrolled():
            self.reported.emit(self.tr(
                "This till stands alone: it is not enrolled at head office, so there is "
                "nothing to send."))
            return
        self._request(tell=True)

    def _request(self, tell: bool) -> None:
        if not self.enrolled():
            return
        self._tell = self._tell or tell
        if self.running:
            self._again = True  # once this round ends: what was sold meanwhile goes too
            self.changed.emit()  # the sale shows as waiting meanwhile
            return
        self.running, self._again = True, False
        self._telling, self._tell = self._tell, False
        self.rounds += 1
        self.changed.emit()
        Task(round_on_worker).progress(self._acknowledged).success(self._sent).failure(
            self._failed).run(self.pool)

    def _acknowledged(self, seq: int, _total: int) -> None:
        """Head office applied everything up to `seq`: move the cursor on (this thread).
        Should that fail, the batch is sent again next round and applied once."""
        try:
            outbox.acknowledged(seq)
        except Exception:  # noqa: BLE001 - resent next round, and head office applies it once
            log.exception("Could not record head office's acknowledgement of %s", seq)

    def _sent(self, result: RoundResult) -> None:
        """The outbox went up: now what head office changed comes down."""
        self._result, self._received, self._kinds = result, 0, set()
        start = download.changes_seq()
        self._download = (start, start, start)
        self._fetch(start)

    def _fetch(self, after: int) -> None:
        Task(lambda: page_on_worker(after)).success(self._page).failure(
            self._failed).run(self.pool)

    def _page(self, page: dict) -> None:
        try:
            self._received += download.apply_page(page["changes"], int(page["last"]))
        except Exception as exc:  # noqa: BLE001 - ends the round as any failure does
            self._failed(exc)
            return
        self._kinds.update(change["kind"] for change in page["changes"])
        if page["more"]:
            self._download = (self._download[0], int(page["last"]), int(page["head"]))
            self.changed.emit()  # the progress bar moves
            self._fetch(int(page["last"]))
            return
        if self._received:
            self._again = True  # what was applied is journalled: it goes up next round
        self._finished(self._result)

    def _reload(self) -> None:
        """What came down shows at once, even from a round that failed half way (each page
        is applied whole): the settings, the catalogue the register sells."""
        kinds, self._kinds = self._kinds, set()
        if "setting" in kinds:
            self.session.reload_settings()
        if kinds & {"product", "tax_class"}:
            self.session.catalogueChanged.emit()

    def download_progress(self) -> float | None:
        """How far a download of many pages is (0 to 1), for a progress bar; None when
        no such download is running (a round's few changes come in one page)."""
        if self._download is None:
            return None
        start, at, head = self._download
        return min(1.0, (at - start) / (head - start)) if head > start else None

    def _finished(self, result: RoundResult) -> None:
        self.crashed_at = None
        self._record(None)
        if self._telling:
            received = self._received
            if result.records or received:
                text = self.tr("Head office is up to date: {records} records sent, {received} "
                               "changes received.").format(records=result.records,
                                                           received=received)
            else:
                text = self.tr("Head office is up to date: nothing was waiting.")
            self.reported.emit(text)
        self._end()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosError):
            log.warning("Head-office sync: %s", exc)
            self._record(str(exc))
            text = self.tr("Head office could not be reached: {reason} The sales are kept "
                           "on this till and sent at the next round.").format(reason=exc)
        else:
            log.error("The head-office sync failed", exc_info=exc)
            self.crashed_at = dt.datetime.now(dt.UTC)
            self._record(f"An unexpected error stopped the round (see the log): "
                         f"{type(exc).__name__}: {exc}")
            text = self.tr("The sync with head office stopped on an unexpected error; it is "
                           "in the log. The sales are kept on this till.")
        if self._telling:
            self.reported.emit(text)
        self._end()

    def _record(self, error: str | None) -> None:
        try:
            service.record_round(error)
        except Exception:  # noqa: BLE001 - the status bar still says what happened
            log.exception("Could not record how the head-office round went")

    def _end(self) -> None:
        self._download = None
        self._reload()
        self.running = self._telling = False
        self.changed.emit()
        if self._again or self._tell:
            QTimer.singleShot(0, self._next_round)

    def _next_round(self) -> None:
        self._again = False
        self._request(tell=False)

    # what the status bar says ------------------------------------------------------------
    def status(self) -> tuple[str, str, bool] | None:
        """The status bar's words, their tooltip and whether they are bad news (offline, a
        failure); None for a till that stands alone."""
        try:
            link = service.state()
        except PosError as exc:
            log.warning("Could not read the head-office link: %s", exc)
            return None
        if link is None:
            return None
        key = self.tr("Sync now: {key}").format(key=SYNC_NOW_KEY)
        if self.crashed_at and (link.last_ok_at is None or self.crashed_at > link.last_ok_at):
            return (self.tr("HQ: sync failed at {time}").format(time=self._time(self.crashed_at)),
                    self.tr("The sync stopped on an unexpected error; it is in the log. The "
                            "sales are kept on this till. {key}").format(key=key), True)
        if link.offline_since is not None:
            return (self.tr("HQ: offline since {time}").format(
                time=self._time(link.offline_since)),
                self.tr("{reason} The sales are kept on this till and sent when head office "
                        "answers. {key}").format(reason=link.last_error or "", key=key), True)
        if link.waiting:
            return (self.tr("HQ: {count} waiting").format(count=link.waiting),
                    self.tr("Changes not yet at head office; they are sent in the background. "
                            "{key}").format(key=key), False)
        return self.tr("HQ: up to date"), key, False

    def _time(self, at: dt.datetime) -> str:
        moment = QDateTime.fromSecsSinceEpoch(int(at.timestamp())).toLocalTime()
        return QLocale(self.session.settings.locale).toString(moment.time(),
                                                              QLocale.FormatType.ShortFormat)


def connect_sync(session: Session, parent: QObject | None = None) -> SyncService:
    """The terminal's sync worker, on `session.sync_service`; started by the caller."""
    session.sync_service = SyncService(session, parent)
    return session.sync_service


def head_office_notice(parent: QWidget, text: str, name: str) -> QLabel:
    """One line that says head office owns what this page edits; shown only on a till
    enrolled at head office."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setProperty("headOffice", True)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    try:
        enrolled = service.enrolled()
    except PosError:
        enrolled = False
    label.setVisible(enrolled)
    return label
