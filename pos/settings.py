"""Store settings kept in the database, read as one typed, validated object.

Settings live in the `setting` table (key → text) so that a store file carries
its own currency, locale and tax rules wherever it is opened.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, fields

from pos import journal, staff
from pos.actor import Actor, authorize
from pos.barcodes import DEFAULT_RULES, rules_from_json, rules_to_json
from pos.db import database, translate_errors
from pos.errors import InputError
from pos.models import Order, Setting
from pos.money import check_currency, check_locale, exponent
from pos.tax import TaxMode, TaxRounding


@dataclass(frozen=True)
class StoreSettings:
    store_name: str = "My Store"
    store_address: str = ""
    tax_number: str = ""
    currency: str = "USD"
    locale: str = "en_US"
    tax_mode: TaxMode = TaxMode.EXCLUSIVE
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    terminal_id: str = "T1"
    cash_rounding: int = 0  # minor units; 5 rounds CHF cash to 0.05, 0 is off
    variable_barcodes: str = rules_to_json(DEFAULT_RULES)
    receipt_header: str = ""
    receipt_footer: str = "Thank you!"
    quick_keys: str = "[]"  # JSON list of SKUs for the register's quick keys, in order
    # Card payments (docs/GATEWAY.md). The API key and signing secret are secrets
    # (pos.secrets), never settings.
    card_gateway: str = "external"  # external terminal, sandbox, http or stripe
    gateway_url: str = ""
    gateway_ca_bundle: str = ""  # a PEM file to trust instead of the system's CAs
    offline_cards: str = "refuse"  # while the gateway is offline: refuse, or store (and forward)
    offline_limit_sale: int = 0  # minor units a stored offline card sale may reach
    offline_limit_total: int = 0  # minor units all stored offline card payments may reach
    # Receipts
    printer: str = "none"  # none, network, usb, serial, file, system or pdf
    printer_target: str = ""  # host:port, USB vendor:product, serial device, file or printer name
    printer_width: int = 42  # characters per line: 32, 42 or 48
    printer_codepage: str = ""  # e.g. CP437, CP858, GB18030; empty picks by the store's locale
    drawer_pin: int = 2  # the cash drawer's kick pin: 2 or 5
    auto_print: int = 1  # print the receipt when a sale completes
    # Staff and shifts (pos.staff, pos.shifts)
    require_shift: int = 0  # 1: no sale without an open shift on this terminal
    discount_limit_pct: int = 100  # a discount above this % of the sale needs approval
    shift_note_threshold: int = 0  # minor units over or short past which a close needs a note

    def validated(self) -> StoreSettings:
        currency = check_currency(self.currency)
        if self.cash_rounding < 0 or self.cash_rounding > 10 ** (exponent(currency) + 2):
            raise InputError("Cash rounding must be 0 (off) or a small step like 5 (0.05).")
        if not self.terminal_id.strip() or len(self.terminal_id) > 16:
            raise InputError("The terminal id must be 1 to 16 characters.")
        rules_from_json(self.variable_barcodes)
        _choice(self.card_gateway, CARD_GATEWAYS, "card gateway")
        _choice(self.offline_cards, ("refuse", "store"), "offline card policy")
        if self.offline_limit_sale < 0 or self.offline_limit_total < self.offline_limit_sale:
            raise InputError("The offline card limits must be 0 or more, and the total limit "
                             "at least the per-sale limit.")
        _choice(self.printer, PRINTERS, "printer")
        _choice(self.printer_width, (32, 42, 48), "paper width in characters")
        _choice(self.drawer_pin, (2, 5), "cash drawer pin")
        _choice(self.auto_print, (0, 1), "automatic printing setting (0 or 1)")
        _choice(self.require_shift, (0, 1), "shift setting (0 or 1)")
        if not 0 <= self.discount_limit_pct <= 100 or self.shift_note_threshold < 0:
            raise InputError("The discount limit is a percentage from 0 to 100, and the "
                             "shift note threshold an amount of 0 or more.")
        if self.printer_codepage:
            from pos.receipts.escpos_output import codepage_for  # loads python-escpos

            codepage_for(self.printer_codepage, self.locale)
        quick_keys_from_json(self.quick_keys)
        return dataclasses.replace(
            self, currency=currency, locale=check_locale(self.locale),
            tax_mode=_enum(TaxMode, self.tax_mode, "tax mode"),
            tax_rounding=_enum(TaxRounding, self.tax_rounding, "tax rounding"),
            terminal_id=self.terminal_id.strip(),
        )


CARD_GATEWAYS = ("external", "sandbox", "http", "stripe")
PRINTERS = ("none", "network", "usb", "serial", "file", "system", "pdf")


def _choice(value, choices, what):
    if value not in choices:
        raise InputError(f"{value!r} is not a {what}; choose one of "
                         f"{', '.join(str(c) for c in choices)}.")


def _enum(kind, value, what):
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise InputError(f"{value!r} is not a {what}; choose one of {choices}.") from None


_FIELDS = {f.name: f for f in fields(StoreSettings)}


def load_settings() -> StoreSettings:
    values = {}
    for row in Setting.select():
        if row.key in _FIELDS:
            kind = _FIELDS[row.key].type
            values[row.key] = int(row.value) if kind in ("int", int) else row.value
    return StoreSettings(**values).validated()


def save_settings(*, actor: Actor | None = None, **changes) -> StoreSettings:
    """Validate `changes` against the current settings and store them in one transaction.
    From a window, `actor` must hold the right to change settings (or a manager's
    approval); None is the command line, whose operator holds the store file. Once the
    store has staff every change is journalled (before that it is being set up)."""
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise InputError(f"Unknown setting: {', '.join(sorted(unknown))}.")
    with translate_errors(), database.atomic():
        approval_id = authorize(actor, "change_settings") if actor is not None else None
        current = load_settings()
        updated = dataclasses.replace(current, **changes).validated()
        if updated.currency != current.currency and Order.select().exists():
            raise InputError(
                f"This store has sales in {current.currency}, so its currency cannot change. "
                f"Start a new store file for {updated.currency}.")
        logged = {}
        for name in changes:
            value = getattr(updated, name)
            text = value.value if hasattr(value, "value") else str(value)
            Setting.insert(key=name, value=text).on_conflict_replace().execute()
            before = getattr(current, name)
            logged[name] = [before.value if hasattr(before, "value") else str(before), text]
        if actor is not None or staff.has_users():  # once a store has staff, every change
            journal.append("settings_change", {"changes": logged, "approval_id": approval_id},
                           actor.user_id if actor else None)
    return updated


MAX_QUICK_KEYS = 48


def quick_keys_from_json(text: str) -> list[str]:
    """The SKUs on the register's quick keys; refuses anything but a short list of SKUs."""
    try:
        value = json.loads(text or "[]")
    except json.JSONDecodeError:
        raise InputError("The quick keys must be a JSON list of SKUs.") from None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError("The quick keys must be a list of SKUs, like [\"MILK1\", \"BREAD2\"].")
    if len(value) > MAX_QUICK_KEYS:
        raise InputError(f"At most {MAX_QUICK_KEYS} quick keys fit on the register.")
    return [v.strip() for v in value]
