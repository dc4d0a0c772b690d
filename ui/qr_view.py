"""A URL drawn as a QR code on screen, big enough for a phone to scan across a counter.

Shared by the customer display (the store's QR a customer scans) and the cashier's
checkout. The code is drawn with whole pixels per module and no smoothing, because a
blurred edge between modules is what makes a phone camera fail on a screen.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_image(url: str, size_px: int) -> QImage:
    """`url` as a square, black-on-white QR code of `size_px` pixels (error correction M),
    centred with its quiet zone; each module is a whole number of pixels."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    rows = list(code.matrix_iter(scale=1, border=QUIET_ZONE))
    modules = len(rows)
    image = QImage(modules, modules, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, 0xFF000000)
    scale = max(1, size_px // modules)
    sharp = image.scaled(modules * scale, modules * scale,
                         Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.FastTransformation)
    canvas = QImage(max(size_px, sharp.width()), max(size_px, sharp.height()),
                    QImage.Format.Format_Grayscale8)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.drawImage((canvas.width() - sharp.width()) // 2,
                      (canvas.height() - sharp.height()) // 2, sharp)
    painter.end()
    return canvas


def qr_pixmap(url: str, size_px: int) -> QPixmap:
    """`qr_image` as a pixmap for a label."""
    return QPixmap.fromImage(qr_image(url, size_px))


class QrView(QLabel):
    """A label that shows one URL as a QR code filling the square it is given; the URL is
    its tooltip and accessible description (what a screen reader or a test reads)."""

    def __init__(self, parent: QWidget | None = None, minimum_px: int = 160) -> None:
        super().__init__(parent)
        self._url = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(minimum_px, minimum_px)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: white;")

    def url(self) -> str:
        return self._url

    def set_url(self, url: str) -> None:
        """Shows `url`; an empty string clears the code."""
        self._url = url
        self.setToolTip(url)
        self.setAccessibleDescription(url)
        self._draw()

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()  # not the pixmap's: the code follows the label's size

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._draw()

    def _draw(self) -> None:
        if not self._url:
            self.clear()
            return
        side = min(self.width(), self.height())
        self.setPixmap(qr_pixmap(self._url, max(side, 1)))
