"""The `pos` console command.

Every sub-command but three is the core's command line (`pos.cli.main`), which never
imports Qt, so `pos orders list` runs on a machine without a display or Qt's
libraries. `pos register` opens the windows (as `python main.py` does; the installed
bundle has no other way in), `pos screenshot` renders them and `pos receipt ... --to pdf`
draws a PDF, so these live here, on the Qt side, and load Qt only when asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos.errors import PosError


def cli(argv: list[str] | None = None) -> int:
    """The `pos` command: `pos register` and `pos screenshot` need Qt and live here;
    everything else is the core's command line (`pos.cli.main`), which never imports Qt."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["register"]:
        from main import main as open_register

        return open_register(args[1:])
    from ui.receipts.commands import receipt_pdf, wants_pdf

    if wants_pdf(args):
        return receipt_pdf(args)
    if args[:1] != ["screenshot"]:
        from pos.cli.main import main as core_main

        return core_main(args)
    parser = argparse.ArgumentParser(prog="pos screenshot",
                                     description="Render each main window to PNG.")
    parser.add_argument("--db", type=Path, required=True, help="the store to show")
    parser.add_argument("--out", type=Path, required=True, help="the folder for the PNGs")
    parser.add_argument("--locale", help="the language to show (default: the store's)")
    parser.add_argument("--debug", action="store_true")
    options = parser.parse_args(args[1:])
    try:
        from ui.screenshots import render

        if not options.db.exists():
            raise PosError(f"There is no store at {options.db}.")
        for path in render(options.db, options.out, options.locale):
            print(path)
    except PosError as exc:
        if options.debug:
            raise
        print(f"pos: {exc}", file=sys.stderr)
        return 1
    return 0
