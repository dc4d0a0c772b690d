"""Split refunds (issue 10, finding 4): a refund goes back to each payment of the sale, in its
own tender, never more than a payment still holds and never to one that took no money."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.errors import InputError, NotFound
from pos.money import Money
from pos.payments import attempts
from pos.payments.attempts import OfflineLimits
from pos.receipts.model import build_refund_receipt
from pos.receipts.text_layout import receipt_lines
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.order_states import Status
from pos.sales.orders import (
    Tender,
    complete_sale,
    pay_order,
    place_order,
    refund,
    refund_plan,
    refund_quote,
    refund_shares,
    split_in_proportion,
)
from pos.settings import load_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store import journal
from pos.store.db import database
from pos.store.models import Order, Payment, Refund, RefundPart, utcnow
from pos.tax import TaxMode, TaxRounding
from pos.views import sales_report
from pos.views.order_view import order_detail
from tests.sales.test_orders import item

CHEAP = users.ScryptParams(n=2 ** 10)


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def cart_of(catalogue, **quantities) -> Cart:
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    for name, quantity in quantities.items():
        cart.add(item(catalogue[name]), quantity)
    return cart


def visa(amount: int) -> Tender:
    return Tender("card", usd(amount), gateway_ref="ch_split", card_brand="visa",
                  card_last4="4242")


def split_sale(catalogue, card: int, actor=None, **quantities) -> Order:
    """A sale paid `card` by Visa •••• 4242 and the rest in cash (with change)."""
    cart = cart_of(catalogue, **(quantities or {"milk": 2, "soap": 1}))
    rest = cart.totals().total.minor - card
    return complete_sale(cart, "T1", [visa(card), Tender("cash", usd(rest),
                                                         tendered=usd(rest + 500))],
                         actor=actor)


def by_tender(order: Order) -> dict[str, Payment]:
    return {p.tender: p for p in Payment.select().where(Payment.order == order.id)}


def parts_of(record: Refund) -> dict[str, int]:
    return {p.tender: p.amount for p in RefundPart.select().where(RefundPart.refund == record.id)}


# --- the default rule ----------------------------------------------------------------

def test_a_split_sale_refunded_in_full_goes_back_to_each_tender(catalogue):
    order = split_sale(catalogue, card=316)
    cash_paid = order.paid - 316
    record = refund(order, reason="changed mind")
    assert parts_of(record) == {"card": 316, "cash": cash_paid}
    assert record.tender == "split" and record.amount == order.paid
    paid = by_tender(order)
    assert (paid["card"].refunded, paid["card"].status) == (316, "refunded")
    assert (paid["cash"].refunded, paid["cash"].status) == (cash_paid, "refunded")
    (data,) = database.execute_sql("SELECT data FROM journal_entry WHERE kind = 'refund'"
                                   ).fetchone()
    logged = json.loads(data)
    assert logged["tender"] == "split" and logged["parts"] == [
        [paid["card"].id, "card", 316], [paid["cash"].id, "cash", cash_paid]]


def test_a_voided_card_and_cash_refunds_only_to_cash(catalogue):
    """The card was approved then voided (the customer paid cash instead): nothing of the
    refund goes to it, though it is the sale's first payment."""
    order = place_order(cart_of(catalogue, milk=2, soap=1), "T1")
    now = utcnow()
    Payment.create(order=order.id, tender="card", status="voided", amount=order.total, fee=0,
                   net=order.total, gateway_ref="ch_voided", card_brand="visa",
                   card_last4="4242", created_at=now, updated_at=now)
    order = pay_order(order, [Tender("cash", usd(order.total))])
    record = refund(order)
    assert parts_of(record) == {"cash": order.total} and record.tender == "cash"
    paid = by_tender(order)
    assert paid["card"].refunded == 0 and paid["card"].status == "voided"
    assert paid["cash"].refunded == order.total


def test_partial_refunds_go_back_in_proportion_and_the_last_empties_every_payment(catalogue):
    order = split_sale(catalogue, card=1000, milk=4)  # 4 × 3.49 + 4% tax = 14.52: 10.00 cash
    assert order.total == 1452
    milk = order.lines.get()
    first = refund(order, {milk.id: 1})  # 3.63 over card 10.00 : cash 4.52
    assert first.amount == 363
    assert parts_of(first) == {"card": 250, "cash": 113}  # 250.0 and 112.98 → 113
    second = refund(order, {milk.id: 2})
    assert sum(parts_of(second).values()) == second.amount == 726
    last = refund(order)
    paid = by_tender(order)
    assert paid["card"].refunded == 1000 and paid["cash"].refunded == 452
    assert first.amount + second.amount + last.amount == Order.get_by_id(order.id).refunded \
        == 1452


