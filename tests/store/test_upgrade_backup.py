"""Upgrades on real store files: a store with a schema is backed up before its migrations
run, the migrations run in one transaction, and one that fails leaves the store exactly as
it was, with a message that names the backup. The migrations past today's are added to
the list for the test (the migrations folder is frozen SQL)."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from pos.errors import StoreError
from pos.settings import save_settings
from pos.store import backups, migrations
from pos.store.db import close_store, database, open_store
from tests.store.test_journal_anchor import sell

LATEST = migrations.LATEST
GOOD = (LATEST + 1, "extra table", ["CREATE TABLE extra (x INTEGER)",
                                    "ALTER TABLE orders ADD COLUMN extra_note TEXT"])
BROKEN = (LATEST + 2, "broken", ["CREATE TABLE more (y INTEGER)",
                                 "INSERT INTO no_such_table VALUES (1)"])


def dump(path) -> list[str]:
    """Everything in the store file, schema and rows."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def newer_program(monkeypatch, *extra) -> int:
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, *extra])
    monkeypatch.setattr(migrations, "LATEST", extra[-1][0])
    return extra[-1][0]


@pytest.fixture
def old_store(catalogue):
    """A store with sales, closed, at today's schema."""
    sell(catalogue, 2)
    path = database.database
    close_store()
    return path


def test_a_failed_upgrade_leaves_the_store_exactly_as_it_was_and_names_the_backup(
        old_store, data_folder, monkeypatch):
    before = dump(old_store)
    newer_program(monkeypatch, GOOD, BROKEN)
    with pytest.raises(StoreError) as raised:
        open_store(old_store)
    copies = list((data_folder / "backups").glob(
        f"store-before-{LATEST + 2:04d}-from-{LATEST:04d}-*.db"))
    assert len(copies) == 1
    message = str(raised.value)
    assert f"from schema {LATEST} to {LATEST + 2} failed" in message
    assert "left exactly as it was" in message and str(copies[0]) in message
    assert dump(old_store) == before  # the good migration before it was rolled back too
    monkeypatch.undo()  # today's program: the copy checks out, journal and all
    checked = backups.check_copy(copies[0])
    assert checked.schema == LATEST and checked.journal.ok and checked.journal.count >= 2


def test_an_upgrade_backs_the_store_up_into_the_backup_folder_first(
        old_store, tmp_path, monkeypatch):
    open_store(old_store)
    usb = tmp_path / "usb"
    usb.mkdir()
    save_settings(backup_folder=str(usb))
    close_store()
    before = dump(old_store)
    newest = newer_program(monkeypatch, GOOD)
    open_store(old_store)
    try:
        assert migrations.current_version(database) == newest
        assert database.execute_sql("SELECT count(*) FROM extra").fetchone() == (0,)
    finally:
        close_store()
    (copy,) = usb.glob(f"store-before-{newest:04d}-from-{LATEST:04d}-*.db")
    assert dump(copy) == before  # the store as it was, whole
    assert not list(copy.parent.glob("*.partial"))


def test_an_upgrade_without_its_backup_folder_backs_up_to_the_data_folder(
        old_store, tmp_path, data_folder, monkeypatch):
    open_store(old_store)
    usb = tmp_path / "usb"
    usb.mkdir()
    save_settings(backup_folder=str(usb))
    close_store()
    usb.rmdir()  # the stick was unplugged
    newer_program(monkeypatch, GOOD)
    open_store(old_store)
    close_store()
    assert len(list((data_folder / "backups").glob("store-before-*.db"))) == 1


def test_a_new_store_is_not_backed_up(tmp_path, data_folder):
    open_store(tmp_path / "new.db")
    close_store()
    assert not (data_folder / "backups").exists()
