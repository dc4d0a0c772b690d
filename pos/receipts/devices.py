"""The ESC/POS devices python-escpos opens, one opener per kind of printer in the settings.

Imported by `pos.receipts.transports.send` at the first print: python-escpos takes
half a second to import, which the till's start no longer pays.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from escpos.printer import File, Network, Serial, Usb

from pos.addresses import printer_host_port, usb_printer_id
from pos.errors import InputError, PrinterError


class _Network(Network):
    """python-escpos's network printer, but a failed connect closes its socket."""

    def open(self, raise_not_found: bool = True) -> None:
        connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        connection.settimeout(self.timeout)
        try:
            connection.connect((self.host, self.port))
        except OSError:
            connection.close()
            raise
        self.device = connection


def _network(target: str, timeout: float) -> Network:
    host, port = _address(printer_host_port, target)
    printer = _Network(host, port, timeout=timeout)
    printer.open()
    return printer


def _usb(target: str, timeout: float) -> Usb:
    printer = Usb(*_address(usb_printer_id, target), timeout=int(timeout * 1000))
    printer.open()
    return printer


def _address(parse: Callable, target: str):
    """The printer address `parse` reads from `target`; a mistyped one is the printer's
    error, so the cashier hears why it did not print."""
    try:
        return parse(target or "")
    except InputError as exc:
        raise PrinterError(str(exc)) from None


def _serial(target: str, timeout: float) -> Serial:
    printer = Serial(target, timeout=timeout)
    printer.open()
    return printer


def _file(target: str, timeout: float) -> File:
    if not target:
        raise ValueError("no file or device given")
    printer = File(target)
    printer.open()
    return printer


OPENERS: dict[str, Callable] = {"network": _network, "usb": _usb, "serial": _serial,
                                "file": _file}
"""One per `pos.receipts.transports.ESCPOS_KINDS`."""
