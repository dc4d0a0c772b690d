from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.errors import InputError
from pos.money import Money, Rounding
from pos.tax import (
    LineTax,
    RateSummary,
    TaxableLine,
    TaxMode,
    TaxRounding,
    compute_tax,
    format_rate,
    parse_rate,
)

quiet = settings(database=None, deadline=None)

INCL, EXCL = TaxMode.INCLUSIVE, TaxMode.EXCLUSIVE
PER_LINE, PER_ORDER = TaxRounding.PER_LINE, TaxRounding.PER_ORDER


def m(minor, currency="USD"):
    return Money(minor, currency)


def line(minor, rate_ppm, code="STD", currency="USD"):
    return TaxableLine(Money(minor, currency), rate_ppm, code)


# hand-checked numbers --------------------------------------------------------


@pytest.mark.parametrize("rounding", list(TaxRounding))
def test_inclusive_13_percent_on_113_cny(rounding):
    result = compute_tax([line(11300, 130000, currency="CNY")], INCL, rounding)
    assert result.lines == (LineTax(m(10000, "CNY"), m(1300, "CNY"), m(11300, "CNY")),)
    assert (result.net, result.tax, result.gross) == (m(10000, "CNY"), m(1300, "CNY"),
                                                     m(11300, "CNY"))


def test_exclusive_8875_on_10_usd():
    # 1000 cents x 8.875% = 88.75 cents -> 89 cents
    result = compute_tax([line(1000, 88750)], EXCL, PER_LINE)
    assert result.lines == (LineTax(m(1000), m(89), m(1089)),)
    assert result.by_rate == (RateSummary("STD", 88750, m(1000), m(89), m(1089)),)
    assert compute_tax([line(1000, 88750)], EXCL, PER_LINE, Rounding.DOWN).tax == m(88)


@pytest.mark.parametrize(
    ("rule", "tax"),
    [(Rounding.HALF_UP, 1), (Rounding.HALF_EVEN, 0), (Rounding.DOWN, 0), (Rounding.UP, 1)],
)
def test_rounding_rule_applies_to_an_exact_half(rule, tax):
    # 5 cents x 10% = 0.5 cent
    assert compute_tax([line(5, 100000)], EXCL, PER_LINE, rule).tax == m(tax)


def test_per_order_and_per_line_differ():
    # three lines of 0.10 EUR at 19% inclusive: each holds 1.597 cents of tax
    lines = [line(10, 190000, currency="EUR")] * 3
    per_line = compute_tax(lines, INCL, PER_LINE)
    assert [lt.tax.minor for lt in per_line.lines] == [2, 2, 2]
    assert per_line.tax == m(6, "EUR")
    per_order = compute_tax(lines, INCL, PER_ORDER)  # 30 x 19/119 = 4.79 -> 5
    assert [lt.tax.minor for lt in per_order.lines] == [2, 2, 1]
    assert [lt.net.minor for lt in per_order.lines] == [8, 8, 9]
    assert per_order.tax == m(5, "EUR")
    assert per_order.net == m(25, "EUR")


def test_summaries_by_rate_highest_first():
    lines = [line(1070, 70000, "B"), line(1190, 190000, "A"), line(500, 0, "Z"),
             line(1190, 190000, "A")]
    result = compute_tax(lines, INCL, PER_LINE)
    assert result.by_rate == (
        RateSummary("A", 190000, m(2000), m(380), m(2380)),
        RateSummary("B", 70000, m(1000), m(70), m(1070)),
        RateSummary("Z", 0, m(500), m(0), m(500)),
    )
    assert (result.net, result.tax, result.gross) == (m(3500), m(450), m(3950))


def test_same_rate_different_codes_are_kept_apart():
    # zero-rated and exempt are both 0% but are reported separately
    result = compute_tax([line(100, 0, "ZERO"), line(200, 0, "EXEMPT")], EXCL, PER_ORDER)
    assert [(s.tax_code, s.net.minor) for s in result.by_rate] == [("EXEMPT", 200),
                                                                  ("ZERO", 100)]


