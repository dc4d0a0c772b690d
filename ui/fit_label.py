"""A label whose one line of text is set smaller rather than cut off.

Amounts in the millions must stay whole at 1024 pixels: the register's total, the
checkout's summary and the customer display all draw theirs with it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel


class FitLabel(QLabel):
    """One line of text in its style's type, or smaller (down to `MIN_SCALE` of it) when
    that is what fits the width; never cut off while the smallest type fits."""

    MIN_SCALE = 0.45

    def fitted_font(self, width: int | None = None) -> QFont:
        """The largest type, from the style's down, in which the text fits `width`."""
        width = self.contentsRect().width() if width is None else width
        font = QFont(self.font())
        size = font.pointSizeF()
        smallest = max(6.0, size * self.MIN_SCALE)
        while size > smallest and QFontMetrics(font).horizontalAdvance(self.text()) > width:
            size = max(smallest, size - 1)
            font.setPointSizeF(size)
        return font

    def minimumSizeHint(self) -> QSize:
        self.ensurePolished()
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * self.MIN_SCALE))
        margins = self.contentsMargins()
        width = QFontMetrics(font).horizontalAdvance(self.text()) + margins.left() + \
            margins.right() + 2 * self.margin()
        return QSize(width, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.fitted_font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.text())
