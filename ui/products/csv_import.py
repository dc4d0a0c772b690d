"""Importing a product CSV from the Products page, without freezing and with one writer.

The import follows `pos.catalogue.csvio`'s three steps, each where it belongs:

1. `product_snapshot()` on the GUI thread: currency, locale and tax classes,
   as plain data (the GUI thread owns the store's connection).
2. `plan_products_import(path, snapshot)` on a worker (`ui.workers.Task`):
   reading, decoding, parsing and checking every row, the slow part (about
   2.5 s for 100,000 rows), with progress and Cancel. It touches no database.
3. On the GUI thread, in slices driven by the event loop (`Stepper`):
   `check_products_against_store_steps` (existing SKUs, barcodes of other
   products) before the preview, then, when the person says Import,
   `apply_products_import_steps`, which checks again and writes in one
   transaction, with progress; Cancel rolls it back.

Nothing is written before the preview was shown and Import pressed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from pos.catalogue.csvio import (
    CsvRejected,
    EncodingNotRecognised,
    ImportReport,
    ProductPlan,
    ProductSnapshot,
    apply_products_import_steps,
    check_products_against_store_steps,
    plan_products_import,
    product_snapshot,
)
from pos.errors import PosError
from pos.store.db import database
from ui.products.import_preview import ImportPreviewDialog
from ui.products.progress_dialog import ProgressDialog
from ui.products.stepper import Stepper
from ui.session import Session
from ui.workers import Task


def _plan(path: Path, snapshot: ProductSnapshot, encoding: str | None,
          report: Callable[[int, int], None]) -> ProductPlan:
    """The worker's job: no widget, no query (looked up at call time, for tests)."""
    return plan_products_import(path, snapshot, encoding=encoding, progress=report)


