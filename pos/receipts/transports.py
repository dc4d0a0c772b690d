"""Sending ESC/POS bytes to a printer: network (TCP 9100), USB, serial or a file/device.

Each send opens the device, writes, and closes it, with a short timeout, so a
printer that is off, unplugged or stuck fails within seconds with a sentence a
cashier can act on (`PrinterError`) instead of hanging. A network printer is
first reset (ESC @) and asked for its paper status (DLE EOT 4): a printer that accepts the
connection but does not answer is stuck, one that reports the paper end is
out of paper, and in both cases nothing is sent.

python-escpos (half a second to import, most of it its printer profiles) is
loaded by the first print (`pos.receipts.devices`), not when the till starts.
"""

from __future__ import annotations

import logging

from pos.errors import PrinterError

log = logging.getLogger(__name__)

TIMEOUT = 3.0  # seconds: connect, status answer and each write
INIT = b"\x1b@"  # ESC @: a known state before the query
PAPER_STATUS = b"\x10\x04\x04"  # DLE EOT 4: paper roll sensor
PAPER_END = 0x60


ESCPOS_KINDS = ("network", "usb", "serial", "file")


def send(kind: str, target: str, data: bytes, timeout: float = TIMEOUT) -> None:
    """Write `data` to the printer the settings name; raises `PrinterError`."""
    if kind not in ESCPOS_KINDS:
        raise PrinterError("No receipt printer is set up for ESC/POS; choose one in Settings.")
    from escpos.exceptions import Error as EscposError

    from pos.receipts.devices import OPENERS

    where = target or kind
    try:
        printer = OPENERS[kind](target, timeout)
    except (EscposError, OSError, ValueError) as exc:
        log.info("printer %s %s did not open: %s", kind, where, exc)
        raise PrinterError(_not_open(kind, where, exc)) from exc
    try:
        if kind == "network":
            _check_paper(printer, where)
        printer._raw(data)
    except TimeoutError as exc:
        raise PrinterError(f"The printer at {where} stopped answering. It may be out of "
                           "paper, have its cover open, or be busy.") from exc
    except (EscposError, OSError) as exc:
        log.info("printer %s %s failed: %s", kind, where, exc)
        raise PrinterError(f"The printer at {where} stopped the print ({exc}). Check it "
                           "and try again.") from exc
    finally:
        printer.close()


def _check_paper(printer, where: str) -> None:
    printer._raw(INIT + PAPER_STATUS)
    answer = printer._read()
    if not answer:
        raise PrinterError(f"The printer at {where} closed the connection. Check it "
                           "and try again.")
    if answer[-1] & PAPER_END:
        raise PrinterError(f"The printer at {where} is out of paper. Put in a new roll "
                           "and try again.")


def _not_open(kind: str, where: str, cause: BaseException) -> str:
    if kind == "network":
        if isinstance(cause, ConnectionRefusedError):
            return (f"The printer at {where} refused the connection. Check that it is "
                    "switched on and that the address is right.")
        return (f"The printer at {where} cannot be reached. Check that it is switched on "
                "and connected to the network.")
    if kind == "file":
        return f"The printer file {where} cannot be written ({cause}). Check the path."
    return (f"The printer on {where} cannot be opened. Check that it is switched on and "
            "plugged in.")
