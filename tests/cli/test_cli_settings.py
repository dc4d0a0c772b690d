"""Every store setting through the real `pos settings` command on a real store file: a
valid value is saved (exit 0), an invalid one is refused in one plain line (exit 1) and
changes nothing; never a traceback, never the unexpected-error exit 70."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from pos.settings import StoreSettings

LONG = "x" * 600

# setting: ([KEY=VALUE for a valid change], [KEY=VALUE for an invalid one], words expected
# in the refusal). A setting that needs another one beside it gives both in one command.
CASES = {
    "store_name": (["store_name=Corner Shop"], ["store_name= "], "cannot be empty"),
    "store_address": (["store_address=1 Main St"], [f"store_address={LONG}"], "at most 300"),
    "tax_number": (["tax_number=VAT GB123456789"], [f"tax_number={LONG}"], "at most 40"),
    "currency": (["currency=EUR"], ["currency=XXX"], "ISO 4217"),
    "locale": (["locale=zh_CN"], ["locale=klingon"], "klingon"),
    "tax_mode": (["tax_mode=inclusive"], ["tax_mode=sometimes"], "not a tax mode"),
    "tax_rounding": (["tax_rounding=per_order"], ["tax_rounding=never"], "tax rounding"),
    "terminal_id": (["terminal_id=T2"], ["terminal_id=" + "T" * 17], "1 to 16 characters"),
    "cash_rounding": (["cash_rounding=5"], ["cash_rounding=-5"], "cannot be negative"),
    "variable_barcodes": (['variable_barcodes=[{"prefix": "21", "kind": "weight"}]'],
                          ["variable_barcodes=not json"], "not valid JSON"),
    "receipt_header": (["receipt_header=Open 7-22"], [f"receipt_header={LONG}"], "at most 500"),
    "receipt_footer": (["receipt_footer=Thank you! 谢谢"], [f"receipt_footer={LONG}"],
                       "at most 500"),
    "quick_keys": (['quick_keys=["MILK1", "BREAD2"]'], ["quick_keys=MILK1"], "quick keys"),
    "card_gateway": (["card_gateway=sandbox"], ["card_gateway=paypal"],
                     "card gateway must be external, sandbox, http or stripe, not paypal"),
    "gateway_url": (["gateway_url=https://gateway.example"],
                    ["gateway_url=http://gateway.example"], "https://"),
    "gateway_ca_bundle": (["gateway_ca_bundle={ca}"], ["gateway_ca_bundle=/no/such/ca.pem"],
                          "no certificate file"),
    "offline_cards": (["offline_cards=store"], ["offline_cards=maybe"], "refuse or store"),
    "offline_limit_sale": (["offline_limit_sale=100", "offline_limit_total=500"],
                           ["offline_limit_sale=-1"], "0 or more"),
    "offline_limit_total": (["offline_limit_total=100"], ["offline_limit_total=lots"],
                            "whole number"),
    # charges that wait for the customer (issue 16)
    "card_reader": (["card_reader=tmr_demo"], ["card_reader=reader one"],
                    "The card reader is a name of letters"),
    "wallet_codes": (["wallet_codes=1"], ["wallet_codes=2"], "must be 0 or 1, not 2"),
    "store_qr": (["store_qr=alipay"], ["store_qr=ali pay"], "The store QR's wallet is a name"),
    "printer": (["printer=network"], ["printer=laser"], "not laser"),
    "printer_target": (["printer=network", "printer_target=192.168.1.50:9100"],
                       ["printer=network", "printer_target=192.168.1.50:99999"],
                       "not a printer address"),
    "printer_width": (["printer_width=32"], ["printer_width=40"], "32, 42 or 48, not 40"),
    "printer_codepage": (["printer_codepage=GB18030"], ["printer_codepage=CP999"], "CP999"),
    "drawer_pin": (["drawer_pin=5"], ["drawer_pin=3"], "2 or 5, not 3"),
    "auto_print": (["auto_print=0"], ["auto_print=2"], "0 or 1, not 2"),
    "require_shift": (["require_shift=1"], ["require_shift=2"], "0 or 1, not 2"),
    "discount_limit_pct": (["discount_limit_pct=50"], ["discount_limit_pct=101"],
                           "0 to 100, not 101"),
    "shift_note_threshold": (["shift_note_threshold=100"], ["shift_note_threshold=-1"],
                             "0 or more"),
    # who may open the back-office pages (pos.staff.users)
    "products_roles": (["products_roles=cashier,supervisor"], ["products_roles=owner"],
                       "not a role"),
    "reports_roles": (["reports_roles=supervisor"], ["reports_roles=owner"], "not a role"),
    "settings_roles": (["settings_roles=manager"], ["settings_roles=owner"], "not a role"),
    # head office (pos.sync): 0 is only on demand
    "sync_interval_s": (["sync_interval_s=0"], ["sync_interval_s=2"],
                        "0 (only on demand) or 5 to 3600 seconds, not 2"),
    # backups (pos.store.backups): a folder that exists, given whole
    "backup_folder": (["backup_folder={folder}"], ["backup_folder=/no/such/folder"],
                      "There is no folder at /no/such/folder"),
    "backups_keep": (["backups_keep=30"], ["backups_keep=0"], "1 to 1000, not 0"),
    # the till on its own (ui.idle_lock, ui.screen_awake)
    "idle_lock_min": (["idle_lock_min=0"], ["idle_lock_min=241"],
                      "0 (never) to 240 minutes, not 241"),
    "keep_awake": (["keep_awake=0"], ["keep_awake=2"], "must be 0 or 1, not 2"),
    # the customer display (ui.customer_display): which screen, by number or name
    "customer_display": (["customer_display=2"], ["customer_display=0"],
                         "a screen's number from 1"),
}
SETTINGS = [f.name for f in dataclasses.fields(StoreSettings)]


def pos(*args, data_dir):
    env = {**os.environ, "POS_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "pos", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A store made by `pos init`, copied for each test (so no test sees another's change)."""
    folder = tmp_path_factory.mktemp("settings")
    db = folder / "store.db"
    result = pos("init", "--db", db, data_dir=folder)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def store(template, tmp_path):
    for path in template.parent.glob(template.name + "*"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path / template.name


def stored(db, key: str) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def test_every_setting_has_a_case():
    assert sorted(set(SETTINGS) - set(CASES)) == []


@pytest.mark.parametrize("key", SETTINGS)
def test_a_valid_value_is_saved_and_shown(store, tmp_path, key):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    changes = [c.replace("{ca}", str(ca)).replace("{folder}", str(tmp_path))
               for c in CASES[key][0]]
    result = pos("settings", *changes, "--db", store, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    shown = dict(line.split(" = ", 1) for line in result.stdout.splitlines())
    for change in changes:
        name, _, value = change.partition("=")
        assert shown[name] == value
        assert stored(store, name) == value


@pytest.mark.parametrize("key", SETTINGS)
def test_an_invalid_value_is_refused_in_one_plain_line(store, tmp_path, key):
    changes, words = CASES[key][1], CASES[key][2]
    before = stored(store, key)
    result = pos("settings", *changes, "--db", store, data_dir=tmp_path)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("pos: ")
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert words in result.stderr
    assert stored(store, key) == before  # nothing saved, not even the valid half


@pytest.mark.parametrize("change, words", [
    ("printer_width=wide", "printer_width is a whole number, like 42; 'wide' is not."),
    ("drawer_pin=2.5", "drawer_pin is a whole number"),
    ("auto_print=", "auto_print is a whole number"),
    ("colour=blue", "Unknown setting: colour."),
    ("currency", "'currency' is not KEY=VALUE"),
])
def test_text_where_a_number_or_a_key_belongs_is_refused_in_words(store, tmp_path, change,
                                                                  words):
    result = pos("settings", change, "--db", store, data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"pos: {result.stderr[5:].strip()}"]
    assert words in result.stderr


def test_an_old_store_with_a_number_as_text_still_opens(store, tmp_path):
    """Stores written before these checks keep opening; a damaged number is named."""
    with sqlite3.connect(store) as conn:
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('drawer_pin', 'x')")
    result = pos("settings", "--db", store, data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "pos: drawer_pin is a whole number, like 2; 'x' is not."
