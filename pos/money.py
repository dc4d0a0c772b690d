"""Exact money: integer minor units with an ISO 4217 currency.

Amounts never pass through float. Decimal is used only inside a calculation
that needs it (a percentage, a tax rate, a weight) and the result is rounded
once, by a named rule (`Rounding`).
"""

from __future__ import annotations

import copy
import enum
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    NumberPattern,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    list_currencies,
    parse_decimal,
    parse_pattern,
)

from pos.errors import InputError

# ISO 4217 minor-unit exponents where CLDR (Babel) rounds differently for
# display; ISO is the authority for the amount a payment carries.
_ISO_EXPONENT_OVERRIDES = {
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "CLP": 0, "ISK": 0, "JPY": 0, "KRW": 0, "VND": 0, "XAF": 0, "XOF": 0,
    "HUF": 2, "IDR": 2, "TWD": 2, "COP": 2, "RSD": 2, "LAK": 2, "MMK": 2,
}

# ISO 4217 codes that are not money a till takes: testing, "no currency",
# precious metals, IMF and bond-market units.
_NOT_MONEY = frozenset({"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC",
                        "XBD", "XSU", "XUA"})

MAX_MAJOR = 999_999_999
"""The largest amount in major units the till accepts for one figure."""


class Rounding(enum.Enum):
    """Named rounding rules; every rounding in the program names one."""

    HALF_UP = ROUND_HALF_UP  # commercial rounding: 0.5 goes away from zero
    HALF_EVEN = ROUND_HALF_EVEN  # bankers' rounding
    DOWN = ROUND_DOWN  # towards zero
    UP = ROUND_UP  # away from zero


@cache
def exponent(currency: str) -> int:
    """Digits after the decimal point of `currency` (JPY 0, CNY 2, KWD 3)."""
    code = check_currency(currency)
    if code in _ISO_EXPONENT_OVERRIDES:
        return _ISO_EXPONENT_OVERRIDES[code]
    return get_currency_precision(code)


@cache
def check_currency(currency: str) -> str:
    """Return the upper-case ISO code, or raise if it is not a currency."""
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Za-z]{3}", currency.strip()):
        raise InputError(f"{currency!r} is not a currency code; use three letters like USD or CNY.")
    code = currency.strip().upper()
    if code not in list_currencies() or code in _NOT_MONEY:
        raise InputError(f"{code} is not a known ISO 4217 currency code.")
    return code


def max_minor(currency: str) -> int:
    return (MAX_MAJOR + 1) * 10 ** exponent(currency) - 1


def _round(value: Decimal | Fraction, rule: Rounding) -> int:
    """Round an exact value to an integer by `rule` (Fractions exactly, at any size)."""
    if isinstance(value, Decimal):
        return int(value.quantize(Decimal(1), rounding=rule.value))
    floor, rest = divmod(value.numerator, value.denominator)
    if rest == 0:
        return floor
    twice = 2 * rest
    if rule is Rounding.DOWN:
        return floor if value > 0 else floor + 1
    if rule is Rounding.UP:
        return floor + 1 if value > 0 else floor
    if twice != value.denominator:
        return floor + (twice > value.denominator)
    if rule is Rounding.HALF_EVEN:
        return floor + (floor % 2)
    return floor + 1 if value > 0 else floor  # HALF_UP: halves go away from zero


def to_decimal(value: int | str | Decimal | Fraction) -> Decimal | Fraction:
    """Accept an exact number; refuse float (and bool) so no float reaches money."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"money arithmetic refuses {type(value).__name__}; use int or Decimal")
    if isinstance(value, int | Decimal | Fraction):
        return value
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError(f"cannot use {type(value).__name__} in money arithmetic")


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An amount in minor units (cents, fen) of one currency."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if type(self.minor) is not int:
            raise TypeError(f"Money needs an int of minor units, not {type(self.minor).__name__}")
        object.__setattr__(self, "currency", check_currency(self.currency))

    # construction -----------------------------------------------------
    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_major(cls, value: int | str | Decimal, currency: str,
                   rule: Rounding = Rounding.HALF_UP) -> Money:
        """From a major-unit amount; refuses more decimals than the currency has."""
        amount = to_decimal(value)
        scaled = Decimal(amount).scaleb(exponent(currency))
        if scaled != scaled.to_integral_value():
            raise InputError(
                f"{value} {currency} has more decimals than {currency} allows "
                f"({exponent(currency)})."
            )
        return cls(_round(scaled, rule), currency)

    # arithmetic -------------------------------------------------------
    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.minor + self._same(other).minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.minor - self._same(other).minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.minor), self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.minor < self._same(other).minor

    def __le__(self, other: Money) -> bool:
        return self.minor <= self._same(other).minor

    def __gt__(self, other: Money) -> bool:
        return self.minor > self._same(other).minor

    def __ge__(self, other: Money) -> bool:
        return self.minor >= self._same(other).minor

    def __bool__(self) -> bool:
        return self.minor != 0

    def __mul__(self, quantity: int) -> Money:
        """Exact multiplication by a whole quantity; use `times` for fractions."""
        if type(quantity) is not int:
            return NotImplemented
        return Money(self.minor * quantity, self.currency)

    __rmul__ = __mul__

    def times(self, factor: int | str | Decimal | Fraction,
              rule: Rounding = Rounding.HALF_UP) -> Money:
        """Multiply by a rate or a measure, rounding once by `rule`."""
        exact = to_decimal(factor)
        if isinstance(exact, Fraction):
            return Money(_round(self.minor * exact, rule), self.currency)
        return Money(_round(Decimal(self.minor) * Decimal(exact), rule), self.currency)

    def allocate(self, weights: list[int]) -> list[Money]:
        """Split into parts proportional to `weights` that add up exactly.

        Largest-remainder method: each part gets its floor share, and the
        units left over go to the parts with the largest remainders (ties to
        the earlier part), so the split is deterministic.
        """
        if not weights:
            return []
        if any(type(w) is not int or w < 0 for w in weights):
            raise ValueError("weights must be non-negative ints")
        total_weight = sum(weights)
        sign = -1 if self.minor < 0 else 1
        amount = abs(self.minor)
        if total_weight == 0:
            weights = [1] * len(weights)
            total_weight = len(weights)
        shares = [divmod(amount * w, total_weight) for w in weights]
        parts = [q for q, _ in shares]
        left = amount - sum(parts)
        order = sorted(range(len(weights)), key=lambda i: (-shares[i][1], i))
        for i in order[:left]:
            parts[i] += 1
        return [Money(sign * p, self.currency) for p in parts]

    def round_to(self, increment: int, rule: Rounding = Rounding.HALF_UP) -> Money:
        """Round to a multiple of `increment` minor units (cash rounding, CHF 0.05 = 5)."""
        if type(increment) is not int or increment <= 0:
            raise ValueError("increment must be a positive int of minor units")
        units = _round(Fraction(self.minor, increment), rule)
        return Money(units * increment, self.currency)

    def check_range(self, what: str = "amount") -> Money:
        if abs(self.minor) > max_minor(self.currency):
            raise InputError(
                f"The {what} is too large: at most {MAX_MAJOR:,} {self.currency} is accepted."
            )
        return self

    # display ----------------------------------------------------------
    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def format(self, locale: str = "en_US") -> str:
        """The amount as the store's locale writes it, e.g. '¥1,234.50' or '1.234,50 €'."""
        return format_money(self, locale)

    def __str__(self) -> str:
        return f"{self.to_decimal():f} {self.currency}"