def test_discount_line_gets_its_own_tax_per_order():
    # 10.00 sale and -2.00 discount at 19% inclusive: order tax on 8.00 is 1.28
    result = compute_tax([line(1000, 190000), line(-200, 190000)], INCL, PER_ORDER)
    assert [lt.tax.minor for lt in result.lines] == [160, -32]
    assert result.tax == m(128)


def test_refund_mirrors_sale():
    sale = [line(10, 190000), line(10, 190000), line(10, 190000), line(-3, 190000)]
    refund = [TaxableLine(-x.amount, x.rate_ppm, x.tax_code) for x in sale]
    for mode in TaxMode:
        for rounding in TaxRounding:
            a = compute_tax(sale, mode, rounding)
            b = compute_tax(refund, mode, rounding)
            assert [-x.tax for x in a.lines] == [x.tax for x in b.lines]


@pytest.mark.parametrize(
    ("currency", "mode", "amount", "rate", "tax"),
    [
        ("JPY", INCL, 1100, 100000, 100),  # 1,100 yen with 10% inside
        ("JPY", EXCL, 999, 80000, 80),  # 79.92 yen -> 80
        ("KWD", EXCL, 1000, 50000, 50),  # 1.000 KWD + 5% = 0.050
        ("KWD", INCL, 1005, 50000, 48),  # 47.857 fils -> 48
    ],
)
def test_other_currencies(currency, mode, amount, rate, tax):
    result = compute_tax([line(amount, rate, currency=currency)], mode, PER_ORDER)
    assert result.tax == Money(tax, currency)


def test_modes_may_be_given_as_stored_strings():
    a = compute_tax([line(1000, 88750)], "exclusive", "per_order")
    b = compute_tax([line(1000, 88750)], EXCL, PER_ORDER)
    assert a == b
    with pytest.raises(ValueError):
        compute_tax([line(1000, 88750)], "gross", "per_order")


def test_mixing_currencies_raises():
    with pytest.raises(ValueError, match="cannot mix"):
        compute_tax([line(100, 0), line(100, 0, currency="EUR")], INCL, PER_LINE)
    with pytest.raises(ValueError, match="cannot mix"):
        compute_tax([line(100, 0)], INCL, PER_LINE, currency="EUR")


def test_empty_order():
    result = compute_tax([], EXCL, PER_ORDER, currency="CNY")
    assert result.lines == () and result.by_rate == ()
    assert result.net == result.tax == result.gross == Money.zero("CNY")
    with pytest.raises(ValueError, match="needs a currency"):
        compute_tax([], EXCL, PER_ORDER)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((m(100), -1, "STD"), ValueError),
        ((m(100), 1.5, "STD"), TypeError),
        ((m(100), True, "STD"), TypeError),
        ((100, 1000, "STD"), TypeError),
        ((m(100), 1000, None), TypeError),
    ],
)
def test_taxable_line_is_checked(args, error):
    with pytest.raises(error):
        TaxableLine(*args)


@pytest.mark.parametrize(
    ("text", "ppm"),
    [("13", 130000), ("8.875", 88750), ("8,875 %", 88750), ("0", 0), ("100%", 1_000_000),
     (" 19 ％", 190000), (".5", 5000), ("7.", 70000)],
)
def test_parse_rate(text, ppm):
    assert parse_rate(text) == ppm


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "not a tax rate"), ("abc", "not a tax rate"), ("-5", "not a tax rate"),
     ("1.23456", "more than 4 decimals"), ("101", "more than 100%")],
)
def test_parse_rate_refuses(text, message):
    with pytest.raises(InputError, match=message):
        parse_rate(text)


@pytest.mark.parametrize(
    ("ppm", "text"), [(130000, "13%"), (88750, "8.875%"), (0, "0%"), (5000, "0.5%"),
                      (1_000_000, "100%"), (1, "0.0001%")],
)
def test_format_rate(ppm, text):
    assert format_rate(ppm) == text
    assert parse_rate(text) == ppm


# invariants ------------------------------------------------------------------

