"""Charts for the report tabs, built with QtCharts from plain figures.

A chart is built afresh for every load (a few dozen bars or slices), which is
simpler and cheaper than patching the series of the last one. Values are in
major units as floats: a chart only draws them; the tables and CSV files hold
the exact amounts.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt

Bars = list[tuple[str, list[float]]]  # (set name, one value per label)


def empty_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setVisible(False)
    return chart


def bar_chart(title: str, labels: list[str], sets: Bars, *, horizontal: bool = False,
              stacked: bool = False) -> QChart:
    """Bars per label; several sets side by side or `stacked`; `horizontal` lists the first
    label at the top."""
    chart = empty_chart(title)
    if horizontal:
        labels, sets = labels[::-1], [(name, values[::-1]) for name, values in sets]
    series: QAbstractBarSeries = (QHorizontalBarSeries() if horizontal else
                                  QStackedBarSeries() if stacked else QBarSeries())
    for name, values in sets:
        bar_set = QBarSet(name)
        bar_set.append(values)
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    values_axis = QValueAxis()
    values_axis.setMin(0)
    category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
                                 if horizontal else
                                 (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
    if len(labels) > 12 and not horizontal:
        categories.setLabelsAngle(-90)
    chart.addAxis(categories, category_side)
    chart.addAxis(values_axis, value_side)
    series.attachAxis(categories)
    series.attachAxis(values_axis)
    values_axis.applyNiceNumbers()
    chart.legend().setVisible(len(sets) > 1)
    return chart


def pie_chart(title: str, slices: list[tuple[str, float]]) -> QChart:
    chart = empty_chart(title)
    series = QPieSeries()
    for label, value in slices:
        series.append(label, value)
    chart.addSeries(series)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def line_chart(title: str, name: str, points: list[tuple[float, float]],
               x_range: tuple[float, float], y_range: tuple[float, float]) -> QChart:
    chart = empty_chart(title)
    series = QLineSeries()
    series.setName(name)
    series.setPointsVisible(True)
    for x, y in points:
        series.append(x, y)
    chart.addSeries(series)
    for axis, side, (low, high) in ((QValueAxis(), Qt.AlignmentFlag.AlignBottom, x_range),
                                    (QValueAxis(), Qt.AlignmentFlag.AlignLeft, y_range)):
        axis.setRange(low, high)
        axis.setLabelFormat("%d")
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    return chart

