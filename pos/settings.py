"""Store settings kept in the database, read as one typed, validated object.

Settings live in the `setting` table (key → text) so that a store file carries
its own currency, locale and tax rules wherever it is opened.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

from pos.addresses import gateway_url, printer_host_port, usb_printer_id
from pos.barcodes import DEFAULT_RULES, rules_from_json, rules_to_json
from pos.code_pages import codepage_for
from pos.errors import InputError
from pos.money import check_currency, check_locale, exponent
from pos.staff import users
from pos.staff.actor import Actor, authorize
from pos.store import journal
from pos.store.backups import KEEP_DEFAULT
from pos.store.db import database, translate_errors
from pos.store.models import Order, Setting
from pos.store.paths import backup_dir
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
    # (pos.store.secrets), never settings.
    card_gateway: str = "external"  # external terminal, sandbox, http or stripe
    gateway_url: str = ""
    gateway_ca_bundle: str = ""  # a PEM file to trust instead of the system's CAs
    offline_cards: str = "refuse"  # while the gateway is offline: refuse, or store (and forward)
    offline_limit_sale: int = 0  # minor units a stored offline card sale may reach
    offline_limit_total: int = 0  # minor units all stored offline card payments may reach
    # Charges that wait for the customer (docs/GATEWAY.md): the card reader the gateway
    # drives ("" none: the test-card picker, or the standalone terminal), whether the
    # checkout takes wallet payment codes (1), and the wallet of the store's QR code a
    # customer scans ("" none; "alipay", "wechat": pos.payments.wallet_codes).
    card_reader: str = ""
    wallet_codes: int = 0
    store_qr: str = ""
    # Receipts
    printer: str = "none"  # none, network, usb, serial, file, system or pdf
    printer_target: str = ""  # host:port, USB vendor:product, serial device, file or printer name
    printer_width: int = 42  # characters per line: 32, 42 or 48
    printer_codepage: str = ""  # e.g. CP437, CP858, GB18030; empty picks by the store's locale
    drawer_pin: int = 2  # the cash drawer's kick pin: 2 or 5
    auto_print: int = 1  # print the receipt when a sale completes
    # Staff and shifts (pos.staff.users, pos.sales.shifts)
    # 1: every sale needs the terminal's open shift (the first payment asks for the float);
    # 0: card-only sales may go without one (a cashless store). Cash always needs a shift,
    # and a store without staff, who could open none, sells without (pos.sales.orders.sale_rules).
    require_shift: int = 1
    discount_limit_pct: int = 100  # a discount above this % of the sale needs approval
    shift_note_threshold: int = 0  # minor units over or short past which a close needs a note
    # Who may open the back-office pages (pos.staff.users.PAGE_ROLE_SETTINGS); a manager always may.
    products_roles: str = users.DEFAULT_PAGE_ROLES
    reports_roles: str = users.DEFAULT_PAGE_ROLES
    settings_roles: str = users.DEFAULT_PAGE_ROLES
    # Head office (pos.sync): seconds between the sync worker's rounds; 0: only on demand
    # (Sync now, and after each sale).
    sync_interval_s: int = 30
    # The till on its own (ui.idle_lock, ui.screen_awake): it locks itself after this many
    # minutes without a key or a touch (0: never; the sale stays), and while a sale is open
    # it asks the desktop not to blank or lock the screen, or sleep (1: on).
    idle_lock_min: int = 5
    keep_awake: int = 1
    # The customer display (ui.customer_display), a second window facing the customer:
    # off, on (the screen the register is not on, else a window), a screen's number
    # counted from 1, or its name as the system gives it (HDMI-1).
    customer_display: str = "off"
    # Backups (pos.store.backups): the folder (empty: `backups` in the data folder; a USB
    # stick, a network share) and how many regular backups it keeps.
    backup_folder: str = ""
    backups_keep: int = KEEP_DEFAULT

    def validated(self) -> StoreSettings:
        currency = check_currency(self.currency)
        for name in INT_SETTINGS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(f"{_LABELS[name]} must be a whole number, not {value!r}.")
        if self.cash_rounding < 0:
            raise InputError("Cash rounding cannot be negative: give 0 (off) or a step in "
                             "minor units, like 5 to round cash to 0.05.")
        if self.cash_rounding > 10 ** (exponent(currency) + 2):
            raise InputError("Cash rounding must be 0 (off) or a small step like 5 (0.05).")
        if not self.terminal_id.strip() or len(self.terminal_id) > 16:
            raise InputError("The terminal id must be 1 to 16 characters.")
        rules_from_json(self.variable_barcodes)
        _choice(self.card_gateway, CARD_GATEWAYS, "card_gateway")
        _choice(self.offline_cards, ("refuse", "store"), "offline_cards")
        _choice(self.wallet_codes, (0, 1), "wallet_codes")
        for name in ("card_reader", "store_qr"):
            if getattr(self, name) and not _ID.fullmatch(getattr(self, name)):
                raise InputError(f"{_LABELS[name]} is a name of letters, digits, '-' and "
                                 f"'_' (up to 64), or empty for none; not "
                                 f"{getattr(self, name)!r}.")
        if self.offline_limit_sale < 0 or self.offline_limit_total < 0:
            raise InputError("The offline card limits are amounts in minor units, 0 or more.")
        if self.offline_limit_total < self.offline_limit_sale:
            raise InputError(f"The offline limit in all ({self.offline_limit_total}) must be at "
                             f"least the limit per sale ({self.offline_limit_sale}).")
        _choice(self.printer, PRINTERS, "printer")
        _choice(self.printer_width, (32, 42, 48), "printer_width")
        _choice(self.drawer_pin, (2, 5), "drawer_pin")
        _choice(self.auto_print, (0, 1), "auto_print")
        _choice(self.require_shift, (0, 1), "require_shift")
        if not 0 <= self.discount_limit_pct <= 100:
            raise InputError("The discount limit is a percentage from 0 to 100, not "
                             f"{self.discount_limit_pct}.")
        if self.shift_note_threshold < 0:
            raise InputError("The shift note threshold is an amount in minor units, 0 or more, "
                             f"not {self.shift_note_threshold}.")
        if self.sync_interval_s != 0 and not (
                MIN_SYNC_INTERVAL_S <= self.sync_interval_s <= MAX_SYNC_INTERVAL_S):
            raise InputError(
                f"The head-office sync interval is 0 (only on demand) or {MIN_SYNC_INTERVAL_S} "
                f"to {MAX_SYNC_INTERVAL_S} seconds, not {self.sync_interval_s}.")
        if not 0 <= self.idle_lock_min <= MAX_IDLE_LOCK_MIN:
            raise InputError(f"The idle lock is 0 (never) to {MAX_IDLE_LOCK_MIN} minutes, "
                             f"not {self.idle_lock_min}.")
        _choice(self.keep_awake, (0, 1), "keep_awake")
        customer_display = _customer_display(self.customer_display)
        if not 1 <= self.backups_keep <= MAX_BACKUPS_KEEP:
            raise InputError(f"The number of backups to keep is 1 to {MAX_BACKUPS_KEEP}, "
                             f"not {self.backups_keep}.")
        if self.printer_codepage:
            codepage_for(self.printer_codepage, self.locale)
        quick_keys_from_json(self.quick_keys)
        for key in users.PAGE_ROLE_SETTINGS.values():
            users.parse_roles(getattr(self, key))
        return dataclasses.replace(
            self, currency=currency, locale=check_locale(self.locale),
            tax_mode=_enum(TaxMode, self.tax_mode, "tax mode"),
            tax_rounding=_enum(TaxRounding, self.tax_rounding, "tax rounding"),
            terminal_id=self.terminal_id.strip(), customer_display=customer_display,
        )


MIN_SYNC_INTERVAL_S, MAX_SYNC_INTERVAL_S = 5, 3600
MAX_IDLE_LOCK_MIN = 240
MAX_BACKUPS_KEEP = 1000
CARD_GATEWAYS = ("external", "sandbox", "http", "stripe")
PRINTERS = ("none", "network", "usb", "serial", "file", "system", "pdf")


def _customer_display(value: str) -> str:
    """The customer display setting, tidied: off, on, a screen number (1, 2, …) or a
    screen's name; a number below 1 or text that is not one short line is refused."""
    text = value.strip()
    if text.lower() in ("off", "on"):
        return text.lower()
    if (not text or len(text) > 64 or any(unicodedata.category(c) == "Cc" for c in text)
            or text.isdigit() and int(text) < 1):
        raise InputError("The customer display is off, on (the other screen), a screen's "
                         f"number from 1, or a screen's name like HDMI-1; not {value!r}.")
    return text


