"""ESC/POS output sent to a real TCP listener on loopback (a throw-away network printer):
initialisation, text, total, QR code, cut, the drawer kick for cash only, code pages,
lines printed as images, and printers that refuse, stall or run out of paper."""

from __future__ import annotations

import pytest

from pos.cli.main import main
from pos.code_pages import codepage_for
from pos.errors import InputError
from pos.receipts.escpos_output import drawer_bytes, receipt_bytes
from pos.receipts.model import build_receipt
from pos.receipts.transports import INIT, PAPER_STATUS, PrinterError, send
from pos.settings import load_settings, save_settings
from pos.store.models import OrderLine
from tests.receipts.test_receipts import card, cash, sell
from tests.receipts.test_receipts_fake_printer import (
    PAPER_OUT,
    FakePrinter,
    refusing_address,
    stalled_listener,
)

INIT_BYTES = b"\x1b@"
CUT = b"\x1dV\x00"
KICK_PIN_2, KICK_PIN_5 = b"\x1bp\x00", b"\x1bp\x01"
RASTER_IMAGE = b"\x1dv0"


def qr_store_command(text: str) -> bytes:
    """GS ( k: store `text` in the printer's QR symbol (function 180)."""
    size = len(text) + 3
    return b"\x1d(k" + bytes([size % 256, size // 256]) + b"1P0" + text.encode()


def printed(printer: FakePrinter, data: bytes) -> bytes:
    """What the printer got for one send, after the reset and the paper query."""
    job = printer.job()
    assert job.startswith(INIT + PAPER_STATUS)
    return job[len(INIT + PAPER_STATUS):]


@pytest.fixture
def printer():
    with FakePrinter() as fake:
        yield fake


def test_a_cash_sale_prints_everything_and_kicks_the_drawer(catalogue, printer):
    save_settings(store_name="Corner Shop")
    order = sell(catalogue, cash)
    receipt = build_receipt(order, load_settings())
    data = receipt_bytes(receipt, columns=42, drawer_pin=2)
    send("network", printer.address, data)
    got = printed(printer, data)
    assert got == data
    assert got.startswith(INIT_BYTES) and got.endswith(CUT)
    assert b"Corner Shop" in got and b"Crisp" not in got
    assert b"Olive Soap" not in got  # "Olive Soap 橄榄皂" cannot be CP858 text ...
    assert got.count(RASTER_IMAGE) >= 2  # ... so it and the milk are printed as images
    assert b"0.350 kg x $3.98/kg" in got
    assert f"TOTAL{receipt.total.format('en_US'):>37}".encode() in got
    assert qr_store_command(order.uuid) in got
    assert got.count(KICK_PIN_2) == 1 and KICK_PIN_5 not in got


def test_a_card_sale_opens_no_drawer(catalogue, printer):
    order = sell(catalogue, card)
    data = receipt_bytes(build_receipt(order, load_settings()), columns=32, drawer_pin=2)
    send("network", printer.address, data)
    got = printed(printer, data)
    assert b"Card VISA ****4242" in got and qr_store_command(order.uuid) in got
    assert KICK_PIN_2 not in got and KICK_PIN_5 not in got and got.endswith(CUT)


def test_a_chinese_store_prints_gb18030_text_and_images_only_what_it_cannot(catalogue):
    save_settings(locale="zh_CN", store_name="街角小店")
    order = sell(catalogue, cash)
    data = receipt_bytes(build_receipt(order, load_settings()), columns=48, drawer_pin=5)
    assert b"\x1c&" in data  # Chinese mode
    for text in ("街角小店", "合计", "找零", "橄榄皂"):
        assert text.encode("gb18030") in data
    assert data.count(RASTER_IMAGE) == 0 and b"?" not in data
    assert KICK_PIN_5 in data
    emoji = sell(catalogue, cash)
    OrderLine.update(name="Apples 🍎").where(OrderLine.order == emoji,
                                            OrderLine.line_no == 1).execute()
    data = receipt_bytes(build_receipt(emoji, load_settings()), columns=48)
    assert data.count(RASTER_IMAGE) == 1 and "🍎".encode("gb18030") not in data


def test_code_pages_follow_the_setting_or_the_locale():
    assert codepage_for("", "zh_CN") == "GB18030"
    assert codepage_for("", "de_DE") == "CP858"
    assert codepage_for("cp1252", "zh_CN") == "CP1252"
    with pytest.raises(InputError, match="code page 'KLINGON' is not known"):
        codepage_for("klingon", "en_US")


def test_no_sale_opens_the_drawer_on_the_chosen_pin(printer):
    send("network", printer.address, drawer_bytes(5))
    assert printed(printer, b"") == INIT_BYTES + KICK_PIN_5 + b"\x32\x32"


def test_a_printer_out_of_paper_gets_nothing_but_the_question():
    with FakePrinter(paper=PAPER_OUT) as empty:
        with pytest.raises(PrinterError, match="out of paper"):
            send("network", empty.address, b"\x1b@receipt")
        assert empty.job() == INIT + PAPER_STATUS


def test_a_printer_that_refuses_says_so_at_once():
    # "refused", not "stopped answering": the refusal itself ended it, not the timeout
    with pytest.raises(PrinterError, match="refused the connection"):
        send("network", refusing_address(), b"\x1b@", timeout=60)


def test_a_stalled_printer_fails_after_the_timeout_not_never():
    with stalled_listener() as listener:
        port = listener.getsockname()[1]
        with pytest.raises(PrinterError, match="stopped answering"):
            send("network", f"127.0.0.1:{port}", b"\x1b@", timeout=0.3)


def test_bad_addresses_and_devices_are_explained(tmp_path):
    with pytest.raises(PrinterError, match="not a printer address"):
        send("network", "printer:port", b"")
    with pytest.raises(PrinterError, match="cannot be written"):
        send("file", str(tmp_path / "no" / "such" / "dir"), b"")
    with pytest.raises(PrinterError, match="cannot be opened"):
        send("serial", str(tmp_path / "ttyUSB9"), b"")
    with pytest.raises(PrinterError, match="No receipt printer"):
        send("none", "", b"")
    device = tmp_path / "lp0"
    send("file", str(device), b"\x1b@hello")
    assert device.read_bytes() == b"\x1b@hello"


# the command line ---------------------------------------------------------------

def test_pos_receipt_to_text_escpos_and_a_file(catalogue, store, printer, capsys, tmp_path):
    order = sell(catalogue, cash)
    db = ["--db", str(store)]
    assert main(["receipt", "T1-000001", *db, "--to", "text", "--width", "32"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Order" in lines and max(len(ln) for ln in lines) <= 32
    assert main(["receipt", order.uuid, *db, "--to", "escpos", printer.address, "--copy"]) == 0
    got = printed(printer, b"")
    assert b"*** COPY ***" in got and got.endswith(CUT) and KICK_PIN_2 not in got
    out = tmp_path / "receipt.bin"
    assert main(["receipt", "1", *db, "--to", "escpos-file", str(out)]) == 0
    assert out.read_bytes().startswith(INIT_BYTES)
    assert "sent to" in capsys.readouterr().out


@pytest.mark.parametrize("to, message", [
    (["pdf", "x.pdf"], "drawn by Qt"),
    (["pdf"], "--to pdf FILE"),
    (["fax", "1"], "not a destination"),
])
def test_pos_receipt_explains_a_wrong_destination(catalogue, store, capsys, to, message):
    sell(catalogue, cash)
    assert main(["receipt", "1", "--db", str(store), "--to", *to]) == 1
    assert message in capsys.readouterr().err


def test_pos_receipt_of_an_unknown_order_says_so(store, capsys):
    assert main(["receipt", "T1-000009", "--db", str(store), "--to", "text"]) == 1
    assert "No sale has the receipt number" in capsys.readouterr().err
