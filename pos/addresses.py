"""Addresses an owner types: the card gateway's URL and the receipt printer's network or
USB id. Checked where they are typed (`pos.settings`) and again where they are used (the
gateway adapters, `pos.receipts.transports`), with the same sentence in both places."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from pos.errors import InputError

PRINTER_PORT = 9100  # the raw ESC/POS port of network receipt printers


def is_loopback(host: str | None) -> bool:
    """Whether `host` is this computer: plain http is allowed only to a sandbox here."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def gateway_url(base_url: str) -> str:
    """The base URL without a trailing slash; plain http only to this computer (the sandbox)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment:
        raise InputError(f"{base_url!r} is not a gateway address like https://gateway.example.")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InputError("The card gateway address must start with https://; plain http is "
                         "only for a sandbox on this computer.")
    return base_url.strip().rstrip("/")


def printer_host_port(target: str) -> tuple[str, int]:
    """'192.168.1.50' or '192.168.1.50:9100' → (host, port)."""
    host, sep, port = (target or "").strip().rpartition(":")
    if not sep:
        host, port = port, str(PRINTER_PORT)
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"{target!r} is not a printer address; type it like "
                         f"192.168.1.50:{PRINTER_PORT}.")
    return host, int(port)


def usb_printer_id(target: str) -> tuple[int, int]:
    """'04b8:0202' → (vendor, product)."""
    vendor, sep, product = target.strip().partition(":")
    try:
        ids = (int(vendor, 16), int(product, 16))
        ok = bool(sep) and all(0 <= n <= 0xFFFF for n in ids)
    except ValueError:
        ok = False
    if not ok:
        raise InputError(f"{target!r} is not a USB printer id; type it like 04b8:0202 "
                         "(vendor:product, in hex).")
    return ids
