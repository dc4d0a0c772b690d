"""A receipt as lines of text for a 32, 42 or 48 column printer (or a terminal).

Columns are counted as the printer counts them: an East Asian wide or
full-width character (Chinese) takes two, a combining mark none. A long name
wraps, at spaces where it has them and between characters where it has none
(Chinese), and never pushes an amount out of its right-aligned column.
Amounts are written in the store's currency format.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from babel.numbers import format_decimal

from pos.money import Money
from pos.receipts.labels import labels_for, tender_name
from pos.receipts.model import Receipt, ReceiptLine, TenderRow
from pos.tax import format_rate
from pos.text_width import char_width, clean, text_width

WIDTHS = (32, 42, 48)
_TOKEN = re.compile(r"\s+|[^\s]")


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrapping to `width` columns: words stay whole when they fit on a line, a
    wide character may start a new line anywhere, a word too long is cut."""
    lines: list[str] = []
    line, used, space = "", 0, False
    for token in _words(clean(text)):
        if token.isspace():
            space = bool(line)
            continue
        size = text_width(token)
        gap = 1 if space else 0
        if used + gap + size <= width:
            line, used = line + " " * gap + token, used + gap + size
        elif size <= width:
            lines.append(line)
            line, used = token, size
        else:  # a word longer than a line: cut it between characters
            if line:
                lines.append(line)
            line, used = "", 0
            for char in token:
                if used + char_width(char) > width:
                    lines.append(line)
                    line, used = "", 0
                line, used = line + char, used + char_width(char)
        space = False
    lines.append(line)
    return [ln for ln in lines if ln] or [""]


def _words(text: str) -> list[str]:
    """Runs of narrow non-space characters, single wide characters, and runs of spaces."""
    tokens: list[str] = []
    for piece in _TOKEN.findall(text):
        narrow = not piece.isspace() and char_width(piece) < 2
        if narrow and tokens and not tokens[-1].isspace() and text_width(tokens[-1][-1]) < 2:
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def row(left: str, right: str, width: int) -> list[str]:
    """`left` wrapped, with `right` right-aligned on its last line."""
    right = clean(right)
    room = width - text_width(right) - 1
    if room < 1:
        return wrap(left, width) + [right.rjust(width)]
    lines = wrap(left, room)
    last = lines[-1]
    lines[-1] = last + " " * (width - text_width(last) - text_width(right)) + right
    return lines


def centred(text: str, width: int) -> list[str]:
    """Each line of `text`, wrapped and centred; blank lines are dropped."""
    out = []
    for paragraph in text.splitlines():
        if paragraph.strip():
            for line in wrap(paragraph, width):
                pad = (width - text_width(line)) // 2
                out.append(" " * pad + line)
    return out


def money_text(amount: Money, locale: str) -> str:
    return clean(amount.format(locale))


def quantity_text(line: ReceiptLine, locale: str) -> str:
    """'2 x 1,20 €', or '0,350 kg x 3,98 €/kg' for a weighed line."""
    price = money_text(line.unit_price, locale)
    if line.unit == "weight":
        kilos = format_decimal(Decimal(line.quantity).scaleb(-3), "0.000", locale=locale)
        return f"{kilos} kg x {price}/kg"
    return f"{line.quantity} x {price}"


def receipt_lines(receipt: Receipt, width: int = 42) -> list[str]:
    """The whole receipt as lines of at most `width` columns (the QR code is not text)."""
    if width not in WIDTHS:
        raise ValueError(f"a receipt is 32, 42 or 48 columns wide, not {width}")
    words = labels_for(receipt.locale)
    loc = receipt.locale

    def amount(money: Money) -> str:
        return money_text(money, loc)

    out = centred(receipt.store_name, width) + centred(receipt.store_address, width)
    if receipt.tax_number:
        out += centred(f"{words['tax_number']} {receipt.tax_number}", width)
    out += centred(receipt.header, width)
    out += [""] + centred(words[receipt.kind], width)
    if receipt.copy:
        out += centred(f"*** {words['copy']} ***", width)
    out += wrap(f"{words['receipt']} {receipt.number}", width)
    out += wrap(f"{words['date']} {receipt.at:%Y-%m-%d %H:%M}", width)
    staff = f"  {words['cashier']} {receipt.cashier}" if receipt.cashier else ""
    out += wrap(f"{words['terminal']} {receipt.terminal}{staff}", width)
    rule = "-" * width
    out.append(rule)
    for line in receipt.lines:
        out += row(line.name, amount(line.total), width)
        if line.quantity != 1 or line.unit == "weight":
            out += wrap("  " + quantity_text(line, loc), width)
        if line.discount:
            out += row("  " + words["discount"], amount(-line.discount), width)
    out.append(rule)
    if receipt.kind == "sale":
        out += row(words["subtotal"], amount(receipt.subtotal), width)
        if receipt.discount:
            out += row(words["discount"], amount(-receipt.discount), width)
        for tax in receipt.taxes:
            label = f"{words['tax']} {format_rate(tax.rate_ppm)}"
            if receipt.tax_included:
                label = f"{words['included']} {label}"
            out += row(label, amount(tax.tax), width)
        if receipt.rounding:
            out += row(words["rounding"], amount(receipt.rounding), width)
    total = words["total"] if receipt.kind == "sale" else words["refunded"]
    out += row(total, amount(receipt.total + receipt.rounding), width)
    out.append(rule)
    for tender in receipt.tenders:
        out += _tender_lines(tender, words, loc, width)
    if receipt.refunds:  # a copy of a sale refunded since: what went back, and where
        out.append(rule)
        for part in receipt.refunds:
            out += _tender_lines(part, words, loc, width, words["refunded"])
    if receipt.reason:
        out += wrap(f"{words['reason']}: {receipt.reason}", width)
    out.append(rule)
    out += centred(receipt.footer, width)
    out += wrap(f"{words['order']} {receipt.order_uuid}", width)
    return out


def _tender_lines(tender: TenderRow, words: dict, locale: str, width: int,
                  refunded: str = "") -> list[str]:
    """A payment's lines; with `refunded` (the word), a part of a refund given back. A
    wallet payment shows its wallet, the masked buyer and the gateway's trade number."""
    if refunded:
        return row(f"{refunded} {tender_name(tender, words)}",
                   money_text(-tender.amount, locale), width)
    if tender.kind == "card":
        out = row(tender_name(replace(tender, buyer=None), words),
                  money_text(tender.amount, locale), width)
        if tender.buyer:
            out += wrap(f"  {words['buyer']} {tender.buyer}", width)
        if tender.gateway_ref:
            label = words["trade_no"] if tender.wallet else words["ref"]
            out += wrap(f"  {label} {tender.gateway_ref}", width)
        return out
    handed = tender.tendered or tender.amount
    out = row(words.get(tender.kind, tender.kind), money_text(handed, locale), width)
    if tender.change:
        out += row(words["change"], money_text(tender.change, locale), width)
    return out


def printer_check_lines(store_name: str, locale: str, width: int, codepage: str) -> list[str]:
    """A page that shows the width, the code page, accented and Chinese text, and an
    amount: what a person needs to see to know the printer settings are right."""
    words = labels_for(locale)
    ruler = ("1234567890" * 5)[:width]
    return (centred(words["test_title"], width) + centred(store_name, width)
            + [ruler, words["test_width"].format(width=width),
               words["test_codepage"].format(codepage=codepage),
               "Äöü ß É ñ € ¥", "中文测试 打印机", "-" * width]
            + row(words["total"], "12.50", width))
