"""`pos receipt RECEIPT_OR_UUID --to text|pdf|escpos|escpos-file ...`: print a saved
order's receipt from the command line.

Text and ESC/POS need no Qt. `--to pdf` is drawn by Qt, so the `pos` console
command (`ui.command`) hands it to the windows' side; here it only says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos.cli.common import READS, open_for
from pos.errors import InputError, PosError
from pos.receipts.escpos_output import receipt_bytes
from pos.receipts.model import build_receipt
from pos.receipts.text_layout import WIDTHS, receipt_lines
from pos.receipts.transports import send
from pos.sales.orders import find_order
from pos.settings import load_settings

TARGETS = {"text": 0, "pdf": 1, "escpos": 1, "escpos-file": 1}


def add_commands(sub, common) -> None:
    """Add `pos receipt` to the `pos` parser."""
    p = sub.add_parser(
        "receipt", parents=[common], help="print a sale's receipt as text, PDF or ESC/POS",
        description="Print the receipt of a saved sale: --to text [--width 32|42|48], "
                    "--to pdf FILE, --to escpos HOST:PORT or --to escpos-file FILE.")
    p.add_argument("ref", metavar="RECEIPT_OR_UUID")
    p.add_argument("--to", nargs="+", required=True, metavar="KIND [TARGET]",
                   help="text, pdf FILE, escpos HOST:PORT or escpos-file FILE")
    p.add_argument("--width", type=int, choices=WIDTHS,
                   help="characters per line (default: the store's printer setting)")
    p.add_argument("--copy", action="store_true", help="mark the receipt as a copy")
    p.add_argument("--layout", choices=["roll", "a4"], default="roll",
                   help="for --to pdf: an 80 mm roll (default) or an A4 invoice")
    p.set_defaults(run=cmd_receipt, **READS)


def destination(to: list[str]) -> tuple[str, str]:
    """(kind, target) from the words after --to; refuses a wrong count."""
    kind = to[0]
    if kind not in TARGETS:
        raise InputError(f"--to {kind} is not a destination; use text, pdf, escpos or "
                         "escpos-file.")
    if len(to) != 1 + TARGETS[kind]:
        usage = {"text": "--to text", "pdf": "--to pdf FILE", "escpos": "--to escpos HOST:PORT",
                 "escpos-file": "--to escpos-file FILE"}[kind]
        raise InputError(f"Write it as {usage}.")
    target = to[1] if len(to) > 1 else ""
    if kind in ("pdf", "escpos-file"):
        check_file_target(Path(target), device_ok=kind == "escpos-file")
    return kind, target


def check_file_target(path: Path, *, device_ok: bool = False) -> None:
    """Refuse, in words and before anything is drawn, a file that cannot be written: a
    folder that does not exist, a folder given as the file, or a place this user cannot
    write to (tried by opening the file). Qt's PDF writer fails silently, so a mistake not
    caught here would be reported as saved."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name inside it, like "
                         f"{path / 'receipt.pdf'}.")
    if device_ok and path.exists():
        return  # a printer's device file (/dev/usb/lp0) or a file written before
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"There is no folder {folder}, so {path.name} cannot be saved there.")
    existed = path.exists()
    try:  # try it: permissions, a read-only disk or a system folder all show here
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise InputError(f"{path} cannot be written ({exc.strerror or exc}).") from None
    if not existed:
        path.unlink(missing_ok=True)


def load_receipt(args: argparse.Namespace):
    """Open the store, find the order and build its receipt; (receipt, settings)."""
    open_for(args)
    settings = load_settings()
    order = find_order(args.ref, settings.terminal_id)
    if not order.receipt_no:
        raise InputError("That order is not paid yet, so it has no receipt.")
    return build_receipt(order, settings, copy=args.copy), settings


def cmd_receipt(args: argparse.Namespace) -> int:
    kind, target = destination(args.to)
    if kind == "pdf":
        raise PosError("A PDF receipt is drawn by Qt: run it with the 'pos' command "
                       "(not 'python -m pos').")
    receipt, settings = load_receipt(args)
    width = args.width or settings.printer_width
    if kind == "text":
        sys.stdout.write("".join(line + "\n" for line in receipt_lines(receipt, width)))
        return 0
    data = receipt_bytes(receipt, columns=width, codepage=settings.printer_codepage)
    if kind == "escpos":
        send("network", target, data)
    else:
        send("file", str(Path(target)), data)
    print(f"Receipt {receipt.number} sent to {target} ({len(data):,} bytes).")
    return 0
