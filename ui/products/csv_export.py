"""Exporting the catalogue to CSV from the Products page, and the file choosers.

An export reads the store, so it runs on the GUI thread, which owns the
connection: `pos.catalogue.csvio.export_products_steps` writes a page of 2,000 products
per step and a `Stepper` advances it between events (100,000 products take
about 0.6 s in all, in slices of ~30 ms), with progress and Cancel. A
cancelled or failed export leaves any older file as it was.

The file is UTF-8 with a byte order mark, which Excel needs to show
non-English names; the importer reads it back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from pos.catalogue.csvio import export_products_steps
from pos.errors import PosError
from ui.products.progress_dialog import ProgressDialog
from ui.products.stepper import Stepper

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def ask_import_path(parent: QWidget) -> Path | None:
    """Ask which CSV file to import; None if the person cancels."""
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("CsvExport", "Import products from CSV"), str(Path.home()),
        translate("CsvExport", "CSV files (*.csv *.txt);;All files (*)"))
    return Path(path) if path else None


def ask_export_path(parent: QWidget) -> Path | None:
    """Ask where to save the export; None if the person cancels."""
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("CsvExport", "Export products to CSV"),
        str(Path.home() / "products.csv"), translate("CsvExport", "CSV files (*.csv)"))
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".csv")


class ProductExporter(QObject):
    """One export; emits `exported(count, path)`, `failed(message)` or `cancelled()`."""

    exported = Signal(int, object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.path: Path | None = None
        self.progress: ProgressDialog | None = None
        self.stepper: Stepper | None = None

    def start(self, path: Path) -> None:
        self.path = Path(path)
        try:
            steps = export_products_steps(self.path, excel=True)
            steps.send(None)  # opens the store's count query now, so a refusal shows at once
        except PosError as exc:
            self.failed.emit(str(exc))
            return
        except StopIteration as stop:  # an empty store: the header is written already
            self.exported.emit(stop.value, self.path)
            return
        self.progress = ProgressDialog(self.tr("Exporting products"), self.tr(
            "Writing {name}…").format(name=self.path.name), self._parent)
        self.progress.cancelRequested.connect(self._cancel)
        self.progress.open()
        self.stepper = Stepper(steps, self, on_progress=self.progress.set_progress,
                               on_done=self._done, on_error=self._failed,
                               on_cancel=self._cancelled)
        self.stepper.start()

    def _cancel(self) -> None:
        if self.stepper is not None:
            self.stepper.cancel()

    def _close(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None

    def _done(self, count: int) -> None:
        self._close()
        self.exported.emit(count, self.path)

    def _failed(self, error: BaseException) -> None:
        self._close()
        if not isinstance(error, PosError):
            raise error  # a bug: the application's except hook logs it and says so
        self.failed.emit(str(error))

    def _cancelled(self) -> None:
        self._close()
        self.cancelled.emit()
