"""The audit journal on a real store file: it chains, it verifies, and every edit shows.

The attacker here holds the database but not the key file: they edit rows with
SQL and re-chain with the encoding the module documents (rebuilt below from that
text, which also proves the text exact), signing with a key of their own.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pos.store import journal, secrets
from pos.store.db import close_store, database, open_store

COLUMNS = ("seq", "at", "kind", "user_id", "data", "prev_hash", "hash", "signature", "key_id")
N = 10


class Boom(Exception):
    """Whatever makes a caller's transaction roll back."""


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Pages of 4 rows, so ten entries span three pages and the paging is exercised."""
    monkeypatch.setattr(journal, "PAGE", 4)


def fill(count: int = N, start: int = 1) -> None:
    with database.atomic():
        for i in range(start, start + count):
            journal.append("sale", {"order_id": i, "total": 1000 + i, "currency": "USD",
                                    "note": "Crème brûlée 牛奶", "tenders": ["cash"]},
                           user_id=i % 3 or None)


def rows() -> list[dict]:
    cursor = database.execute_sql(f"SELECT {', '.join(COLUMNS)} FROM journal_entry ORDER BY seq")
    return [dict(zip(COLUMNS, row, strict=True)) for row in cursor]


def documented_hash(row: dict, prev_signature: bytes) -> bytes:
    """SHA-256 of the envelope exactly as pos/store/journal.py's docstring describes it."""
    envelope = {"at": row["at"], "data": json.loads(row["data"]), "key_id": row["key_id"],
                "kind": row["kind"], "prev_hash": row["prev_hash"].hex(),
                "prev_signature": prev_signature.hex(), "seq": row["seq"],
                "user_id": row["user_id"], "v": 1}
    return hashlib.sha256(journal.canonical_json(envelope).encode("utf-8")).digest()


def rechain(key: Ed25519PrivateKey, key_id: str, start: int = 1) -> None:
    """The attacker re-hashes and re-signs every entry from `start`, and the head."""
    entries = rows()
    prev_hash, prev_sig = journal.ZERO_HASH, b""
    for row in entries:
        if row["seq"] >= start:
            row.update(prev_hash=prev_hash, key_id=key_id)
            row["hash"] = documented_hash(row, prev_sig)
            row["signature"] = key.sign(journal.ENTRY_DOMAIN + row["hash"])
            database.execute_sql(
                "UPDATE journal_entry SET prev_hash = ?, hash = ?, signature = ?, key_id = ? "
                "WHERE seq = ?", (row["prev_hash"], row["hash"], row["signature"], key_id,
                                  row["seq"]))
        prev_hash, prev_sig = row["hash"], row["signature"]
    last = entries[-1]
    database.execute_sql(
        "UPDATE journal_head SET seq = ?, hash = ?, key_id = ?, signature = ?",
        (last["seq"], last["hash"], key_id,
         key.sign(journal.HEAD_DOMAIN + last["seq"].to_bytes(8, "big") + last["hash"])))


def assert_bad(seq: int | None, *words: str) -> journal.VerifyResult:
    result = journal.verify()
    assert not result.ok and not result.key_confirmed
    assert result.bad_seq == seq, result.problem
    for word in words:
        assert word in result.problem
    return result


# --- writing --------------------------------------------------------------------------

def test_append_outside_a_transaction_is_refused(store):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        journal.append("sale", {"order_id": 1})
    assert rows() == [] and journal.head() == (0, "0" * 64)


def test_an_empty_journal_verifies(store):
    result = journal.verify()
    assert result.ok and result.count == 0 and result.head_seq == 0
    assert journal.head_key_id() is None


