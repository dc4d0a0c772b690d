"""What the command groups share: opening the store a command names, and reading dates.

Every command declares once, in its parser's defaults, whether it only reads the store:
`set_defaults(run=..., **READS)`. Any other is a writing command (`store_access="write"`,
the top parser's default: a command that forgets to declare is the safe kind).
`open_for` opens the store accordingly: a writing command takes the store's writer lock and
is refused while the till holds it; a reading one opens the file read-only and works
beside a running till.
"""

from __future__ import annotations

import argparse
import datetime as dt

from pos.errors import PosError
from pos.store.db import open_store
from pos.store.paths import default_db_path

EXIT_ERROR = 1  # refused: a bad value, a missing store, a rule (one plain line)
READS = {"store_access": "read"}


def command_group(sub, name: str, help_text: str, *parents, dest: str = "verb"):
    """`pos NAME VERB ...`: the group's parser is added to `sub`; its verbs' sub-parsers
    (a verb is required)."""
    group = sub.add_parser(name, parents=list(parents), help=help_text)
    return group, group.add_subparsers(dest=dest, required=True, metavar="VERB")


def open_for(args):
    """Open the store a command names (--db, or the data folder's) as the command
    declared (see above); its path."""
    path = args.db or default_db_path()
    if not path.exists() and args.command not in ("init", "demo"):
        raise PosError(f"There is no store at {path}. Create one with 'pos init' or 'pos demo'.")
    if args.store_access == "read":
        open_store(path, read_only=True)
    else:
        open_store(path, writer=program_name(args))
    return path


def program_name(args) -> str:
    """'pos payments reconcile': how a refused window or command names this one."""
    words = [args.command, getattr(args, "verb", None)]
    return " ".join(["pos", *(w for w in words if w)])


def date_arg(text: str) -> dt.date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in this computer's time zone."""
    return dt.datetime.combine(day, dt.time()).astimezone()
