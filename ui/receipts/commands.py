"""`pos receipt REF --to pdf FILE [--layout roll|a4]`: the one receipt command that needs
Qt (QPdfWriter), reached through `ui.command`; the core parses the arguments and
finds the order, exactly as for the other destinations."""

from __future__ import annotations

import os
import sys

from pos.errors import PosError


def wants_pdf(argv: list[str]) -> bool:
    """`pos receipt ... --to pdf ...`?"""
    if argv[:1] != ["receipt"] or "--to" not in argv:
        return False
    return argv[argv.index("--to") + 1:][:1] == ["pdf"]


def receipt_pdf(argv: list[str]) -> int:
    from pos.cli.main import build_parser
    from pos.cli.receipts import destination, load_receipt
    from pos.store.db import close_store

    args = build_parser().parse_args(argv)
    try:
        _, target = destination(args.to)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        from ui.receipts.document import write_pdf

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        receipt, _ = load_receipt(args)
        path = write_pdf(receipt, target, args.layout)
    except PosError as exc:
        if args.debug:
            raise
        print(f"pos: {exc}", file=sys.stderr)
        return 1
    finally:
        close_store()
    print(f"Receipt {receipt.number} saved as {path}.")
    return 0