def test_chain_verifies_and_follows_the_documented_encoding(store):
    fill()
    entries = rows()
    assert [r["seq"] for r in entries] == list(range(1, N + 1))
    (key_id, public_text), = database.execute_sql("SELECT key_id, public_key FROM journal_key")
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_text))
    assert key_id == journal.fingerprint(public)
    prev_hash, prev_sig = journal.ZERO_HASH, b""
    for row in entries:
        assert row["prev_hash"] == prev_hash and row["key_id"] == key_id
        assert row["data"] == journal.canonical_json(json.loads(row["data"]))
        assert documented_hash(row, prev_sig) == row["hash"]
        public.verify(row["signature"], journal.ENTRY_DOMAIN + row["hash"])
        prev_hash, prev_sig = row["hash"], row["signature"]
    seq, head_hash = journal.head()
    assert (seq, head_hash) == (N, prev_hash.hex())
    head_signature = database.execute_sql("SELECT signature FROM journal_head").fetchone()[0]
    public.verify(head_signature, journal.HEAD_DOMAIN + N.to_bytes(8, "big") + prev_hash)

    done = []
    result = journal.verify(lambda d, t: done.append((d, t)))
    assert result.ok and result.key_confirmed and result.problem is None
    assert (result.count, result.head_seq, result.head_hash) == (N, N, head_hash)
    assert result.key_ids == (key_id,) == (journal.head_key_id(),)
    assert done[-1] == (N, N) and len(done) == 3  # pages of 4, 4 and 2
    assert journal.verify(every_signature=True).ok


def test_append_returns_the_entry_and_the_key_stays_secret(store):
    with database.atomic():
        entry = journal.append("sign_in", {"user_id": 7, "name": "Ana"}, user_id=7)
    assert (entry.seq, entry.kind, entry.user_id, entry.data) == (1, "sign_in", 7,
                                                                 {"user_id": 7, "name": "Ana"})
    assert entry.hash == journal.head()[1] and entry.prev_hash == "0" * 64
    ciphertext = database.execute_sql("SELECT ciphertext FROM secret WHERE name = ?",
                                      (journal.SECRET_NAME,)).fetchone()[0]
    private = secrets.get_secret(journal.SECRET_NAME)
    assert len(base64.b64decode(private)) == 32
    assert private.encode() not in ciphertext and base64.b64decode(private) not in ciphertext


def test_canonical_json():
    assert journal.canonical_json({"b": [1, True, None], "a": "牛奶 \"x\"", "c": {"z": 1, "y": 2}}
                                  ) == '{"a":"牛奶 \\"x\\"","b":[1,true,null],"c":{"y":2,"z":1}}'
    for bad in ({"total": 1.5}, {"n": 2 ** 63}, {"raw": b"x"}, {1: "key"}, {"s": {1, 2}}):
        with pytest.raises((TypeError, ValueError)):
            journal.canonical_json(bad)


def test_unknown_kind_and_bad_user_id_are_programming_errors(store):
    with database.atomic():
        with pytest.raises(ValueError, match="not a journal kind"):
            journal.append("sael", {})
        with pytest.raises(TypeError):
            journal.append("sale", {}, user_id="7")
    assert rows() == []


def test_rolled_back_transaction_leaves_no_entry_and_no_gap(store):
    fill(3)
    with pytest.raises(Boom), database.atomic():
        journal.append("sale", {"order_id": 99})
        raise Boom
    with database.atomic():
        with pytest.raises(Boom), database.atomic():  # a savepoint
            journal.append("sale", {"order_id": 98})
            raise Boom
        journal.append("sale", {"order_id": 4})
    assert [r["seq"] for r in rows()] == [1, 2, 3, 4]
    assert [json.loads(r["data"])["order_id"] for r in rows()] == [1, 2, 3, 4]
    assert journal.verify().ok


def test_a_key_made_in_a_rolled_back_transaction_is_not_kept(store):
    with pytest.raises(Boom), database.atomic():
        journal.append("sale", {"order_id": 1})
        raise Boom
    fill(2)
    assert journal.verify().ok and journal.verify().key_confirmed


def test_the_signing_key_survives_a_reopen(store):
    fill(2)
    key_ids = journal.verify().key_ids
    close_store()
    open_store(store)
    fill(2, start=3)
    result = journal.verify()
    assert result.ok and result.count == 4 and result.key_ids == key_ids


