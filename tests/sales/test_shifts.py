"""Shifts on a real store file: exact X figures, counting and closing, Z numbers, bad input.

The sale service ties an order to the terminal's open shift (`orders.shift_id`); a
refund is tied to the shift that paid it out (`refund.shift_id`) here, right after
saving it, until the refund service records it itself.
"""

from __future__ import annotations

import contextlib
import io

import pytest

from pos.errors import InputError, NotFound, StateError
from pos.money import Money, exponent
from pos.receipts import shift_report
from pos.sales import denominations, shifts
from pos.sales.cart import Cart, Item
from pos.sales.orders import Tender, complete_sale, pay_order, place_order, refund, transition
from pos.settings import save_settings
from pos.staff import users
from pos.staff.actor import Actor
from pos.store import journal
from pos.store.db import database, open_store
from pos.store.models import Order, Refund
from pos.tax import TaxMode, TaxRounding
from pos.text_width import text_width

FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)
APPLE = Item(None, "A1", "Apple 苹果", "each", 1000, "standard", 88_750)  # 10.00 + 0.89 tax
BOOK = Item(None, "B1", "Book", "each", 2000, "zero", 0)  # 20.00


def usd(minor: int) -> Money:
    return Money(minor, "USD")


@pytest.fixture
def team(store):
    """A manager, a supervisor and a cashier (PINs 1111, 2222, 3333); over or short by more
    than 5.00 needs a note."""
    save_settings(shift_note_threshold=500)
    return {
        "manager": users.create_first_manager("Mona", "1111", params=FAST),
        "supervisor": users.add_user("Sam", "supervisor", "2222", params=FAST),
        "cashier": users.add_user("Cleo", "cashier", "3333", params=FAST),
    }


def sell(shift, items, tenders, *, override: Money | None = None) -> Order:
    """A completed sale rung up in `shift` (what orders.py will record itself)."""
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    for item in items:
        cart.add(item)
    if override is not None:
        cart.override_price(0, override, "damaged")
    order = complete_sale(cart, shift.terminal_id, tenders, actor=_actor(shift))
    assert order.shift_id == shift.id  # the sale service ties it to the open shift
    return order


def _actor(shift) -> Actor:
    return Actor(users.find_user(shift.opened_by))


def refund_in(shift, order: Order) -> Refund:
    """A full refund paid out of `shift`'s drawer (what the refund service will record)."""
    record = refund(order, actor=_actor(shift))
    database.execute_sql("UPDATE refund SET shift_id = ? WHERE id = ?", (shift.id, record.id))
    return record


def state() -> tuple:
    """What a refused request must leave alone: shifts, movements, approvals, journal."""
    return (list(database.execute_sql("SELECT * FROM shift ORDER BY id")),
            shifts.CashMovement.select().count(), users.Approval.select().count(),
            journal.head())


@pytest.fixture
def busy_shift(team):
    """Float 100.00; cash and card sales with change, a split, an override, a void, a cash
    and a card refund, cash in 50.00 and out 30.00; and a sale on another terminal."""
    sam = team["supervisor"]
    shift = shifts.open_shift(sam, usd(10_000), "T1")
    cash_sale = sell(shift, [APPLE], [Tender("cash", usd(1089), tendered=usd(2000))])
    card_sale = sell(shift, [BOOK], [Tender("card", usd(2000))])
    sell(shift, [APPLE, BOOK], [Tender("card", usd(1000)),
                                Tender("cash", usd(2500), tendered=usd(2500))])
    sell(shift, [APPLE], [Tender("cash", usd(544))], override=usd(500))
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(BOOK)
    void = place_order(cart, "T1", actor=_actor(shift))
    transition(void, "cancelled", actor=_actor(shift))
    refund_in(shift, card_sale)
    refund_in(shift, cash_sale)
    shifts.cash_move(shift, sam, "in", usd(5000), "change from the bank")
    shifts.cash_move(shift, sam, "out", "30.00", "bank deposit")
    other = shifts.open_shift(sam, usd(0), "T2")
    sell(other, [BOOK], [Tender("cash", usd(2000))])
    return shift