def _choice(value, choices, name):
    if value not in choices:
        listed = ", ".join(str(c) for c in choices[:-1]) + f" or {choices[-1]}"
        raise InputError(f"{_LABELS[name]} must be {listed}, not {value}.")


# How a setting is named in a sentence (first word capitalised where it starts one).
_LABELS = {
    "card_gateway": "The card gateway", "offline_cards": "The offline card policy",
    "printer": "The printer", "printer_width": "The paper width in characters",
    "drawer_pin": "The cash drawer pin", "auto_print": "Automatic printing (auto_print)",
    "require_shift": "require_shift (1: no sale without an open shift)",
    "cash_rounding": "Cash rounding", "offline_limit_sale": "The offline limit per sale",
    "offline_limit_total": "The offline limit in all",
    "discount_limit_pct": "The discount limit (percent)",
    "shift_note_threshold": "The shift note threshold",
    "sync_interval_s": "The head-office sync interval (seconds)",
    "keep_awake": "keep_awake (1: keep the screen on during a sale)",
    "backups_keep": "The number of backups to keep",
    "wallet_codes": "wallet_codes (1: take wallet payment codes at checkout)",
    "card_reader": "The card reader", "store_qr": "The store QR's wallet",
}


def _enum(kind, value, what):
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise InputError(f"{value!r} is not a {what}; choose one of {choices}.") from None


