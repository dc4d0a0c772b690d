"""Printing a receipt somewhere else: Save as PDF (80 mm roll or A4 invoice) or a print
preview, from which any system printer can be chosen.

Used when the receipt printer fails, and for a reprint on a terminal without
one. The file chooser is looked up at call time so tests can replace it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from pos.receipts.model import Receipt
from ui.focus import give_focus_back
from ui.forms import fix_minimum_size
from ui.receipts.document import A4, ROLL, render, write_pdf


def save_pdf(receipt: Receipt, layout: str, parent: QWidget | None) -> Path | None:
    """Ask for a file name and save the receipt there; None if the person cancelled."""
    name = f"receipt-{receipt.number}.pdf"
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("PrintElsewhere", "Save the receipt as PDF"), name,
        QCoreApplication.translate("PrintElsewhere", "PDF files (*.pdf)"))
    return write_pdf(receipt, Path(path), layout) if path else None


class _Preview(QPrintPreviewDialog):
    """A print preview of one receipt; Print there goes to any system printer."""

    def __init__(self, receipt: Receipt, layout: str, parent: QWidget | None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self.printer, parent)
        self.setObjectName("receiptPreview")
        self.receipt, self.page_layout = receipt, layout
        self.paintRequested.connect(self._paint)
        fix_minimum_size(self, 640, 480)
        # Wide enough for the whole tool bar (Print sits at its end), inside the screen.
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(960, screen.width() - 40), min(720, screen.height() - 40))
        self.finished.connect(lambda _code: give_focus_back(parent))

    def _paint(self, printer: QPrinter) -> None:
        render(printer, self.receipt, self.page_layout)


def preview(receipt: Receipt, layout: str, parent: QWidget | None) -> QPrintPreviewDialog:
    """Open the preview window (window-modal, so the rest of the program keeps running)."""
    dialog = _Preview(receipt, layout, parent)
    dialog.open()
    return dialog


def elsewhere_menu(receipt: Receipt, parent: QWidget) -> QMenu:
    """The choices of "Print elsewhere"."""
    menu = QMenu(parent)
    menu.setObjectName("printElsewhereMenu")
    choices = (
        (QCoreApplication.translate("PrintElsewhere", "Save as PDF (80 mm roll)…"),
         save_pdf, ROLL),
        (QCoreApplication.translate("PrintElsewhere", "Save as PDF (A4 invoice)…"),
         save_pdf, A4),
        (QCoreApplication.translate("PrintElsewhere",
                                    "Print preview, another printer (80 mm roll)…"),
         preview, ROLL),
        (QCoreApplication.translate("PrintElsewhere",
                                    "Print preview, another printer (A4 invoice)…"),
         preview, A4))
    for text, run, layout in choices:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False, r=run, lay=layout: r(receipt, lay, parent))
    return menu