# --- the X report -----------------------------------------------------------------------

def test_x_report_figures_are_exact_and_change_nothing(busy_shift):
    before = state()
    report = shifts.x_report(busy_shift)
    assert state() == before
    assert (report.kind, report.terminal_id, report.opened_by, report.currency) == (
        "X", "T1", "Sam", "USD")
    assert report.opening_float == 10_000
    assert (report.sales_count, report.sales_total) == (4, 1089 + 2000 + 3089 + 544)
    assert report.tenders == {"cash": 1089 + 2089 + 544, "card": 2000 + 1000}
    assert report.change_given == 911 + 411
    assert (report.refunds_count, report.refunds) == (2, {"cash": 1089, "card": 2000})
    assert (report.cash_in, report.cash_in_count, report.cash_out, report.cash_out_count) == (
        5000, 1, 3000, 1)
    assert [(t.rate_ppm, t.net, t.tax) for t in report.taxes] == [
        (0, 4000, 0), (88_750, 2500, 89 + 89 + 44)]
    assert (report.voids, report.overrides, report.no_sales) == (1, 1, 0)
    # float + cash sales net of change − cash refunds + in − out
    assert report.expected == {"cash": 10_000 + 3722 - 1089 + 5000 - 3000, "card": 1000}
    assert shifts.x_report(busy_shift.id).expected == report.expected


def test_opening_and_finding_shifts(team):
    sam = team["supervisor"]
    assert shifts.current_shift("T1") is None
    shift = shifts.open_shift(sam, "150", "T1")
    assert shift.opening_float == 15_000 and shifts.current_shift("T1").id == shift.id
    entry = database.execute_sql("SELECT kind, data FROM journal_entry ORDER BY seq DESC "
                                 "LIMIT 1").fetchone()
    assert entry[0] == "shift_open" and '"opening_float":15000' in entry[1]
    before = state()
    with pytest.raises(StateError, match="already open on terminal T1"):
        shifts.open_shift(team["cashier"], usd(0), "T1")
    for bad, message in (("12a", "not an amount"), ("-5", "cannot be negative"),
                         (usd(-1), "cannot be negative"), (Money(100, "EUR"), "in EUR"),
                         (12.5, "as an amount")):
        with pytest.raises(InputError, match=message):
            shifts.open_shift(sam, bad, "T2")
    assert state() == before
    with pytest.raises(NotFound):
        shifts.x_report(999)


# --- cash in and out --------------------------------------------------------------------

def test_cash_moves_need_a_reason_the_right_and_cash_in_the_drawer(team):
    cleo, sam = team["cashier"], team["supervisor"]
    shift = shifts.open_shift(cleo, usd(2000), "T1")
    before = state()
    for args, error, message in (
            (("in", usd(500), "  "), InputError, "Say why"),
            (("out", usd(2001), "deposit"), InputError, "only \\$20.00"),
            (("in", "ten", "float"), InputError, "not an amount"),
            (("in", usd(0), "float"), InputError, "more than zero"),
            (("sideways", usd(1), "x"), InputError, "not a cash movement"),
            (("in", usd(500), "float"), users.AccessDenied, "need the approval"),
    ):
        with pytest.raises(error, match=message):
            shifts.cash_move(shift, cleo, *args)
    with pytest.raises(users.AccessDenied, match="may not approve"):
        shifts.cash_move(shift, cleo, "in", usd(500), "float", "Cleo", "3333")
    assert state() == before
    moved = shifts.cash_move(shift, cleo, "out", usd(2000), "deposit", "Sam", "2222")
    approval = users.Approval.get_by_id(moved.approval_id)
    assert (approval.action, approval.user_id, approval.approver_id) == (
        "cash_in_out", cleo.id, sam.id)
    with pytest.raises(InputError, match="only \\$0.00"):
        shifts.cash_move(shift, sam, "out", usd(1), "deposit")
    drawer = shifts.no_sale(shift, sam, reason="check a note")
    assert (drawer.kind, drawer.amount) == ("no_sale", 0)
    assert shifts.x_report(shift).no_sales == 1
    kinds = [r[0] for r in database.execute_sql(
        "SELECT kind FROM journal_entry ORDER BY seq DESC LIMIT 4")]
    assert kinds == ["no_sale", "cash_out", "approval", "shift_open"]