def test_bulk_writer_continues_the_chain(store):
    fill(2)
    with database.atomic():
        last = journal.append_many(journal.Record("payment", {"order_id": i}, 1)
                                   for i in range(3, 30))
        assert journal.append_many([]) is None
    assert last.seq == 29 and journal.head() == (29, last.hash)
    assert journal.verify().ok


# --- tampering ------------------------------------------------------------------------

def _changed(column: str, value):
    """What an attacker writes instead of `value`."""
    if column in ("prev_hash", "hash", "signature"):
        return bytes([value[0] ^ 1]) + value[1:]
    return {"seq": lambda: 1000, "at": lambda: value + 1, "kind": lambda: "refund",
            "user_id": lambda: 5 if value != 5 else 6,
            "data": lambda: value.replace("10", "90", 1),
            "key_id": lambda: "0123456789abcdef"}[column]()


@pytest.mark.parametrize("seq", [1, 5, N])
@pytest.mark.parametrize("column", COLUMNS)
def test_changing_any_field_of_any_entry_is_found(store, column, seq):
    fill()
    value = database.execute_sql(f"SELECT {column} FROM journal_entry WHERE seq = ?",
                                 (seq,)).fetchone()[0]
    database.execute_sql(f"UPDATE journal_entry SET {column} = ? WHERE seq = ?",
                         (_changed(column, value), seq))
    assert_bad(seq, f"Entry {seq}")


def test_a_text_value_in_a_number_column_is_found(store):
    fill()
    database.execute_sql("UPDATE journal_entry SET at = 'yesterday' WHERE seq = 3")
    assert_bad(3, "wrong type")


def test_deleting_an_entry_in_the_middle_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_entry WHERE seq = 5")
    assert_bad(5, "Entry 5 is missing")


def test_deleting_the_first_entry_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_entry WHERE seq = 1")
    assert_bad(1, "Entry 1 is missing")


def test_deleting_the_last_entries_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_entry WHERE seq >= 9")
    assert_bad(9, "Entry 9 is missing", "ends at entry 10")
    with pytest.raises(journal.JournalError, match="damaged"), database.atomic():
        journal.append("sale", {"order_id": 11})


def test_deleting_the_last_entry_and_moving_the_head_back_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_entry WHERE seq = 10")
    database.execute_sql("UPDATE journal_head SET seq = 9, "
                         "hash = (SELECT hash FROM journal_entry WHERE seq = 9)")
    assert_bad(None, "head signature is not valid", "after entry 9")


def test_deleting_the_whole_journal_but_not_its_key_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_entry")
    database.execute_sql("DELETE FROM journal_head")
    assert journal.verify().ok is False
    database.execute_sql("DELETE FROM journal_key")
    database.execute_sql("DELETE FROM secret")
    # With the key gone as well, the anchor outside the store still tells (issue 12).
    result = journal.verify()
    assert not result.ok and "was deleted" in result.problem


def test_deleting_the_head_is_found(store):
    fill()
    database.execute_sql("DELETE FROM journal_head")
    assert_bad(None, "head is missing")


def _forged(key: Ed25519PrivateKey, seq: int, prev: dict, key_id: str) -> dict:
    row = {"seq": seq, "at": prev["at"] + 1, "kind": "refund", "user_id": 1,
           "data": journal.canonical_json({"order_id": 3, "amount": 50_000}),
           "prev_hash": prev["hash"], "key_id": key_id}
    row["hash"] = documented_hash(row, prev["signature"])
    row["signature"] = key.sign(journal.ENTRY_DOMAIN + row["hash"])
    return row


def _insert(row: dict) -> None:
    database.execute_sql(f"INSERT INTO journal_entry ({', '.join(COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(COLUMNS))})", [row[c] for c in COLUMNS])


def test_inserting_an_entry_in_the_middle_is_found(store):
    fill()
    entries = rows()
    database.execute_sql("UPDATE journal_entry SET seq = -seq WHERE seq >= 6")
    database.execute_sql("UPDATE journal_entry SET seq = 1 - seq WHERE seq < 0")
    _insert(_forged(Ed25519PrivateKey.generate(), 6, entries[4], entries[4]["key_id"]))
    assert_bad(6, "Entry 6's signature is not valid")


