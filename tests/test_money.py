"""Money: exact minor units, one rounding by a named rule, no float anywhere."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.errors import InputError
from pos.money import Money, Rounding, exponent, format_money, parse_money

CURRENCIES = ["USD", "EUR", "CNY", "JPY", "KWD", "CHF"]
amounts = st.integers(min_value=-(10**12), max_value=10**12)


@pytest.mark.parametrize("code, digits", [("JPY", 0), ("CNY", 2), ("EUR", 2), ("USD", 2),
                                          ("CHF", 2), ("KWD", 3)])
def test_exponents_follow_iso_4217(code, digits):
    assert exponent(code) == digits


def test_unknown_currency_is_refused_in_words():
    with pytest.raises(InputError, match="not a known ISO 4217"):
        Money(1, "XYZ")
    with pytest.raises(InputError, match="three letters"):
        Money(1, "dollars")


def test_mixing_currencies_is_refused():
    with pytest.raises(ValueError, match="cannot mix USD and EUR"):
        Money(1, "USD") + Money(1, "EUR")
    with pytest.raises(ValueError):
        assert Money(1, "USD") < Money(1, "EUR")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_no_float_reaches_an_amount(value):
    with pytest.raises(TypeError):
        Money(value, "USD")
    with pytest.raises(TypeError):
        Money(100, "USD").times(value)
    with pytest.raises(TypeError):
        Money.from_major(value, "USD")
    assert Money(100, "USD").__mul__(value) is NotImplemented


def test_bool_is_not_an_amount():
    with pytest.raises(TypeError):
        Money(True, "USD")


def test_times_rounds_once_by_the_named_rule():
    price = Money(398, "USD")  # per kg
    assert price.times(Fraction(1250, 1000)) == Money(498, "USD")  # 4.975 → 4.98
    assert Money(5, "USD").times(Decimal("0.5"), Rounding.HALF_UP) == Money(3, "USD")
    assert Money(5, "USD").times(Decimal("0.5"), Rounding.HALF_EVEN) == Money(2, "USD")
    assert Money(-5, "USD").times(Fraction(1, 2), Rounding.HALF_UP) == Money(-3, "USD")
    assert Money(10**30 + 1, "USD").times(Fraction(1, 2)).minor == 5 * 10**29 + 1


@given(amounts, st.lists(st.integers(0, 10**6), min_size=1, max_size=20))
def test_allocate_adds_up_exactly(minor, weights):
    parts = Money(minor, "USD").allocate(weights)
    assert sum(p.minor for p in parts) == minor
    assert len(parts) == len(weights)


@given(amounts, st.sampled_from([5, 10, 50, 100]))
def test_cash_rounding_lands_on_the_step_and_moves_less_than_half_a_step(minor, step):
    rounded = Money(minor, "CHF").round_to(step)
    assert rounded.minor % step == 0
    assert abs(rounded.minor - minor) * 2 <= step


def test_chf_cash_rounding_to_five_centimes():
    assert Money(1237, "CHF").round_to(5) == Money(1235, "CHF")
    assert Money(1238, "CHF").round_to(5) == Money(1240, "CHF")
    assert Money(1237, "CHF").round_to(5, Rounding.UP) == Money(1240, "CHF")


@pytest.mark.parametrize("text, currency, locale, minor", [
    ("12.5", "USD", "en_US", 1250),
    ("12,50", "EUR", "de_DE", 1250),
    ("12,50", "EUR", "fr_FR", 1250),
    ("¥12", "CNY", "zh_CN", 1200),
    ("￥12.30", "CNY", "zh_CN", 1230),
    (" 3 ", "USD", "en_US", 300),
    ("1,234.56", "USD", "en_US", 123456),
    ("1.234,56", "EUR", "de_DE", 123456),
    ("1250", "JPY", "ja_JP", 1250),
    ("1.250", "KWD", "en_US", 1250),
    ("$0.99", "USD", "en_US", 99),
    ("12.5", "EUR", "de_DE", 1250),  # a keypad's decimal point in a comma locale
])
def test_parse_typed_amounts(text, currency, locale, minor):
    assert parse_money(text, currency, locale) == Money(minor, currency)


@pytest.mark.parametrize("text, message", [
    ("", "Enter an amount"),
    ("abc", "not an amount"),
    ("12.345", "more than 2 decimals"),
    ("1,2,3", "not an amount"),
    ("-5", "cannot be negative"),
    ("1e5", "not an amount"),
    ("12.5.6", "not an amount"),
    ("10000000000", "too large"),
    ("NaN", "not an amount"),
])
def test_bad_amounts_get_plain_messages(text, message):
    with pytest.raises(InputError, match=message):
        parse_money(text, "USD", "en_US")


def test_yen_has_no_decimals():
    with pytest.raises(InputError, match="more than 0 decimals"):
        parse_money("12.5", "JPY", "ja_JP")


@given(st.sampled_from(CURRENCIES), st.integers(0, 999_999_999))
def test_format_then_parse_round_trips(currency, minor):
    locale = {"CNY": "zh_CN", "EUR": "de_DE", "JPY": "ja_JP", "CHF": "de_CH"}.get(
        currency, "en_US")
    money = Money(minor, currency)
    assert parse_money(format_money(money, locale), currency, locale) == money


def test_display_uses_the_store_locale():
    assert Money(123456, "USD").format("en_US") == "$1,234.56"
    assert Money(123456, "EUR").format("de_DE") == "1.234,56\xa0€"
    assert Money(123456, "CNY").format("zh_CN") == "¥1,234.56"
    assert Money(1234, "JPY").format("ja_JP") == "￥1,234"
    assert Money(1234, "KWD").format("en_US") == "KWD1.234"
