"""The receipt model and its text layout: what a receipt says, in which language, and
that every line fits the paper, Chinese names included."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.money import Money
from pos.receipts.model import (
    Receipt,
    ReceiptLine,
    TaxRow,
    TenderRow,
    build_receipt,
    build_refund_receipt,
)
from pos.receipts.text_layout import WIDTHS, printer_check_lines, receipt_lines, wrap
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale, refund
from pos.sales.register_items import item_for
from pos.settings import load_settings, save_settings
from pos.tax import TaxMode, TaxRounding
from pos.text_width import clean, text_width


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def sell(catalogue, tenders, **settings_changes):
    """A saved sale of 2 milk, 1 soap and 350 g of apples, paid by `tenders`."""
    if settings_changes:
        save_settings(**settings_changes)
    cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
    cart.add(item_for(catalogue["milk"]), 2)
    cart.add(item_for(catalogue["soap"]))
    cart.add(item_for(catalogue["apples"]), weight_grams=350)
    return complete_sale(cart, "T1", tenders(cart.totals().total))


def cash(total):
    return [Tender("cash", usd(5000), tendered=usd(5000))]


def card(total):
    return [Tender("card", total, card_brand="VISA", card_last4="4242",
                   gateway_ref="ch_3PqR7sT")]


@pytest.fixture
def cash_sale(catalogue):
    return sell(catalogue, cash, store_name="Corner Shop", store_address="1 Main St",
                tax_number="US-12-345", receipt_header="Open 7-22")


def test_the_receipt_carries_the_store_the_sale_and_its_payments(cash_sale):
    receipt = build_receipt(cash_sale, load_settings(), cashier="Ann")
    assert (receipt.store_name, receipt.tax_number, receipt.header) == (
        "Corner Shop", "US-12-345", "Open 7-22")
    assert receipt.number == "T1-000001" and receipt.terminal == "T1"
    assert receipt.cashier == "Ann" and receipt.qr == cash_sale.uuid
    assert [ln.quantity for ln in receipt.lines] == [2, 1, 350]
    # Issue 11: the lines are in the subtotal's terms (before tax here), so they add up.
    assert sum((ln.total for ln in receipt.lines), usd(0)) == receipt.subtotal
    assert sum((ln.total - ln.discount for ln in receipt.lines), usd(0)) + receipt.tax == (
        receipt.subtotal - receipt.discount + receipt.tax) == receipt.total
    assert sum((t.tax for t in receipt.taxes), usd(0)) == receipt.tax
    [tender] = receipt.tenders
    assert tender.tendered == usd(5000) and tender.change == usd(5000) - receipt.total
    assert receipt.opens_drawer and not receipt.copy


def test_text_lines_show_amounts_right_aligned_in_the_store_format(cash_sale):
    receipt = build_receipt(cash_sale, load_settings())
    lines = receipt_lines(receipt, 42)
    text = "\n".join(lines)
    total = receipt.total.format("en_US")
    assert any(ln.startswith("TOTAL") and ln.endswith(total) and len(ln) == 42 for ln in lines)
    assert "2 x $3.49" in text and "0.350 kg x $3.98/kg" in text
    assert "Cash" in text and "Change" in text and "Corner Shop" in lines[0]
    assert "COPY" not in text and "Cashier" not in text  # no cashier known yet
    assert lines[-1] == f"Order {cash_sale.uuid}"


def test_a_card_shows_brand_last_four_and_reference_and_opens_no_drawer(catalogue):
    order = sell(catalogue, card)
    receipt = build_receipt(order, load_settings())
    text = "\n".join(receipt_lines(receipt, 32))
    assert "Card VISA ****4242" in text and "Ref ch_3PqR7sT" in text
    assert not receipt.opens_drawer


def test_a_copy_is_marked_and_never_opens_the_drawer(cash_sale):
    receipt = build_receipt(cash_sale, load_settings(), copy=True)
    assert "*** COPY ***" in "\n".join(receipt_lines(receipt, 42))
    assert not receipt.opens_drawer


def test_a_chinese_store_prints_chinese_labels_and_marks_copies_重印(cash_sale):
    save_settings(locale="zh_CN")
    receipt = build_receipt(cash_sale, load_settings(), copy=True)
    text = "\n".join(receipt_lines(receipt, 42))
    for word in ("销售小票", "*** 重印 ***", "合计", "现金", "找零", "小计"):
        assert word in text


def test_a_refund_receipt_is_marked_and_a_cash_refund_opens_the_drawer(cash_sale):
    milk = cash_sale.lines.order_by("line_no")[0]
    given_back = refund(cash_sale, {milk.id: 1}, reason="broken", tender="cash")
    receipt = build_refund_receipt(given_back, load_settings())
    text = "\n".join(receipt_lines(receipt, 42))
    assert receipt.kind == "refund" and receipt.opens_drawer
    assert "REFUND" in text and "REFUNDED" in text and "Reason: broken" in text
    assert [ln.quantity for ln in receipt.lines] == [1]


def test_every_width_keeps_every_line_inside_it(cash_sale):
    save_settings(locale="zh_CN", store_name="街角小店 Corner Shop 有限公司 " * 3)
    receipt = build_receipt(cash_sale, load_settings(), cashier="王芳")
    for width in WIDTHS:
        assert all(text_width(ln) <= width for ln in receipt_lines(receipt, width))
    with pytest.raises(ValueError):
        receipt_lines(receipt, 40)


def test_the_printer_check_page_fits_and_names_its_settings():
    lines = printer_check_lines("Corner Shop", "en_US", 32, "CP858")
    assert all(text_width(ln) <= 32 for ln in lines)
    assert "PRINTER TEST" in lines[0] and "Code page CP858" in lines


def test_a_chinese_name_wraps_between_characters_never_through_the_amount():
    lines = wrap("有机全脂牛奶特别长的产品名称", 9)
    assert lines == ["有机全脂", "牛奶特别", "长的产品", "名称"]
    assert wrap("Organic Whole Milk", 10) == ["Organic", "Whole Milk"]


NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.just(" ")
                  | st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=120)


@settings(max_examples=300, deadline=None)
@given(name=NAMES | CHINESE, width=st.sampled_from(WIDTHS))
def test_any_name_wraps_within_the_width_and_keeps_its_characters(name, width):
    lines = wrap(name, width)
    assert all(text_width(ln) <= width for ln in lines)
    assert "".join(lines).replace(" ", "") == clean(name).replace(" ", "")


def chinese_receipt(names: list[str]) -> Receipt:
    """A receipt as data only, with these line names, in a Chinese store."""
    cny = lambda minor: Money(minor, "CNY")  # noqa: E731
    return Receipt(
        kind="sale", locale="zh_CN", currency="CNY", store_name="街角小店 Corner Shop",
        store_address="北京市朝阳区建国路88号", tax_number="91110105MA01", header="",
        footer="谢谢惠顾，欢迎再次光临！" * 3, number="T1-000042",
        order_uuid="8c1d3a2e-0f4b-4c55-9a7e-2b1d6f0e9c11",
        at=dt.datetime(2026, 1, 2, 13, 45), terminal="T1", cashier="王芳",
        lines=tuple(ReceiptLine(n, 3, "each", cny(123456), cny(1000), cny(369368))
                    for n in names),
        subtotal=cny(369368), discount=cny(1000), tax=cny(42493), tax_included=True,
        taxes=(TaxRow(130_000, cny(326875), cny(42493)),), total=cny(369368),
        rounding=cny(-8), tenders=(TenderRow("card", cny(9000), card_brand="银联",
                                              card_last4="6217", gateway_ref="ch_1"),
                                    TenderRow("cash", cny(360360), cny(400000), cny(39640))),
        qr="8c1d3a2e-0f4b-4c55-9a7e-2b1d6f0e9c11")


@settings(max_examples=200, deadline=None)
@given(names=st.lists(CHINESE | NAMES, min_size=1, max_size=4),
       width=st.sampled_from(WIDTHS))
def test_a_chinese_receipt_keeps_every_line_within_its_width(names, width):
    assert all(text_width(ln) <= width for ln in receipt_lines(chinese_receipt(names), width))


def test_a_copy_of_a_refunded_sale_shows_what_went_back(cash_sale):
    """Issue 11, finding 8: the reprint did not show the refund."""
    from pos.store.models import OrderLine

    line = cash_sale.lines.order_by(OrderLine.line_no).first()
    record = refund(cash_sale, {line.id: 1})
    assert build_receipt(cash_sale, load_settings()).refunds == ()
    copy = build_receipt(cash_sale, load_settings(), copy=True)
    [part] = copy.refunds
    assert (part.kind, part.amount) == ("cash", usd(record.amount))
    text = "\n".join(receipt_lines(copy, 42))
    assert "REFUNDED Cash" in text and usd(-record.amount).format("en_US") in text