class ProductImporter(QObject):
    """One import, from reading the file to the written products.

    Emits `imported(report)` after a successful write (and
    `session.catalogueChanged`), or `cancelled()` if the person gave up
    before anything was written.
    """

    imported = Signal(object)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._parent = parent
        self._pool = pool
        self.path: Path | None = None
        self.plan: ProductPlan | None = None
        self.preview: ImportPreviewDialog | None = None
        self.progress: ProgressDialog | None = None
        self.task: Task | None = None
        self.stepper: Stepper | None = None

    @property
    def busy(self) -> bool:
        return self.progress is not None

    def start(self, path: Path) -> ImportPreviewDialog:
        """Open the preview for `path` and start reading the file."""
        self.path = Path(path)
        self.preview = ImportPreviewDialog(str(self.path), self._parent,
                                           locale=self.session.settings.locale)
        self.preview.importRequested.connect(self._apply)
        self.preview.encodingChosen.connect(self.read)
        self.preview.rejected.connect(self._preview_closed)
        self.preview.open()
        self.read(None)
        return self.preview

    # 1 and 2: snapshot on this thread, plan on a worker ----------------------------------
    def read(self, encoding: str | None = None) -> None:
        """Read and check the file (again, with `encoding`, or detecting it)."""
        assert self.preview is not None and self.path is not None
        try:
            snapshot = product_snapshot()
        except PosError as exc:
            self.preview.show_file_error(str(exc))
            return
        self.plan = None
        self.preview.set_busy(True)
        self._open_progress(self.tr("Reading the file"),
                            self.tr("Reading and checking {name}…").format(name=self.path.name))
        self.task = (Task(functools.partial(_plan, self.path, snapshot, encoding))
                     .progress(self._read_progress)
                     .success(self._read_done)
                     .failure(self._read_failed)
                     .cancelled(self._read_cancelled)
                     .run(self._pool))

    def _read_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.set_progress(done, total)
            self.progress.set_text(self.tr("Checking row {done} of {total}…").format(
                done=self._number(done), total=self._number(total)))

    def _number(self, value: int) -> str:
        return format_decimal(value, locale=self.session.settings.locale)

    def _release_task(self) -> None:
        # Task and its relay refer to each other, so without this the relay (a QObject
        # of this thread) would wait for the cyclic garbage collector, which may run on
        # any thread; deleteLater destroys it here, once its signal has been handled.
        if self.task is not None:
            self.task.relay.deleteLater()
            self.task = None

    def _read_done(self, plan: ProductPlan) -> None:
        self._release_task()
        if self.preview is None:  # closed meanwhile
            self._close_progress()
            return
        self.plan = plan
        if self.progress is not None:
            self.progress.set_text(self.tr("Looking up the file's products in the store…"))
        self._run(check_products_against_store_steps(plan), self._checked, self._check_failed,
                  self._read_cancelled)

    def _read_failed(self, error: BaseException) -> None:
        self._release_task()
        self._close_progress()
        if self.preview is None:
            return
        self.preview.set_busy(False)
        if isinstance(error, EncodingNotRecognised):
            self.preview.show_file_error(self.tr(
                "{name} is not UTF-8 and its encoding could not be recognised for sure. Choose "
                "the encoding above, or save the file as \u201cCSV UTF-8\u201d in the "
                "spreadsheet.").format(name=error.path.name))
        elif isinstance(error, PosError):
            self.preview.show_file_error(str(error))
        else:
            self._close_preview()
            raise error  # a bug: the application's except hook logs it and says so

    def _read_cancelled(self) -> None:
        self._release_task()
        self._close_progress()
        if self.preview is not None:  # else closed already, and `cancelled` was emitted
            self._close_preview()
            self.cancelled.emit()

    def _checked(self, _result: object) -> None:
        self._close_progress()
        if self.preview is not None and self.plan is not None:
            self.preview.set_busy(False)
            self.preview.show_plan(self.plan)

    def _check_failed(self, error: BaseException) -> None:
        self._close_progress()
        if self.preview is None:
            return
        self.preview.set_busy(False)
        if not isinstance(error, PosError):
            self._close_preview()
            raise error
        self.preview.show_file_error(str(error))

    # 3: write on this thread, in slices ------------------------------------------------
    def _apply(self, skip_bad: bool) -> None:
        if self.plan is None or self.preview is None or self.busy:
            return
        if database.in_transaction():
            self.preview.show_write_error(self.tr(
                "The store is busy saving something else; try again in a moment."))
            return
        self.preview.set_busy(True)
        self._open_progress(self.tr("Importing products"),
                            self.tr("Writing the products of {name}…").format(
                                name=self.path.name))
        self._run(apply_products_import_steps(self.plan, skip_bad=skip_bad), self._applied,
                  self._apply_failed, self._apply_cancelled)

    def _applied(self, report: ImportReport) -> None:
        self._close_progress()
        if self.preview is not None:
            self.preview.accept()
        self._close_preview()
        self.session.catalogueChanged.emit()
        self.imported.emit(report)

    def _apply_failed(self, error: BaseException) -> None:
        self._close_progress()
        assert self.preview is not None and self.plan is not None
        if isinstance(error, CsvRejected):
            # The store changed since the preview (the re-check is in the transaction).
            self.preview.show_plan(self.plan)
            self.preview.show_write_error(self.tr(
                "The store changed since the file was checked, and some rows are now wrong; "
                "nothing was imported. See the problems below."))
        elif isinstance(error, PosError):
            self.preview.show_plan(self.plan)
            self.preview.show_write_error(self.tr("{reason} Nothing was imported.").format(
                reason=str(error)))
        else:
            self._close_preview()
            raise error
        self.preview.set_busy(False)

    def _apply_cancelled(self) -> None:
        self._close_progress()
        if self.preview is not None and self.plan is not None:
            self.preview.show_plan(self.plan)
            self.preview.set_busy(False)
            self.preview.message.show_info(self.tr("The import was cancelled; nothing was "
                                                   "imported."))

    # plumbing -----------------------------------------------------------------------------
    def _run(self, steps, done, failed, cancelled) -> None:
        self.stepper = Stepper(steps, self, on_progress=self._step_progress, on_done=done,
                               on_error=failed, on_cancel=cancelled)
        self.stepper.start()

    def _step_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.set_progress(done, total)

    def _open_progress(self, title: str, text: str) -> None:
        self._close_progress()
        self.progress = ProgressDialog(title, text, self.preview)
        self.progress.cancelRequested.connect(self._cancel)
        self.progress.open()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the worker stops at its next progress report
        elif self.stepper is not None and self.stepper.running:
            self.stepper.cancel()

    def _preview_closed(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.stepper is not None and self.stepper.running:
            self.stepper.cancel()
        self._close_progress()
        self._close_preview()
        self.cancelled.emit()

    def _close_preview(self) -> None:
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.rejected.disconnect(self._preview_closed)
            preview.close()
            preview.deleteLater()