_FIELDS = {f.name: f for f in fields(StoreSettings)}
INT_SETTINGS = tuple(name for name, f in _FIELDS.items() if f.type in ("int", int))
_WHOLE = re.compile(r"[+-]?[0-9]+")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a card reader's or a wallet's name


def setting_from_text(name: str, text: str):
    """A setting's value from text (the command line, the settings table): whole numbers
    for the numeric settings, the text itself for the others; `InputError` in words."""
    if name not in _FIELDS:
        raise InputError(f"Unknown setting: {name}.")
    if name not in INT_SETTINGS:
        return text
    raw = text.strip()
    if not _WHOLE.fullmatch(raw):
        example = _FIELDS[name].default
        raise InputError(f"{name} is a whole number, like {example}; {text!r} is not.")
    return int(raw)


def backups_path(settings: StoreSettings) -> Path:
    """Where this till's backups go (the data folder's `backups` when none is set)."""
    return backup_dir(settings.backup_folder)


def load_settings() -> StoreSettings:
    values = {}
    for row in Setting.select():
        if row.key in _FIELDS:
            values[row.key] = setting_from_text(row.key, row.value)
    return StoreSettings(**values).validated()


def save_settings(*, actor: Actor | None = None, **changes) -> StoreSettings:
    """Validate `changes` against the current settings and store them in one transaction.
    From a window, `actor` must hold the right to change settings (or a manager's
    approval); None is the command line, whose operator holds the store file. Once the
    store has staff every change is journalled (before that it is being set up)."""
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise InputError(f"Unknown setting: {', '.join(sorted(unknown))}.")
    changes = {name: setting_from_text(name, value)
               if name in INT_SETTINGS and isinstance(value, str) else value
               for name, value in changes.items()}
    with translate_errors(), database.atomic():
        approval_id = authorize(actor, "change_settings") if actor is not None else None
        current = load_settings()
        updated = dataclasses.replace(current, **changes).validated()
        _check_changes(updated, changes)
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
        if actor is not None or users.has_users():  # once a store has staff, every change
            journal.append("settings_change", {"changes": logged, "approval_id": approval_id},
                           actor.user_id if actor else None)
    return updated


