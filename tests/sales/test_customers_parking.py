"""Customers found by phone or name; parked carts that survive a restart."""

from __future__ import annotations

import pytest

from pos.catalogue.customers import CustomerInput, find_customers, save_customer
from pos.errors import InputError, NotFound
from pos.sales.cart import Cart, Item
from pos.sales.parking import park, parked, recall
from pos.store.db import close_store, open_store
from pos.tax import TaxMode, TaxRounding


def test_find_customers_by_phone_and_name(store):
    ann = save_customer(CustomerInput("Ann Lee", "+1 (555) 010-2000", "ann@example.com",
                                      "1 Main St"))
    wang = save_customer(CustomerInput("王小明", "138 0013 8000"))
    assert ann.phone == "15550102000"
    assert [c.id for c in find_customers("555 010")] == []  # phone digits start at country code
    assert [c.id for c in find_customers("1555")] == [ann.id]
    assert [c.id for c in find_customers("ann")] == [ann.id]
    assert [c.id for c in find_customers("lee")] == [ann.id]
    assert [c.id for c in find_customers("小明")] == [wang.id]
    assert find_customers(" ") == []


@pytest.mark.parametrize("data, message", [
    (dict(name=""), "needs a name"),
    (dict(name="A", phone="12"), "5 to 15 digits"),
    (dict(name="A", phone="555-CALL-NOW"), "not a phone number"),
    (dict(name="A", email="nope"), "not an email"),
])
def test_bad_customer_input(store, data, message):
    with pytest.raises(InputError, match=message):
        save_customer(CustomerInput(**data))


def test_parked_cart_survives_a_restart_and_is_recalled_once(store):
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    with pytest.raises(InputError, match="nothing to park"):
        park(cart, "T1")
    cart.add(Item(None, "X1", "Thing", "each", 250, "standard", 88_750), 3)
    row = park(cart, "T1", "lady in red coat")
    close_store()
    open_store(store)
    (again,) = parked("T1")
    assert again.label == "lady in red coat" and parked("T2") == []
    assert recall(row.id) == cart
    assert parked("T1") == []
    with pytest.raises(NotFound):
        recall(row.id)
