"""Quick cash: the store currency's notes and the next amounts a customer hands over."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.errors import InputError
from pos.money import Money, exponent, parse_money
from pos.sales.cash import (
    BANKNOTES,
    banknotes,
    decimal_sign,
    entry_text,
    format_note,
    next_banknotes,
)


def majors(amounts):
    return [m.minor // 10 ** exponent(m.currency) for m in amounts]


@pytest.mark.parametrize("currency, notes", [
    ("USD", [1, 5, 10, 20, 50, 100]),
    ("EUR", [5, 10, 20, 50, 100, 200]),
    ("CNY", [1, 5, 10, 20, 50, 100]),
    ("JPY", [1000, 2000, 5000, 10000]),
    ("GBP", [5, 10, 20, 50]),
    ("CHF", [10, 20, 50, 100, 200]),
])
def test_each_currency_has_its_own_notes_in_minor_units(currency, notes):
    assert majors(banknotes(currency)) == notes
    assert banknotes(currency.lower())[0].currency == currency


@pytest.mark.parametrize("due, expected", [
    (Money(1347, "EUR"), [15, 20, 50]),
    (Money(1347, "USD"), [14, 15, 20]),
    (Money(1347, "CNY"), [14, 15, 20]),
    (Money(350, "JPY"), [1000, 2000, 5000]),
    (Money(12_345, "JPY"), [13_000, 14_000, 15_000]),
    (Money(1347, "GBP"), [15, 20, 50]),
    (Money(2345, "CHF"), [30, 40, 50]),
    (Money(99, "USD"), [1, 5, 10]),
])
def test_next_banknotes_round_up_to_each_note(due, expected):
    assert majors(next_banknotes(due)) == expected


def test_an_amount_a_note_pays_exactly_is_left_to_the_exact_button():
    assert majors(next_banknotes(Money(2000, "EUR"))) == [50, 100, 200]
    assert majors(next_banknotes(Money(20_000, "EUR"), count=5)) == []


def test_count_and_nothing_for_zero():
    assert majors(next_banknotes(Money(1347, "EUR"), count=5)) == [15, 20, 50, 100, 200]
    assert next_banknotes(Money(0, "EUR")) == []
    assert next_banknotes(Money(-5, "EUR")) == []
    assert next_banknotes(Money(1347, "EUR"), count=0) == []


@pytest.mark.parametrize("due, expected", [
    (Money(720, "BRL"), [8, 10, 20]),
    (Money(123_456, "XAF"), [130_000, 140_000, 150_000]),
    (Money(1234, "KWD"), [2, 5, 10]),  # three decimals
    (Money(5, "BRL"), [1, 2, 5]),
])
def test_other_currencies_fall_back_to_a_1_2_5_series_by_magnitude(due, expected):
    assert "BRL" not in BANKNOTES
    assert majors(next_banknotes(due)) == expected


@given(st.sampled_from(["USD", "EUR", "CNY", "JPY", "GBP", "CHF", "BRL", "KWD"]),
       st.integers(min_value=1, max_value=10**9))
def test_suggestions_are_above_due_ascending_and_payable_in_notes(currency, minor):
    due = Money(minor, currency)
    notes = [n.minor for n in banknotes(currency, due)]
    found = next_banknotes(due)
    assert [m.minor for m in found] == sorted({m.minor for m in found})
    for amount in found:
        assert amount > due
        assert any(amount.minor % note == 0 for note in notes)


def test_decimal_sign_follows_the_locale_and_the_currency():
    assert decimal_sign("EUR", "de_DE") == ","
    assert decimal_sign("CHF", "de_CH") == "."
    assert decimal_sign("CNY", "zh_CN") == "."
    assert decimal_sign("JPY", "ja_JP") is None
    with pytest.raises(InputError):
        decimal_sign("EUR", "xx_nowhere")


@pytest.mark.parametrize("money, locale, text", [
    (Money(123_450, "EUR"), "de_DE", "1234,50"),
    (Money(5, "EUR"), "de_DE", "0,05"),
    (Money(2345, "CHF"), "de_CH", "23.45"),
    (Money(1000, "JPY"), "ja_JP", "1000"),
    (Money(1234, "KWD"), "en_US", "1.234"),
])
def test_entry_text_is_what_a_cashier_types_and_parses_back(money, locale, text):
    assert entry_text(money, locale) == text
    assert parse_money(text, money.currency, locale) == money


def test_note_labels_drop_zero_decimals_only():
    assert format_note(Money(2000, "EUR"), "de_DE") == "20\xa0€"
    assert format_note(Money(1350, "EUR"), "de_DE") == "13,50\xa0€"
    assert format_note(Money(10_000, "JPY"), "ja_JP") == "￥10,000"
    assert format_note(Money(5000, "USD"), "en_US") == "$50"
