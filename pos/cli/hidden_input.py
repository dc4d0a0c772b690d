"""Secrets typed at a terminal: hidden, twice, so a typo is caught before it is saved."""

from __future__ import annotations

import getpass
import sys

from pos.errors import InputError


def typed_twice(prompt: str, what: str) -> str | None:
    """The text typed twice (not shown) at a terminal; None when standard input is not one
    (the caller reads the pipe). Two different entries are refused."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    try:
        value = getpass.getpass(f"{prompt} (not shown): ")
        again = getpass.getpass("Again, to check: ")
    except EOFError:
        value = again = ""
    if value != again:
        raise InputError(f"The two {what} typed differ; nothing was saved.")
    return value
