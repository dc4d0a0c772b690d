"""Automatic backups in the windows: at every shift close, and once a day.

`BackupService` takes the store's backup (`pos.store.backups.take_backup`: an online
copy, checked, the last N kept) on a `Task` worker with its own read-only connection,
so the till sells on meanwhile; never two at once (a request during one runs one more
after it). The daily backup is the first one of a day: at start-up and every hour the
worker looks in the folder for one taken today. How it went reaches the cashier as one
sentence (`reported`) for the status bar: a missing folder, a full disk or a failed
check in plain words, a bug only as "see the log". Nothing here waits for a backup.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from pos.errors import PosError
from pos.settings import backups_path
from pos.store.backups import Checked, newest_backup_day, take_backup
from pos.store.db import store_path
from ui.session import Session
from ui.workers import Task

log = logging.getLogger(__name__)

DAILY_CHECK_MS = 60 * 60 * 1000  # a till left running past midnight backs up the new day


def backup_on_worker(folder: Path, keep: int, create_folder: bool, daily: bool) -> Checked | None:
    """The backup (worker thread); None when `daily` and the folder already holds one of
    today's."""
    if daily and newest_backup_day(folder, store_path()) == dt.date.today():
        return None
    return take_backup(folder, keep, create_folder=create_folder)


class BackupService(QObject):
    reported = Signal(str, bool)
    """A sentence for the status bar, and whether it is bad news."""
    finished = Signal()
    """A backup ended, well or not (tests)."""

    def __init__(self, session: Session, parent: QObject | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pool = pool
        self.running = False
        self._again: bool | None = None  # asked meanwhile: daily (True) or not (False)
        self.last: Checked | None = None  # the last backup kept (tests, diagnostics)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.daily)
        session.shiftClosed.connect(self.backup)

    def start(self) -> None:
        """Today's backup if there is none yet, and the hourly look for a new day."""
        self._timer.start(DAILY_CHECK_MS)
        self.daily()

    def stop(self) -> None:
        self._timer.stop()

    def idle(self) -> bool:
        return not self.running and self._again is None

    def daily(self) -> None:
        self._request(daily=True)

    def backup(self) -> None:
        """A backup now (a shift was closed)."""
        self._request(daily=False)

    def _request(self, daily: bool) -> None:
        if self.running:
            self._again = daily and self._again is not False  # a full one wins
            return
        self.running = True
        settings = self.session.settings
        folder, keep = backups_path(settings), settings.backups_keep
        create = not settings.backup_folder.strip()  # only the data folder's is made
        Task(lambda: backup_on_worker(folder, keep, create, daily)).success(
            self._done).failure(self._failed).run(self.pool)

    def _done(self, checked: Checked | None) -> None:
        if checked is not None:
            self.last = checked
            self.reported.emit(self.tr("Backup saved: {file}").format(file=checked.path.name),
                               False)
        self._end()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosError):
            log.warning("Backup failed: %s", exc)
            text = self.tr("Backup failed: {reason} Selling goes on; a manager should check "
                           "the backup folder in Settings.").format(reason=exc)
        else:
            log.error("The backup stopped on an unexpected error", exc_info=exc)
            text = self.tr("The backup stopped on an unexpected error; it is in the log. "
                           "Selling goes on.")
        self.reported.emit(text, True)
        self._end()

    def _end(self) -> None:
        self.running = False
        self.finished.emit()
        if self._again is not None:
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        daily, self._again = self._again, None
        if daily is not None:
            self._request(daily)


def connect_backups(session: Session, parent: QObject | None = None) -> BackupService:
    """The terminal's automatic backups, on `session.backup_service`; started by the caller."""
    session.backup_service = BackupService(session, parent)
    return session.backup_service
