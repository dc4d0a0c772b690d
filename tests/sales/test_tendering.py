"""Split tender: part payments, what is still due, and agreement with `settle`."""

from __future__ import annotations

import pytest

from pos.errors import InputError, StateError
from pos.money import Money
from pos.sales.orders import settle
from pos.sales.tendering import TenderPlan, card_tender, cash_tender, check_last4


def eur(minor):
    return Money(minor, "EUR")


def chf(minor):
    return Money(minor, "CHF")


def test_cash_only_change_and_what_is_due():
    plan = TenderPlan(eur(1347))
    assert plan.remaining() == plan.due("cash") == plan.due("card") == eur(1347)
    assert plan.change(eur(2000)) == eur(653)
    assert plan.change(eur(1000)) == eur(-347)
    tenders = plan.tenders(cash_tender(eur(2000)))
    assert settle(eur(1347), tenders) == (eur(0), [eur(1347)])


def test_part_card_then_cash():
    plan = TenderPlan(eur(1347))
    plan.add(card_tender(eur(1000), "4242", "Visa"))
    assert plan.paid == eur(1000)
    assert plan.remaining() == eur(347)
    assert plan.change(eur(500)) == eur(153)
    tenders = plan.tenders(cash_tender(eur(500)))
    assert [t.kind for t in tenders] == ["card", "cash"]


def test_a_card_for_the_rest_settles_the_sale():
    plan = TenderPlan(eur(1347))
    plan.add(cash_tender(eur(347)))
    plan.add(card_tender(eur(1000)))
    assert plan.settled
    assert [t.kind for t in plan.tenders()] == ["cash", "card"]
    with pytest.raises(StateError, match="paid in full"):
        plan.add(card_tender(eur(1)))


def test_part_payments_that_settle_would_refuse_are_refused_at_once():
    plan = TenderPlan(eur(1347))
    with pytest.raises(InputError, match="more than what is still due"):
        plan.add(card_tender(eur(1348)))
    with pytest.raises(InputError, match="less than what is still due"):
        plan.add(cash_tender(eur(1347)))
    with pytest.raises(InputError, match="more than zero"):
        plan.add(card_tender(eur(0)))
    with pytest.raises(InputError, match="CHF"):
        plan.add(card_tender(chf(100)))
    assert plan.payments == []


def test_not_enough_is_refused_with_what_is_still_due():
    plan = TenderPlan(eur(1347))
    with pytest.raises(InputError, match="still due"):
        plan.tenders(cash_tender(eur(1000)))
    with pytest.raises(InputError, match="still due"):
        plan.tenders()


def test_cash_rounding_applies_to_the_cash_rest_only():
    plan = TenderPlan(chf(2343), cash_rounding=5)
    assert plan.due("cash") == chf(2345)
    assert plan.due("card") == chf(2343)
    assert plan.rounding("cash") == chf(2)
    plan.add(card_tender(chf(1001)))
    assert plan.remaining() == chf(1342)
    assert plan.due("cash") == chf(1340)
    assert plan.rounding("cash") == chf(-2)
    assert plan.change(chf(2000)) == chf(660)
    rounding, applied = settle(chf(2343), plan.tenders(cash_tender(chf(2000))), 5)
    assert rounding == chf(-2) and applied == [chf(1001), chf(1340)]


def test_remove_a_part_payment():
    plan = TenderPlan(eur(1347))
    plan.add(card_tender(eur(1000)))
    assert plan.remove(0).amount == eur(1000)
    assert plan.remaining() == eur(1347)
    with pytest.raises(StateError):
        plan.remove(0)


@pytest.mark.parametrize("text, expected", [("4242", "4242"), (" 0005 ", "0005"), ("", None),
                                            (None, None)])
def test_last_four_digits(text, expected):
    assert check_last4(text) == expected


@pytest.mark.parametrize("text", ["424", "42424", "4111111111111111", "abcd", "４２４２"])
def test_anything_but_four_digits_is_refused(text):
    with pytest.raises(InputError, match="last 4 digits"):
        check_last4(text)


def test_card_tender_keeps_brand_and_last_four_only():
    tender = card_tender(eur(100), "4242", "Visa")
    assert (tender.kind, tender.card_brand, tender.card_last4) == ("card", "Visa", "4242")
    with pytest.raises(InputError):
        card_tender(eur(100), "4242", "Bogus Card")
