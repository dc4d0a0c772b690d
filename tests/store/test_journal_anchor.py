"""The journal's anchor outside the store: a wiped, rolled-back or restarted journal is
caught (issue 12, findings 1 and 2), on real store files and their key and anchor files."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from pos.errors import PosError
from pos.money import Money
from pos.sales import shifts
from pos.sales.cart import Cart
from pos.sales.orders import Tender, complete_sale
from pos.staff import users
from pos.store import journal, journal_anchor, secrets
from pos.store.db import close_store, database, open_store
from pos.tax import TaxMode, TaxRounding
from tests.sales.test_orders import item
from tests.store.test_journal import fill

FAST = users.ScryptParams(n=2 ** 10, r=8, p=1)


def sell(catalogue, count: int = 1) -> None:
    for _ in range(count):
        cart = Cart("USD", TaxMode.EXCLUSIVE, TaxRounding.PER_LINE)
        cart.add(item(catalogue["milk"]), 1)
        total = cart.totals().total
        complete_sale(cart, "T1", [Tender("cash", total, tendered=total)])


def test_the_anchor_follows_the_committed_head_and_never_a_rolled_back_one(store):
    fill(3)
    anchor = journal_anchor.load()
    assert anchor is not None and anchor.head_seq == 3  # written after the first commit
    fill(journal_anchor.EVERY, start=4)  # crosses entry 100
    assert journal_anchor.load().head_seq == journal_anchor.EVERY + 3
    with pytest.raises(RuntimeError), database.atomic():
        fill(journal_anchor.EVERY, start=200)
        raise RuntimeError("the sale failed")
    assert journal_anchor.load().head_seq == journal_anchor.EVERY + 3
    assert oct(journal_anchor.path().stat().st_mode & 0o777) == "0o600"
    assert journal.verify().ok


def test_a_wiped_journal_and_key_with_sales_left_fails_verify_and_makes_no_new_key(catalogue):
    """Finding 1: deleting the journal with its key's secret row left "OK: 0 entries"; the
    next sale silently made a new key."""
    sell(catalogue, 3)
    for table in ("journal_entry", "journal_head", "journal_key", "secret"):
        database.execute_sql(f"DELETE FROM {table}")
    result = journal.verify()
    assert not result.ok and "was deleted" in result.problem
    with pytest.raises(PosError, match="signing key is missing"):
        sell(catalogue)
    journal_anchor.path().unlink()  # even without the anchor: the sales tell
    result = journal.verify()
    assert not result.ok and "sales, staff or shifts" in result.problem
    with pytest.raises(PosError, match="signing key is missing"):
        sell(catalogue)


def test_a_tail_rolled_back_from_an_older_copy_fails_verify(catalogue, store):
    """Finding 2: an older signed head put back after deleting later entries passed."""
    sell(catalogue, 2)
    older = store.with_name("older.db")
    close_store()
    for suffix in ("", "-wal", "-shm"):
        if store.with_name(store.name + suffix).exists():
            shutil.copy(store.with_name(store.name + suffix),
                        older.with_name(older.name + suffix))
    open_store(store)
    sell(catalogue, journal_anchor.EVERY)  # the anchor moves on past the copy's head
    assert journal.verify().ok
    close_store()
    for suffix in ("-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    shutil.copy(older, store)  # the attacker puts the older store back (key file kept)
    open_store(store)
    result = journal.verify()
    assert not result.ok and "older copy of the store" in result.problem
    assert journal_anchor.load().head_seq > journal.head()[0]  # never moved back


def test_sign_in_refuses_a_store_whose_journal_was_wiped_and_says_why(store):
    manager = users.create_first_manager("Mo", pin="1234", params=FAST)
    assert users.authenticate(manager.name, "1234").name == "Mo"
    database.execute_sql("DELETE FROM journal_entry")
    database.execute_sql("DELETE FROM journal_head")
    with pytest.raises(PosError, match="journal"):
        users.authenticate(manager.name, "1234")


def test_a_new_store_starts_its_journal_and_anchor_with_its_first_entry(store):
    assert journal_anchor.load() is None and journal_anchor.problem() is None
    users.create_first_manager("Mo", pin="1234", params=FAST)
    anchor = journal_anchor.load()
    assert anchor.head_seq == 1 and anchor.first_key == journal.terminal_key_id()
    shift = shifts.open_shift(users.find_user("Mo"), Money(0, "USD"), "T1")
    assert shift.id and journal.verify().ok


def test_a_damaged_anchor_is_reported_in_words(store):
    fill(2)
    journal_anchor.path().write_text("{not json")
    result = journal.verify()
    assert not result.ok and "anchor" in result.problem and "damaged" in result.problem


def test_a_journal_started_again_under_the_same_anchor_is_caught(store, tmp_path):
    fill(2)
    saved = tmp_path / "anchor.json"
    shutil.copy(journal_anchor.path(), saved)
    key_file = secrets.key_file_path()
    close_store()
    for path in (store, key_file, journal_anchor.path() if False else None):
        if path is not None:
            path.unlink()
    for suffix in ("-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    open_store(store)  # a brand-new store file, its own new key ...
    shutil.copy(saved, store.with_name(store.name + ".anchor"))  # ... beside the old anchor
    with pytest.raises(PosError, match="signing key is missing"):
        fill(1)
    assert sqlite3.connect(store).execute("SELECT count(*) FROM journal_entry").fetchone() \
        == (0,)


# --- rotating the journal's key (finding 4) and deleting what the till needs (finding 5) ----

def test_rotation_hands_the_journal_over_to_a_new_key_and_verify_follows_it(store):
    fill(3)
    old = journal.terminal_key_id()
    old_id, new_id = journal.rotate_key()
    assert old_id == old and new_id == journal.terminal_key_id() != old
    fill(2, start=10)
    result = journal.verify(every_signature=True)
    assert result.ok and set(result.key_ids) == {old, new_id}
    entries = database.execute_sql(
        "SELECT seq, kind, key_id FROM journal_entry ORDER BY seq").fetchall()
    assert entries[3] == (4, "key_handover", old) and entries[4][2] == new_id
    assert new_id in journal_anchor.load().keys  # moved on after the handover's commit


def test_a_key_change_without_a_handover_is_caught(store):
    """Entries signed by a second key of the terminal's, with no handover naming it."""
    fill(2)
    journal.rotate_key()
    database.execute_sql("UPDATE journal_entry SET kind = 'sale' WHERE kind = 'key_handover'")
    result = journal.verify()
    assert not result.ok and result.bad_seq in (3, 4)


