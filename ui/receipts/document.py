"""Drawing a receipt with Qt: an 80 mm roll (the thermal printer's text layout, QR code
below) and an A4 invoice (a table), on a PDF file, a system printer or an image.

Both draw the frozen `Receipt`, never the database. The roll uses the same
lines as the ESC/POS printer, set column for column in the bundled Chinese
font's monospaced face, so a paper roll, its PDF and the thermal print agree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import qrcode
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from pos.receipts.labels import labels_for, tender_name
from pos.receipts.model import Receipt
from pos.receipts.text_layout import money_text, quantity_text, receipt_lines
from pos.tax import format_rate
from pos.text_width import char_width
from ui.fonts import FONT_FILE

ROLL_MM = 80.0
ROLL_MARGIN_MM = 4.0
ROLL_COLUMNS = 48
QR_MM = 28.0
A4 = "a4"
ROLL = "roll"
LAYOUTS = (ROLL, A4)
_MONO_ADVANCE = 0.6  # a Latin glyph of the monospaced face is 0.6 em wide


@cache
def _families() -> tuple[str, str]:
    """(proportional, monospaced) faces of the bundled font, registered once."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    regular = families[0] if families else "Sans Serif"
    mono = next((f for f in families if f.endswith("Mono")), regular)
    return regular, mono


@dataclass(frozen=True)
class _Roll:
    """A roll's lines and geometry in millimetres."""

    lines: list[str]
    columns: int
    qr: str = ""

    @property
    def column(self) -> float:
        return (ROLL_MM - 2 * ROLL_MARGIN_MM) / self.columns

    @property
    def line_height(self) -> float:
        return self.column * 2 * 1.3

    @property
    def height(self) -> float:
        qr = QR_MM + 4 if self.qr else 0
        return 2 * ROLL_MARGIN_MM + len(self.lines) * self.line_height + qr


def receipt_roll(receipt: Receipt, columns: int = ROLL_COLUMNS) -> _Roll:
    return _Roll(receipt_lines(receipt, columns), columns, receipt.qr)


def text_roll(lines: list[str], columns: int = ROLL_COLUMNS) -> _Roll:
    """A roll of plain lines (the printer test page)."""
    return _Roll(lines, columns)


def _qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def _paint_qr(painter: QPainter, text: str, rect: QRectF) -> None:
    matrix = _qr_matrix(text)
    cell = rect.width() / len(matrix)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(rect.x() + x * cell, rect.y() + y * cell,
                                        cell * 1.02, cell * 1.02))
    painter.restore()


def _runs(line: str) -> list[tuple[str, int, int]]:
    """(text, first column, columns per character) for each run of equally wide
    characters; a zero-width mark stays with the character before it."""
    runs: list[tuple[str, int, int]] = []
    column = 0
    for char in line:
        width = char_width(char)
        if runs and (width == 0 or width == runs[-1][2]):
            text, start, size = runs[-1]
            runs[-1] = (text + char, start, size)
        else:
            runs.append((char, column, width or 1))
        column += width
    return runs


def _cells(text: str) -> list[str]:
    """The characters of a run, each with the zero-width marks that follow it."""
    cells: list[str] = []
    for char in text:
        if cells and char_width(char) == 0:
            cells[-1] += char
        else:
            cells.append(char)
    return cells


def paint_roll(painter: QPainter, roll: _Roll, width: float) -> None:
    """Draw the roll `width` device units wide from the painter's origin."""
    unit = width / ROLL_MM
    column = roll.column * unit
    font = QFont(_families()[1])
    font.setPixelSize(max(1, round(column / _MONO_ADVANCE)))
    painter.save()
    painter.fillRect(QRectF(0, 0, width, roll.height * unit), QColor("white"))
    painter.setPen(QColor("black"))
    painter.setFont(font)
    left, line_height = ROLL_MARGIN_MM * unit, roll.line_height * unit
    baseline = ROLL_MARGIN_MM * unit + line_height * 0.8
    for line in roll.lines:
        # Each character in its own cell (two for a wide one), whatever advance the font
        # or a fallback face gives it: on a printer's resolution those advances drift, so
        # drawing runs spread Chinese out and ran amounts into each other.
        for text, start, size in _runs(line):
            for offset, char in enumerate(_cells(text)):
                cell = QRectF(left + (start + offset * size) * column, baseline - line_height,
                              size * column, line_height * 1.2)
                painter.drawText(cell, Qt.AlignmentFlag.AlignHCenter
                                 | Qt.AlignmentFlag.AlignBottom, char)
        baseline += line_height
    if roll.qr:
        side = QR_MM * unit
        _paint_qr(painter, roll.qr,
                  QRectF((width - side) / 2, baseline - line_height * 0.5, side, side))
    painter.restore()


