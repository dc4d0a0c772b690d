"""A line void approved when Delete is pressed (issue 11, finding 5): the approval goes
with the voided line, and the sale's save accepts it however long the sale then takes."""

from __future__ import annotations

import datetime as dt

import pytest

from pos.money import Money
from pos.sales import shifts
from pos.sales.cart import Cart, Item
from pos.sales.orders import Tender, approvals_needed, complete_sale
from pos.staff import users
from pos.staff.actor import APPROVAL_LIFETIME, Actor
from pos.staff.users import ScryptParams
from pos.store import journal
from pos.store.db import database
from pos.tax import TaxMode, TaxRounding

CHEAP = ScryptParams(n=2 ** 10)


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def item(product) -> Item:
    return Item(product.id, product.sku, product.name, product.unit, product.price,
                product.tax_class.code, product.tax_class.rate_ppm)


@pytest.fixture
def people(catalogue):
    boss = users.create_first_manager("Mia", pin="9876", params=CHEAP)
    clerk = users.add_user("Alex", "cashier", pin="1111", params=CHEAP)
    other = users.add_user("Bo", "cashier", pin="4444", params=CHEAP)
    shifts.open_shift(clerk, usd(0), "T1")
    return boss, clerk, other


@pytest.fixture
def cart(catalogue):
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item(catalogue["milk"]), 2)
    cart.add(item(catalogue["soap"]))
    return cart


def test_a_void_approved_on_the_spot_needs_nothing_more_at_the_save(cart, people):
    boss, clerk, _ = people
    approval = users.require(clerk, "void", boss, "9876")
    removed = cart.remove(1, approval.id)
    assert removed.void_approval == approval.id
    assert Cart.from_json(cart.to_json()).voided[0].void_approval == approval.id  # parked
    assert approvals_needed(cart, "T1", clerk) == []
    later = approval.at - APPROVAL_LIFETIME - dt.timedelta(minutes=1)
    users.Approval.update(at=later).where(users.Approval.id == approval.id).execute()
    complete_sale(cart, "T1", [Tender("cash", usd(5000))], actor=Actor(clerk))
    (data,) = [row[0] for row in database.execute_sql(
        "SELECT data FROM journal_entry WHERE kind = 'void'")]
    assert removed.item.sku in data and f'"approval_id":{approval.id},' in data
    assert journal.verify().ok


def test_an_approval_for_someone_else_or_another_action_is_not_taken(cart, people):
    boss, clerk, other = people
    for wrong in (users.require(other, "void", boss, "9876"),
                  users.require(clerk, "refund", boss, "9876")):
        trial = Cart.from_json(cart.to_json())
        trial.remove(1, wrong.id)
        with pytest.raises(users.AccessDenied):
            complete_sale(trial, "T1", [Tender("cash", usd(5000))], actor=Actor(clerk))
