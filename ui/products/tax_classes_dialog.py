"""The dialog that lists the store's tax classes and adds or changes one.

A rate is typed as a percentage and read by `pos.tax.parse_rate` ("19",
"8,875 %"), shown with `format_rate`, and saved with
`pos.catalogue.products.ensure_tax_class`. A store has a handful of classes, so a plain
`QTableWidget` read in one query is enough.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalogue.products import ensure_tax_class
from pos.errors import InputError, PosError
from pos.store.db import translate_errors
from pos.store.models import TaxClass
from pos.tax import format_rate, parse_rate
from ui.forms import (
    MessageLabel,
    add_form_rows,
    button_row,
    dialog_layout,
    fix_minimum_size,
    growing_form,
    line_edit,
    touch_button,
)

_CODE, _NAME, _RATE = range(3)


class TaxClassesDialog(QDialog):
    """Emits `changed()` after each saved tax class."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taxClassesDialog")
        self.setWindowTitle(self.tr("Tax classes"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(820, 460)

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("taxClassTable")
        self.table.setAccessibleName(self.tr("Tax classes"))
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Rate")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_RATE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)

        self.code_edit = line_edit(self, "taxClassCode", self.tr("Code"))
        self.code_edit.setPlaceholderText(self.tr("Short, like standard or food"))
        self.name_edit = line_edit(self, "taxClassName", self.tr("Name"))
        self.name_edit.setPlaceholderText(self.tr("Like VAT 19%, as on receipts"))
        self.rate_edit = line_edit(self, "taxClassRate", self.tr("Rate in percent"))
        self.rate_edit.setPlaceholderText(self.tr("Percent, like 19 or 8.875"))
        self.rate_edit.returnPressed.connect(self.save)
        self.message = MessageLabel(self, "taxClassMessage")
        self.new_button = touch_button(self.tr("&New"), self, "taxClassNewButton",
                                       secondary=True, accessible=self.tr("New tax class"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button = touch_button(self.tr("&Save"), self, "taxClassSaveButton",
                                        accessible=self.tr("Save tax class"))
        self.save_button.clicked.connect(self.save)
        self.close_button = touch_button(self.tr("Close"), self, "taxClassCloseButton",
                                         secondary=True)
        self.close_button.clicked.connect(self.accept)
        self._build_layout()
        fix_minimum_size(self, 700, 420)
        self.reload()
        self.start_new()

    def _build_layout(self) -> None:
        form = growing_form(vertical=8)
        add_form_rows(form, ((self.tr("C&ode"), self.code_edit),
                             (self.tr("N&ame"), self.name_edit),
                             (self.tr("&Rate (%)"), self.rate_edit)), self)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.message)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.save_button)
        side.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(side, 2)
        dialog_layout(self, (body, 1), button_row(self.close_button))

    # behaviour --------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        with translate_errors():
            rows = list(TaxClass.select(TaxClass.code, TaxClass.name, TaxClass.rate_ppm)
                        .order_by(TaxClass.code).tuples())
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, (code, name, rate) in enumerate(rows):
            for c, text in ((_CODE, code), (_NAME, name), (_RATE, format_rate(rate))):
                item = QTableWidgetItem(text)
                if c == _RATE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        if select is not None:
            for r in range(self.table.rowCount()):
                if self.table.item(r, _CODE).text() == select:
                    self.table.selectRow(r)

    def codes(self) -> list[str]:
        return [self.table.item(r, _CODE).text() for r in range(self.table.rowCount())]

    def start_new(self) -> None:
        """Empty the form for a new tax class."""
        self.table.clearSelection()
        self.code_edit.setReadOnly(False)
        for edit in (self.code_edit, self.name_edit, self.rate_edit):
            edit.clear()
        self.message.clear_message()
        self.code_edit.setFocus()

    def edit(self, code: str) -> None:
        """Select the tax class `code` so its name and rate can be changed."""
        self.reload(select=code)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        r = rows[0].row()
        self.code_edit.setText(self.table.item(r, _CODE).text())
        self.code_edit.setReadOnly(True)  # products refer to the class by its code
        self.name_edit.setText(self.table.item(r, _NAME).text())
        self.rate_edit.setText(self.table.item(r, _RATE).text())
        self.message.clear_message()

    def save(self) -> bool:
        self.message.clear_message()
        code = self.code_edit.text().strip()
        try:
            if not self.code_edit.isReadOnly() and code in self.codes():
                # ensure_tax_class would change that class: a new one must not.
                raise InputError(self.tr("There is already a tax class {code}; select it in "
                                         "the list to change it.").format(code=code))
            rate = parse_rate(self.rate_edit.text())
            ensure_tax_class(code, " ".join(self.name_edit.text().split()) or code, rate)
        except PosError as exc:
            self.message.show_error(str(exc))
            return False
        self.reload(select=code)
        self.message.show_success(self.tr("Saved the tax class {code} at {rate}.").format(
            code=code, rate=format_rate(rate)))
        self.changed.emit()
        return True
