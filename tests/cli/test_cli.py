"""The `pos` command line, run as a real process: one plain line on error, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def pos(*args, data_dir, check=True):
    env = {**os.environ, "POS_DATA_DIR": str(data_dir)}
    result = subprocess.run([sys.executable, "-m", "pos", *map(str, args)], capture_output=True,
                            text=True, env=env, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def demo_db(tmp_path_factory):
    """A small demo store shared by the read-only tests of this module."""
    folder = tmp_path_factory.mktemp("cli")
    db = folder / "demo.db"
    pos("demo", "--db", db, "--products", 300, "--days", 3, data_dir=folder)
    return db


def test_init_then_doctor_reports_a_healthy_store(tmp_path):
    db = tmp_path / "s.db"
    out = pos("init", "--db", db, "--currency", "CNY", data_dir=tmp_path).stdout
    assert "CNY" in out and "inclusive" in out
    doctor = pos("doctor", "--db", db, data_dir=tmp_path).stdout
    for expected in ("SQLite", "Qt (PySide6)", "journal_mode  wal", "integrity_check", "healthy"):
        assert expected in doctor


def test_default_store_lives_in_the_data_folder(tmp_path):
    pos("init", data_dir=tmp_path)
    assert (tmp_path / "store.db").exists()


def test_demo_history_lists_as_json_and_shows_by_receipt(demo_db, tmp_path):
    listed = json.loads(pos("orders", "list", "--db", demo_db, "--format", "json",
                            data_dir=tmp_path).stdout)
    assert len(listed) > 20
    assert {"cash", "card"} <= {t for o in listed for t in o["tenders"]}
    assert all(o["created_at"] >= n["created_at"] for o, n in zip(listed, listed[1:],
                                                                    strict=False))
    first = listed[0]
    shown = json.loads(pos("orders", "show", first["receipt"], "--db", demo_db, "--format",
                           "json", data_dir=tmp_path).stdout)
    assert shown["uuid"] == first["uuid"] and shown["lines"]
    text = pos("orders", "show", first["uuid"], "--db", demo_db, data_dir=tmp_path).stdout
    assert first["receipt"] in text


def test_orders_list_filters_and_formats(demo_db, tmp_path):
    cash = json.loads(pos("orders", "list", "--db", demo_db, "--format", "json", "--tender",
                          "cash", "--limit", 5, data_dir=tmp_path).stdout)
    assert len(cash) == 5 and all("cash" in o["tenders"] for o in cash)
    table = pos("orders", "list", "--db", demo_db, "--limit", 3, data_dir=tmp_path).stdout
    assert table.splitlines()[-1] == "3 orders"
    csv_out = pos("orders", "list", "--db", demo_db, "--format", "csv", "--status", "completed",
                  "--limit", 2, data_dir=tmp_path).stdout.splitlines()
    assert csv_out[0].startswith("receipt,uuid") and len(csv_out) == 3


@pytest.mark.parametrize("args, message", [
    (["orders", "show", "T1-999999"], "No sale has the receipt number"),
    (["orders", "list", "--status", "lost"], "is not an order status"),
    (["orders", "list", "--min-total", "ten"], "not an amount"),
    (["settings", "currency=XXX"], "not a known ISO 4217"),
    (["products", "import", "missing.csv"], ""),
])
def test_errors_are_one_plain_line_without_traceback(demo_db, tmp_path, args, message):
    result = pos(*args, "--db", demo_db, data_dir=tmp_path, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("pos: ") and message in result.stderr


def test_a_missing_store_and_a_non_database_file(tmp_path):
    missing = pos("orders", "list", "--db", tmp_path / "none.db", data_dir=tmp_path, check=False)
    assert missing.returncode == 1 and "There is no store" in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 1000)
    bad = pos("doctor", "--db", junk, data_dir=tmp_path, check=False)
    assert bad.returncode == 1 and "not a store database" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_debug_shows_the_traceback(tmp_path):
    result = pos("--debug", "orders", "show", "x", "--db", tmp_path / "none.db",
                 data_dir=tmp_path, check=False)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_demo_refuses_a_store_with_products(demo_db, tmp_path):
    again = pos("demo", "--db", demo_db, data_dir=tmp_path, check=False)
    assert again.returncode == 1 and "already has products" in again.stderr
    assert "already at" in pos("demo", "--if-missing", "--db", demo_db, data_dir=tmp_path).stdout


@pytest.mark.parametrize("args, words", [
    (["orders", "list", "--since", "2026-13-01"], "--since: '2026-13-01' is not a date"),
    (["orders", "list", "--until", "yesterday"], "--until: 'yesterday' is not a date"),
    (["orders", "list", "--tender", "cheque"], "--tender: 'cheque' is not one of cash, card"),
    (["orders", "list", "--format", "xml"], "--format: 'xml' is not one of table, json, csv"),
    (["orders", "list", "--limit", "ten"], "--limit: 'ten' is not a whole number"),
    (["orders", "show", "1", "--format", "csv"], "'csv' is not one of text, json"),
    (["payments", "stats", "--since", "2026-02-30"], "'2026-02-30' is not a date"),
    (["receipt", "1", "--width", "40"], "--width: 40 is not one of 32, 42, 48"),
])
def test_a_wrong_command_line_is_one_line_not_the_usage(demo_db, tmp_path, args, words):
    result = pos(*args, "--db", demo_db, data_dir=tmp_path, check=False)
    assert result.returncode == 2
    assert result.stdout == "" and "usage:" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("pos: ")
    assert words in result.stderr and "--help" in result.stderr


@pytest.mark.parametrize("args, words", [
    (["--since", "2026-12-05", "--until", "2026-12-01"], "ends before it starts"),
    (["--min-total", "50", "--max-total", "10"], "below --min-total"),
])
def test_an_impossible_range_prints_nothing_but_the_refusal(demo_db, tmp_path, args, words):
    for fmt in ("table", "json", "csv"):
        result = pos("orders", "list", *args, "--format", fmt, "--db", demo_db,
                     data_dir=tmp_path, check=False)
        assert result.returncode == 1 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and words in result.stderr


@pytest.mark.slow
def test_orders_show_keeps_columns_under_chinese_names(tmp_path):
    from pos.text_width import text_width

    db = tmp_path / "cny.db"
    pos("demo", "--db", db, "--products", 200, "--days", 2, "--currency", "CNY",
        data_dir=tmp_path)
    listed = json.loads(pos("orders", "list", "--db", db, "--format", "json", "--limit", 6,
                            data_dir=tmp_path).stdout)
    rows = []
    for order in listed:
        text = pos("orders", "show", order["uuid"], "--db", db, data_dir=tmp_path).stdout
        rows += [line for line in text.splitlines() if line[:7].strip().endswith(".")]
    assert any(text_width(row) != len(row) for row in rows)  # Chinese in the names
    # every column ends where the terminal draws it: the quantity, price and total columns
    # start at the same display column on every line
    assert len({text_width(row) for row in rows}) == 1
    assert len({text_width(row[:row.index(" x ") if " x " in row else row.index(" g ")])
                for row in rows}) == 1


def test_payments_stats_counts_every_card_payment_and_says_what_the_rate_counts(demo_db,
                                                                                  tmp_path):
    import sqlite3

    with sqlite3.connect(demo_db) as conn:
        taken = dict(conn.execute(
            "SELECT tender, count(*) FROM payment WHERE status NOT IN ('declined', 'voided') "
            "GROUP BY tender").fetchall())
        charges = conn.execute("SELECT count(*) FROM payment_attempt WHERE kind = 'charge'"
                               ).fetchone()[0]
    out = pos("payments", "stats", "--db", demo_db, data_dir=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0].startswith("Payments taken, by tender")
    for tender, count in taken.items():
        assert f"  {tender:<6} {count:>7,}" in lines
    assert taken["card"] > charges  # the demo's card payments are not gateway charges …
    assert "Card charges sent through the card gateway" in out  # … and the rate says so
    assert "standalone terminal" in out


@pytest.mark.slow
def test_a_receipt_names_its_cashier_in_english_and_in_chinese(tmp_path):
    import sqlite3

    for currency, word in (("USD", "Cashier"), ("CNY", "收银员")):
        db = tmp_path / f"{currency}.db"
        pos("demo", "--db", db, "--products", 100, "--days", 1, "--currency", currency,
            data_dir=tmp_path)
        with sqlite3.connect(db) as conn:
            receipt_no, cashier = conn.execute(
                "SELECT receipt_no, cashier_name FROM orders WHERE cashier_name IS NOT NULL "
                "AND receipt_no IS NOT NULL LIMIT 1").fetchone()
        text = pos("receipt", receipt_no, "--to", "text", "--db", db, data_dir=tmp_path).stdout
        assert f"{word} {cashier}" in text


def console_pos(*args, data_dir, check=True):
    """The installed `pos` command (ui.command: the one that draws PDFs with Qt)."""
    script = os.path.join(os.path.dirname(sys.executable), "pos")
    if not os.path.exists(script):
        pytest.skip("the pos console script is not installed")
    env = {**os.environ, "POS_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([script, *map(str, args)], capture_output=True, text=True, env=env,
                            timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_a_pdf_receipt_to_a_folder_that_is_not_there_is_refused(demo_db, tmp_path):
    missing = tmp_path / "no" / "such" / "x.pdf"
    result = console_pos("receipt", 1, "--to", "pdf", missing, "--db", demo_db,
                         data_dir=tmp_path, check=False)
    assert result.returncode == 1 and "saved" not in result.stdout
    assert result.stderr.splitlines() == [
        f"pos: There is no folder {missing.parent}, so x.pdf cannot be saved there."]
    assert not missing.exists()
    folder = console_pos("receipt", 1, "--to", "pdf", tmp_path, "--db", demo_db,
                         data_dir=tmp_path, check=False)
    assert folder.returncode == 1 and "is a folder" in folder.stderr
    good = tmp_path / "r.pdf"
    saved = console_pos("receipt", 1, "--to", "pdf", good, "--db", demo_db, data_dir=tmp_path)
    assert "saved" in saved.stdout and good.read_bytes().startswith(b"%PDF")
