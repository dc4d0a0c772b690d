"""How a cashier finds orders: the search box, and filters read as an `OrderFilter`.

Two rows: the search by receipt number or id with the status and tender
choices beside it, then the date range and the amount range. The search is
only held here; what it does is the history page's business.

The bar only gathers input. It turns dates into the terminal's local midnights
(the end date counts whole, so the range runs to the next midnight) and typed
amounts into money with `pos.money.parse_money`, so an amount a cashier types
("12,50" in a German store) means what it does at the till. Whether the range
makes sense is `list_orders`'s call; its message is shown as it is.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.money import parse_money
from pos.sales.order_states import Status
from pos.sales.orders import TENDERS, OrderFilter
from ui.history.labels import status_label, tender_label

DATE_DELAY_MS = 300
"""A date typed digit by digit is applied once the typing pauses."""
DEFAULT_DAYS = 7
"""Ticking "Dates" starts with the last week, today included."""


class FilterBar(QWidget):
    changed = Signal()
    """A filter was changed by the user; read `filters()` for the new ones."""

    def __init__(self, currency: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyFilters")
        self._currency = currency
        self._locale = locale
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DELAY_MS)
        self._date_timer.timeout.connect(self.changed)

        self.search_edit = self._make_search_edit()
        self.dates_check = QCheckBox(self.tr("&Dates"), self)
        self._name(self.dates_check, "historyDatesCheck", self.tr("Filter by dates"))
        today = QDate.currentDate()
        self.date_from = self._date_edit("historyDateFrom", self.tr("From date"),
                                         today.addDays(1 - DEFAULT_DAYS))
        self.date_to = self._date_edit("historyDateTo", self.tr("To date"), today)
        self.status_combo = self._combo("historyStatusFilter", self.tr("Status"),
                                        self.tr("All statuses"),
                                        [(status_label(s), s.value) for s in Status])
        self.tender_combo = self._combo("historyTenderFilter", self.tr("Paid by"),
                                        self.tr("Any tender"),
                                        [(tender_label(t), t) for t in TENDERS])
        self.min_edit = self._amount_edit("historyMinAmount", self.tr("Minimum total"),
                                          self.tr("Min"))
        self.max_edit = self._amount_edit("historyMaxAmount", self.tr("Maximum total"),
                                          self.tr("Max"))
        self.clear_button = QPushButton(self.tr("C&lear filters"), self)
        self._name(self.clear_button, "historyClearFilters", self.tr("Clear filters"))
        self.clear_button.setProperty("secondary", True)
        self.clear_button.clicked.connect(self.clear)

        self.dates_check.toggled.connect(self._dates_toggled)
        self._enable_dates(False)
        self._build_layout()

    # building ------------------------------------------------------------------
    @staticmethod
    def _name(widget: QWidget, name: str, accessible: str) -> None:
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)

    def _make_search_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName("historySearch")
        edit.setPlaceholderText(self.tr("Receipt number (T1-000042 or 42) or order id, "
                                        "then Enter"))
        edit.setAccessibleName(self.tr("Find an order"))
        edit.setAccessibleDescription(self.tr("Type a receipt number or an order id and "
                                              "press Enter; clear it to see all orders."))
        edit.setClearButtonEnabled(True)
        return edit

    def _date_edit(self, name: str, accessible: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        self._name(edit, name, accessible)
        edit.setCalendarPopup(True)
        fmt = QLocale(self._locale).dateFormat(QLocale.FormatType.ShortFormat)
        edit.setDisplayFormat(fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy"))
        # Room for the widest date and the popup button, padding included.
        sample = QLocale(self._locale).toString(QDate(2029, 12, 28), edit.displayFormat())
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + 56)
        edit.dateChanged.connect(self._date_timer.start)
        return edit

    def _combo(self, name: str, accessible: str, everything: str,
               choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        self._name(combo, name, accessible)
        combo.addItem(everything, None)
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _amount_edit(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        self._name(edit, name, accessible)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0.000.000,00") + 44)
        edit.editingFinished.connect(lambda: self._amount_finished(edit))
        return edit

    def _build_layout(self) -> None:
        find = QLabel(self.tr("&Find:"), self)
        find.setBuddy(self.search_edit)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(find)
        top.addWidget(self.search_edit, 1)
        for text, widget in ((self.tr("&Status:"), self.status_combo),
                             (self.tr("&Paid by:"), self.tender_combo)):
            top.addSpacing(8)
            label = QLabel(text, self)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)

        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.dates_check)
        bottom.addWidget(self.date_from)
        bottom.addWidget(QLabel("–", self))
        bottom.addWidget(self.date_to)
        bottom.addSpacing(16)
        amount = QLabel(self.tr("&Total:"), self)
        amount.setBuddy(self.min_edit)
        bottom.addWidget(amount)
        bottom.addWidget(self.min_edit)
        bottom.addWidget(QLabel("–", self))
        bottom.addWidget(self.max_edit)
        bottom.addStretch(1)
        bottom.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(bottom)

    # behaviour -----------------------------------------------------------------
    @property
    def currency(self) -> str:
        return self._currency

    def set_money_format(self, currency: str, locale: str) -> None:
        """Read typed amounts in this currency and locale from now on."""
        self._currency, self._locale = currency, locale

    def _enable_dates(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def _dates_toggled(self, on: bool) -> None:
        self._enable_dates(on)
        self._date_timer.stop()
        self.changed.emit()

    def _amount_finished(self, edit: QLineEdit) -> None:
        # editingFinished also fires when the focus merely leaves an unchanged field.
        if edit.isModified():
            edit.setModified(False)
            self.changed.emit()

    def clear(self) -> None:
        """Back to every order; one `changed` for the lot."""
        widgets = (self.dates_check, self.date_from, self.date_to, self.status_combo,
                   self.tender_combo, self.min_edit, self.max_edit)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.dates_check.setChecked(False)
            self._enable_dates(False)
            self.status_combo.setCurrentIndex(0)
            self.tender_combo.setCurrentIndex(0)
            self.min_edit.clear()
            self.max_edit.clear()
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._date_timer.stop()
        self.changed.emit()

    def filters(self) -> OrderFilter:
        """The filters as typed; raises `InputError` for an amount that is not one."""
        since = until = None
        if self.dates_check.isChecked():
            since = _local_midnight(self.date_from.date())
            until = _local_midnight(self.date_to.date().addDays(1))
        status = self.status_combo.currentData()
        return OrderFilter(
            since=since, until=until,
            status=Status(status) if status else None,
            tender=self.tender_combo.currentData() or None,
            min_total=self._amount(self.min_edit, self.tr("minimum total")),
            max_total=self._amount(self.max_edit, self.tr("maximum total")),
        )

    def _amount(self, edit: QLineEdit, what: str) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        return parse_money(text, self._currency, self._locale, what=what).minor


def _local_midnight(date: QDate) -> dt.datetime:
    """The start of `date` in this terminal's time zone, as an aware datetime."""
    return dt.datetime(date.year(), date.month(), date.day()).astimezone()
