"""`pos keys`: set, list, delete and rotate the secrets kept encrypted in the store.

A value is read from standard input, or typed without echo at a terminal; never
from the command line, so it stays out of shell history and the process list.
No command prints a value.
"""

from __future__ import annotations

import sys

from pos.cli.common import READS, command_group, open_for
from pos.cli.hidden_input import typed_twice
from pos.errors import InputError, NotFound, StateError
from pos.payments.gateway.factory import API_KEY, SIGNING_SECRET
from pos.settings import load_settings
from pos.store import journal, secrets

MAX_VALUE_BYTES = 64 * 1024  # far above any key; a bigger input is the wrong file


def add_commands(sub, common) -> None:
    """Add `pos keys set|list|delete|rotate` to the `pos` parser."""
    _, verbs = command_group(sub, "keys", "secrets encrypted in the store: set, list, delete, "
                             "rotate", common)
    s = verbs.add_parser("set", parents=[common],
                         help="save a secret read from standard input (typed hidden at a terminal)")
    s.add_argument("name", help="e.g. gateway_api_key or gateway_signing_secret")
    s.set_defaults(run=cmd_set)
    s = verbs.add_parser("list", parents=[common], help="secret names and key ids, never values")
    s.set_defaults(run=cmd_list, **READS)
    s = verbs.add_parser("delete", parents=[common], help="remove a secret")
    s.add_argument("name")
    s.add_argument("--force", action="store_true",
                   help="delete even a secret the till needs (it says what stops working)")
    s.set_defaults(run=cmd_delete)
    s = verbs.add_parser("rotate", parents=[common],
                         help="new keys: the journal's signing key (handed over by the old "
                              "one), and the key file's key (every secret re-encrypted)")
    s.set_defaults(run=cmd_rotate)


def cmd_set(args) -> int:
    open_for(args)
    name = secrets.check_name(args.name)
    value = _read_value(name)
    created = not secrets.key_file_path().exists()
    secrets.put_secret(name, value)
    status = secrets.key_status()
    print(f"Saved {name}, encrypted with key {status.current}.")
    if created:
        print(f"Created the key file {status.where}; back it up together with the store.")
    return 0


def _read_value(name: str) -> str:
    """The value without surrounding whitespace (a pasted key's stray newline or space)."""
    value = typed_twice(f"Value for {name}", "values")
    if value is not None:
        missing = f"No value for {name} was typed; nothing was saved."
    else:
        data = sys.stdin.buffer.read(MAX_VALUE_BYTES + 1) if sys.stdin is not None else b""
        if len(data) > MAX_VALUE_BYTES:
            raise InputError(f"The value for {name} is longer than 64 KB; is standard input "
                             "the right file? Nothing was saved.")
        try:
            value = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"The value for {name} on standard input is not UTF-8 text; "
                             "nothing was saved.") from None
        missing = (f"No value for {name} was given on standard input; nothing was saved. "
                   f"Pipe it in, e.g. pos keys set {name} < key.txt")
    value = value.strip()
    if not value:
        raise InputError(missing)
    return value


def cmd_list(args) -> int:
    open_for(args)
    rows = secrets.list_secrets()
    if rows:
        width = max(12, *(len(r.name) for r in rows))
        print(f"{'Name':<{width}}  {'Key id':<17}  Updated")
        for r in rows:
            print(f"{r.name:<{width}}  {r.key_id:<17}  {r.updated_at.astimezone():%Y-%m-%d %H:%M}")
    else:
        print("No secrets stored.")
    status = secrets.key_status()
    if status.current:
        print(f"Key file: {status.where} (current key {status.current})")
    elif rows:
        print(f"Key file: {status.where} is MISSING; the secrets above cannot be read. "
              "Restore it from the backup taken with the store.")
    else:
        print(f"Key file: {status.where} (made when the first secret is set)")
    if status.retired:
        count = len(status.retired)
        print(f"It still holds {count} older key{'s' if count > 1 else ''} "
              f"({', '.join(status.retired)}); 'pos keys rotate' retires them.")
    return 0


def cmd_delete(args) -> int:
    open_for(args)
    name = secrets.check_name(args.name)
    needed = what_needs(name)
    if needed and not args.force:
        raise StateError(f"{name} is needed: {needed} Nothing was deleted; to delete it "
                         "anyway, add --force.")
    if not secrets.delete_secret(name):
        raise NotFound(f"There is no secret named {name}.")
    print(f"Deleted {name}." + (f" {needed}" if needed else ""))
    return 0


def what_needs(name: str) -> str | None:
    """What stops working without the secret `name`, in words; None if nothing does."""
    if name == journal.SECRET_NAME:
        return ("the till signs every sale, payment and sign-in with it, so without it "
                "nobody can sign in or sell.")
    gateway = load_settings().card_gateway
    if (name == API_KEY and gateway in ("http", "stripe")) or (
            name == SIGNING_SECRET and gateway == "http"):
        return (f"card payments through the gateway (card_gateway={gateway}) stop working "
                "until it is set again.")
    return None


def cmd_rotate(args) -> int:
    open_for(args)
    handed = journal.rotate_key()  # signed by the old key, then sealed under the new one
    count = secrets.rotate_keys()
    status = secrets.key_status()
    if handed:
        print(f"The journal's signing key {handed[0]} handed over to {handed[1]}.")
    print(f"Re-encrypted {count} secret{'' if count == 1 else 's'} with the new key "
          f"{status.current}; older keys were removed from {status.where}.")
    return 0