def run_pos(tmp_path, *args, stdin=b""):
    import os
    import subprocess
    import sys

    env = {**os.environ, "POS_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "pos", *map(str, args)], input=stdin,
                          capture_output=True, env=env, timeout=120)


@pytest.mark.slow
def test_pos_keys_rotate_rotates_the_journal_key_and_delete_refuses_what_the_till_needs(
        tmp_path):
    db = tmp_path / "s.db"
    assert run_pos(tmp_path, "init", "--db", db).returncode == 0
    added = run_pos(tmp_path, "users", "add", "Mo", "--role", "manager", "--db", db,
                    stdin=b"4321\n4321\n")
    assert added.returncode == 0, added.stderr
    rotated = run_pos(tmp_path, "keys", "rotate", "--db", db)
    assert rotated.returncode == 0, rotated.stderr
    assert "journal's signing key" in rotated.stdout.decode()
    verified = run_pos(tmp_path, "journal", "verify", "--db", db)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    refused = run_pos(tmp_path, "keys", "delete", "journal_signing_key", "--db", db)
    assert refused.returncode != 0
    words = (refused.stdout + refused.stderr).decode()
    assert "nobody can sign in or sell" in words and "--force" in words
    assert "Traceback" not in words
    forced = run_pos(tmp_path, "keys", "delete", "journal_signing_key", "--force", "--db", db)
    assert forced.returncode == 0 and "nobody can sign in" in forced.stdout.decode()


# --- keys the anchor does not know, found without reading the whole journal ---------------

def test_entries_up_to_the_anchored_head_signed_with_an_unknown_key_are_caught(store):
    fill(3)  # the anchor saw entries 1 to 3
    fill(2, start=10)  # entries 4 and 5: not yet anchored (every EVERY entries)
    stranger = "f" * 16
    database.execute_sql("UPDATE journal_entry SET key_id = ? WHERE seq = 5", (stranger,))
    assert journal_anchor.problem() is None  # after the head: journal verify's to judge
    database.execute_sql("UPDATE journal_entry SET key_id = ? WHERE seq = 2", (stranger,))
    assert journal_anchor.problem() == (
        f"The audit journal is signed with key {stranger}, which its anchor does not know: "
        "it was re-signed with another key.")


def test_the_anchor_never_reads_the_whole_journal(store, monkeypatch):
    """It is asked after every EVERY entries on the till's window and at every sign-in, of
    a journal of millions of entries after a few years: each of its reads must search an
    index, never scan the entries (a scan took 0.8 s at a million)."""
    fill(3)
    journal.rotate_key()
    fill(journal_anchor.EVERY, start=10)
    statements = []
    execute = database.execute_sql
    monkeypatch.setattr(database, "execute_sql", lambda sql, params=None: statements.append(
        (sql, params)) or execute(sql, params))
    journal_anchor.update(journal.terminal_key_id)
    assert journal_anchor.problem() is None
    monkeypatch.undo()
    reads = [(sql, params) for sql, params in statements if "journal_entry" in sql]
    assert len(reads) >= 4  # the keys and handovers, the first entry, the head, the signers
    for sql, params in reads:
        plan = [row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
        scans = [step for step in plan if step.startswith(("SCAN journal_entry", "SCAN e"))
                 and "journal_entry_handover" not in step]
        assert not scans, (sql, plan)
    assert set(journal_anchor.load().keys) == set(journal.verify().key_ids)