# --- closing ----------------------------------------------------------------------------

def test_close_with_a_counted_drawer_saves_the_z_report(busy_shift, team):
    expected_cash = shifts.x_report(busy_shift).expected["cash"]  # 146.33
    count = {10000: 1, 2000: 2, 500: 1, 10: 3, 1: 3}  # 100 + 40 + 5 + 0.30 + 0.03 = 145.33
    z = shifts.close_shift(busy_shift, team["supervisor"], count, note="")  # short 1.00
    assert (z.kind, z.z_no, z.closed_by) == ("Z", 1, "Sam")
    assert z.counted == {"cash": 14_533, "card": 1000}
    assert z.over_short == 14_533 - expected_cash == -100
    assert z.cash_count == {10000: 1, 2000: 2, 500: 1, 10: 3, 1: 3}
    assert (z.journal_seq, z.journal_hash) == journal.head()
    assert z.journal_key == journal.head_key_id()
    assert z.journal_first == journal.first_hash() and len(z.journal_first) == 64
    assert shifts.z_report(busy_shift) == z
    row = shifts.get_shift(busy_shift)
    assert (row.z_no, row.over_short, row.closed_by) == (1, -100, team["supervisor"].id)
    assert row.expected == '{"card":1000,"cash":14633}'
    assert row.counted == ('{"card":1000,"cash":14533,'
                           '"count":{"1":3,"10":3,"10000":1,"2000":2,"500":1}}')
    assert shifts.current_shift("T1") is None
    kinds = [r[0] for r in database.execute_sql(
        "SELECT kind FROM journal_entry ORDER BY seq DESC LIMIT 2")]
    assert kinds == ["z_report", "shift_close"]
    assert journal.verify().ok


def test_a_note_is_required_past_the_threshold_and_nothing_changes_without_one(team):
    sam, cleo = team["supervisor"], team["cashier"]
    shift = shifts.open_shift(cleo, usd(10_000), "T1")
    before = state()
    with pytest.raises(InputError, match=r"short by \$10.00, more than \$5.00: write a note"):
        shifts.close_shift(shift, cleo, {5000: 1, 2000: 2}, "", "Sam", "2222")
    with pytest.raises(InputError, match=r"over by \$5.01"):
        shifts.close_shift(shift, cleo, {10000: 1, 500: 1, 1: 1}, "  ", "Sam", "2222")
    with pytest.raises(users.AccessDenied, match="Closing a shift need the approval"):
        shifts.close_shift(shift, cleo, {10000: 1})
    assert state() == before  # no approval was spent on a refused close
    z = shifts.close_shift(shift, cleo, {5000: 1, 2000: 2}, "a 10 went to the bank",
                           "Sam", "2222")
    assert (z.over_short, z.note, z.approved_by, z.closed_by) == (
        -1000, "a 10 went to the bank", "Sam", "Cleo")
    assert shifts.get_shift(shift).note == "a 10 went to the bank"
    assert sam.id == users.Approval.select().order_by(users.Approval.id.desc()).first(
        ).approver_id


def test_z_numbers_are_sequential_and_gapless_per_terminal_even_after_a_failed_close(
        team, monkeypatch):
    sam = team["supervisor"]
    save_settings(shift_note_threshold=0)  # any difference needs a note
    with pytest.raises(InputError, match=r"over by \$0.01, more than \$0.00"):
        shifts.close_shift(shifts.open_shift(sam, usd(0), "T1"), sam, {1: 1})
    assert shifts.close_shift(shifts.current_shift("T1"), sam, {}).z_no == 1
    assert shifts.close_shift(shifts.open_shift(sam, usd(0), "T2"), sam, {}).z_no == 1
    shift = shifts.open_shift(sam, usd(0), "T1")
    real_append = journal.append

    def failing(kind, *args, **kwargs):
        if kind == "z_report":
            raise OSError("disk full")
        return real_append(kind, *args, **kwargs)

    before = state()
    monkeypatch.setattr(journal, "append", failing)
    with pytest.raises(OSError):
        shifts.close_shift(shift, sam, {})
    monkeypatch.setattr(journal, "append", real_append)
    assert state() == before and shifts.get_shift(shift).is_open
    assert shifts.close_shift(shift, sam, {}).z_no == 2
    assert shifts.last_closed_shift("T1").id == shift.id
    assert journal.verify().ok