RATES = [0, 50000, 90000, 130000, 190000, 88750]
amounts = st.one_of(
    st.just(0),
    st.integers(-1000, 1000),
    st.integers(-10**11, 10**11),
    st.sampled_from([10**11, -(10**11), 1, -1]),
)
specs = st.lists(
    st.tuples(amounts, st.sampled_from(RATES), st.sampled_from(["STD", "ALT"])), max_size=12
)
orders = st.tuples(st.sampled_from(["USD", "JPY", "KWD"]), specs).map(
    lambda cs: [TaxableLine(Money(a, cs[0]), r, c) for a, r, c in cs[1]]
)


def factor(rate_ppm, mode):
    r = Fraction(rate_ppm, 1_000_000)
    return r / (1 + r) if mode is INCL else r


@quiet
@given(orders, st.sampled_from(TaxMode), st.sampled_from(TaxRounding),
       st.sampled_from(Rounding))
def test_invariants(lines, mode, rounding, rule):
    currency = lines[0].amount.currency if lines else "USD"
    result = compute_tax(lines, mode, rounding, rule, currency=currency)
    zero = Money.zero(currency)

    assert len(result.lines) == len(lines)
    assert sum((x.gross for x in result.lines), zero) == result.gross
    assert sum((x.net for x in result.lines), zero) == result.net
    assert sum((x.tax for x in result.lines), zero) == result.tax
    for part in [*result.lines, *result.by_rate, result]:
        assert part.net + part.tax == part.gross
    assert sum((s.gross for s in result.by_rate), zero) == result.gross
    assert sum((s.net for s in result.by_rate), zero) == result.net
    assert sum((s.tax for s in result.by_rate), zero) == result.tax
    assert [s.rate_ppm for s in result.by_rate] == sorted(
        (s.rate_ppm for s in result.by_rate), reverse=True)

    for given_line, out in zip(lines, result.lines, strict=True):
        if mode is INCL:
            assert out.gross == given_line.amount
        else:
            assert out.net == given_line.amount
        # tax has the sign of the amount
        assert out.tax.minor * given_line.amount.minor >= 0
        if rounding is PER_LINE:
            assert out.tax == given_line.amount.times(factor(given_line.rate_ppm, mode), rule)

    for s in result.by_rate:
        group = [x for x in lines if (x.rate_ppm, x.tax_code) == (s.rate_ppm, s.tax_code)]
        base = sum((x.amount for x in group), zero)
        assert (s.gross if mode is INCL else s.net) == base
        if rounding is PER_ORDER:
            # rounded once, on the sum of the group
            assert s.tax == base.times(factor(s.rate_ppm, mode), rule)


@quiet
@given(orders, st.sampled_from(TaxMode))
def test_per_order_line_tax_stays_close_to_exact(lines, mode):
    result = compute_tax(lines, mode, PER_ORDER, currency="USD" if not lines else None)
    for given_line, out in zip(lines, result.lines, strict=True):
        exact = given_line.amount.minor * factor(given_line.rate_ppm, mode)
        assert abs(out.tax.minor - exact) < 2
        if mode is INCL:
            assert abs(out.tax.minor) <= abs(given_line.amount.minor)


@quiet
@given(orders, st.sampled_from(TaxMode), st.sampled_from(TaxRounding),
       st.sampled_from(Rounding))
def test_refund_is_mirror_of_sale(lines, mode, rounding, rule):
    currency = lines[0].amount.currency if lines else "USD"
    refund = [TaxableLine(-x.amount, x.rate_ppm, x.tax_code) for x in lines]
    a = compute_tax(lines, mode, rounding, rule, currency=currency)
    b = compute_tax(refund, mode, rounding, rule, currency=currency)
    assert [-x.tax for x in a.lines] == [x.tax for x in b.lines]
    assert -a.tax == b.tax


@quiet
@given(orders, st.sampled_from(TaxMode), st.sampled_from(TaxRounding))
def test_line_order_does_not_change_totals(lines, mode, rounding):
    currency = lines[0].amount.currency if lines else "USD"
    a = compute_tax(lines, mode, rounding, currency=currency)
    b = compute_tax(lines[::-1], mode, rounding, currency=currency)
    assert (a.net, a.tax, a.gross, a.by_rate) == (b.net, b.tax, b.gross, b.by_rate)
