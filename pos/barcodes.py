"""Product codes as a scanner or a cashier enters them.

A code of 8, 12 or 13 digits is a GS1 barcode (EAN-8, UPC-A, EAN-13) and its
check digit is verified, so a misread scan is refused instead of finding the
wrong product or none. UPC-A is stored as EAN-13 (a leading 0): scanners send
either form for the same label, and one form means one lookup. Anything else is
a free internal code from a small safe alphabet.

Scales print variable-measure EAN-13 labels (prefix 20-29) that carry the item
and its price or weight; `parse_variable` reads them with rules the owner keeps
in the settings table as JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from stdnum import ean

from pos.errors import InputError

GS1_LENGTHS = (8, 12, 13)
"""Digit-only codes of these lengths are GS1 barcodes: EAN-8, UPC-A, EAN-13."""

MAX_CODE_LENGTH = 32
"""The longest free internal code accepted."""

_DIGITS = re.compile(r"[0-9]+")
_FREE_CODE = re.compile(r"[A-Za-z0-9._-]+")
_ALLOWED = "use letters, digits, '-', '_' or '.'"

Kind = Literal["price", "weight"]
_KINDS: tuple[str, ...] = get_args(Kind)


def check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for a code without its last digit.

    Works for any GS1 length (EAN-8 body of 7, UPC-A of 11, EAN-13 of 12); the
    arithmetic is python-stdnum's `ean.calc_check_digit`. Only ASCII digits are a
    body (stdnum would read "" as 0 and full-width digits as digits).
    """
    if not isinstance(body, str) or not _DIGITS.fullmatch(body):
        raise ValueError(f"a check digit needs a body of digits, not {body!r}")
    return int(ean.calc_check_digit(body))


def _clean(code: str) -> str:
    if not isinstance(code, str):
        raise TypeError(f"a code is text, not {type(code).__name__}")
    # NFKC turns full-width digits and letters (typed with a CJK input method)
    # into ASCII, so "４００６…" finds the same product as "4006…".
    return unicodedata.normalize("NFKC", code).strip()


def _shape_is_gs1(text: str) -> bool:
    return len(text) in GS1_LENGTHS and _DIGITS.fullmatch(text) is not None


def is_gs1(code: str) -> bool:
    """True if `code` is an EAN-8, UPC-A or EAN-13 with a correct check digit.

    The shape is checked first: stdnum's `ean.is_valid` also takes GTIN-14 and
    codes with spaces or hyphens, which are free codes here.
    """
    text = _clean(code)
    return _shape_is_gs1(text) and ean.is_valid(text)


def normalize_code(code: str) -> str:
    """The form of a scanned or typed code that is stored and looked up.

    Strips whitespace; verifies the check digit of a GS1 code and turns UPC-A
    into EAN-13; accepts a free internal code of 1-32 letters, digits, '-',
    '_' and '.'. Raises `InputError` with a sentence for anything else.
    """
    text = _clean(code)
    if not text:
        raise InputError("Scan or type a code.")
    if _shape_is_gs1(text):
        expected = check_digit(text[:-1])
        if int(text[-1]) != expected:
            raise InputError(
                f"The barcode {text} has a wrong check digit (it should end in {expected})."
                " Scan it again or type it."
            )
        return "0" + text if len(text) == 12 else text
    if len(text) > MAX_CODE_LENGTH:
        raise InputError(
            f"The code {text[:MAX_CODE_LENGTH]!r}... is too long: {_ALLOWED},"
            f" at most {MAX_CODE_LENGTH} characters."
        )
    if not _FREE_CODE.fullmatch(text):
        raise InputError(f"{text!r} is not a valid code: {_ALLOWED}.")
    return text


def make_ean13(body12: str) -> str:
    """A valid EAN-13 from its first 12 digits (appends the check digit)."""
    if not isinstance(body12, str) or len(body12) != 12 or not _DIGITS.fullmatch(body12):
        raise ValueError(f"an EAN-13 body is 12 digits, not {body12!r}")
    return body12 + str(check_digit(body12))