def test_a_shift_closed_twice_and_bad_counts_are_refused(team):
    sam = team["supervisor"]
    shift = shifts.open_shift(sam, usd(1000), "T1")
    before = state()
    for count, message in (({1000: "2a"}, "whole number"), ({1000: -1}, "whole number"),
                           ({1000: 1.5}, "whole number"), ({1000: "１"}, "whole number"),
                           ({3: 1}, "not a note or coin of USD"),
                           ({"ten": 1}, "not a note or coin"),
                           ({1000: 10 ** 7}, "more than a drawer holds"),
                           ([1000], "note by note")):
        with pytest.raises(InputError, match=message):
            shifts.close_shift(shift, sam, count)
    assert state() == before
    with pytest.raises(StateError, match="still open"):
        shifts.z_report(shift)
    shifts.close_shift(shift, sam, {"1000": "1"})
    before = state()
    with pytest.raises(StateError, match="already closed \\(Z 1\\)"):
        shifts.close_shift(shift, sam, {1000: 1})
    with pytest.raises(StateError, match="already closed"):
        shifts.cash_move(shift, sam, "in", usd(100), "late")
    assert state() == before


# --- denominations and printing ---------------------------------------------------------

@pytest.mark.parametrize("currency", ["EUR", "USD", "GBP", "CHF", "CNY", "JPY", "SEK", "KWD"])
def test_every_currency_has_its_notes_and_coins_smallest_first(currency):
    values = [d.minor for d in denominations.denominations(currency)]
    assert values == sorted(set(values)) and values[0] >= 1
    assert any(d.kind == "note" for d in denominations.denominations(currency))
    assert max(values) >= 10 ** exponent(currency) * 50


def test_known_tables():
    def values(code):
        return [d.minor for d in denominations.denominations(code)]

    assert values("JPY") == [1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000]
    assert values("CNY") == [10, 50, 100, 500, 1000, 2000, 5000, 10000]
    assert values("GBP")[-1] == 5000 and values("CHF")[0] == 5


@pytest.mark.parametrize("width", [32, 42, 48])
@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_report_lines_fit_the_paper(busy_shift, team, width, locale):
    z = shifts.close_shift(busy_shift, team["supervisor"], {10000: 1, 2000: 2, 500: 1},
                           note="short: 一张纸币找错了 " * 3)
    for report in (shifts.x_report(busy_shift), z):
        lines = shift_report.report_lines(report, width, locale)
        assert all(text_width(line) <= width for line in lines)
    text = "\n".join(shift_report.report_lines(z, width, locale))
    assert ("Z REPORT No. 1" if locale == "en_US" else "Z 报表 编号 1") in text
    assert z.journal_hash[:width] in text and "$146.33" in text and "$145.00" in text
    assert z.journal_first[:16] in text  # the journal's start, against paper
    with pytest.raises(ValueError):
        shift_report.report_lines(z, 40, locale)


def test_a_chinese_store_counts_yuan(store, team):
    save_settings(currency="CNY", locale="zh_CN")
    shift = shifts.open_shift(team["manager"], "200", "T1")
    z = shifts.close_shift(shift, team["manager"], {10000: 2, 50: 1}, "多了五角")
    assert (z.currency, z.over_short) == ("CNY", 50)
    assert "¥0.50" in "\n".join(shift_report.report_lines(z, 32, "zh_CN"))


# --- command line -----------------------------------------------------------------------

