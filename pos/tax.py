"""Sales tax and VAT on an order, exact to the minor unit.

Rates are whole parts per million (13% = 130000, 8.875% = 88750): SQLite has
no exact decimal type, and an int survives a round trip where a Decimal does
not. Prices either contain the tax (VAT in the EU and China) or have it added
on top (US sales tax). Tax is rounded once, per line or per rate of an order,
by a named `Rounding`; per-order tax is then split over the lines so that the
lines always add up to the totals, to the unit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pos.errors import InputError
from pos.money import Money, Rounding, check_currency

PPM = 1_000_000
"""Parts per million in a whole: a rate of PPM is 100%."""


class TaxMode(StrEnum):
    INCLUSIVE = "inclusive"  # the price contains the tax (EU, China)
    EXCLUSIVE = "exclusive"  # the tax is added on top of the price (US)


class TaxRounding(StrEnum):
    PER_LINE = "per_line"  # round each line's tax
    PER_ORDER = "per_order"  # round once per rate on the order, then split over lines


@dataclass(frozen=True, slots=True)
class TaxableLine:
    """One line's price after discounts: gross when inclusive, net when exclusive.

    Negative amounts (refunds, order discounts) are allowed.
    """

    amount: Money
    rate_ppm: int
    tax_code: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Money):
            raise TypeError(f"a taxable amount is Money, not {type(self.amount).__name__}")
        if type(self.rate_ppm) is not int:
            raise TypeError(f"rate_ppm is an int, not {type(self.rate_ppm).__name__}")
        if self.rate_ppm < 0:
            raise ValueError(f"a tax rate cannot be negative ({self.rate_ppm} ppm)")
        if not isinstance(self.tax_code, str):
            raise TypeError(f"tax_code is text, not {type(self.tax_code).__name__}")


@dataclass(frozen=True, slots=True)
class LineTax:
    net: Money
    tax: Money
    gross: Money


@dataclass(frozen=True, slots=True)
class RateSummary:
    tax_code: str
    rate_ppm: int
    net: Money
    tax: Money
    gross: Money


@dataclass(frozen=True, slots=True)
class TaxResult:
    lines: tuple[LineTax, ...]  # one per input line, in order
    by_rate: tuple[RateSummary, ...]  # highest rate first
    net: Money
    tax: Money
    gross: Money


def _factor(rate_ppm: int, mode: TaxMode) -> Fraction:
    """The share of the line amount that is tax."""
    rate = Fraction(rate_ppm, PPM)
    return rate / (1 + rate) if mode is TaxMode.INCLUSIVE else rate


def _split_order_tax(amounts: list[Money], factor: Fraction, rule: Rounding) -> list[Money]:
    """Round the tax on the sum of `amounts` once and split it over them.

    Lines of each sign get tax of that sign. The side with the smaller total
    (say the discount lines) gets its own tax rounded once; the other side gets
    the rest, so the two sides add up to the order's tax exactly. Within a side
    `Money.allocate` splits by amount. A refund is the mirror image of a sale.
    """
    currency = amounts[0].currency
    plus = [i for i, a in enumerate(amounts) if a.minor > 0]
    minus = [i for i, a in enumerate(amounts) if a.minor < 0]
    plus_sum = Money(sum(amounts[i].minor for i in plus), currency)
    minus_sum = Money(-sum(amounts[i].minor for i in minus), currency)
    total_tax = (plus_sum - minus_sum).times(factor, rule)
    if plus_sum >= minus_sum:
        minus_tax = minus_sum.times(factor, rule)
        plus_tax = total_tax + minus_tax
    else:
        plus_tax = plus_sum.times(factor, rule)
        minus_tax = plus_tax - total_tax
    # Rounding is monotonic, so neither side's tax can come out negative.
    assert plus_tax.minor >= 0 and minus_tax.minor >= 0, (plus_tax, minus_tax)
    taxes = [Money.zero(currency)] * len(amounts)
    for i, part in zip(plus, plus_tax.allocate([amounts[i].minor for i in plus]), strict=True):
        taxes[i] = part
    for i, part in zip(minus, minus_tax.allocate([-amounts[i].minor for i in minus]),
                       strict=True):
        taxes[i] = -part
    return taxes


def _currency_of(lines: list[TaxableLine], currency: str | None) -> str:
    code = check_currency(currency) if currency is not None else None
    for line in lines:
        if code is None:
            code = line.amount.currency
        elif line.amount.currency != code:
            raise ValueError(f"cannot mix {code} and {line.amount.currency}")
    if code is None:
        raise ValueError("compute_tax needs a currency when there are no lines")
    return code


def compute_tax(lines: Iterable[TaxableLine], mode: TaxMode | str,
                rounding: TaxRounding | str, rule: Rounding = Rounding.HALF_UP,
                *, currency: str | None = None) -> TaxResult:
    """Tax on each line, per tax code and rate, and for the order.

    Inclusive: tax = gross x r/(1+r), net = gross - tax. Exclusive:
    tax = net x r, gross = net + tax. Lines are grouped by (rate, tax code);
    with PER_ORDER each group's tax is rounded once on the group's sum and
    split over its lines. Every line, summary and the total has
    net + tax == gross, and the lines add up to the summaries and the total.
    `currency` is needed only for an empty order. Mixing currencies raises
    ValueError.
    """
    mode = TaxMode(mode)
    rounding = TaxRounding(rounding)
    if not isinstance(rule, Rounding):
        raise TypeError(f"rule is a Rounding, not {type(rule).__name__}")
    items = list(lines)
    for line in items:
        if not isinstance(line, TaxableLine):
            raise TypeError(f"expected a TaxableLine, not {type(line).__name__}")
    code = _currency_of(items, currency)
    zero = Money.zero(code)

    groups: dict[tuple[int, str], list[int]] = {}
    for i, line in enumerate(items):
        groups.setdefault((line.rate_ppm, line.tax_code), []).append(i)

    taxes = [zero] * len(items)
    for (rate_ppm, _), indices in groups.items():
        factor = _factor(rate_ppm, mode)
        if rounding is TaxRounding.PER_LINE:
            for i in indices:
                taxes[i] = items[i].amount.times(factor, rule)
        else:
            split = _split_order_tax([items[i].amount for i in indices], factor, rule)
            for i, tax in zip(indices, split, strict=True):
                taxes[i] = tax

    result_lines = tuple(
        LineTax(line.amount - tax, tax, line.amount) if mode is TaxMode.INCLUSIVE
        else LineTax(line.amount, tax, line.amount + tax)
        for line, tax in zip(items, taxes, strict=True)
    )

    summaries = []
    for (rate_ppm, tax_code), indices in sorted(groups.items(),
                                                key=lambda g: (-g[0][0], g[0][1])):
        net, tax, gross = zero, zero, zero
        for i in indices:
            net += result_lines[i].net
            tax += result_lines[i].tax
            gross += result_lines[i].gross
        summaries.append(RateSummary(tax_code, rate_ppm, net, tax, gross))

    net, tax, gross = zero, zero, zero
    for summary in summaries:
        net += summary.net
        tax += summary.tax
        gross += summary.gross
    return TaxResult(result_lines, tuple(summaries), net, tax, gross)


# rates as people write them -------------------------------------------------


def parse_rate(text: str) -> int:
    """A rate typed as a percentage ('13', '8.875', '8,875 %') in parts per million."""
    if not isinstance(text, str):
        raise TypeError("parse_rate reads text")
    shown = text.strip()
    raw = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    raw = raw.replace(",", ".")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+", raw):
        raise InputError(f"{shown!r} is not a tax rate; type a percentage like 13 or 8.875.")
    scaled = Decimal(raw).scaleb(4)
    if scaled != scaled.to_integral_value():
        raise InputError(f"The tax rate {shown} has more than 4 decimals; round it.")
    ppm = int(scaled)
    if ppm > PPM:
        raise InputError(f"The tax rate {shown} is more than 100%.")
    return ppm


def format_rate(rate_ppm: int) -> str:
    """A rate for people: 130000 -> '13%', 88750 -> '8.875%'."""
    if type(rate_ppm) is not int or rate_ppm < 0:
        raise ValueError(f"a rate is a non-negative int of ppm, not {rate_ppm!r}")
    whole, part = divmod(rate_ppm, 10_000)
    return f"{whole}.{part:04d}".rstrip("0") + "%" if part else f"{whole}%"
