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