def test_refund_plan_and_quote_say_the_same_as_the_refund(catalogue):
    order = split_sale(catalogue, card=316)
    plan = refund_plan(order)
    assert plan.amount == refund_quote(order) == order.paid
    assert [(s.tender, s.amount, s.card_last4) for s in plan.shares] == [
        ("card", 316, "4242"), ("cash", order.paid - 316, None)]
    assert [h.held for h in plan.payments] == [316, order.paid - 316]
    record = refund(order)
    assert [(s.tender, s.amount) for s in refund_shares(record)] == [
        (s.tender, s.amount) for s in plan.shares]


def test_a_tender_sends_the_refund_to_that_tender_only(catalogue):
    order = split_sale(catalogue, card=316)
    milk = order.lines.order_by("line_no").first()
    record = refund(order, {milk.id: 1}, tender="cash")
    assert parts_of(record) == {"cash": record.amount}
    with pytest.raises(InputError, match="can go back in card"):
        refund(order, tender="card")


# --- the cashier's split ---------------------------------------------------------------

def test_a_cashier_chosen_split_is_followed(catalogue):
    order = split_sale(catalogue, card=316)
    paid = by_tender(order)
    record = refund(order, split={paid["cash"].id: order.paid - 316, paid["card"].id: 316})
    assert parts_of(record) == {"card": 316, "cash": order.paid - 316}
    order = split_sale(catalogue, card=316)
    milk = order.lines.order_by("line_no").first()
    paid = by_tender(order)
    record = refund(order, {milk.id: 1}, split={paid["cash"].id: 363})
    assert parts_of(record) == {"cash": 363} and record.tender == "cash"


def test_a_cashier_chosen_split_over_what_a_payment_holds_is_refused(catalogue):
    order = split_sale(catalogue, card=316)
    paid = by_tender(order)
    before = journal.head()
    with pytest.raises(InputError, match=r"3.17 USD cannot go back to the card Visa •••• 4242: "
                                         r"it holds only 3.16 USD"):
        refund(order, split={paid["card"].id: 317, paid["cash"].id: order.paid - 317})
    fresh = Order.get_by_id(order.id)
    assert (fresh.refunded, fresh.status) == (0, Status.COMPLETED)
    assert not Refund.select().exists() and journal.head() == before
    assert all(p.refunded == 0 for p in by_tender(order).values())


def test_a_cashier_chosen_split_is_checked_in_plain_words(catalogue):
    order = split_sale(catalogue, card=316)
    paid = by_tender(order)
    with pytest.raises(InputError, match="The parts give back 3.16 USD, but the refund is"):
        refund(order, split={paid["card"].id: 316})
    with pytest.raises(InputError, match="zero or more"):
        refund(order, split={paid["card"].id: -1, paid["cash"].id: order.paid + 1})
    other = split_sale(catalogue, card=100)
    with pytest.raises(NotFound, match="not part of this order"):
        refund(order, split={by_tender(other)["cash"].id: order.paid})
    with pytest.raises(InputError, match="not both"):
        refund(order, tender="cash", split={paid["cash"].id: order.paid})
    Payment.update(status="voided").where(Payment.id == paid["card"].id).execute()
    with pytest.raises(InputError, match="Nothing can go back to the card Visa •••• 4242: "
                                         "the card payment of 3.16 USD was voided"):
        refund(order, split={paid["card"].id: 316, paid["cash"].id: order.paid - 316})
    assert not Refund.select().exists()


# --- a card stored offline -------------------------------------------------------------

def test_a_card_stored_offline_takes_no_refund_until_it_has_gone_through(catalogue):
    order = place_order(cart_of(catalogue, milk=2, soap=1), "T1")
    attempts.open_charge(order, usd(1000), "http", "tok_visa",
                         offline=OfflineLimits(per_sale=10_000, total=10_000))
    rest = Order.get_by_id(order.id).total - 1000
    order = pay_order(order, [Tender("cash", usd(rest))])
    with pytest.raises(InputError, match=r"Only 19\.02 USD can be refunded now: the card "
                                         r"payment of 10\.00 USD was taken while the card "
                                         "gateway was offline"):
        refund(order)
    soap = next(ln for ln in order.lines if ln.sku == "SOAP1")
    with pytest.raises(InputError, match="offline"):
        refund(order, {soap.id: 1})  # 21.76 is more than the cash holds (19.02)
    milk = next(ln for ln in order.lines if ln.sku == "MILK1")
    record = refund(order, {milk.id: 1})  # within the cash: it goes back from the drawer
    assert parts_of(record) == {"cash": record.amount}
    offline = Payment.get((Payment.order == order.id) & (Payment.tender == "card"))
    assert (offline.status, offline.refunded) == ("stored_offline", 0)


