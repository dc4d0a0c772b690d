"""Running slow work off the GUI thread, with results delivered back on it.

Modelled on Anki's `QueryOp` over its task manager: a `Task` runs a plain
function on a `QThreadPool` worker; its result, error or progress travels by
signal to a `_Relay` that lives on the GUI thread, whose bound slots call the
callbacks there (a lambda has no thread, so its call could run on the worker).
Progress is whatever values the function reports: `(done, total)` counts, or
one object such as a payment's `Progress`.
In-flight tasks are kept referenced until they finish (as superqt does).

The worker function must not touch widgets or the store: peewee's database
has `autoconnect=False`, so a query from a worker fails loudly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a worker function (through `progress`) when the user cancels."""


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)  # the tuple of values the worker reported

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progress)

    @Slot(object)
    def _on_finished(self, value: Any) -> None:
        self._task._done()
        if self._task.on_success:
            self._task.on_success(value)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._task._done()
        if isinstance(error, Cancelled):
            if self._task.on_cancel:
                self._task.on_cancel()
            return
        if self._task.on_failure:
            self._task.on_failure(error)
        else:
            log.error("Background task failed", exc_info=error)

    @Slot(object)
    def _on_progress(self, values: tuple) -> None:
        if self._task.on_progress:
            self._task.on_progress(*values)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            value = task.fn(task.report_progress) if task.wants_progress else task.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            task.relay.failed.emit(exc)
        else:
            task.relay.finished.emit(value)


_in_flight: set[Task] = set()


class Task:
    """`Task(fn).success(cb).failure(cb).progress(cb).run()`; create it on the GUI thread.

    With `.progress(cb)`, `fn` is called with one argument, `report(*values)`
    (`report(done, total)`, or `report(obj)`), which calls `cb(*values)` on the GUI
    thread and raises `Cancelled` once `cancel()` was called.
    """

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.on_success: Callable[[Any], None] | None = None
        self.on_failure: Callable[[BaseException], None] | None = None
        self.on_progress: Callable[..., None] | None = None
        self.on_cancel: Callable[[], None] | None = None
        self.wants_progress = False
        self._cancelled = threading.Event()
        self.relay = _Relay(self)

    def success(self, callback: Callable[[Any], None]) -> Task:
        self.on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self.on_failure = callback
        return self

    def progress(self, callback: Callable[..., None]) -> Task:
        self.on_progress, self.wants_progress = callback, True
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task:
        self.on_cancel = callback
        return self

    def cancel(self) -> None:
        self._cancelled.set()

    def report_progress(self, *values: Any) -> None:
        if self._cancelled.is_set():
            raise Cancelled
        self.relay.progressed.emit(values)

    def run(self, pool: QThreadPool | None = None) -> Task:
        _in_flight.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def _done(self) -> None:
        """Forget the task and free its relay on the GUI thread (never by the garbage
        collector on a worker: the two refer to each other)."""
        _in_flight.discard(self)
        self.relay.deleteLater()


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Wait for every pooled worker (tests and shutdown)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
