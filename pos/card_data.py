"""No card number in free text: notes, reasons, names and addresses refuse one.

The store keeps only a card's brand, last four digits and the gateway's
reference (docs/GATEWAY.md). A cashier who types the customer's card number
into a refund reason or a note would put it in the store file, its backups and
the journal, so every service that stores free text passes it through
`refuse_card_number` first. The rule lives here, in `pos/`, so a dialog, the
command line and an import all get it.

A card number is what a person types: 13 to 19 digits, maybe in groups
separated by spaces or dashes ("4242 4242 4242 4242", "4242-4242-4242-4242"),
whose Luhn check digit is right. Groups next to other groups count as one
number, and any run of whole groups of 13 to 19 digits in such a row is tried,
so "qty 2 4242 4242 4242 4242" is caught too. A longer run of digits without
separators (an order reference, a serial) is not split: a window of it would
be Luhn-valid one time in ten by chance.

Codes are not free text: barcodes (an EAN-13 can pass the Luhn check by chance),
SKUs and phone numbers never go through this check.
"""

from __future__ import annotations

import re
import unicodedata

from pos.errors import InputError

MESSAGE = "This looks like a card number. Never type card numbers into notes."
MIN_DIGITS, MAX_DIGITS = 13, 19

# Digits in groups; between two groups one to three spaces or dashes (after the
# text is folded: every Unicode digit to 0-9, every space and dash to ' ' and '-').
_GROUP = re.compile(r"[0-9]+")
# Cheap first look, in C: 13 digits (of any script) with at most three other characters
# between each two. Text without such a run (nearly all) needs no closer look.
_MAYBE = re.compile(r"\d(?:\D{0,3}\d){12}")
_ROW = re.compile(r"[0-9]+(?:[ -]{1,3}[0-9]+)*")


class CardNumberInText(InputError):
    """Free text that holds what looks like a card number; nothing was saved."""

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


def luhn_ok(digits: str) -> bool:
    """Whether the string of ASCII digits passes the Luhn (mod 10) check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _fold(text: str) -> str:
    """Every decimal digit as 0-9 (full-width ４２, Arabic-Indic ...), every kind of
    space as ' ' and every dash as '-'; other characters as they are."""
    out = []
    for ch in text:
        if "0" <= ch <= "9" or ch.isascii() and not ch.isspace():
            out.append(ch)
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(chr(48 + digit))
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) == "Pd" or ch == "\u2212":
            out.append("-")
        else:
            out.append(ch)
    return "".join(out)


def find_card_number(text: str | None) -> str | None:
    """The digits of the first card number in `text`, or None."""
    if not text or _MAYBE.search(text) is None:
        return None
    folded = _fold(text)
    for row in _ROW.finditer(folded):
        groups = _GROUP.findall(row.group())
        for first in range(len(groups)):
            digits = ""
            for group in groups[first:]:
                digits += group
                if len(digits) > MAX_DIGITS:
                    break
                if len(digits) >= MIN_DIGITS and luhn_ok(digits):
                    return digits
    return None


def has_card_number(text: str | None) -> bool:
    return find_card_number(text) is not None


def refuse_card_number(text: str | None) -> str | None:
    """`text` as it is, or `CardNumberInText` if it holds a card number."""
    if find_card_number(text) is not None:
        raise CardNumberInText()
    return text