def format_money(money: Money, locale: str = "en_US") -> str:
    """Format with Babel, showing the ISO number of decimals (KWD three, JPY none)."""
    loc = _locale(locale)
    pattern = copy.copy(_currency_pattern(str(loc)))
    digits = exponent(money.currency)
    pattern.frac_prec = (digits, digits)
    return pattern.apply(money.to_decimal(), loc, currency=money.currency, currency_digits=False)


@lru_cache(maxsize=64)
def _currency_pattern(locale: str) -> NumberPattern:
    return parse_pattern(_locale(locale).currency_formats["standard"].pattern)


@lru_cache(maxsize=64)
def _locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InputError(
            f"{locale!r} is not a known locale; use a code like en_US or zh_CN."
        ) from exc


def check_locale(locale: str) -> str:
    """Validate a locale code and return it as given (zh_CN stays zh_CN)."""
    _locale(locale)
    return locale.strip()


_COMMON_SYMBOLS = "¥￥$€£₩₹₽₺₪₫฿₱"


def parse_money(text: str, currency: str, locale: str = "en_US", *,
                allow_negative: bool = False, what: str = "amount") -> Money:
    """Read an amount a person typed: '12.5', '12,50' (comma locales), '¥12', ' 3 '.

    Raises `InputError` with a plain sentence for anything else.
    """
    if not isinstance(text, str):
        raise TypeError("parse_money reads text")
    code = check_currency(currency)
    loc = _locale(locale)
    raw = text.strip()
    shown = raw or text
    if not raw:
        raise InputError(f"Enter an {what}.")
    cleaned = raw
    for sym in {get_currency_symbol(code, loc), code, code.lower()}:
        cleaned = cleaned.replace(sym, "")
    cleaned = re.sub(f"[{_COMMON_SYMBOLS}\\s\u00a0\u202f]", "", cleaned)
    if code == "CHF":
        cleaned = re.sub(r"^(?:Fr\.|SFr\.)", "", cleaned)
    negative = False
    if cleaned.startswith("-") or cleaned.startswith("\u2212"):
        negative, cleaned = True, cleaned[1:]
    if not cleaned or not re.fullmatch(r"[0-9.,'\u2019]+", cleaned):
        raise InputError(f"{shown!r} is not an amount; type digits like 12.50.")
    decimal_sym = get_decimal_symbol(loc)
    group_sym = get_group_symbol(loc)
    # A lone separator that is not the locale's decimal sign but is followed by
    # one or two digits is a decimal point typed on a keypad ("12.5" in de_DE).
    if decimal_sym not in cleaned and re.fullmatch(r"\d+[.,]\d{1,2}", cleaned):
        cleaned = cleaned.replace(",", decimal_sym).replace(".", decimal_sym)
    try:
        value = parse_decimal(cleaned, locale=loc, strict=True)
    except NumberFormatError as exc:
        raise InputError(
            f"{shown!r} is not an amount; use {decimal_sym!r} for decimals"
            f" and {group_sym!r} only between thousands."
        ) from exc
    if negative:
        value = -value
    if value < 0 and not allow_negative:
        raise InputError(f"The {what} cannot be negative.")
    digits = exponent(code)
    if -value.as_tuple().exponent > digits and value != value.quantize(Decimal(1).scaleb(-digits)):
        raise InputError(f"{shown!r} has more than {digits} decimals, which {code} does not have.")
    money = Money(int(value.scaleb(digits)), code)
    return money.check_range(what)
