"""Reading a report off the GUI thread, on the worker's own connection.

peewee keeps one connection per thread and the store's database has
`autoconnect=False`, so a worker cannot use the GUI thread's connection (and
must not: ui/workers.py). A report job opens its own read connection to the
same store file inside the worker, reads every table in one read transaction
(WAL: the till keeps writing meanwhile) and closes it at the end; only plain
data (`pos.views.sales_report.Report`) travels back, by the task's signal.

A newer request supersedes an older one: the older result is dropped, and its
query is interrupted (`sqlite3.Connection.interrupt`, safe from another thread)
so a year-long report nobody waits for does not keep a core busy.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from functools import partial

from PySide6.QtCore import QObject, Signal

from pos.errors import PosError
from pos.store.db import database, translate_errors
from pos.views.sales_report import Report, build_report
from ui.workers import Cancelled, Task


class _Job:
    """One request; `run` executes on a pool thread, `cancel` on the GUI thread."""

    def __init__(self, since: dt.date, until: dt.date) -> None:
        self.since, self.until = since, until
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()

    def run(self) -> Report:
        opened = database.connect(reuse_if_open=True)
        try:
            with self._lock:
                if self._cancelled:
                    raise Cancelled
                self._conn = database.connection()
            try:
                with translate_errors():
                    return build_report(self.since, self.until)
            except PosError:
                if self._cancelled:
                    raise Cancelled from None
                raise
        finally:
            with self._lock:
                self._conn = None
            if opened:
                database.close()


class ReportLoader(QObject):
    """Loads reports in the background; emits `loaded(Report)` or `failed(message)`."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: _Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def load(self, since: dt.date, until: dt.date) -> None:
        """Start reading [since, until); any request still running is dropped."""
        self.cancel()
        job = self._job = _Job(since, until)
        (Task(job.run).success(partial(self._finished, job))
         .failure(partial(self._failed, job)).run())

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _finished(self, job: _Job, report: Report) -> None:
        if job is self._job:
            self._job = None
            self.loaded.emit(report)

    def _failed(self, job: _Job, error: BaseException) -> None:
        current = job is self._job
        if current:
            self._job = None
        if not isinstance(error, PosError):
            raise error  # a bug: the application's except hook logs it and says so
        if current:
            self.failed.emit(str(error))