def test_inserting_an_entry_at_the_end_is_found(store):
    fill()
    last = rows()[-1]
    _insert(_forged(Ed25519PrivateKey.generate(), N + 1, last, last["key_id"]))
    assert_bad(N + 1, f"Entry {N + 1}'s signature is not valid")
    database.execute_sql("UPDATE journal_head SET seq = ?, hash = ?",
                         (N + 1, rows()[-1]["hash"]))
    assert_bad(N + 1, f"Entry {N + 1}'s signature is not valid")


@pytest.mark.parametrize("every_signature", [False, True])
def test_rechaining_without_the_terminals_key_is_found(store, every_signature):
    fill()
    key_id = rows()[0]["key_id"]
    database.execute_sql("UPDATE journal_entry SET data = replace(data, '1004', '9004') "
                         "WHERE seq = 4")
    rechain(Ed25519PrivateKey.generate(), key_id, start=4)
    result = journal.verify(every_signature=every_signature)
    assert not result.ok and result.bad_seq == 4, result.problem
    assert "signature is not valid" in result.problem


def test_rechaining_with_a_new_key_of_ones_own_is_found_with_the_key_file(store):
    fill()
    original = journal.verify().key_ids
    key = Ed25519PrivateKey.generate()
    key_id = journal.fingerprint(key.public_key())
    database.execute_sql("DELETE FROM journal_key")
    database.execute_sql("INSERT INTO journal_key VALUES (?, ?, 0)", (
        key_id, base64.b64encode(key.public_key().public_bytes_raw()).decode()))
    rechain(key, key_id)
    assert_bad(1, f"signed with key {key_id}, not with this terminal's key {original[0]}")
    # Without the key file, the anchor beside it still tells (issue 12); without both,
    # only the fingerprint printed on a Z report does.
    keys = store.with_name(store.name + ".keys")
    keys.rename(keys.with_suffix(".away"))
    result = journal.verify()
    assert not result.ok and "started again or replaced" in result.problem
    anchor = store.with_name(store.name + ".anchor")
    anchor.rename(anchor.with_suffix(".away"))
    result = journal.verify()
    assert result.ok and not result.key_confirmed and result.key_ids == (key_id,)
    assert result.key_ids != original


def test_swapping_the_public_key_under_its_id_is_found(store):
    fill()
    key = Ed25519PrivateKey.generate()
    database.execute_sql("UPDATE journal_key SET public_key = ?",
                         (base64.b64encode(key.public_key().public_bytes_raw()).decode(),))
    assert_bad(1, "was changed")


def test_a_deleted_signing_key_stops_the_journal_and_fails_verify(store):
    fill(3)
    database.execute_sql("DELETE FROM secret WHERE name = ?", (journal.SECRET_NAME,))
    assert_bad(None, "signing key was removed")
    with pytest.raises(journal.JournalError, match="signing key is missing"), \
            database.atomic():
        journal.append("sale", {"order_id": 4})


def test_the_entries_stay_verifiable_without_the_key_file(store):
    fill(3)
    keys = store.with_name(store.name + ".keys")
    keys.rename(keys.with_suffix(".away"))
    result = journal.verify()
    assert result.ok and not result.key_confirmed and result.count == 3


# --- command line ---------------------------------------------------------------------

def test_pos_journal_verify(store, monkeypatch):
    from pos.cli import main
    fill(3)
    close_store()

    def run():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main.main(["journal", "verify", "--db", str(store)])
        return code, out.getvalue(), err.getvalue()

    code, out, _ = run()
    assert code == 0 and "OK: 3 entries; head 3 " in out and "this terminal's key" in out
    open_store(store)
    database.execute_sql("UPDATE journal_entry SET kind = 'void' WHERE seq = 2")
    close_store()
    code, out, err = run()
    assert code == 1 and out == ""
    assert err.startswith("pos: The journal of") and "Entry 2 was changed" in err
    assert err.count("\n") == 1