# variable-measure (scale) barcodes ------------------------------------------


@dataclass(frozen=True, slots=True)
class VariableRule:
    """How to read scale labels starting with `prefix`.

    Layout: prefix (2) + item code (`item_digits`) + value (`value_digits`) +
    check digit, with item_digits + value_digits == 10. The value is a price in
    minor units (kind "price") or a weight in grams (kind "weight").
    """

    prefix: str
    kind: Kind
    item_digits: int = 5
    value_digits: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.prefix, str) or not re.fullmatch(r"2[0-9]", self.prefix):
            raise InputError(
                f"A scale barcode rule needs a prefix from 20 to 29, not {self.prefix!r}."
            )
        if self.kind not in _KINDS:
            raise InputError(
                f"The scale barcode rule {self.prefix} must be of kind 'price' or 'weight',"
                f" not {self.kind!r}."
            )
        for name in ("item_digits", "value_digits"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise InputError(
                    f"In the scale barcode rule {self.prefix}, {name} must be a whole number"
                    f" of at least 1, not {value!r}."
                )
        if self.item_digits + self.value_digits != 10:
            raise InputError(
                f"In the scale barcode rule {self.prefix}, item digits ({self.item_digits})"
                f" and value digits ({self.value_digits}) must add up to 10."
            )


@dataclass(frozen=True, slots=True)
class VariableCode:
    """What a scale label says: the item and its price (minor units) or weight (grams)."""

    item_code: str
    kind: Kind
    value: int


DEFAULT_RULES: tuple[VariableRule, ...] = (
    VariableRule("21", "weight"),
    VariableRule("22", "price"),
)


def parse_variable(code: str, rules: Iterable[VariableRule]) -> VariableCode | None:
    """Read a scale label, or None if `code` is not one under `rules`.

    Only a valid EAN-13 whose first two digits are a rule's prefix is read;
    the first matching rule wins. A wrong check digit gives None here:
    `normalize_code` is what explains that to the cashier.
    """
    text = _clean(code)
    if len(text) != 13 or not is_gs1(text):
        return None
    for rule in rules:
        if text[:2] == rule.prefix:
            item_end = 2 + rule.item_digits
            return VariableCode(text[2:item_end], rule.kind, int(text[item_end:12]))
    return None


_RULE_KEYS = ("prefix", "kind", "item_digits", "value_digits")


def _check_unique(rules: Iterable[VariableRule]) -> list[VariableRule]:
    seen: set[str] = set()
    result = []
    for rule in rules:
        if not isinstance(rule, VariableRule):
            raise TypeError(f"expected a VariableRule, not {type(rule).__name__}")
        if rule.prefix in seen:
            raise InputError(f"Two scale barcode rules use the prefix {rule.prefix}; keep one.")
        seen.add(rule.prefix)
        result.append(rule)
    return result


def rules_to_json(rules: Iterable[VariableRule]) -> str:
    """The rules as JSON text for the settings table."""
    return json.dumps(
        [{key: getattr(rule, key) for key in _RULE_KEYS} for rule in _check_unique(rules)]
    )


def rules_from_json(text: str) -> list[VariableRule]:
    """Rules read back from the settings table; `InputError` if they are not valid."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise InputError("The scale barcode rules are not valid JSON.") from exc
    if not isinstance(data, list):
        raise InputError("The scale barcode rules must be a list of rules.")
    rules = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(f"Scale barcode rule {number} must be an object with a prefix.")
        unknown = sorted(set(item) - set(_RULE_KEYS))
        if unknown:
            raise InputError(
                f"Scale barcode rule {number} has unknown fields: {', '.join(unknown)}."
            )
        missing = [key for key in ("prefix", "kind") if key not in item]
        if missing:
            raise InputError(f"Scale barcode rule {number} has no {' or '.join(missing)}.")
        rules.append(VariableRule(**item))
    return _check_unique(rules)
