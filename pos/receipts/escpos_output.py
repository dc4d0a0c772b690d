"""A receipt as ESC/POS bytes, built with python-escpos and sent by `transports`.

The bytes are made in memory (python-escpos's Dummy printer) before any device
is opened, so building them cannot hang and sending them is one write.

- Text goes out in the printer's code page: GB18030 (Chinese mode, FS &) for
  Chinese printers, a single-byte page (ESC t n) for the others. A line with a
  character the page cannot hold is printed as an image of that line, never
  with the character dropped.
- The QR code is the printer's own (GS ( k), carrying `Receipt.qr`.
- The drawer is kicked (ESC p) on the configured pin when cash changed hands.
- The receipt ends with a feed and a cut (GS V).
"""

from __future__ import annotations

from collections.abc import Iterable

from PIL import Image

from pos.code_pages import CHINESE, codepage_for, single_byte
from pos.receipts.line_image import DOTS_PER_COLUMN, line_image
from pos.receipts.model import Receipt
from pos.receipts.text_layout import receipt_lines

ESC, FS = b"\x1b", b"\x1c"
ALIGN_LEFT, ALIGN_CENTRE = ESC + b"a\x00", ESC + b"a\x01"
QR_MODULE_DOTS = 6


class _Encoder:
    """Turns a line into bytes of one code page, or says it cannot."""

    def __init__(self, name: str) -> None:
        self.name = name
        if name == CHINESE:
            # Chinese mode on, and the China character set, whose 0x5C is ¥.
            self.select = FS + b"&" + ESC + b"R\x0f"
            self.codec = "gb18030"
        else:
            self.codec, slot = single_byte(name)
            self.select = FS + b"." + ESC + b"t" + bytes([slot])

    def encode(self, text: str) -> bytes | None:
        out = []
        for char in text:
            data = self._char(char)
            if data is None:
                return None
            out.append(data)
        return b"".join(out)

    def _char(self, char: str) -> bytes | None:
        if self.codec == "gb18030":
            if char == "¥":
                return b"\\"
            if char == "\\":
                return None
        try:
            data = char.encode(self.codec)
        except UnicodeEncodeError:
            return None
        # Four-byte GB18030 sequences (emoji, rare characters) have no glyph in the
        # printers' GB2312/GBK fonts.
        return data if len(data) <= 2 else None


def _printer(columns: int):
    """A printer in memory whose profile knows the paper's width in dots (python-escpos
    is imported here, at the first receipt: half a second the till's start saves)."""
    from escpos.printer import Dummy

    printer = Dummy()
    data = dict(printer.profile.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": "Unknown",
                                           "pixels": columns * DOTS_PER_COLUMN}}
    printer.profile.profile_data = data  # this printer only; the class's data stays
    return printer


def document_bytes(lines: Iterable[str], *, columns: int, codepage: str, qr: str = "",
                   kick_pin: int | None = None, logo: Image.Image | None = None) -> bytes:
    """Initialise, kick the drawer, print `logo`, the lines and the QR code, then cut."""
    encoder = _Encoder(codepage)
    printer = _printer(columns)
    printer.hw("INIT")
    if kick_pin is not None:
        printer.cashdraw(kick_pin)
    if logo is not None:
        printer._raw(ALIGN_CENTRE)
        printer.image(_fit(logo, columns * DOTS_PER_COLUMN))
        printer._raw(ALIGN_LEFT)
    printer._raw(encoder.select)
    for line in lines:
        data = encoder.encode(line)
        if data is None:
            printer.image(line_image(line, columns))
        else:
            printer._raw(data + b"\n")
    if qr:
        printer._raw(ALIGN_CENTRE)
        printer.qr(qr, native=True, size=QR_MODULE_DOTS)
        printer._raw(b"\n" + ALIGN_LEFT)
    printer.cut()
    return printer.output


def _fit(image: Image.Image, dots: int) -> Image.Image:
    if image.width <= dots:
        return image
    return image.resize((dots, max(1, image.height * dots // image.width)))


def receipt_bytes(receipt: Receipt, *, columns: int = 42, codepage: str = "",
                  drawer_pin: int | None = None, logo: Image.Image | None = None) -> bytes:
    """The receipt for an ESC/POS printer; the drawer opens only if cash changed hands and
    a `drawer_pin` is given."""
    kick = drawer_pin if drawer_pin is not None and receipt.opens_drawer else None
    return document_bytes(receipt_lines(receipt, columns), columns=columns,
                          codepage=codepage_for(codepage, receipt.locale), qr=receipt.qr,
                          kick_pin=kick, logo=logo)


def drawer_bytes(pin: int) -> bytes:
    """Open the cash drawer and print nothing ("No sale")."""
    printer = _printer(42)
    printer.hw("INIT")
    printer.cashdraw(pin)
    return printer.output
