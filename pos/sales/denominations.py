"""The notes and coins a cashier counts when a shift closes, per currency.

A drawer is counted by denomination (how many of each note and coin), never
as one typed total: a count that cannot be checked piece by piece hides the
mistake it contains. `pos.sales.cash.BANKNOTES` is a different list on purpose: the
notes a customer is likely to hand over, not everything that can sit in a
drawer.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.errors import InputError
from pos.money import Money, check_currency, exponent

# (value in minor units, "coin" or "note"), smallest first; legal tender in use in 2026.
_TABLE: dict[str, tuple[tuple[int, str], ...]] = {
    "EUR": ((1, "coin"), (2, "coin"), (5, "coin"), (10, "coin"), (20, "coin"), (50, "coin"),
            (100, "coin"), (200, "coin"), (500, "note"), (1000, "note"), (2000, "note"),
            (5000, "note"), (10000, "note"), (20000, "note"), (50000, "note")),
    "USD": ((1, "coin"), (5, "coin"), (10, "coin"), (25, "coin"), (50, "coin"), (100, "coin"),
            (100, "note"), (200, "note"), (500, "note"), (1000, "note"), (2000, "note"),
            (5000, "note"), (10000, "note")),
    "GBP": ((1, "coin"), (2, "coin"), (5, "coin"), (10, "coin"), (20, "coin"), (50, "coin"),
            (100, "coin"), (200, "coin"), (500, "note"), (1000, "note"), (2000, "note"),
            (5000, "note")),
    "CHF": ((5, "coin"), (10, "coin"), (20, "coin"), (50, "coin"), (100, "coin"),
            (200, "coin"), (500, "coin"), (1000, "note"), (2000, "note"), (5000, "note"),
            (10000, "note"), (20000, "note"), (100000, "note")),
    "CNY": ((10, "coin"), (50, "coin"), (100, "coin"), (100, "note"), (500, "note"),
            (1000, "note"), (2000, "note"), (5000, "note"), (10000, "note")),
    "JPY": ((1, "coin"), (5, "coin"), (10, "coin"), (50, "coin"), (100, "coin"),
            (500, "coin"), (1000, "note"), (2000, "note"), (5000, "note"), (10000, "note")),
}
"""A value that is both a coin and a note (USD 1, CNY 1) is counted as one denomination."""

MAX_PIECES = 1_000_000
"""More of one denomination than this is a typing mistake, not a drawer."""


@dataclass(frozen=True)
class Denomination:
    value: Money
    kind: str  # "coin" or "note" ("note" when a value is both)

    @property
    def minor(self) -> int:
        return self.value.minor


def denominations(currency: str) -> tuple[Denomination, ...]:
    """The currency's coins and notes, smallest first.

    A currency without a table gets the 1-2-5 series from its smallest unit up to
    500 major units: close to how most of the world's cash runs, and every amount
    can still be counted exactly.
    """
    code = check_currency(currency)
    rows = _TABLE.get(code)
    if rows is None:
        unit = 10 ** exponent(code)
        rows = tuple((step * 10 ** power, "coin" if step * 10 ** power < unit else "note")
                     for power in range(exponent(code) + 3) for step in (1, 2, 5))
    kinds: dict[int, str] = {}
    for minor, kind in rows:
        kinds[minor] = "note" if kinds.get(minor) == "note" else kind
    return tuple(Denomination(Money(minor, code), kind) for minor, kind in kinds.items())


def parse_count(counted: dict, currency: str) -> dict[int, int]:
    """`{denomination: pieces}` checked: denominations of `currency` (minor units, as int or
    digits), pieces whole numbers of zero or more (int or digits). Raises InputError with
    the first bad entry; missing denominations count as none."""
    if not isinstance(counted, dict):
        raise InputError("Count the drawer note by note and coin by coin.")
    values = {d.minor: d for d in denominations(currency)}
    out: dict[int, int] = dict.fromkeys(values, 0)
    for key, pieces in counted.items():
        minor = _whole(key)
        if minor is None or minor not in values:
            raise InputError(f"{key!r} is not a note or coin of {check_currency(currency)}.")
        label = values[minor].value.format()
        number = _whole(pieces)
        if number is None:
            raise InputError(f"The count of {label} must be a whole number of pieces, like "
                             f"3, not {pieces!r}.")
        if number > MAX_PIECES:
            raise InputError(f"{number:,} pieces of {label} is more than a drawer holds; "
                             "check the count.")
        out[minor] = number
    return out


def total(count: dict[int, int], currency: str) -> Money:
    """The value of a checked count."""
    return Money(sum(minor * pieces for minor, pieces in count.items()), currency)


def _whole(value) -> int | None:
    """A whole number of zero or more from an int or a string of ASCII digits; else None."""
    if type(value) is int:
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None
