"""`pos sync enroll|now|status`: this till and head office."""

from __future__ import annotations

import datetime as dt

from pos.cli.common import EXIT_ERROR, READS, command_group, open_for
from pos.sync import service


def add_commands(sub, common) -> None:
    """Add `pos sync enroll|now|status` to the `pos` parser."""
    _, verbs = command_group(sub, "sync", "this till and head office", common)
    s = verbs.add_parser("enroll", parents=[common],
                         help="make this store file the terminal an enrollment code names")
    s.add_argument("url", help="head office's address, e.g. https://hq.example")
    s.add_argument("code", help="the code 'pos hq terminals add' printed")
    s.set_defaults(run=cmd_enroll)
    s = verbs.add_parser("now", parents=[common],
                         help="send everything waiting; fails if anything is left unsent")
    s.set_defaults(run=cmd_now)
    s = verbs.add_parser("status", parents=[common], help="enrolled where, what is waiting")
    s.set_defaults(run=cmd_status, **READS)


def cmd_enroll(args) -> int:
    open_for(args)
    link = service.enroll(args.url, args.code)
    print(f"Enrolled as terminal {link.terminal_id} of store {link.store_id} at {link.url}; "
          f"{link.waiting:,} records to send.")
    return 0


def cmd_now(args) -> int:
    open_for(args)
    result = service.sync_round()
    print(f"Sent {result.records:,} records in {result.batches:,} batches, received "
          f"{result.received:,} changes; {result.waiting:,} waiting.")
    return EXIT_ERROR if result.waiting else 0


def cmd_status(args) -> int:
    open_for(args)
    link = service.state()
    if link is None:
        print("Not enrolled at head office (pos sync enroll URL CODE).")
        return 0
    print(f"Head office: {link.url}  store {link.store_id}  terminal {link.terminal_id}")
    print(f"Waiting: {link.waiting:,}  acknowledged up to {link.sent_seq:,}")
    print(f"Last sync: {_when(link.last_ok_at)}")
    if link.offline_since is not None:
        print(f"Offline since {_when(link.offline_since)}: {link.last_error}")
    return 0


def _when(at: dt.datetime | None) -> str:
    return "never" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M:%S}"
