"""Running store work on the GUI thread in slices, so the window never freezes.

The store's connection belongs to the GUI thread (peewee's `autoconnect=False`
makes a query from a worker fail), and DESIGN.md wants one writer. So a long
read or write (checking 100,000 rows against the store, writing them, an
export) cannot move to a worker. Instead the `pos` service offers it as a
generator that yields between batches (`apply_products_import_steps`,
`export_products_steps`), and a `Stepper` advances it from the event loop for
about `SLICE_MS` at a time: between slices Qt paints, timers fire and the
Cancel button works. Closing the generator (cancel) runs its `finally` and
`with` exits, which roll its transaction back.

A transaction held open across slices is shared by anything else that uses
the connection meanwhile, so the dialogs that drive a stepper are modal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QTimer

SLICE_MS = 30
"""Work per turn of the event loop: well under the 100 ms a person notices."""


class Stepper(QObject):
    """Drive `steps` (a generator of (done, total) that returns a result) on this thread.

    Calls `on_progress(done, total)` after each slice, then exactly one of
    `on_done(result)`, `on_error(exception)` or `on_cancel()`. Plain callbacks,
    not signals: everything runs on the GUI thread anyway, and PySide 6.12 on
    Python 3.11 drops a reference to `True` on every `emit()` made from Python
    (it returns True without a new reference), so a signal per slice would
    count `True` down towards a fatal "deallocating True" at exit.
    """

    def __init__(self, steps: Generator[tuple[int, int], None, Any],
                 parent: QObject | None = None, slice_ms: int = SLICE_MS, *,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._steps = steps
        self._slice = slice_ms / 1000
        self._state = "new"  # new, running, done
        self.on_progress = on_progress
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancel = on_cancel
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._advance)

    @property
    def running(self) -> bool:
        return self._state == "running"

    def start(self) -> Stepper:
        if self._state == "new":
            self._state = "running"
            self._timer.start()
        return self

    def cancel(self) -> None:
        """Stop before the next slice and close the generator (rolling back its work)."""
        if self._state != "running":
            return
        self._state = "done"
        self._timer.stop()
        self._steps.close()
        if self.on_cancel:
            self.on_cancel()

    def _advance(self) -> None:
        if self._state != "running":
            return
        deadline = time.perf_counter() + self._slice
        done = total = 0
        try:
            while True:
                done, total = next(self._steps)
                if time.perf_counter() >= deadline:
                    break
        except StopIteration as stop:
            self._state = "done"
            if self.on_done:
                self.on_done(stop.value)
            return
        except Exception as exc:  # noqa: BLE001 - handed to the owner, which explains it
            self._state = "done"
            if self.on_error:
                self.on_error(exc)
            else:
                raise
            return
        if self.on_progress:
            self.on_progress(done, total)  # may process events: cancel() is safe here
        if self._state == "running":
            self._timer.start()
