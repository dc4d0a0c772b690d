"""The Settings page's receipt printer part: which printer, its address or device, the
paper width, the code page, the cash drawer's pin, printing after each sale, and a
test page printed with what the form holds (before it is saved)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QWidget

from pos.errors import PosError
from pos.settings import StoreSettings
from ui.forms import (
    MessageLabel,
    add_form_rows,
    combo_box,
    growing_form,
    line_edit,
    touch_button,
)

CODEPAGES = ("GB18030", "CP437", "CP858", "CP850", "CP852", "CP866", "CP1252")
TestPrinter = Callable[[StoreSettings, Callable[[str], None]], None]


class PrinterSection(QGroupBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Receipt printer"), parent)
        self.setObjectName("printerGroup")
        self.test_printer: TestPrinter | None = None
        """Prints a test page (set by the main window); None: printing is not wired."""
        self.current: Callable[[], StoreSettings] | None = None
        """The settings the form holds now (set by the Settings page)."""
        self.kind_combo = combo_box(self, "printerCombo", self.tr("Receipt printer"))
        for text, kind in ((self.tr("None"), "none"),
                           (self.tr("Network (ESC/POS, TCP 9100)"), "network"),
                           (self.tr("USB (ESC/POS)"), "usb"),
                           (self.tr("Serial port (ESC/POS)"), "serial"),
                           (self.tr("File or device (ESC/POS)"), "file"),
                           (self.tr("System printer"), "system"),
                           (self.tr("PDF files in a folder"), "pdf")):
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.target_edit = line_edit(self, "printerTargetEdit",
                                     self.tr("Printer address or device"), max_length=200)
        self.width_combo = combo_box(self, "printerWidthCombo", self.tr("Paper width"))
        for columns, text in ((32, self.tr("58 mm (32 characters)")),
                              (42, self.tr("80 mm (42 characters)")),
                              (48, self.tr("80 mm (48 characters)"))):
            self.width_combo.addItem(text, columns)
        self.codepage_combo = combo_box(self, "printerCodepageCombo", self.tr("Code page"),
                                        editable=True)
        self.codepage_combo.addItem(self.tr("Automatic"), "")
        for name in CODEPAGES:
            self.codepage_combo.addItem(name, name)
        self.drawer_combo = combo_box(self, "drawerPinCombo", self.tr("Cash drawer pin"))
        self.drawer_combo.addItem(self.tr("Pin 2"), 2)
        self.drawer_combo.addItem(self.tr("Pin 5"), 5)
        self.auto_print_check = QCheckBox(self.tr("Print the receipt after each sale"), self)
        self.auto_print_check.setObjectName("autoPrintCheck")
        self.test_button = touch_button(self.tr("Print a &test page"), self,
                                        "printerTestButton", secondary=True)
        self.test_button.clicked.connect(self.print_test_page)
        self.message = MessageLabel(self, "printerMessage")
        form = growing_form(self)
        add_form_rows(form, ((self.tr("Pri&nter"), self.kind_combo),
                             (self.tr("&Where"), self.target_edit),
                             (self.tr("Paper &width"), self.width_combo),
                             (self.tr("C&ode page"), self.codepage_combo),
                             (self.tr("Drawer p&in"), self.drawer_combo)), self)
        form.addRow(self.auto_print_check)
        form.addRow(self.test_button)
        form.addRow(self.message)

    def load(self, settings: StoreSettings) -> None:
        _choose(self.kind_combo, settings.printer)
        self.target_edit.setText(settings.printer_target)
        _choose(self.width_combo, settings.printer_width)
        index = self.codepage_combo.findData(settings.printer_codepage)
        if index >= 0:
            self.codepage_combo.setCurrentIndex(index)
        else:
            self.codepage_combo.setEditText(settings.printer_codepage)
        _choose(self.drawer_combo, settings.drawer_pin)
        self.auto_print_check.setChecked(bool(settings.auto_print))
        self._kind_changed()

    def values(self) -> dict[str, Any]:
        """The printer fields as `save_settings` takes them."""
        text = self.codepage_combo.currentText().strip()
        index = self.codepage_combo.findText(text)
        codepage = self.codepage_combo.itemData(index) if index >= 0 else text.upper()
        return {
            "printer": self.kind_combo.currentData(),
            "printer_target": self.target_edit.text().strip(),
            "printer_width": self.width_combo.currentData(),
            "printer_codepage": codepage,
            "drawer_pin": self.drawer_combo.currentData(),
            "auto_print": int(self.auto_print_check.isChecked()),
        }

    def print_test_page(self) -> None:
        self.message.clear_message()
        if self.test_printer is None or self.current is None:
            self.message.show_info(self.tr("Printing is not available here."))
            return
        try:
            settings = self.current()
        except PosError as exc:
            self.message.show_error(str(exc))
            return
        self.message.show_info(self.tr("Printing a test page…"))
        self.test_printer(settings, self._report)

    def _report(self, text: str) -> None:
        self.message.show_info(text)

    def _kind_changed(self) -> None:
        hints = {
            "none": "", "network": self.tr("192.168.1.50:9100"),
            "usb": self.tr("vendor:product, like 04b8:0202"),
            "serial": self.tr("/dev/ttyUSB0 or COM3"), "file": self.tr("/dev/usb/lp0"),
            "system": self.tr("the printer's name (empty: the default printer)"),
            "pdf": self.tr("the folder for the PDF files"),
        }
        kind = self.kind_combo.currentData()
        self.target_edit.setPlaceholderText(hints.get(kind, ""))
        self.target_edit.setEnabled(kind != "none")


def _choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))
