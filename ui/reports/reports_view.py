"""The Reports page: pick dates, read sales reports as tables beside charts, export CSV.

The figures are `pos.views.sales_report`' (which orders are sales, how a range becomes
UTC, what counts as a refund or a void are decided there). A year of a busy
store takes seconds to add up, so reading runs on a worker with its own
connection (`ui.reports.loading`) while the page says "Loading…" and stays
usable; picking other dates meanwhile drops the older request. Reports are
read when the page is first shown, when the dates change, on Refresh, and
when the page is shown again after sales were saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import Money
from pos.views.sales_report import Report, report_range
from ui.app import load_page_style
from ui.forms import MessageLabel
from ui.history.labels import tender_label
from ui.list_table import make_list_table
from ui.reports import charts
from ui.reports.loading import ReportLoader
from ui.reports.tables import Column, Formats, Kind, ReportTableModel
from ui.session import Session

DATE_DELAY_MS = 300
"""A date typed digit by digit is applied once the typing pauses."""
TOP_PRODUCTS = 10
"""Products in the chart; the table lists every product sold."""
CHART_WIDTH = 460


class ReportPanel(QWidget):
    """One report table with its CSV export button."""

    message = Signal(str, str)  # text, kind ("note" or "error")

    def __init__(self, key: str, title: str, columns: list[Column], formats: Formats,
                 stretch: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.title = key, title
        self.setObjectName(f"report_{key}")
        self.model = ReportTableModel(columns, formats, self)
        self.table = make_list_table(self, f"report_{key}_table", title, self.model, stretch)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # a sample of rows is enough to size a column
        for column in range(len(columns)):
            if column != stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        heading = QLabel(title, self)
        heading.setProperty("section", True)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName(f"report_{key}_export")
        self.export_button.setAccessibleName(self.tr("Export {title} to CSV").format(
            title=title))
        self.export_button.setProperty("secondary", True)
        self.export_button.clicked.connect(self.ask_export)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export {title} to CSV").format(
            title=self.title), str(Path.home() / f"{self.key}.csv"), self.tr("CSV files (*.csv)"))
        if path:
            chosen = Path(path)
            self.export_csv(chosen if chosen.suffix else chosen.with_suffix(".csv"))

    def export_csv(self, path: Path) -> int | None:
        """Write the table to `path`; says how it went on the page. None if it failed."""
        try:
            count = self.model.export_csv(path)
        except PosError as exc:
            self.message.emit(str(exc), "error")
            return None
        self.message.emit(self.tr("{count} rows written to {path}.").format(
            count=count, path=path), "note")
        return count


@dataclass
class _Tab:
    panels: list[ReportPanel]
    chart_view: QChartView


class ReportsView(QWidget):
    loaded = Signal()
    """A report was read and is on the page."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("reportsView")
        self.setAccessibleName(self.tr("Sales reports"))
        self.report: Report | None = None
        self._stale = True
        self.loader = ReportLoader(self)
        self.loader.loaded.connect(self._show_report)
        self.loader.failed.connect(self._load_failed)
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DELAY_MS)
        self._date_timer.timeout.connect(self.refresh)

        today = QDate.currentDate()
        self.date_from = self._date_edit("reportDateFrom", self.tr("From date"), today)
        self.date_to = self._date_edit("reportDateTo", self.tr("To date"), today)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.message = MessageLabel(self, "reportMessage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tab: dict[str, _Tab] = {}
        self.panels: dict[str, ReportPanel] = {}
        self._build_tabs()
        self._build_layout()
        load_page_style(self, "reports")
        session.ordersChanged.connect(self._orders_changed)
        session.settingsChanged.connect(self._orders_changed)

    # building ------------------------------------------------------------------
    def _date_edit(self, name: str, accessible: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        fmt = QLocale(self.session.settings.locale).dateFormat(QLocale.FormatType.ShortFormat)
        edit.setDisplayFormat(fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy"))
        edit.dateChanged.connect(self._date_timer.start)
        return edit

    def _formats(self) -> Formats:
        settings = self.session.settings
        return Formats(settings.currency, settings.locale)

    def _build_tabs(self) -> None:
        sales = [Column(self.tr("Orders"), Kind.COUNT), Column(self.tr("Sales"), Kind.MONEY),
                 Column(self.tr("Tax"), Kind.MONEY), Column(self.tr("Discounts"), Kind.MONEY)]
        amounts = [Column(self.tr("Net"), Kind.MONEY), Column(self.tr("Tax"), Kind.MONEY),
                   Column(self.tr("Gross"), Kind.MONEY)]
        approval = [Column(self.tr("Tender or hour")), Column(self.tr("Approved"), Kind.COUNT),
                    Column(self.tr("Declined or failed"), Kind.COUNT),
                    Column(self.tr("Open"), Kind.COUNT),
                    Column(self.tr("Approval rate"), Kind.PERCENT)]
        durations = [Column(self.tr("Step")), Column(self.tr("Orders"), Kind.COUNT),
                     Column(self.tr("Median"), Kind.SECONDS),
                     Column(self.tr("90th percentile"), Kind.SECONDS)]
        specs = [
            ("day", self.tr("By day"), [("day", self.tr("Sales by day"),
                                         [Column(self.tr("Day"), Kind.DATE), *sales], 0)]),
            ("hour", self.tr("By hour"), [("hour", self.tr("Sales by hour"),
                                           [Column(self.tr("Hour")), *sales], 0)]),
            ("products", self.tr("Products"), [("products", self.tr("Sales by product"), [
                Column(self.tr("SKU")), Column(self.tr("Product")),
                Column(self.tr("Quantity"), Kind.QUANTITY), *amounts], 1)]),
            ("categories", self.tr("Categories"), [("categories", self.tr("Sales by category"),
                                                    [Column(self.tr("Category")), *amounts],
                                                    0)]),
            ("cashiers", self.tr("Cashiers"), [("cashiers", self.tr("Sales by cashier"),
                                                [Column(self.tr("Cashier")), *sales], 0)]),
            ("tenders", self.tr("Tenders"), [("tenders", self.tr("Sales by tender"), [
                Column(self.tr("Tender")), Column(self.tr("Payments"), Kind.COUNT),
                Column(self.tr("Taken"), Kind.MONEY), Column(self.tr("Refunded"), Kind.MONEY),
                Column(self.tr("Net"), Kind.MONEY)], 0)]),
            ("taxes", self.tr("Taxes"), [("taxes", self.tr("Taxes per rate"), [
                Column(self.tr("Tax class")), Column(self.tr("Rate"), Kind.RATE_PPM),
                *amounts], 0)]),
            ("exceptions", self.tr("Refunds and voids"), [
                ("exceptions", self.tr("Refunds, voids and price overrides"), [
                    Column(self.tr("What")), Column(self.tr("Count"), Kind.COUNT),
                    Column(self.tr("Amount"), Kind.MONEY)], 0)]),
            ("payments", self.tr("Payments"), [
                ("approval", self.tr("Card approval rate"), approval, 0),
                ("time_to_pay", self.tr("Time to pay"), durations, 0)]),
        ]
        formats = self._formats()
        for key, tab_title, panel_specs in specs:
            page = QWidget(self.tabs)
            page.setObjectName(f"reportTab_{key}")
            tables = QWidget(page)
            column = QVBoxLayout(tables)
            column.setContentsMargins(0, 0, 0, 0)
            panels = []
            for panel_key, title, columns, stretch in panel_specs:
                panel = ReportPanel(panel_key, title, columns, formats, stretch, tables)
                panel.message.connect(self._show_message)
                column.addWidget(panel, 1)
                panels.append(panel)
                self.panels[panel_key] = panel
            chart_view = QChartView(charts.empty_chart(""), page)
            chart_view.setObjectName(f"reportChart_{key}")
            chart_view.setAccessibleName(self.tr("Chart: {title}").format(title=tab_title))
            chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            chart_view.setMinimumWidth(320)
            splitter = QSplitter(Qt.Orientation.Horizontal, page)
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(tables)
            splitter.addWidget(chart_view)
            splitter.setSizes([10_000, CHART_WIDTH])
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 8, 0, 0)
            layout.addWidget(splitter)
            self.tabs.addTab(page, tab_title)
            self.tab[key] = _Tab(panels, chart_view)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        since = QLabel(self.tr("&From:"), self)
        since.setBuddy(self.date_from)
        until = QLabel(self.tr("&To:"), self)
        until.setBuddy(self.date_to)
        for widget in (since, self.date_from, until, self.date_to):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for name, text, choose in (("reportToday", self.tr("To&day"), self.choose_today),
                                   ("reportWeek", self.tr("This &week"), self.choose_week),
                                   ("reportMonth", self.tr("This &month"), self.choose_month),
                                   ("reportRefresh", self.tr("&Refresh"), self.refresh)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setProperty("secondary", name != "reportRefresh")
            button.clicked.connect(choose)
            bar.addWidget(button)
        bar.addStretch(1)
        # The figures on a line of their own: beside the buttons they squeezed the page
        # past a 1024 px screen.
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # choosing dates ------------------------------------------------------------
    def activate(self) -> None:
        """Shown by the main window: read the reports if sales were saved since."""
        if self._stale:
            self.refresh()

    def set_dates(self, first: dt.date, last: dt.date) -> None:
        """Show the days from `first` to `last`, both included; reads the reports now."""
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.refresh()

    def choose_today(self) -> None:
        today = dt.date.today()
        self.set_dates(today, today)

    def choose_week(self) -> None:
        today = dt.date.today()
        first = QLocale(self.session.settings.locale).firstDayOfWeek().value  # 1 = Monday
        self.set_dates(today - dt.timedelta(days=(today.isoweekday() - first) % 7), today)

    def choose_month(self) -> None:
        today = dt.date.today()
        self.set_dates(today.replace(day=1), today)

    def refresh(self) -> None:
        """Read the reports for the dates shown; a range that ends first only says why."""
        self._date_timer.stop()
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        try:
            period = report_range(first, last + dt.timedelta(days=1))
        except PosError as exc:
            self.loader.cancel()
            self._set_status("")
            self._show_message(str(exc), "error")
            return
        self._stale = False
        self.clear_message()
        self._set_status(self.tr("Loading…"))
        self.loader.load(period.since, period.until)

    @property
    def loading(self) -> bool:
        return self.loader.busy

    def _orders_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    # showing -------------------------------------------------------------------
    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def _show_message(self, text: str, kind: str) -> None:
        """`kind` is "error", or "note" for a plain confirmation."""
        (self.message.show_error if kind == "error" else self.message.show_info)(text)

    def clear_message(self) -> None:
        self.message.clear_message()

    def _load_failed(self, text: str) -> None:
        self._set_status("")
        self._show_message(text, "error")

    def _show_report(self, report: Report) -> None:
        self.report = report
        formats = Formats(report.currency, self.session.settings.locale)
        for key, (rows, chart) in self._contents(report, formats).items():
            tab = self.tab[key]
            for panel, panel_rows in zip(tab.panels, rows, strict=True):
                panel.model.set_rows(panel_rows, formats)
            old = tab.chart_view.chart()
            tab.chart_view.setChart(chart)
            old.deleteLater()
        self._set_status(self._summary(report, formats))
        self.loaded.emit()

    def _summary(self, report: Report, formats: Formats) -> str:
        totals = report.totals
        if not totals.orders:
            return self.tr("No sales on these dates.")
        refunds = next(r.amount for r in report.exceptions if r.kind == "refunds")
        return self.tr("{orders} sales · {total} · tax {tax} · refunds {refunds}").format(
            orders=formats.display(Kind.COUNT, totals.orders),
            total=formats.display(Kind.MONEY, totals.total),
            tax=formats.display(Kind.MONEY, totals.tax),
            refunds=formats.display(Kind.MONEY, refunds))

    def _contents(self, report: Report, formats: Formats
                  ) -> dict[str, tuple[list[list[tuple]], QChart]]:
        """Each tab's table rows (one list per panel) and its chart."""
        def major(minor: int) -> float:
            return float(Money(minor, report.currency).to_decimal())

        def sales_rows(rows, label: Callable[[str], str]):
            return [(label(r.key), r.orders, r.total, r.tax, r.discount) for r in rows]

        def bars(title: str, labels: list[str], values: list[int], **options) -> QChart:
            if not any(values):
                return charts.empty_chart(title)
            return charts.bar_chart(title, labels, [(self.tr("Sales"), [major(v) for v in
                                                                        values])], **options)

        def pie(title: str, slices: list[tuple[str, int]]) -> QChart:
            shown = [(label, major(v)) for label, v in slices if v > 0]
            return charts.pie_chart(title, shown) if shown else charts.empty_chart(title)

        lines = report.lines
        kinds = {"refunds": self.tr("Refunds"), "voids": self.tr("Voids (cancelled orders)"),
                 "overrides": self.tr("Price overrides")}
        top = lines.products[:TOP_PRODUCTS]
        return {
            "day": ([sales_rows(report.by_day, str)], bars(
                self.tr("Sales by day"), [formats.display(Kind.DATE, r.key) for r in report.by_day],
                [r.total for r in report.by_day])),
            "hour": ([sales_rows(report.by_hour, self._hour_label)], bars(
                self.tr("Sales by hour"), [r.key for r in report.by_hour],
                [r.total for r in report.by_hour])),
            "products": ([[(p.sku, p.name, (p.quantity, p.unit), p.net, p.tax, p.gross)
                           for p in lines.products]], bars(
                self.tr("Top {count} products").format(count=TOP_PRODUCTS),
                [p.name for p in top], [p.gross for p in top], horizontal=True)),
            "categories": ([[(c.name, c.net, c.tax, c.gross) for c in lines.categories]], pie(
                self.tr("Sales by category"), [(c.name, c.gross) for c in lines.categories])),
            "cashiers": ([sales_rows(report.by_cashier, str)], bars(
                self.tr("Sales by cashier"), [r.key for r in report.by_cashier],
                [r.total for r in report.by_cashier])),
            "tenders": ([[(tender_label(t.tender), t.payments, t.amount, t.refunded, t.net)
                          for t in report.by_tender]], pie(
                self.tr("Money taken by tender"),
                [(tender_label(t.tender), t.amount) for t in report.by_tender])),
            "taxes": ([[(t.tax_code, t.rate_ppm, t.net, t.tax, t.gross)
                        for t in lines.taxes]], self._tax_chart(lines.taxes, formats, major)),
            "exceptions": ([[(kinds[e.kind], e.count, e.amount) for e in report.exceptions]],
                           bars(self.tr("Refunds, voids and price overrides"),
                                [kinds[e.kind] for e in report.exceptions],
                                [max(e.amount, 0) for e in report.exceptions])),
            "payments": ([self._approval_rows(report), self._duration_rows(report)],
                         self._approval_chart(report)),
        }

    def _tax_chart(self, taxes, formats: Formats, major) -> QChart:
        title = self.tr("Net and tax per rate")
        if not taxes:
            return charts.empty_chart(title)
        return charts.bar_chart(
            title, [f"{t.tax_code} {formats.display(Kind.RATE_PPM, t.rate_ppm)}" for t in taxes],
            [(self.tr("Net"), [major(t.net) for t in taxes]),
             (self.tr("Tax"), [major(t.tax) for t in taxes])], stacked=True)

    def _approval_rows(self, report: Report) -> list[tuple]:
        stats = report.payments
        return ([(tender_label(r.key), r.approved, r.failed, r.open, r.rate)
                 for r in stats.by_tender]
                + [(self._method_label(m.rate.key), m.rate.approved, m.rate.failed,
                    m.rate.open, m.rate.rate) for m in self._methods(report)]
                + [(self._hour_label(r.key), r.approved, r.failed, r.open, r.rate)
                   for r in stats.by_hour])

    def _duration_rows(self, report: Report) -> list[tuple]:
        stats = report.payments
        return [(label, d.count, d.median, d.p90) for label, d in (
            (self.tr("Sale to payment"), stats.create_to_pay),
            (self.tr("Payment to completion"), stats.pay_to_finish),
            *((self.tr("Charge to approval: {method}").format(
                method=self._method_label(m.rate.key)), m.time_to_pay)
              for m in self._methods(report))) if d.count]

    @staticmethod
    def _methods(report: Report) -> list:
        """Gateway charges by way of paying, once there is more than card tokens to tell
        apart (a reader, a wallet's code or QR)."""
        methods = report.payments.by_method
        return list(methods) if any(m.rate.key != "card" for m in methods) else []

    def _method_label(self, key: str) -> str:
        return {"card": self.tr("Card token"), "reader": self.tr("Card reader"),
                "alipay_code": self.tr("Alipay payment code"),
                "alipay_qr": self.tr("Alipay QR code"),
                "wechat_code": self.tr("WeChat Pay payment code"),
                "wechat_qr": self.tr("WeChat Pay QR code")}.get(key, key)

    def _approval_chart(self, report: Report) -> QChart:
        title = self.tr("Card approval rate by hour")
        points = [(int(r.key), r.rate * 100) for r in report.payments.by_hour
                  if r.rate is not None]
        if not points:
            return charts.empty_chart(title)
        return charts.line_chart(title, self.tr("Approved %"), points, (0, 23), (0, 100))

    @staticmethod
    def _hour_label(key: str) -> str:
        return f"{key}:00"
