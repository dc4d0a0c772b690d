"""The Products page: the catalogue as a paged table with a search box, and the
ways to change it: a product dialog, the tax classes, CSV import and export.

The search waits `SEARCH_DELAY_MS` after the last key before it queries, so
typing a word costs one search, not one per letter. Every change made here
emits `session.catalogueChanged`; the page reloads on that signal, whoever
sent it. The file choosers are attributes (`choose_import_file`,
`choose_export_file`) so that tests and automation can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.catalogue.csvio import ImportReport
from ui.forms import TOUCH, MessageLabel, load_style, touch_button
from ui.head_office import head_office_notice
from ui.list_table import make_list_table
from ui.products.csv_export import ProductExporter, ask_export_path, ask_import_path
from ui.products.csv_import import ProductImporter
from ui.products.product_dialog import ProductDialog
from ui.products.product_table_model import Column, ProductTableModel
from ui.products.tax_classes_dialog import TaxClassesDialog
from ui.session import Session

FileChooser = Callable[[QWidget], Path | None]

SEARCH_DELAY_MS = 150

# Column widths in average character widths; the name takes the rest.
_COLUMN_CHARS = {Column.SKU: 14, Column.PRICE: 14, Column.TAX_CLASS: 18,
                 Column.CATEGORY: 18, Column.STOCK: 12}


class ProductsView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("productsView")
        self.setAccessibleName(self.tr("Products"))
        settings = session.settings
        self.products = ProductTableModel(settings.currency, settings.locale, self)
        self.choose_import_file: FileChooser = ask_import_path
        self.choose_export_file: FileChooser = ask_export_path
        self.product_dialog: ProductDialog | None = None
        self.tax_dialog: TaxClassesDialog | None = None
        self.importer: ProductImporter | None = None
        self.exporter: ProductExporter | None = None
        self._last_tax_class: str | None = None  # offered first for the next new product

        self.search_edit = self._make_search_edit()
        self.table = self._make_table()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("productCountLabel")
        self.inactive_check = QCheckBox(self.tr("Show &inactive"), self)
        self.inactive_check.setObjectName("showInactiveCheck")
        self.inactive_check.setAccessibleName(self.tr("Show inactive products"))
        self.inactive_check.setMinimumHeight(TOUCH - 8)
        self.inactive_check.toggled.connect(self.products.set_include_inactive)
        self.message = MessageLabel(self, "productsMessage")
        self._make_buttons()
        self._build_layout()
        load_style(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(self._schedule_search)
        self.search_edit.returnPressed.connect(self._apply_search)
        self.products.modelReset.connect(self._update_count)
        self.products.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._edit_index)
        session.catalogueChanged.connect(self.reload)
        session.settingsChanged.connect(self._settings_changed)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit,
                           self.search_edit.clear)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_product)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self.edit_selected)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._update_count()
        self._update_buttons()

    def _make_search_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("productSearch")
        edit.setPlaceholderText(self.tr("Search products by name or SKU"))
        edit.setAccessibleName(self.tr("Search products"))
        edit.setAccessibleDescription(self.tr("Type part of a product name or the start of "
                                              "its SKU; the list below shows the matches."))
        edit.setClearButtonEnabled(True)
        return edit

    def _make_table(self) -> QTableView:
        table = make_list_table(self, "productTable", self.tr("Products"), self.products,
                                Column.NAME)
        header = table.horizontalHeader()
        char = table.fontMetrics().averageCharWidth()
        for column, chars in _COLUMN_CHARS.items():
            header.resizeSection(column, chars * char + 16)
        return table

    def _make_buttons(self) -> None:
        self.new_button = touch_button(self.tr("&New product"), self, "newProductButton")
        self.new_button.setToolTip(self.tr("Create a product (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_product)
        self.edit_button = touch_button(self.tr("&Edit"), self, "editProductButton")
        self.edit_button.setAccessibleName(self.tr("Edit product"))
        self.edit_button.setToolTip(self.tr("Change the selected product (Enter or "
                                            "double-click)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.tax_button = touch_button(self.tr("&Tax classes"), self, "taxClassesButton",
                                       secondary=True)
        self.tax_button.clicked.connect(self.edit_tax_classes)
        self.import_button = touch_button(self.tr("Im&port CSV…"), self, "importCsvButton",
                                          secondary=True)
        self.import_button.setAccessibleName(self.tr("Import products from a CSV file"))
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = touch_button(self.tr("E&xport CSV…"), self, "exportCsvButton",
                                          secondary=True)
        self.export_button.setAccessibleName(self.tr("Export products to a CSV file"))
        self.export_button.clicked.connect(self.export_csv)

    def _build_layout(self) -> None:
        label = QLabel(self.tr("&Search:"), self)
        label.setBuddy(self.search_edit)
        search_row = QHBoxLayout()
        search_row.addWidget(label)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.inactive_check)
        search_row.addSpacing(8)
        search_row.addWidget(self.count_label)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (self.new_button, self.edit_button, self.tax_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.head_office_notice = head_office_notice(self, self.tr(
            "Head office manages this till's catalogue: change products there (pos hq "
            "products import). Changes made here stay on this till."), "productsHeadOffice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addWidget(self.head_office_notice)
        layout.addLayout(actions)
        layout.addLayout(search_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    # behaviour -------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def reload(self) -> None:
        """Read the list again (the catalogue changed), keeping the search."""
        self._search_timer.stop()
        self.products.refresh(self.search_edit.text())

    def _settings_changed(self) -> None:
        settings = self.session.settings
        self.products.set_format(settings.currency, settings.locale)

    def selected_product_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.products.product_id(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_product_id() is not None)

    # changing the catalogue ----------------------------------------------------------
    def new_product(self) -> ProductDialog:
        return self._open_product(None)

    def edit_selected(self) -> ProductDialog | None:
        product_id = self.selected_product_id()
        return self._open_product(product_id) if product_id is not None else None

    def edit_product(self, product_id: int) -> ProductDialog:
        return self._open_product(product_id)

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_product(self.products.product_id(index.row()))

    def _open_product(self, product_id: int | None) -> ProductDialog:
        self.message.clear_message()
        dialog = ProductDialog(self.session.settings, product_id, self,
                               default_tax_class=self._last_tax_class)
        dialog.saved.connect(self._product_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.product_dialog = dialog
        dialog.open()
        return dialog

    def _product_saved(self, product_id: int) -> None:
        self.session.catalogueChanged.emit()
        dialog = self.product_dialog
        name = dialog.name_edit.text().strip() if dialog is not None else ""
        if dialog is not None:
            self._last_tax_class = dialog.tax_combo.currentData()
        self.message.show_success(self.tr("Saved {name}.").format(name=name))

    def edit_tax_classes(self) -> TaxClassesDialog:
        self.message.clear_message()
        dialog = TaxClassesDialog(self)
        dialog.changed.connect(self.session.catalogueChanged)
        dialog.finished.connect(dialog.deleteLater)
        self.tax_dialog = dialog
        dialog.open()
        return dialog

    # files ---------------------------------------------------------------------------
    def import_csv(self) -> ProductImporter | None:
        """Ask for a file and open its preview; nothing is written before Import."""
        self.message.clear_message()
        path = self.choose_import_file(self)
        if path is None:
            return None
        if self.importer is not None and not self.importer.busy:
            self.importer.deleteLater()  # the last import's, finished or cancelled
        self.importer = ProductImporter(self.session, self)
        self.importer.imported.connect(self._imported)
        self.importer.start(path)
        return self.importer

    def _imported(self, report: ImportReport) -> None:
        path = self.importer.path if self.importer is not None else None
        text = self.tr("Imported {name} ({encoding}): {new} new, {updated} updated.").format(
            name=path.name if path else "", encoding=report.encoding,
            new=self._number(report.created), updated=self._number(report.updated))
        if report.rejected:
            text += " " + self.tr("{count} bad rows were skipped and written to {file}.").format(
                count=self._number(len(report.rejected)), file=report.rejects_path)
        self.message.show_success(text)

    def export_csv(self) -> ProductExporter | None:
        """Ask where to save, then write every product (inactive ones too)."""
        self.message.clear_message()
        path = self.choose_export_file(self)
        if path is None:
            return None
        if self.exporter is not None and self.exporter.progress is None:
            self.exporter.deleteLater()
        self.exporter = ProductExporter(self)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self.message.show_error)
        self.exporter.cancelled.connect(lambda: self.message.show_info(
            self.tr("The export was cancelled; no file was written.")))
        self.exporter.start(path)
        return self.exporter

    def _exported(self, count: int, path: Path) -> None:
        self.message.show_success(self.tr("Exported {count} products to {path}.").format(
            count=self._number(count), path=path))

    # search --------------------------------------------------------------------------
    def _schedule_search(self) -> None:
        self._search_timer.start()  # restarts: the search runs once typing pauses

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.products.set_query(self.search_edit.text())

    def _number(self, value: int) -> str:
        return format_decimal(value, locale=self.session.settings.locale)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._count_stale:
            self._update_count()

    def _update_count(self) -> None:
        """The products counted, when the page is on screen (else when it is shown)."""
        self._count_stale = not self.isVisible()
        if self._count_stale:
            return
        total = self.products.total_count()
        if not self.products.is_searching:
            text = (self.tr("1 product") if total == 1
                    else self.tr("{count} products").format(count=self._number(total)))
        else:
            shown = self.products.rowCount()
            if shown >= self.products.search_limit:
                text = self.tr("First {shown} matches of {total} products")
            else:
                text = self.tr("{shown} matches of {total} products")
            text = text.format(shown=self._number(shown), total=self._number(total))
        self.count_label.setText(text)
