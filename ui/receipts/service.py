"""The terminal's receipt printing, as the windows use it.

`ReceiptService` is what `session.receipt_printer` (after a sale), the order
history (reprint), the "No sale" action and the Settings page (test page)
call. It reads the order on the GUI thread (the store's connection lives
there), freezes it into a `Receipt`, and hands the rest to a worker: the
ESC/POS bytes are made and sent there, so a printer that is off or stuck
never freezes the till. The sale is saved before any of this starts; a
failure opens a `PrintProblemDialog` (Retry, Print elsewhere, Skip).

System printers and PDF files are drawn with Qt on the GUI thread: the spooler
or the disk takes the page at once, and Qt's painting belongs to that thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pos.errors import PosError
from pos.receipts.escpos_output import (
    codepage_for,
    document_bytes,
    drawer_bytes,
    receipt_bytes,
)
from pos.receipts.model import Receipt, build_receipt, build_refund_receipt
from pos.receipts.text_layout import printer_check_lines
from pos.receipts.transports import ESCPOS_KINDS, TIMEOUT, PrinterError, send
from pos.settings import StoreSettings
from pos.store.models import Order, Refund
from ui.receipts.document import ROLL, render, render_roll, text_roll, write_pdf
from ui.receipts.elsewhere import preview
from ui.receipts.problem_dialog import PrintProblemDialog
from ui.session import Session
from ui.workers import Task

log = logging.getLogger(__name__)

Report = Callable[[str], None]


class ReceiptService(QObject):
    printed = Signal(str)
    """A job reached the printer; carries what was printed (a receipt number or a word)."""
    failed = Signal(str)
    """A job failed; carries the message shown."""

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.timeout = TIMEOUT
        """Seconds a printer may take to answer before it counts as stuck."""

    # the hooks ---------------------------------------------------------------------
    def print_sale(self, order: Order, parent: QWidget | None = None) -> None:
        """`session.receipt_printer`: the receipt of a sale just saved, if printing is on."""
        settings = self.session.settings
        if settings.auto_print and settings.printer != "none":
            self.print_receipt(build_receipt(order, settings, cashier=self.session.cashier))

    def print_refund(self, refund: Refund) -> None:
        """The history's refund hook: the refund's receipt (a cash refund opens the drawer)."""
        settings = self.session.settings
        if settings.printer != "none":
            self.print_receipt(build_refund_receipt(refund, settings,
                                                    cashier=self.session.cashier))

    def reprint(self, order: Order) -> None:
        """The order history's reprint: a copy, marked so, that never opens the drawer.
        Without a printer it opens the print preview (any printer, or Save as PDF)."""
        if not order.receipt_no:
            raise PosError("This order is not paid yet, so it has no receipt to print.")
        receipt = build_receipt(order, self.session.settings, cashier=self.session.cashier,
                                copy=True)
        if self.session.settings.printer == "none":
            preview(receipt, ROLL, self.window)
        else:
            self.print_receipt(receipt)

    def open_drawer(self) -> None:
        """"No sale": open the cash drawer (the staff issue adds the permission check)."""
        settings = self.session.settings
        if settings.printer not in ESCPOS_KINDS:
            raise PrinterError("The cash drawer opens through an ESC/POS receipt printer, and "
                               "none is set up. Choose one in Settings.")
        self._escpos(settings, lambda: drawer_bytes(settings.drawer_pin), "drawer", None)

    def print_test_page(self, settings: StoreSettings, report: Report) -> None:
        """Print a test page with `settings` (maybe not saved yet); `report` gets a
        sentence saying how it went."""
        if settings.printer == "none":
            report(self.tr("Choose a printer first."))
            return
        try:
            codepage = codepage_for(settings.printer_codepage, settings.locale)
        except PosError as exc:
            report(str(exc))
            return
        lines = printer_check_lines(settings.store_name, settings.locale,
                                    settings.printer_width, codepage)
        if settings.printer in ESCPOS_KINDS:
            self._escpos(settings, lambda: document_bytes(
                lines, columns=settings.printer_width, codepage=codepage), "test", None,
                report)
            return
        try:
            device = self._qt_device(settings, "printer-test")
            render_roll(device, text_roll(lines, settings.printer_width))
        except PosError as exc:
            report(str(exc))
        else:
            report(self.tr("The test page was printed."))

    def print_document(self, lines: list[str], what: str) -> None:
        """Print lines of text already laid out for the paper (an X or Z report) on the
        configured printer; `what` names the job. A failure opens the problem dialog."""
        settings = self.session.settings
        if settings.printer == "none":
            raise PrinterError("No receipt printer is set up. Choose one in Settings.")
        if settings.printer in ESCPOS_KINDS:
            codepage = codepage_for(settings.printer_codepage, settings.locale)
            self._escpos(settings, lambda: document_bytes(
                lines, columns=settings.printer_width, codepage=codepage), what, None)
            return
        try:
            render_roll(self._qt_device(settings, what), text_roll(lines, settings.printer_width))
        except (PosError, OSError) as exc:
            self._problem(str(exc), lambda: self.print_document(lines, what), None)
            return
        self.printed.emit(what)

    # printing ------------------------------------------------------------------------
    def print_receipt(self, receipt: Receipt) -> None:
        """Print `receipt` on the configured printer; a failure opens the problem dialog."""
        settings = self.session.settings
        if settings.printer in ESCPOS_KINDS:
            self._escpos(settings, lambda: receipt_bytes(
                receipt, columns=settings.printer_width, codepage=settings.printer_codepage,
                drawer_pin=settings.drawer_pin), receipt.number, receipt)
            return
        try:
            if settings.printer == "pdf":
                folder = Path(settings.printer_target or ".")
                write_pdf(receipt, folder / f"receipt-{receipt.number}.pdf")
            else:
                render(self._qt_device(settings, receipt.number), receipt)
        except (PosError, OSError) as exc:
            self._problem(str(exc), lambda: self.print_receipt(receipt), receipt)
            return
        self.printed.emit(receipt.number)

    def _escpos(self, settings: StoreSettings, make: Callable[[], bytes], what: str,
                receipt: Receipt | None, report: Report | None = None) -> None:
        """Make the bytes and send them on a worker; come back here with the outcome."""
        kind, target, timeout = settings.printer, settings.printer_target, self.timeout

        def job() -> None:  # runs on the worker: no store, no widgets
            send(kind, target, make(), timeout)

        def done(_result) -> None:
            if report:
                report(self.tr("The test page was sent to the printer."))
            self.printed.emit(what)

        def failed(error: BaseException) -> None:
            message = self._message(error)
            if report:
                report(message)
                self.failed.emit(message)
            else:
                self._problem(message, lambda: self._escpos(settings, make, what, receipt),
                              receipt)

        Task(job).success(done).failure(failed).run()

    def _qt_device(self, settings: StoreSettings, name: str) -> QPrinter:
        """The system printer the settings name (or the default one)."""
        if settings.printer == "pdf":
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFileName(str(Path(settings.printer_target or ".")
                                          / f"{name}.pdf"))
            return printer
        names = QPrinterInfo.availablePrinterNames()
        wanted = settings.printer_target or QPrinterInfo.defaultPrinterName()
        if not wanted or wanted not in names:
            raise PrinterError(f"The system printer {wanted or '(default)'} is not "
                               "installed on this computer. Choose another in Settings.")
        printer = QPrinter(QPrinterInfo.printerInfo(wanted),
                           QPrinter.PrinterMode.HighResolution)
        printer.setDocName(name)
        return printer

    def _message(self, error: BaseException) -> str:
        if isinstance(error, PosError):
            return str(error)
        log.error("Printing failed", exc_info=error)
        return self.tr("The receipt could not be printed because of an error inside the "
                       "program ({error}).").format(error=type(error).__name__)

    def _problem(self, message: str, retry: Callable[[], None],
                 receipt: Receipt | None) -> None:
        dialog = PrintProblemDialog(message, retry, receipt, self.window)
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):  # the checkout: its buttons come first, then ours
            modal.finished.connect(dialog.show)
        else:
            dialog.show()
        self.failed.emit(message)
