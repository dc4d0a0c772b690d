"""The Reports page: reads on a worker, fills tables and charts, exports CSV, stays usable."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

import ui.reports.loading as loading
from pos.settings import load_settings
from pos.store.models import Order, OrderLine, Payment, Product
from pos.views.sales_report import build_report
from ui.reports.reports_view import ReportsView
from ui.session import Session
from ui.workers import wait_for_all

DAY = dt.date(2025, 3, 10)


def add_sale(at: dt.datetime, sku: str, quantity: int, tender: str, cashier: str | None):
    """A paid sale of one line at 19% tax included, written as the services leave it."""
    product = Product.get(Product.sku == sku)
    gross = product.price * quantity
    tax = gross * 19 // 119
    order = Order.create(uuid=f"u{Order.select().count()}", terminal_id="T7", status="completed",
                         currency="EUR", subtotal=gross, discount=0, tax=tax, total=gross,
                         paid=gross, tax_mode="inclusive", created_at=at, paid_at=at,
                         cashier_name=cashier)
    OrderLine.create(order=order, line_no=1, product=product, sku=sku, name=product.name,
                     unit=product.unit, quantity=quantity, unit_price=product.price,
                     list_price=product.price, discount=0, tax_code="std", tax_rate_ppm=190_000,
                     net=gross - tax, tax=tax, gross=gross)
    Payment.create(order=order, tender=tender, status="approved", amount=gross, net=gross,
                   created_at=at, updated_at=at)


@pytest.fixture
def view(qtbot, store_path):
    at = dt.datetime(2025, 3, 10, 9, 30).astimezone()
    add_sale(at, "SKU0010", 3, "cash", "Ann")  # 3 × 1,10 €
    add_sale(at + dt.timedelta(hours=5), "SKU0020", 1, "card", None)  # 1,20 €
    page = ReportsView(Session(load_settings(), store_path))
    qtbot.addWidget(page)
    page.setMinimumSize(1000, 620)  # as in the main window: a layout change never resizes it
    page.show()
    qtbot.waitExposed(page)
    yield page
    page.loader.cancel()
    assert wait_for_all()  # every worker has closed its connection before the store goes


def load(qtbot, view, first=DAY, last=DAY):
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.set_dates(first, last)


def cells(model):
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_reports_load_on_a_worker_and_fill_tables_and_charts(qtbot, view):
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.set_dates(DAY, DAY)
        assert view.loading and view.status.text() == "Loading…"
    assert not view.loading
    assert cells(view.panels["day"].model) == [["10.03.2025", "2", "4,50\xa0€", "0,71\xa0€",
                                                "0,00\xa0€"]]
    assert cells(view.panels["cashiers"].model) == [["Ann", "1", "3,30\xa0€", "0,52\xa0€",
                                                     "0,00\xa0€"],
                                                    ["—", "1", "1,20\xa0€", "0,19\xa0€",
                                                     "0,00\xa0€"]]
    assert [row[0] for row in cells(view.panels["tenders"].model)] == ["Cash", "Card"]
    assert [row[:3] for row in cells(view.panels["products"].model)] == [
        ["SKU0010", "Item 010", "3"], ["SKU0020", "Item 020", "1"]]
    assert cells(view.panels["taxes"].model)[0][:2] == ["std", "19 %"]
    assert "4,50\xa0€" in view.status.text()
    for key in ("day", "hour", "products", "cashiers", "tenders", "taxes"):
        assert view.tab[key].chart_view.chart().series(), key
    day_bars = view.tab["day"].chart_view.chart().series()[0].barSets()[0]
    assert day_bars.at(0) == pytest.approx(4.5)


def test_csv_export_writes_every_row(qtbot, view, tmp_path):
    load(qtbot, view)
    path = tmp_path / "products.csv"
    assert view.panels["products"].export_csv(path) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    assert raw.decode("utf-8-sig").splitlines() == [
        "SKU,Product,Quantity,Net (EUR),Tax (EUR),Gross (EUR)",
        "SKU0010,Item 010,3,2.78,0.52,3.30",
        "SKU0020,Item 020,1,1.01,0.19,1.20"]
    assert "2 rows written" in view.message.text()
    day = tmp_path / "day.csv"
    view.panels["day"].export_csv(day)
    assert day.read_text("utf-8-sig").splitlines()[1] == "2025-03-10,2,4.50,0.71,0.00"


def test_export_to_a_folder_says_why_it_failed(qtbot, view, tmp_path):
    load(qtbot, view)
    assert view.panels["day"].export_csv(tmp_path) is None
    assert view.message.isVisible() and "cannot be written" in view.message.text()


def test_a_range_that_ends_before_it_starts_shows_a_plain_message(qtbot, view):
    view.set_dates(DAY, DAY - dt.timedelta(days=1))
    assert not view.loading
    assert view.message.isVisible()
    assert view.message.text().startswith("The report's dates end before they start")


def test_empty_dates_show_empty_tables(qtbot, view):
    load(qtbot, view, dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert view.panels["day"].model.rowCount() == 0
    assert view.panels["products"].model.rowCount() == 0
    assert view.tab["day"].chart_view.chart().series() == []
    assert view.status.text() == "No sales on these dates."


def test_the_page_stays_responsive_and_a_newer_request_wins(qtbot, view, monkeypatch):
    release = threading.Event()
    calls = []

    def slow_then_real(since, until):
        calls.append(since)
        if since == DAY - dt.timedelta(days=1):
            assert release.wait(20)  # the older request hangs until the newer one is shown
        return build_report(since, until)

    monkeypatch.setattr(loading, "build_report", slow_then_real)
    loads = []
    view.loaded.connect(lambda: loads.append(view.report.range.since))
    view.set_dates(DAY - dt.timedelta(days=1), DAY)
    ticks = []
    try:
        QTimer.singleShot(10, lambda: ticks.append("tick"))
        qtbot.waitUntil(lambda: bool(ticks) and len(calls) == 1, timeout=5_000)  # events flow
        assert view.loading and view.status.text() == "Loading…"
        load(qtbot, view)  # the newer request, while the older one is still running
    finally:
        release.set()
    assert wait_for_all()
    qtbot.wait(50)  # the older result arrives and is dropped
    assert loads == [DAY]
    assert view.panels["day"].model.rowCount() == 1


def test_the_page_reads_again_after_a_sale_once_shown(qtbot, view):
    load(qtbot, view)
    view.session.ordersChanged.emit()  # the page is visible: it reads at once
    qtbot.waitUntil(lambda: not view.loading, timeout=20_000)
    view.hide()
    view.session.ordersChanged.emit()
    assert not view.loading
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.activate()


def test_quick_choices_pick_today_this_week_and_this_month(qtbot, view):
    today = dt.date.today()
    for name, first in (("reportToday", today),
                        ("reportWeek", today - dt.timedelta(days=today.weekday())),  # Monday
                        ("reportMonth", today.replace(day=1))):
        with qtbot.waitSignal(view.loaded, timeout=20_000):
            qtbot.mouseClick(view.findChild(QPushButton, name), Qt.MouseButton.LeftButton)
        assert (view.date_from.date().toPython(), view.date_to.date().toPython()) == (
            first, today), name


def test_payments_show_approval_and_time_to_pay_per_way_of_paying(qtbot, view):
    """Readers and wallets get rows of their own once the store takes them (issue 16)."""
    from pos.store.models import PaymentAttempt

    at = dt.datetime(2025, 3, 10, 11, 0).astimezone()
    order = Order.get()
    for n, (token, status) in enumerate((("wallet:alipay", "approved"),
                                         ("wallet:alipay", "declined"),
                                         ("reader:reader-1", "approved"))):
        PaymentAttempt.create(order=order, kind="charge", gateway="http", amount=100,
                              currency="EUR", idempotency_key=f"k{n}", card_token=token,
                              status=status, created_at=at,
                              finished_at=at + dt.timedelta(seconds=4), updated_at=at)
    load(qtbot, view)
    approval = {row[0]: row for row in cells(view.panels["approval"].model)}
    assert approval["Alipay payment code"][1:3] == ["1", "1"]
    assert approval["Card reader"][1:3] == ["1", "0"]
    steps = [row[0] for row in cells(view.panels["time_to_pay"].model)]
    assert "Charge to approval: Alipay payment code" in steps
    assert "Charge to approval: Card reader" in steps
