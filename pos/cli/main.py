"""The `pos` command line: set up a store, fill a demo, move products, read orders.

Every command takes --db PATH (default: the user's data folder). An error is
one plain line on stderr and a non-zero exit; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import logging
import re
import sqlite3
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import NoReturn

import peewee

from pos import __version__
from pos.cli import (
    backup,
    catalogue,
    gateway,
    hq,
    keys,
    orders,
    receipts,
    shifts,
    staff,
    store,
    sync,
)
from pos.cli.common import EXIT_ERROR
from pos.errors import PosError
from pos.store.db import close_store, store_error
from pos.store.paths import log_path

EXIT_USAGE = 2  # the command line itself is wrong: an unknown option, a bad date (one line)
EXIT_UNEXPECTED = 70

_CHOICE = re.compile(r"invalid choice: (?P<value>'[^']*'|\S+) \(choose from (?P<choices>.*)\)")


class Parser(argparse.ArgumentParser):
    """argparse with one plain line for a mistake instead of the usage block: which
    argument, what was wrong, and where the full usage is."""

    def error(self, message: str) -> NoReturn:
        found = _CHOICE.search(message)
        if found:
            choices = found["choices"].replace("'", "")
            message = message[:found.start()] + f"{found['value']} is not one of {choices}"
        message = re.sub(r"invalid int value: ('[^']*')", r"\1 is not a whole number", message)
        message = message.removeprefix("argument ")
        message = message[0].upper() + message[1:] if message else "Bad command line"
        self.exit(EXIT_USAGE, f"pos: {message.rstrip('.')}. See '{self.prog} --help'.\n")

log = logging.getLogger("pos")


def build_parser() -> argparse.ArgumentParser:
    # The options are accepted before or after the command; SUPPRESS keeps a
    # sub-command's parser from resetting a value given before it.
    common = Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="the store file (default: store.db in the data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks on errors")

    parser = Parser(
        prog="pos", description="A point of sale over a local SQLite store.",
        epilog="pos register [--db PATH] opens the windows; pos screenshot --db PATH --out DIR "
               "renders them to PNG (both need Qt).")
    parser.add_argument("--version", action="version", version=f"pos {__version__}")
    parser.add_argument("--db", type=Path, default=None,
                        help="the store file (default: store.db in the data folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.set_defaults(store_access="write")  # pos.cli.common: commands that read say so
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for group in (store, backup, catalogue, orders, staff, shifts, gateway, keys, receipts,
                  sync, hq):
        group.add_commands(sub, common)
    return parser


# --- entry point -------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except PosError as exc:
        if args.debug:
            raise
        print(f"pos: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        # a write path that did not translate its error itself: the same sentence, naming
        # the store file, as every other store error
        if args.debug:
            raise
        print(f"pos: {store_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("pos: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        _log_unexpected(exc)
        print(f"pos: unexpected error ({type(exc).__name__}: {exc}). "
              "Run again with --debug for details.", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        close_store()


def _log_unexpected(exc: BaseException) -> None:

    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        log.addHandler(handler)
        log.error("unexpected error in the command line", exc_info=exc)
        log.removeHandler(handler)
        handler.close()
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