def test_pos_shift_x_and_z(busy_shift, team, store, monkeypatch):
    from pos.cli import main

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main.main([*args, "--db", str(store)])
        open_store(store)  # main closes the store it opened
        return code, out.getvalue(), err.getvalue()

    code, out, _ = run("shift", "x")
    assert code == 0 and "X REPORT" in out and "$146.33" in out
    code, out, err = run("shift", "z")
    assert code == 1 and "No shift is closed yet on terminal T1" in err
    shifts.close_shift(busy_shift, team["supervisor"], {10000: 1}, "bank took 46.33")
    head = journal.head()
    code, out, _ = run("shift", "z", "--width", "32")
    assert code == 0 and "Z REPORT No. 1" in out and max(map(len, out.splitlines())) <= 32
    code, out, _ = run("shift", "z", "--shift", str(busy_shift.id))
    assert code == 0 and head[1][:32] in out
    code, _, err = run("shift", "z", "--shift", "99")
    assert code == 1 and "There is no shift 99" in err
    assert journal.head() == head  # reading changed nothing


# --- every sale belongs to a shift (issue 11, finding 11) -------------------------------

def _cart(*items) -> Cart:
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    for item in items:
        cart.add(item)
    return cart


def test_with_staff_no_sale_is_taken_without_a_shift_so_every_sale_is_in_a_z_report(team):
    """Sales went through with no shift open (in no Z report) while No sale refused."""
    cleo = Actor(team["cashier"])
    assert shifts.needed_before("T1") and shifts.needed_before("T1", cash=False)
    for tenders in ([Tender("cash", usd(5000))], [Tender("card", usd(2000))]):
        with pytest.raises(StateError, match="No shift is open on this till"):
            complete_sale(_cart(BOOK), "T1", tenders, actor=cleo)
    with pytest.raises(StateError, match="No shift is open"):
        place_order(_cart(BOOK), "T1", actor=cleo)  # the card path starts here
    assert Order.select().count() == 0
    shift = shifts.open_shift(team["cashier"], usd(0), "T1")  # a cashier opens it
    assert not shifts.needed_before("T1")
    cash = complete_sale(_cart(BOOK), "T1", [Tender("cash", usd(2000))], actor=cleo)
    card = complete_sale(_cart(BOOK), "T1", [Tender("card", usd(2000))], actor=cleo)
    assert cash.shift_id == card.shift_id == shift.id
    shifts.close_shift(shift, team["supervisor"], {2000: 1})  # one 20.00 note
    report = shifts.z_report(shift)
    assert (report.sales_count, report.tenders) == (2, {"cash": 2000, "card": 2000})
    with pytest.raises(StateError, match="No shift is open"):
        complete_sale(_cart(BOOK), "T1", [Tender("card", usd(2000))], actor=cleo)


def test_a_cashless_store_may_sell_cards_without_a_shift_but_never_cash(team):
    save_settings(require_shift=0)
    cleo = Actor(team["cashier"])
    assert shifts.needed_before("T1") and not shifts.needed_before("T1", cash=False)
    card = complete_sale(_cart(BOOK), "T1", [Tender("card", usd(2000))], actor=cleo)
    assert card.shift_id is None
    with pytest.raises(StateError, match="before taking cash"):
        complete_sale(_cart(BOOK), "T1", [Tender("cash", usd(2000))], actor=cleo)
    split = place_order(_cart(BOOK, BOOK), "T1", actor=cleo)
    with pytest.raises(StateError, match="before taking cash"):
        pay_order(split, [Tender("card", usd(1000)), Tender("cash", usd(3000))])
    shift = shifts.open_shift(team["cashier"], usd(0), "T1")
    paid = pay_order(split, [Tender("card", usd(1000)), Tender("cash", usd(3000))])
    assert Order.get_by_id(paid.id).shift_id == shift.id  # its cash is in this drawer


def test_ensure_open_keeps_the_open_shift(team):
    first = shifts.ensure_open(team["cashier"], "T1")
    assert first.opening_float == 0
    assert shifts.ensure_open(team["manager"], "T1", usd(500)).id == first.id
