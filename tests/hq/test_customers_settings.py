"""Customers merged by id across tills, and store settings owned by head office (issue 14),
on a real PostgreSQL and a real server on loopback."""

from __future__ import annotations

import pytest

from pos.catalogue.customers import CustomerInput, save_customer
from pos.cli.main import main
from pos.errors import InputError
from pos.hq import admin
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale
from pos.sales.register_items import item_for
from pos.settings import load_settings
from pos.store.models import Customer, Product
from pos.sync import service
from pos.tax import TaxMode, TaxRounding
from tests.hq.conftest import Till


def customers() -> dict[str, tuple]:
    return {c.uuid: (c.name, c.phone, c.email, c.address) for c in Customer.select()}


@pytest.fixture
def tills(tmp_path, monkeypatch, hq_server, chain):
    """Two enrolled tills of one store."""
    found = {}
    for terminal, code in chain[1].items():
        found[terminal] = Till(tmp_path / terminal / "store.db", monkeypatch)
        with found[terminal]:
            service.enroll(hq_server.url, code)
    return found


def test_a_customer_entered_on_one_till_reaches_the_other_and_edits_come_back(tills, hq_conn):
    t1, t2 = tills["T1"], tills["T2"]
    with t1:
        lin = save_customer(CustomerInput("Lin Wei 林伟", "+86 138-0013-8000"))
        service.sync_round()
    with t2:
        service.sync_round()
        here = Customer.get(Customer.uuid == lin.uuid)
        assert (here.name, here.phone) == ("Lin Wei 林伟", "8613800138000")
        # what came down did not go back up as this till's change
        assert hq_conn.execute("SELECT terminal_id FROM customer").fetchone() == ("T1",)
        save_customer(CustomerInput("Lin Wei 林伟", "+86 138-0013-8000", "lin@example.com"),
                      here.id)
        service.sync_round()
    with t1:
        service.sync_round()
        assert customers() == {lin.uuid: ("Lin Wei 林伟", "8613800138000", "lin@example.com",
                                          None)}
    assert hq_conn.execute("SELECT count(*), min(email) FROM customer").fetchone() == (
        1, "lin@example.com")


def test_two_tills_change_one_customer_offline_and_both_end_with_the_later_change(tills,
                                                                                    hq_conn):
    """The later change wins on every till, whichever till reaches head office first: the
    till whose change lost downloads the winner."""
    t1, t2 = tills["T1"], tills["T2"]
    with t1:
        ann = save_customer(CustomerInput("Ann Lee"))
        service.sync_round()
    with t2:
        service.sync_round()
        mine = Customer.get(Customer.uuid == ann.uuid)
    with t1:
        save_customer(CustomerInput("Ann Lee", address="1 Old Road"), ann.id)  # earlier
    with t2:
        save_customer(CustomerInput("Ann Lee", address="2 New Street"), mine.id)  # later
        service.sync_round()  # the later change reaches head office first
    with t1:
        service.sync_round()  # the earlier one loses there, and the winner comes down
        assert customers()[ann.uuid][3] == "2 New Street"
    with t2:
        service.sync_round()
        assert customers()[ann.uuid][3] == "2 New Street"
    assert hq_conn.execute("SELECT address FROM customer WHERE uuid = %s",
                           (ann.uuid,)).fetchone() == ("2 New Street",)


def test_a_sale_for_a_customer_arrives_with_the_customer_id(tills, hq_conn):
    with tills["T1"] as till:
        till.stock()
        bo = save_customer(CustomerInput("Bo Chen"))
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item_for(Product.get_by_id(till.products["TEA"].id)), 1)
        cart.customer_id = bo.id
        total = cart.totals().total
        order = complete_sale(cart, "T1", [Tender("cash", total, tendered=total)])
        service.sync_round()
    assert hq_conn.execute("SELECT customer_uuid FROM sale WHERE uuid = %s",
                           (order.uuid,)).fetchone() == (bo.uuid,)


def test_store_settings_set_at_head_office_reach_the_tills(tills, hq_conn, chain, hq_dsn,
                                                           capsys):
    store_id = chain[0]
    assert main(["hq", "stores", "set", store_id, "receipt_footer=谢谢光临",
                 'quick_keys=["TEA"]', "cash_rounding=5", "--dsn", hq_dsn]) == 0
    assert "next sync" in capsys.readouterr().out
    with tills["T2"]:
        before = load_settings().printer
        service.sync_round()
        settings = load_settings()
        assert (settings.receipt_footer, settings.quick_keys, settings.cash_rounding) == (
            "谢谢光临", '["TEA"]', 5)
        assert settings.printer == before  # the terminal's own settings stay its own
        assert service.sync_round().received == 0  # nothing applied twice


@pytest.mark.parametrize(("setting", "words"), [
    ("printer=usb", "set on each till"),
    ("cash_rounding=five", "whole number"),
    ("store_name=", "cannot be empty"),
])
def test_a_bad_store_setting_is_refused_in_words_and_nothing_changes(hq_conn, chain, hq_dsn,
                                                                     capsys, setting, words):
    code = main(["hq", "stores", "set", chain[0], "receipt_footer=Hi", setting,
                 "--dsn", hq_dsn])
    assert code != 0 and words in capsys.readouterr().err
    assert hq_conn.execute("SELECT count(*) FROM store_setting").fetchone() == (0,)


def test_settings_are_checked_as_the_till_checks_them(hq_conn, chain):
    with pytest.raises(InputError, match="quick keys"):
        admin.set_store_settings(hq_conn, chain[0], {"quick_keys": "TEA"})


def test_days_are_the_store_s_own_in_reports(tills, hq_conn, chain, hq_dsn):
    """A sale rung up at 01:30 in Shanghai (17:30 UTC the day before) is on the store's
    day, in the report by day and in --since/--until."""
    import datetime as dt

    from pos.hq import report

    with tills["T1"] as till:
        till.stock()
        order = till.sell("TEA", 2)
        service.sync_round()
    hq_conn.execute("UPDATE sale SET created_at = '2026-12-03 17:30Z' WHERE uuid = %s",
                    (order.uuid,))
    assert [r["key"] for r in report.sales(hq_conn, "day")] == ["2026-12-03"]
    assert main(["hq", "stores", "set", chain[0], "timezone=Asia/Shanghai",
                 "--dsn", hq_dsn]) == 0
    assert [r["key"] for r in report.sales(hq_conn, "day")] == ["2026-12-04"]
    day = dt.date(2026, 12, 4)
    assert report.sales(hq_conn, "store", since=day, until=day)[0]["orders"] == 1
    assert report.sales(hq_conn, "store", until=day - dt.timedelta(days=1)) == []
    with pytest.raises(InputError, match="not a time zone"):
        admin.set_store_settings(hq_conn, chain[0], {"timezone": "Mars/Olympus"})