def roll_image(roll: _Roll, dots_per_mm: float = 8.0) -> QImage:
    """The roll as a picture (203 dpi by default, as a thermal printer prints it)."""
    width = round(ROLL_MM * dots_per_mm)
    image = QImage(width, round(roll.height * dots_per_mm), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_roll(painter, roll, width)
    painter.end()
    return image


def invoice_document(receipt: Receipt) -> QTextDocument:
    """The A4 invoice: the store, the receipt's details, a table of lines, the tax per
    rate, totals and payments, and the QR code."""
    words = labels_for(receipt.locale)
    loc = receipt.locale

    def amount(money) -> str:
        return html.escape(money_text(money, loc))

    def esc(text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    title = words[receipt.kind] + (f" — {words['copy']}" if receipt.copy else "")
    rows = "".join(
        f"<tr><td>{esc(ln.name)}</td><td>{esc(quantity_text(ln, loc))}</td>"
        f"<td align=right>{amount(-ln.discount) if ln.discount else ''}</td>"
        f"<td align=right>{amount(ln.total)}</td></tr>" for ln in receipt.lines)
    sums = [(words["subtotal"], receipt.subtotal)] if receipt.kind == "sale" else []
    if receipt.discount:
        sums.append((words["discount"], -receipt.discount))
    for tax in receipt.taxes:
        label = f"{words['tax']} {format_rate(tax.rate_ppm)}"
        sums.append((f"{words['included']} {label}" if receipt.tax_included else label,
                     tax.tax))
    if receipt.rounding:
        sums.append((words["rounding"], receipt.rounding))
    total = words["total"] if receipt.kind == "sale" else words["refunded"]
    sums.append((f"<b>{total}</b>", receipt.total + receipt.rounding))
    sum_rows = "".join(f"<tr><td colspan=3 align=right>{label}</td>"
                       f"<td align=right>{amount(value)}</td></tr>" for label, value in sums)
    tenders = "".join(
        f"<p>{esc(_tender_text(t, words))}: {amount(t.tendered or t.amount)}"
        + (f" — {words['change']} {amount(t.change)}" if t.change else "") + "</p>"
        for t in receipt.tenders)
    tenders += "".join(  # a copy of a sale refunded since
        f"<p>{esc(words['refunded'])} {esc(_tender_text(t, words))}: {amount(-t.amount)}</p>"
        for t in receipt.refunds)
    staff = f" · {words['cashier']} {esc(receipt.cashier)}" if receipt.cashier else ""
    tax_no = f"<br>{words['tax_number']} {esc(receipt.tax_number)}" if receipt.tax_number \
        else ""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(_families()[0], 10))
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("qr.png"),
                    _qr_image(receipt.qr))
    doc.setHtml(
        f"<h2>{esc(receipt.store_name)}</h2><p>{esc(receipt.store_address)}{tax_no}</p>"
        f"<p>{esc(receipt.header)}</p><h3>{esc(title)}</h3>"
        f"<p>{words['receipt']} {esc(receipt.number)} · {words['date']} "
        f"{receipt.at:%Y-%m-%d %H:%M} · {words['terminal']} {esc(receipt.terminal)}{staff}</p>"
        "<table width=100% cellspacing=0 cellpadding=4 border=1>"
        f"{rows}{sum_rows}</table>{tenders}"
        + (f"<p>{words['reason']}: {esc(receipt.reason)}</p>" if receipt.reason else "")
        + f"<p>{esc(receipt.footer)}</p><p><img src='qr.png' width=110 height=110><br>"
        f"{words['order']} {esc(receipt.order_uuid)}</p>")
    return doc


def _tender_text(tender, words: dict) -> str:
    if tender.kind != "card" or not tender.gateway_ref:
        return tender_name(tender, words)
    label = words["trade_no"] if tender.wallet else words["ref"]
    return f"{tender_name(tender, words)} ({label} {tender.gateway_ref})"


def _qr_image(text: str, cell: int = 8) -> QImage:
    size = len(_qr_matrix(text)) * cell
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    _paint_qr(painter, text, QRectF(0, 0, size, size))
    painter.end()
    return image


def render(device: QPagedPaintDevice, receipt: Receipt, layout: str = ROLL) -> None:
    """Draw the receipt on a PDF writer or a printer, setting its page for `layout`."""
    if layout == A4:
        device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        invoice_document(receipt).print_(device)
    else:
        render_roll(device, receipt_roll(receipt))


def render_roll(device: QPagedPaintDevice, roll: _Roll) -> None:
    """One page exactly as long as the roll."""
    size = QPageSize(QSizeF(ROLL_MM, roll.height), QPageSize.Unit.Millimeter, "Receipt roll")
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF()))
    painter = QPainter(device)
    paint_roll(painter, roll, device.width())
    painter.end()


def write_pdf(receipt: Receipt, path: Path, layout: str = ROLL) -> Path:
    """Save the receipt as a PDF file."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(f"{receipt.store_name} {receipt.number}")
    render(writer, receipt, layout)
    return path
