"""Banknotes per currency, and the quick-cash amounts a customer is likely to hand over.

A cashier taps "20 €" instead of typing 20,00: the checkout offers the exact
amount and the next amounts payable with the store currency's notes. The rule
lives here, not in a window, so it is the same on every screen and testable
without a display.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import get_decimal_symbol, parse_pattern

from pos.money import Money, check_currency, check_locale, exponent

BANKNOTES: dict[str, tuple[int, ...]] = {
    # Notes in common circulation, in major units, smallest first.
    "USD": (1, 5, 10, 20, 50, 100),
    "EUR": (5, 10, 20, 50, 100, 200),
    "CNY": (1, 5, 10, 20, 50, 100),
    "JPY": (1000, 2000, 5000, 10000),
    "GBP": (5, 10, 20, 50),
    "CHF": (10, 20, 50, 100, 200),
    "CAD": (5, 10, 20, 50, 100),
    "AUD": (5, 10, 20, 50, 100),
    "NZD": (5, 10, 20, 50, 100),
    "HKD": (10, 20, 50, 100, 500, 1000),
    "KRW": (1000, 5000, 10000, 50000),
    "INR": (10, 20, 50, 100, 200, 500),
}
"""Currencies not listed get a 1-2-5 series around the amount due (`banknotes`)."""

DEFAULT_SUGGESTIONS = 3


def banknotes(currency: str, due: Money | None = None) -> tuple[Money, ...]:
    """The notes of `currency`, smallest first, in minor units.

    For a currency without a table the notes are guessed by magnitude: the
    1-2-5 series from one order below the amount due's leading digit up to a
    thousand times that, which is how most of the world's notes run.
    """
    code = check_currency(currency)
    unit = 10 ** exponent(code)
    if code in BANKNOTES:
        return tuple(Money(note * unit, code) for note in BANKNOTES[code])
    major = 0 if due is None else max(0, -(-due.minor // unit))  # whole major units, rounded up
    start = max(0, len(str(major)) - 2) if major else 0
    return tuple(Money(step * 10 ** power * unit, code)
                 for power in range(start, start + 4) for step in (1, 2, 5))


def next_banknotes(due: Money, count: int = DEFAULT_SUGGESTIONS) -> list[Money]:
    """The `count` smallest amounts above `due` that a customer pays with notes.

    Each note gives one candidate: `due` rounded up to a multiple of that note
    (13,47 € → 15 €, 20 €, 50 €). Amounts equal to `due` are left out (the
    checkout's "exact" button covers them); nothing is suggested for zero.
    """
    if due.minor <= 0 or count <= 0:
        return []
    found: set[int] = set()
    for note in banknotes(due.currency, due):
        candidate = -(-due.minor // note.minor) * note.minor
        if candidate > due.minor:
            found.add(candidate)
    return [Money(minor, due.currency) for minor in sorted(found)[:count]]


def decimal_sign(currency: str, locale: str) -> str | None:
    """The decimal sign a cashier types for `currency` in `locale` (None: no decimals, JPY)."""
    if exponent(currency) == 0:
        return None
    return get_decimal_symbol(Locale.parse(check_locale(locale)))


def entry_text(money: Money, locale: str) -> str:
    """An amount as a cashier would type it: no currency sign, no grouping ('1234,50')."""
    digits = exponent(money.currency)
    text = f"{money.to_decimal():.{digits}f}"
    sign = decimal_sign(money.currency, locale)
    return text.replace(".", sign) if sign else text


def format_note(money: Money, locale: str) -> str:
    """A short label for a quick-cash button: '20 €' for a whole amount, '13,50 €' otherwise."""
    loc = Locale.parse(check_locale(locale))
    pattern = parse_pattern(loc.currency_formats["standard"].pattern)
    digits = exponent(money.currency)
    whole = money.minor % 10 ** digits == 0
    pattern.frac_prec = (0, 0) if whole else (digits, digits)
    return pattern.apply(Decimal(money.to_decimal()), loc, currency=money.currency,
                         currency_digits=False)
