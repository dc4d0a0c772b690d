"""The common currencies and locales the Settings page offers, and reading a code back.

The combos are editable, so any ISO 4217 code or CLDR locale can be typed;
the lists only save typing for the usual ones. Each entry shows its code
first ("EUR – Euro"), and `code_from_text` takes the code back out of
whatever the combo holds, leaving the checking to `pos.settings`.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CNY", "HKD", "TWD", "JPY", "KRW", "SGD", "AUD",
              "CAD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "INR", "BRL", "MXN",
              "ZAR", "TRY", "AED", "THB")

LOCALES = ("en_US", "en_GB", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "it_IT", "es_ES",
           "nl_NL", "zh_CN", "zh_TW", "zh_HK", "ja_JP", "ko_KR")

_SEPARATOR = " \u2013 "
_CODE = re.compile(r"\s*([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*)\s*(?:\u2013.*)?$")


def currency_label(code: str, display_locale: str) -> str:
    """'EUR – Euro', the name in the store's language where Babel knows it."""
    try:
        name = get_currency_name(code, locale=display_locale)
    except (UnknownLocaleError, ValueError):
        name = code
    return code if name == code else f"{code}{_SEPARATOR}{name}"


def locale_label(code: str) -> str:
    """'de_DE – Deutsch (Deutschland)': each language named in itself, as pickers do."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError):
        return code
    return f"{code}{_SEPARATOR}{name}" if name else code


def code_from_text(text: str) -> str:
    """The code at the start of a combo's text ('EUR – Euro' -> 'EUR'); text that does not
    look like one is returned stripped, for the service to refuse in its own words."""
    match = _CODE.match(text or "")
    return match.group(1) if match else (text or "").strip()
