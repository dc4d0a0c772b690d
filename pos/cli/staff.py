"""`pos users add|list|disable|enable|reset-pin` and `pos journal verify`.

A PIN or password is read from standard input (its first line), or typed twice
without echo at a terminal; never from the command line, so it stays out of
shell history and the process list.
"""

from __future__ import annotations

import sys

from pos.cli.common import READS, command_group, open_for
from pos.cli.hidden_input import typed_twice
from pos.errors import InputError
from pos.staff import users
from pos.store import journal
from pos.store.models import utcnow

_MAX_LINE = 1024


def add_commands(sub, common) -> None:
    """Add `pos users ...` and `pos journal verify` to the `pos` parser."""
    _, verbs = command_group(sub, "users", "staff who sign in: add, list, disable, enable, "
                             "reset-pin", common)
    s = verbs.add_parser("add", parents=[common],
                         help="add a user; the PIN is read from standard input or typed hidden")
    s.add_argument("name")
    s.add_argument("--role", required=True, choices=["cashier", "supervisor", "manager"])
    s.add_argument("--password", action="store_true",
                   help="sign in with a password instead of a 4 to 8 digit PIN")
    s.set_defaults(run=cmd_add)
    s = verbs.add_parser("list", parents=[common], help="users, roles and who is locked")
    s.set_defaults(run=cmd_list, **READS)
    for verb, run, text in (("disable", cmd_disable, "stop a user from signing in"),
                            ("enable", cmd_enable, "let a disabled user sign in again")):
        s = verbs.add_parser(verb, parents=[common], help=text)
        s.add_argument("name")
        s.set_defaults(run=run)
    s = verbs.add_parser("reset-pin", parents=[common],
                         help="set a new PIN (or --password) and lift any lock")
    s.add_argument("name")
    s.add_argument("--password", action="store_true")
    s.set_defaults(run=cmd_reset_pin)

    _, verbs = command_group(sub, "journal", "the tamper-evident audit journal", common)
    s = verbs.add_parser("verify", parents=[common],
                         help="check the whole chain and its signatures; name the first bad "
                              "entry")
    s.add_argument("--every-signature", action="store_true",
                   help="also check each entry's signature on its own (slower)")
    s.set_defaults(run=cmd_journal_verify, **READS)


def cmd_add(args) -> int:
    open_for(args)
    secret = read_secret(args.password, f"{args.name}'s")
    user = users.add_user(args.name, args.role, **secret)
    print(f"Added {user.name} ({user.role}), who signs in with a {_word(args.password)}.")
    return 0


def cmd_list(args) -> int:
    open_for(args)
    people = users.list_users()
    if not people:
        print("No users yet. Add the first manager with: pos users add NAME --role manager")
        return 0
    now = utcnow()
    width = max(12, *(len(u.name) for u in people))
    print(f"{'Name':<{width}}  {'Role':<10}  {'Sign-in':<8}  Status")
    for u in people:
        if u.disabled:
            status = "disabled"
        elif u.locked_until is not None and u.locked_until > now:
            status = f"locked until {u.locked_until.astimezone():%H:%M}"
        elif u.failed_attempts:
            tries = u.failed_attempts
            status = f"active, {tries} wrong tr{'y' if tries == 1 else 'ies'}"
        else:
            status = "active"
        print(f"{u.name:<{width}}  {u.role:<10}  {u.secret_kind:<8}  {status}")
    return 0


def cmd_disable(args) -> int:
    return _set_disabled(args, True)


def cmd_enable(args) -> int:
    return _set_disabled(args, False)


def _set_disabled(args, disabled: bool) -> int:
    open_for(args)
    before = users.find_user(args.name)
    user = (users.disable_user if disabled else users.enable_user)(before)
    state = "disabled" if disabled else "enabled"
    print(f"{user.name} was already {state}." if before.disabled == disabled
          else f"{user.name} is {state}.")
    return 0


def cmd_reset_pin(args) -> int:
    open_for(args)
    user = users.find_user(args.name)
    secret = read_secret(args.password, f"{user.name}'s new")
    users.reset_pin(user, **secret)
    print(f"{user.name} has a new {_word(args.password)}; any lock is lifted.")
    return 0


def cmd_journal_verify(args) -> int:
    path = open_for(args)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(f"\rVerifying: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    result = journal.verify(progress if tty else None, every_signature=args.every_signature)
    if tty:
        print(file=sys.stderr)
    if not result.ok:
        raise journal.JournalError(f"The journal of {path} does NOT verify. {result.problem}")
    print(f"OK: {result.count:,} entries; head {result.head_seq} {result.head_hash}")
    keys = ", ".join(result.key_ids)
    if result.key_confirmed:
        print(f"Signed with this terminal's key {keys}.")
    elif keys:
        print(f"Signed with key {keys}, not confirmed: the key file is not beside the store. "
              "Compare it with the key printed on a Z report.")
    return 0


def _word(password: bool) -> str:
    return "password" if password else "PIN"


def read_secret(password: bool, whose: str) -> dict:
    """{'pin': ...} or {'password': ...}: typed twice at a terminal, else stdin's first line
    (also for head office's users, `pos hq users add`)."""
    word = _word(password)
    value = typed_twice(f"{whose} {word}", f"{word}s")
    if value is None:
        value = sys.stdin.readline(_MAX_LINE + 1) if sys.stdin is not None else ""
        if len(value) > _MAX_LINE:
            raise InputError(f"The {word} on standard input is far too long; nothing was saved.")
        value = value.rstrip("\r\n")
    if not value:
        raise InputError(f"No {word} was given; nothing was saved. Type it when asked, or pipe "
                         "it in, e.g. pos users add NAME --role cashier < pin.txt")
    return {"password": value} if password else {"pin": value}