# The store's settings, which head office owns once a till is enrolled (issue 14); the
# others (printer, gateway, terminal id, sync) belong to each terminal. The currency is
# the store's for good.
STORE_SETTINGS = ("store_name", "store_address", "tax_number", "locale", "tax_mode",
                  "tax_rounding", "cash_rounding", "variable_barcodes", "receipt_header",
                  "receipt_footer", "quick_keys", "require_shift", "discount_limit_pct",
                  "shift_note_threshold", "products_roles", "reports_roles", "settings_roles",
                  "idle_lock_min")


def checked_store_setting(name: str, text: str, currency: str) -> str:
    """A store setting's value as stored, checked as saving it at a till checks it (for
    head office, which has no till's settings to save it into)."""
    if name not in STORE_SETTINGS:
        raise InputError(f"{name} is not a store setting head office keeps; it is set on "
                         f"each till. Store settings: {', '.join(STORE_SETTINGS)}.")
    value = setting_from_text(name, text)
    updated = dataclasses.replace(StoreSettings(currency=currency), **{name: value}).validated()
    _check_changes(updated, {name: value})
    value = getattr(updated, name)
    return value.value if hasattr(value, "value") else str(value)


# Text settings: (most characters, one line only). Checked when a value is saved, never
# when a store is opened, so an old store with a longer value still opens.
_TEXT_LIMITS = {
    "store_name": (100, True), "store_address": (300, False), "tax_number": (40, True),
    "receipt_header": (500, False), "receipt_footer": (500, False),
    "gateway_url": (500, True), "gateway_ca_bundle": (1000, True),
    "printer_target": (300, True), "printer_codepage": (20, True),
    "backup_folder": (1000, True),
}


def _check_changes(updated: StoreSettings, changes: dict) -> None:
    """What only a new value is held to: text lengths, addresses, files that must exist."""
    for name, (most, one_line) in _TEXT_LIMITS.items():
        if name not in changes:
            continue
        value = getattr(updated, name)
        if len(value) > most:
            raise InputError(f"{name} may be at most {most} characters; this is {len(value)}.")
        if any(unicodedata.category(c) == "Cc" and (one_line or c not in "\n\r")
               for c in value):
            what = "one line of text" if one_line else "text without control characters"
            raise InputError(f"{name} must be {what}.")
    if "store_name" in changes and not updated.store_name.strip():
        raise InputError("The store name cannot be empty: it heads every receipt.")
    if "gateway_url" in changes and updated.gateway_url.strip():
        gateway_url(updated.gateway_url)
    if "gateway_ca_bundle" in changes and updated.gateway_ca_bundle.strip():
        path = Path(updated.gateway_ca_bundle).expanduser()
        if not path.is_file():
            raise InputError(f"There is no certificate file at {path}: give the path of a "
                             "PEM file.")
    if "backup_folder" in changes and updated.backup_folder.strip():
        folder = Path(updated.backup_folder).expanduser()
        if not folder.is_absolute():
            raise InputError(f"Give the backup folder's whole path, like /media/usb/backups, "
                             f"not {updated.backup_folder}.")
        if not folder.is_dir():
            raise InputError(f"There is no folder at {folder}: plug in the drive or make the "
                             "folder first, then choose it.")
    if ({"printer", "printer_target"} & set(changes)) and updated.printer_target.strip():
        _check_printer_target(updated.printer, updated.printer_target)


def _check_printer_target(printer: str, target: str) -> None:
    if printer == "network":
        printer_host_port(target)
    elif printer == "usb":
        usb_printer_id(target)


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