# --- the exact rule --------------------------------------------------------------------

@given(st.lists(st.integers(0, 10 ** 9), min_size=1, max_size=6), st.data())
def test_the_default_split_adds_up_and_never_exceeds_a_holding(holdings, data):
    amount = data.draw(st.integers(0, sum(holdings)))
    parts = split_in_proportion(amount, holdings)
    assert sum(parts) == amount
    assert all(0 <= part <= held for part, held in zip(parts, holdings, strict=True))
    if sum(holdings):  # in proportion: each part within one unit of its exact share
        assert all(abs(part * sum(holdings) - amount * held) < sum(holdings)
                   for part, held in zip(parts, holdings, strict=True))


def test_the_default_split_refuses_more_than_is_held():
    with pytest.raises(ValueError):
        split_in_proportion(11, [5, 5])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(card=st.integers(1, 3_000), steps=st.lists(st.integers(1, 3), min_size=1, max_size=4))
def test_refunds_of_a_split_sale_add_up_per_payment(catalogue, card, steps):
    """Any card share of a sale and any run of partial refunds ending in a full one: each
    refund's parts add up to it, no payment gives back more than it took, and in the end
    each payment has given back exactly what it took."""
    order = split_sale(catalogue, card=card, milk=6, brulee=2)
    milk = next(ln for ln in order.lines if ln.sku == "MILK1")
    for quantity in steps:
        left = Order.get_by_id(order.id)
        line = milk.__class__.get_by_id(milk.id)
        if line.quantity - line.refunded_quantity < quantity:
            break
        record = refund(left, {milk.id: quantity})
        assert sum(parts_of(record).values()) == record.amount
        assert all(p.refunded <= p.amount for p in by_tender(order).values())
    refund(order)
    assert all(p.refunded == p.amount for p in by_tender(order).values())
    assert Order.get_by_id(order.id).refunded == Order.get_by_id(order.id).paid


# --- shifts, reports, receipts, details --------------------------------------------------

def test_the_z_report_books_each_part_to_its_tender(catalogue):
    boss = users.create_first_manager("Mia", pin="9876", params=CHEAP)
    alex = users.add_user("Alex", "cashier", pin="1111", params=CHEAP)
    shift = shifts.open_shift(alex, usd(10_000), "T1")
    order = split_sale(catalogue, card=316, actor=Actor(alex))
    cash_paid = order.paid - 316
    refund(order, reason="broken", actor=Actor(boss), terminal_id="T1")

    x = shifts.x_report(shift)
    assert x.refunds == {"cash": cash_paid, "card": 316} and x.refunds_count == 1
    assert x.expected["cash"] == 10_000  # the cash taken went back out of the drawer
    assert x.expected["card"] == 0
    count, left = {}, x.expected["cash"]
    for value in sorted((d.value.minor for d in shifts.denominations.denominations("USD")),
                        reverse=True):
        count[value], left = divmod(left, value)
    z = shifts.close_shift(shift, boss, count)
    assert z.over_short == 0 and z.refunds == x.refunds

    today = dt.date.today()
    report = sales_report.build_report(today, today + dt.timedelta(days=1))
    tenders = {row.tender: row for row in report.by_tender}
    assert (tenders["cash"].refunded, tenders["card"].refunded) == (cash_paid, 316)
    assert (tenders["cash"].net, tenders["card"].net) == (0, 0)


def test_the_refund_receipt_and_the_details_show_each_part(catalogue):
    order = split_sale(catalogue, card=316)
    record = refund(order)
    receipt = build_refund_receipt(record, load_settings())
    assert [(t.kind, t.amount.minor, t.card_last4) for t in receipt.tenders] == [
        ("card", 316, "4242"), ("cash", order.paid - 316, None)]
    assert receipt.opens_drawer  # the cash part is paid out of the drawer
    text = "\n".join(receipt_lines(receipt, 42))
    assert "****4242" in text and "3.16" in text
    (shown,) = order_detail(Order.get_by_id(order.id))["refunds"]
    assert shown["tender"] == "split"
    assert [(p["tender"], p["amount"], p["card_last4"]) for p in shown["parts"]] == [
        ("card", "3.16", "4242"), ("cash", str(Money(order.paid - 316, "USD").to_decimal()),
                                   None)]


def test_a_card_only_refund_opens_no_drawer(catalogue):
    cart = cart_of(catalogue, milk=1)
    order = complete_sale(cart, "T1", [visa(cart.totals().total.minor)])
    receipt = build_refund_receipt(refund(order), load_settings())
    assert not receipt.opens_drawer and [t.kind for t in receipt.tenders] == ["card"]
