"""The report tables: columns with a kind of figure, a flat model, and CSV export.

The core hands over integers (minor units, grams, parts per million); the
kind of a column says how a cell shows them in the store's locale, and how
the CSV writes them: the fixed, locale-free format of docs/CSV.md ('.' as the
decimal point, no currency symbol, the currency in the column's title), so a
spreadsheet reads the numbers as numbers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QObject, Qt

from pos.catalogue.csvio import export_rows
from pos.money import Money
from ui.table_model import ROOT, AnyIndex


class Kind(enum.Enum):
    TEXT = "text"
    DATE = "date"  # ISO text, shown the locale's way
    COUNT = "count"
    MONEY = "money"  # minor units
    QUANTITY = "quantity"  # (quantity, unit): pieces, or grams shown as kilograms
    RATE_PPM = "rate_ppm"  # a tax rate in parts per million
    PERCENT = "percent"  # a fraction 0..1, or None when there is nothing to count
    SECONDS = "seconds"  # float, or None


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


class Formats:
    """How figures read in one store: its currency and locale."""

    def __init__(self, currency: str, locale: str) -> None:
        self.currency, self.locale = currency, locale
        self._qlocale = QLocale(locale)
        date = self._qlocale.dateFormat(QLocale.FormatType.ShortFormat)
        self._date_format = date if "yyyy" in date else date.replace("yy", "yyyy")

    def display(self, kind: Kind, value: Any) -> str:
        loc = self._qlocale
        if kind is Kind.DATE:
            return loc.toString(QDate.fromString(value, Qt.DateFormat.ISODate), self._date_format)
        if kind is Kind.MONEY:
            return Money(value, self.currency).format(self.locale)
        if kind is Kind.COUNT:
            return loc.toString(value)
        if kind is Kind.QUANTITY:
            quantity, unit = value
            if unit == "weight":
                return f"{loc.toString(quantity / 1000, 'f', 3)} kg"
            return loc.toString(quantity)
        if kind is Kind.RATE_PPM:
            percent = _ppm_percent(value)
            return f"{loc.toString(float(percent), 'f', _decimals(percent))} %"
        if kind is Kind.PERCENT:
            return "—" if value is None else f"{loc.toString(value * 100, 'f', 1)} %"
        if kind is Kind.SECONDS:
            return "—" if value is None else f"{loc.toString(value, 'f', 1)} s"
        return str(value)

    def plain(self, kind: Kind, value: Any) -> str:
        if kind is Kind.MONEY:
            return f"{Money(value, self.currency).to_decimal():f}"
        if kind is Kind.QUANTITY:
            quantity, unit = value
            return f"{Decimal(quantity).scaleb(-3):f}" if unit == "weight" else str(quantity)
        if kind is Kind.RATE_PPM:
            return f"{_ppm_percent(value):f}"
        if kind is Kind.PERCENT:
            return "" if value is None else f"{value * 100:.1f}"
        if kind is Kind.SECONDS:
            return "" if value is None else f"{value:.1f}"
        return str(value)

    def csv_title(self, column: Column) -> str:
        return f"{column.title} ({self.currency})" if column.kind is Kind.MONEY else column.title


def _ppm_percent(ppm: int) -> Decimal:
    return (Decimal(ppm) / 10_000).normalize()


def _decimals(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


class ReportTableModel(QAbstractTableModel):
    """Rows of one report, already computed: every cell is formatted once, when set."""

    def __init__(self, columns: list[Column], formats: Formats,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[tuple] = []
        self._cells: list[list[str]] = []
        self._formats = formats

    def set_rows(self, rows: list[tuple], formats: Formats) -> None:
        self.beginResetModel()
        self._rows, self._formats = rows, formats
        self._cells = [[formats.display(c.kind, v) for c, v in zip(self.columns, row,
                                                                    strict=True)]
                       for row in rows]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[index.column()].kind in (Kind.TEXT, Kind.DATE):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def export_csv(self, path: Path) -> int:
        """Write the rows to `path` as UTF-8 with a BOM (for Excel); returns the row count.

        Raises `InputError` when the file cannot be written; an older file stays as it was.
        """
        formats = self._formats
        header = [formats.csv_title(c) for c in self.columns]
        rows = ([formats.plain(c.kind, v) for c, v in zip(self.columns, row, strict=True)]
                for row in self._rows)
        return export_rows(Path(path), header, rows, excel=True)
