"""The preview of a product CSV file: every row, and every bad row with its line and
reason, before anything is written.

The dialog only shows a `pos.catalogue.csvio.ProductPlan` and asks what to do with it;
`ProductImporter` (csv_import.py) reads the file, checks it and writes it.
Both tables are models over the plan, so a 100,000-row file costs no widget
per row.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)

from pos.catalogue.csvio import PRODUCT_COLUMNS, ProductPlan
from ui.elided_label import ElidedLabel
from ui.forms import (
    MessageLabel,
    button_row,
    combo_box,
    dialog_layout,
    fix_minimum_size,
    touch_button,
)
from ui.table_model import ROOT, AnyIndex

_BAD = QBrush(QColor("#fde8e8"))
_BAD_TEXT = QBrush(QColor("#8a1111"))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

_CTX = "ImportPreviewDialog"
ENCODINGS = (
    (None, QT_TRANSLATE_NOOP(_CTX, "Detect automatically")),
    ("utf-8", "UTF-8"),
    ("gb18030", QT_TRANSLATE_NOOP(_CTX, "GBK / GB18030 (Simplified Chinese)")),
    ("big5", QT_TRANSLATE_NOOP(_CTX, "Big5 (Traditional Chinese)")),
    ("shift_jis", QT_TRANSLATE_NOOP(_CTX, "Shift_JIS (Japanese)")),
    ("euc_kr", QT_TRANSLATE_NOOP(_CTX, "EUC-KR (Korean)")),
    ("cp1252", QT_TRANSLATE_NOOP(_CTX, "Windows-1252 (Western European)")),
    ("cp1250", QT_TRANSLATE_NOOP(_CTX, "Windows-1250 (Central European)")),
    ("utf-16", "UTF-16"),
)
"""Encodings offered when a file is not UTF-8: codec name, label (translated on use)."""


class ProblemsModel(QAbstractTableModel):
    """Every bad row of a plan: its line in the file, its SKU as written, and why."""

    def __init__(self, plan: ProductPlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._errors = plan.rejected
        sku_at = plan.columns.get("sku")
        wanted = {e.line for e in self._errors}
        self._skus = {line: (fields[sku_at].strip() if sku_at is not None
                             and sku_at < len(fields) else "")
                      for line, fields in plan.rows if line in wanted} if wanted else {}
        self._headers = (self.tr("Line"), self.tr("SKU"), self.tr("Problem"))

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._errors):
            return None
        error = self._errors[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(error.line), self._skus.get(error.line, ""), error.reason)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 3):
            return self._headers[section]
        return None

    def lines(self) -> list[int]:
        return [e.line for e in self._errors]


class PreviewRowsModel(QAbstractTableModel):
    """Every row of the file as written, with what the import would do with it."""

    def __init__(self, plan: ProductPlan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._rows = plan.rows
        self._errors = plan.errors
        self._columns = [(name, plan.columns[name]) for name in PRODUCT_COLUMNS
                         if name in plan.columns]
        self._headers = [self.tr("Line"), self.tr("Result"),
                         *(name for name, _ in self._columns)]

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def _result(self, line: int, fields: list[str]) -> str:
        if line in self._errors:
            return self.tr("Problem: {reason}").format(reason="; ".join(self._errors[line]))
        sku_at = self._plan.columns["sku"]
        return (self.tr("Update") if self._plan.is_update(fields[sku_at].strip())
                else self.tr("New"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line, fields = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(line)
            if column == 1:
                return self._result(line, fields)
            at = self._columns[column - 2][1]
            return fields[at] if at < len(fields) else ""
        bad = line in self._errors
        if role == Qt.ItemDataRole.BackgroundRole and bad:
            return _BAD
        if role == Qt.ItemDataRole.ForegroundRole and bad and column == 1:
            return _BAD_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


class ImportPreviewDialog(QDialog):
    """Shows a plan (or why the file cannot be read) and offers Import, Import good rows
    only, and Cancel. `importRequested(skip_bad)` and `encodingChosen(codec or None)`
    are for the importer; Cancel rejects the dialog."""

    importRequested = Signal(bool)
    encodingChosen = Signal(object)

    def __init__(self, path: str, parent: QWidget | None = None,
                 locale: str = "en_US") -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self._locale = locale
        self.setWindowTitle(self.tr("Import products"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1100, 640)
        self.plan: ProductPlan | None = None
        self.problems: ProblemsModel | None = None
        self.rows: PreviewRowsModel | None = None

        self.file_label = ElidedLabel(self.tr("File: {path}").format(path=path), self)
        self.file_label.setObjectName("importFileLabel")
        self.encoding_combo = combo_box(self, "importEncoding", self.tr("Encoding of the file"))
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(self.tr(label), codec)
        self.encoding_combo.activated.connect(self._encoding_picked)
        self.encoding_label = QLabel(self)
        self.encoding_label.setObjectName("importDetectedEncoding")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.message = MessageLabel(self, "importMessage")
        self.problems_table = self._table("importProblemsTable", self.tr("Rows with problems"))
        self.rows_table = self._table("importRowsTable", self.tr("Rows of the file"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("importTabs")
        self.tabs.addTab(self.problems_table, self.tr("Problems"))
        self.tabs.addTab(self.rows_table, self.tr("All rows"))

        self.import_button = touch_button(self.tr("&Import"), self, "importButton")
        self.import_button.clicked.connect(lambda: self.importRequested.emit(False))
        self.import_good_button = touch_button(self.tr("Import &good rows only"), self,
                                               "importGoodRowsButton", secondary=True)
        self.import_good_button.clicked.connect(lambda: self.importRequested.emit(True))
        self.cancel_button = touch_button(self.tr("Cancel"), self, "importCancelButton",
                                          secondary=True)
        self.cancel_button.clicked.connect(self.reject)
        self._build_layout()
        fix_minimum_size(self, 900, 520)
        self._set_buttons(import_all=False, import_good=False)

    def _table(self, name: str, accessible: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setAlternatingRowColors(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.horizontalHeader().setHighlightSections(False)
        return table

    def _build_layout(self) -> None:
        encoding_row = QHBoxLayout()
        label = QLabel(self.tr("&Encoding:"), self)
        label.setBuddy(self.encoding_combo)
        encoding_row.addWidget(label)
        encoding_row.addWidget(self.encoding_combo)
        encoding_row.addWidget(self.encoding_label, 1)
        dialog_layout(self, self.file_label, encoding_row, self.summary, self.message,
                      (self.tabs, 1), button_row(self.cancel_button, self.import_good_button,
                                                 self.import_button), spacing=10)

    # what the importer tells it ---------------------------------------------------------
    def show_plan(self, plan: ProductPlan) -> None:
        """Show every row and every problem of a checked plan."""
        self.plan = plan
        self.message.clear_message()
        self.problems = ProblemsModel(plan, self)
        self.rows = PreviewRowsModel(plan, self)
        self.problems_table.setModel(self.problems)
        self.rows_table.setModel(self.rows)
        self._size_columns()
        bad = len(self.problems.lines())
        total = len(plan.rows)
        new, updates = plan.counts()
        good = new + updates
        self.tabs.setTabText(0, self.tr("Problems ({count})").format(count=bad))
        self.tabs.setTabText(1, self.tr("All rows ({count})").format(count=total))
        self.tabs.setCurrentIndex(0 if bad else 1)
        self.tabs.setTabEnabled(0, bad > 0)
        self.encoding_label.setText(self.tr("Read as {encoding}").format(
            encoding=plan.encoding))
        text = self.tr("Rows: {total}  ·  New products: {new}  ·  To update: {updates}"
                       "  ·  With problems: {bad}").format(
            total=self._number(total), new=self._number(new),
            updates=self._number(updates), bad=self._number(bad))
        self.summary.setText(text)
        if bad and good:
            self.message.show_error(self.tr(
                "Nothing can be imported while rows have problems. Fix them in the file and "
                "import it again, or import the good rows only: the bad ones are then "
                "written to {name} beside the file.").format(
                name=plan.path.with_name(f"{plan.path.stem}.rejects.csv").name))
        elif bad:
            self.message.show_error(self.tr("Every row has a problem; fix the file and "
                                            "import it again."))
        elif not total:
            self.message.show_info(self.tr("The file has no rows to import."))
        self._set_buttons(import_all=bad == 0 and total > 0, import_good=bad > 0 and good > 0)

    def _number(self, value: int) -> str:
        return format_decimal(value, locale=self._locale)

    def show_file_error(self, text: str) -> None:
        """The file cannot be read at all (encoding, header, quoting): say why."""
        self.plan = None
        self.problems_table.setModel(None)
        self.rows_table.setModel(None)
        self.tabs.setTabText(0, self.tr("Problems"))
        self.tabs.setTabText(1, self.tr("All rows"))
        self.summary.setText(self.tr("The file cannot be imported."))
        self.encoding_label.setText("")
        self.message.show_error(text)
        self._set_buttons(import_all=False, import_good=False)

    def show_write_error(self, text: str) -> None:
        """Writing failed and was rolled back: nothing was imported."""
        self.message.show_error(text)

    def set_busy(self, busy: bool) -> None:
        self.encoding_combo.setEnabled(not busy)
        if busy:
            self._set_buttons(import_all=False, import_good=False)

    def chosen_encoding(self) -> str | None:
        return self.encoding_combo.currentData()

    def _set_buttons(self, *, import_all: bool, import_good: bool) -> None:
        self.import_button.setEnabled(import_all)
        self.import_good_button.setEnabled(import_good)
        self.import_button.setDefault(import_all)
        if import_all:
            self.import_button.setToolTip("")
        else:
            self.import_button.setToolTip(self.tr("Every row must be right to import the "
                                                  "whole file."))

    def _encoding_picked(self, _index: int) -> None:
        self.encodingChosen.emit(self.encoding_combo.currentData())

    def _size_columns(self) -> None:
        char = self.fontMetrics().averageCharWidth()
        problems = self.problems_table.horizontalHeader()
        problems.resizeSection(0, 8 * char + 16)
        problems.resizeSection(1, 16 * char + 16)
        problems.setStretchLastSection(True)
        rows = self.rows_table.horizontalHeader()
        rows.resizeSection(0, 8 * char + 16)
        rows.resizeSection(1, 34 * char)
        for column in range(2, self.rows.columnCount()):
            rows.resizeSection(column, 14 * char + 16)
