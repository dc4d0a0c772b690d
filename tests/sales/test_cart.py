"""The cart's arithmetic, without a database: lines, discounts, tax, cash rounding, parking."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.errors import InputError, StateError
from pos.money import Money
from pos.sales.cart import Cart, Discount, Item, parse_quantity
from pos.tax import TaxMode, TaxRounding

MILK = Item(1, "MILK1", "Milk 牛奶", "each", 349, "reduced", 40_000)
SOAP = Item(2, "SOAP1", "Soap", "each", 1999, "standard", 88_750)
APPLES = Item(3, "12345", "Apples", "weight", 398, "reduced", 40_000)


def usd_cart(mode=TaxMode.EXCLUSIVE, rounding=TaxRounding.PER_LINE, currency="USD"):
    return Cart(currency, mode, rounding)


def test_scanning_the_same_item_twice_adds_to_its_line():
    cart = usd_cart()
    cart.add(MILK)
    cart.add(MILK)
    cart.add(SOAP)
    assert [(ln.item.sku, ln.quantity) for ln in cart.lines] == [("MILK1", 2), ("SOAP1", 1)]


def test_exclusive_totals_add_tax_on_top():
    cart = usd_cart()
    cart.add(MILK, 2)  # 6.98 at 4% → 0.28
    cart.add(SOAP)  # 19.99 at 8.875% → 1.774 → 1.77
    totals = cart.totals()
    assert totals.subtotal == Money(2697, "USD")
    assert totals.tax == Money(28 + 177, "USD")
    assert totals.total == Money(2697 + 205, "USD")
    assert [(r.tax_code, r.tax.minor) for r in totals.by_rate] == [("standard", 177),
                                                                 ("reduced", 28)]


def test_inclusive_totals_contain_the_tax():
    cart = Cart("CNY", TaxMode.INCLUSIVE, TaxRounding.PER_LINE)
    cart.add(Item(1, "A", "A", "each", 11300, "standard", 130_000))
    totals = cart.totals()
    assert totals.total == Money(11300, "CNY")
    assert totals.tax == Money(1300, "CNY")


def test_weighed_item_price_per_kg_times_grams_rounds_once():
    cart = usd_cart()
    cart.add(APPLES, weight_grams=1250)  # 3.98/kg × 1.25 kg = 4.975 → 4.98
    assert cart.totals().lines[0].base == Money(498, "USD")
    with pytest.raises(InputError, match="sold by weight"):
        cart.add(APPLES)


def test_price_embedded_label_fixes_the_line_price():
    cart = usd_cart()
    cart.add(APPLES, label_price=612)
    assert cart.lines[0].unit_price == 612 and cart.lines[0].quantity == 1


def test_line_and_order_discounts():
    cart = usd_cart()
    cart.add(SOAP, 2)  # 39.98
    cart.set_line_discount(0, Discount.parse_percent("10"))  # 4.00 (3.998 → 4.00)
    cart.add(MILK)  # 3.49
    cart.set_order_discount(Discount(amount=100))
    totals = cart.totals()
    assert totals.discount == Money(400 + 100, "USD")
    assert sum((ln.discount for ln in totals.lines), Money(0, "USD")) == totals.discount
    assert totals.subtotal - totals.discount == totals.net


@pytest.mark.parametrize("text", ["0", "-5", "abc", "101", "10.001", "NaN"])
def test_bad_percentages_are_refused(text):
    with pytest.raises(InputError):
        Discount.parse_percent(text)


def test_discount_larger_than_the_line_is_refused_and_changes_nothing():
    cart = usd_cart()
    cart.add(MILK)
    with pytest.raises(InputError, match="more than the line"):
        cart.set_line_discount(0, Discount(amount=1000))
    assert cart.lines[0].discount is None
    with pytest.raises(InputError, match="order discount"):
        cart.set_order_discount(Discount(amount=10_000))
    assert cart.order_discount is None


@pytest.mark.parametrize("text, unit, message", [
    ("0", "each", "more than 0"), ("-2", "each", "more than 0"), ("two", "each", "whole number"),
    ("10000", "each", "too large"), ("1.5", "each", "whole number"),
    ("abc", "weight", "not a weight"), ("0.0001", "weight", "to the gram"),
    ("500", "weight", "too large"),
])
def test_bad_quantities_have_plain_messages(text, unit, message):
    with pytest.raises(InputError, match=message):
        parse_quantity(text, unit)


def test_quantities_parse():
    assert parse_quantity(" 3 ", "each") == 3
    assert parse_quantity("0,25", "weight") == 250
    assert parse_quantity("1.5kg", "weight") == 1500


def test_set_quantity_and_remove_and_stale_line():
    cart = usd_cart()
    cart.add(MILK)
    cart.set_quantity(0, 5)
    assert cart.lines[0].quantity == 5
    with pytest.raises(InputError):
        cart.set_quantity(0, 0)
    assert cart.lines[0].quantity == 5
    cart.remove(0)
    with pytest.raises(StateError):
        cart.remove(0)


def test_refused_edits_leave_the_cart_as_it_was():
    cart = usd_cart()
    cart.add(SOAP, 2)
    cart.set_line_discount(0, Discount(amount=3000))  # 30.00 off 39.98
    with pytest.raises(InputError):
        cart.set_quantity(0, 1)  # the discount would be more than the line
    assert cart.lines[0].quantity == 2
    cart.add(MILK)
    cart.set_order_discount(Discount(amount=900))
    with pytest.raises(InputError, match="change the discount first"):
        cart.remove(0)
    assert len(cart.lines) == 2


def test_price_override_needs_a_reason():
    cart = usd_cart()
    cart.add(SOAP)
    with pytest.raises(InputError, match="reason"):
        cart.override_price(0, Money(1500, "USD"), " ")
    cart.override_price(0, Money(1500, "USD"), "damaged box")
    assert cart.lines[0].unit_price == 1500 and cart.lines[0].item.price == 1999


def test_cash_rounding_only_for_cash():
    cart = Cart("CHF", TaxMode.INCLUSIVE, TaxRounding.PER_LINE)
    cart.add(Item(1, "A", "A", "each", 1237, "standard", 81_000))
    totals = cart.totals()
    assert totals.due("cash", 5) == Money(1235, "CHF")
    assert totals.due("card", 5) == Money(1237, "CHF")


def test_parked_cart_round_trips_through_json():
    cart = usd_cart()
    cart.add(MILK, 2)
    cart.add(APPLES, weight_grams=700)
    cart.set_line_discount(0, Discount.parse_percent("5"))
    cart.set_order_discount(Discount(amount=50))
    cart.customer_id, cart.ship_later, cart.delivery_address = 7, True, "1 Main St"
    again = Cart.from_json(cart.to_json())
    assert again == cart
    assert again.totals() == cart.totals()


def test_empty_cart_totals_are_zero():
    totals = usd_cart().totals()
    assert totals.total == Money(0, "USD") and totals.lines == []


ITEMS = st.builds(
    Item, st.integers(1, 10**6), st.text("ABC123", min_size=1, max_size=4),
    st.just("name"), st.sampled_from(["each", "weight"]), st.integers(0, 10**7),
    st.sampled_from(["standard", "reduced", "zero"]),
    st.sampled_from([0, 40_000, 88_750, 130_000, 190_000]),
)


@given(
    st.lists(st.tuples(ITEMS, st.integers(1, 9_999), st.one_of(st.none(), st.integers(1, 99))),
             min_size=1, max_size=12),
    st.sampled_from(list(TaxMode)), st.sampled_from(list(TaxRounding)),
    st.sampled_from(["USD", "JPY", "KWD"]),
    st.one_of(st.none(), st.integers(1, 100)),
)
def test_lines_always_add_up_to_the_total(lines, mode, rounding, currency, order_pct):
    cart = Cart(currency, mode, rounding)
    for item, qty, pct in lines:
        try:
            index = cart.add(item, qty, weight_grams=qty)
        except InputError:  # adding to a merged line past 9,999 is refused
            continue
        if pct and cart.lines[index].discount is None and cart.lines[index].base(currency).minor:
            with contextlib.suppress(InputError):  # a discount rounding to nothing is refused
                cart.set_line_discount(index, Discount.parse_percent(str(pct)))
    if order_pct:
        cart.set_order_discount(Discount.parse_percent(str(order_pct)))
    totals = cart.totals()
    zero = Money(0, currency)
    assert sum((ln.gross for ln in totals.lines), zero) == totals.total
    assert sum((ln.tax for ln in totals.lines), zero) == totals.tax
    assert totals.net + totals.tax == totals.total
    assert totals.subtotal - totals.discount == sum((ln.amount for ln in totals.lines), zero)
    for ln in totals.lines:
        assert ln.net + ln.tax == ln.gross
        if mode == TaxMode.INCLUSIVE:
            assert ln.gross == ln.amount
        else:
            assert ln.net == ln.amount
