"""The audit journal: a hash chain of signed entries that nobody can quietly rewrite.

Every sale, payment, refund, void, override, cash movement, shift close, sign-in
and settings change appends an entry with `append` *inside the transaction of
the change it records*, so the entry and the change commit or vanish together,
and the numbers stay gapless (a rolled-back sequence number is simply reused).

Canonical encoding (version 1)
------------------------------
An entry's `data` is stored as its canonical JSON, which is exactly what
`json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
allow_nan=False)` writes, encoded as UTF-8: keys sorted by code point, no white
space, characters beyond ASCII written as themselves (only '"', '\\' and control
characters are escaped). Values are strings, integers within signed 64 bits,
true, false, null, lists and objects with string keys. Floats and Decimals are
refused: money is integer minor units, rates integer parts per million.

The entry's hash is SHA-256 over the UTF-8 bytes of this envelope, itself
canonical JSON (lower-case hex, `data` inserted verbatim as stored):

    {"at":<UTC microseconds>,"data":<data>,"key_id":"<key id>","kind":"<kind>",
     "prev_hash":"<previous entry's hash, 64 hex; zeros for entry 1>",
     "prev_signature":"<previous entry's signature, 128 hex; empty for entry 1>",
     "seq":<n>,"user_id":<integer or null>,"v":1}

Its signature is Ed25519 over b"pos journal entry v1\\x00" + hash, by the
terminal's key (the private key is the secret `journal_signing_key`, base64 of
its 32 raw bytes; the public key is in `journal_key`, under an id that is its
fingerprint). The head row (last seq and hash) is rewritten with every entry and
signed over b"pos journal head v1\\x00" + seq as 8 bytes big-endian + hash: a
message no entry signature can stand in for.

Threat model
------------
Someone with only the database (not the key file beside it, so not the signing
key) can read everything and change, delete, insert or re-chain rows, but cannot
sign: every such edit is found and the first bad entry named. The rows the money
entries record are bound to them by digest (`pos.store.journal_records`), so a sale,
payment, refund or cash movement changed in its own table afterwards is named
too. What the chain alone cannot see is a journal deleted whole (with its key's
secret row), started again, or put back from an older copy of the store; the
anchor beside the key file (`pos.store.journal_anchor`: entry 1, the keys, the highest
head seen, moved on after commits every 100 entries and at every shift close)
catches each of those, and a store with sales or shifts refuses to start a new
journal. Sign-in, `verify` and `pos doctor` refuse such a store. Still possible:
restoring the store, its key file and its anchor together from an older backup
(caught only against a head printed on a Z report, and later by head office's
second anchor); and anything at all by whoever holds the key file, the root of
trust. A leaked key file is answered by `pos keys rotate`: the old key signs a
handover to a new one, and `verify` follows the chain of keys.

Why the previous signature is in the hash, and the speed
--------------------------------------------------------
Hashing the previous signature in makes every entry's hash cover every byte of
every entry before it, signatures included, so a valid signature on the last
entry vouches for the whole chain. An Ed25519 check costs about 110 µs on a
small till (two minutes for 1,000,000), so `verify` recomputes every hash and
link (about 4 s for 1,000,000) and checks the last entry's and the head's
signatures; only when one fails does it look for the first entry with a bad
signature, by bisection (the validly signed entries are a prefix of an intact
chain). `verify(every_signature=True)` also checks each one on its own.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import functools
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from pos.errors import PosError, StoreError
from pos.store import journal_anchor, journal_records, secrets
from pos.store.canonical_json import INT64, canonical_json
from pos.store.db import database, translate_errors
from pos.store.models import EPOCH, to_micros, utcnow

SECRET_NAME = "journal_signing_key"
ENTRY_DOMAIN = b"pos journal entry v1\x00"
HEAD_DOMAIN = b"pos journal head v1\x00"
ZERO_HASH = bytes(32)
PAGE = 5000  # rows per keyset page while verifying
_INSERT_BATCH = 10_000

# What the program records. A new kind of event is added here, so a typo fails loudly.
KINDS = frozenset({
    "sale", "payment", "refund", "void", "price_override", "discount",
    "cash_in", "cash_out", "no_sale", "shift_open", "shift_close", "z_report",
    "settings_change", "sign_in", "sign_out", "auth_failed", "approval",
    "user_add", "user_disable", "user_enable", "user_role", "secret_reset", "key_handover",
})


_ANCHOR_KINDS = frozenset({"shift_close", "z_report", "key_handover"})
"""Kinds after whose commit the anchor outside the store moves on (as every 100 entries)."""


class JournalError(PosError):
    """The journal cannot be written or does not verify; the message says where and why."""


class Record(NamedTuple):
    """One entry to append; `at` defaults to now."""

    kind: str
    data: dict
    user_id: int | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class Entry:
    seq: int
    at: dt.datetime
    kind: str
    user_id: int | None
    data: dict
    prev_hash: str  # hex
    hash: str  # hex
    signature: str  # hex
    key_id: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int  # entries in the journal
    head_seq: int  # as the head row says (0 when there is none)
    head_hash: str  # hex
    bad_seq: int | None  # the first bad entry, when the problem lies in one
    problem: str | None  # a sentence, when not ok
    key_ids: tuple[str, ...]  # the keys the entries are signed with
    key_confirmed: bool  # False when the key file is not here to confirm them with


# --- writing ---------------------------------------------------------------------

def append(kind: str, data: dict, user_id: int | None = None, *,
           at: dt.datetime | None = None) -> Entry:
    """Record an event inside the caller's transaction (RuntimeError outside one)."""
    return append_many([Record(kind, data, user_id, at)])


def append_many(records: Iterable[Record]) -> Entry | None:
    """Append many entries in the caller's transaction, in batches: the demo generator's and
    the benchmark's way to write a long journal. The last entry, or None if there was none."""
    if not database.in_transaction():
        raise RuntimeError("journal entries are appended inside the transaction of the change "
                           "they record")
    records = iter(records)
    first = next(records, None)
    if first is None:
        return None
    with translate_errors():
        key_id, key = _signing_key()
        seq, prev_hash, prev_signature = _tail()
        first_seq = seq
        if not seq and _journalled_before():
            raise JournalError(_WIPED)
        rows: list[tuple] = []
        anchor_due = False
        for kind, data, user_id, at in itertools.chain([first], records):
            _check_record(kind, user_id)
            anchor_due = anchor_due or kind in _ANCHOR_KINDS
            seq += 1
            text = canonical_json(data)
            micros = to_micros(at or utcnow())
            digest = hashlib.sha256(envelope(seq, micros, kind, user_id, text, prev_hash,
                                              prev_signature, key_id)).digest()
            signature = key.sign(ENTRY_DOMAIN + digest)
            last = (seq, micros, kind, user_id, text, prev_hash, digest, signature, key_id)
            rows.append(last)
            if len(rows) == _INSERT_BATCH:
                _insert(rows)
                rows = []
            prev_hash, prev_signature = digest, signature
        _insert(rows)
        if (seq // journal_anchor.EVERY != first_seq // journal_anchor.EVERY
                or first_seq == 0 or anchor_due):
            database.after_commit(functools.partial(journal_anchor.update, terminal_key_id))
        database.execute_sql(
            "INSERT INTO journal_head (id, seq, hash, key_id, signature) VALUES (1, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
            "key_id = excluded.key_id, signature = excluded.signature",
            (seq, prev_hash, key_id, key.sign(_head_message(seq, prev_hash))))
    seq, micros, kind, user_id, text, prev, digest, signature, key_id = last
    return Entry(seq, EPOCH + dt.timedelta(microseconds=micros), kind, user_id,
                 json.loads(text), prev.hex(), digest.hex(), signature.hex(), key_id)


def head() -> tuple[int, str]:
    """The chain's head as stored, (last seq, its hash in hex), for the Z report; (0, zeros)
    for an empty journal. `verify` is what vouches for it."""
    with translate_errors():
        row = database.execute_sql("SELECT seq, hash FROM journal_head WHERE id = 1").fetchone()
    return (0, ZERO_HASH.hex()) if row is None else (row[0], bytes(row[1]).hex())


def first_hash() -> str:
    """Entry 1's hash (hex; empty before the first entry): the Z report prints it, so a
    journal started again shows against paper as well as against the anchor."""
    with translate_errors():
        row = database.execute_sql("SELECT hash FROM journal_entry WHERE seq = 1").fetchone()
    return "" if row is None else bytes(row[0]).hex()


def head_key_id() -> str | None:
    """The fingerprint of the key that signed the head: the Z report prints it beside `head()`,
    so a journal re-signed with another key shows even where the key file is not at hand."""
    with translate_errors():
        row = database.execute_sql("SELECT key_id FROM journal_head WHERE id = 1").fetchone()
    return None if row is None else row[0]


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """A key's id: the first 8 bytes of SHA-256 over its raw 32 bytes, in hex."""
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:16]


def rotate_key(user_id: int | None = None) -> tuple[str, str] | None:
    """Replace the terminal's signing key (a key file that may have leaked): the old key
    signs a `key_handover` entry naming the new key's id and public key, and every later
    entry is signed with the new one; `verify` follows the chain. (old id, new id), or None
    for a store whose journal has not started."""
    with translate_errors(), database.atomic():
        if secrets.get_secret(SECRET_NAME) is None and not _has_entries():
            return None
        old_id, _ = _signing_key()
        new = Ed25519PrivateKey.generate()
        new_id = fingerprint(new.public_key())
        append("key_handover", {"old_key_id": old_id, "new_key_id": new_id, "public_key":
                                base64.b64encode(new.public_key().public_bytes_raw()).decode()},
               user_id)
        secrets.put_secret(SECRET_NAME, base64.b64encode(new.private_bytes_raw()).decode())
        _register(new.public_key())
        _key_cache.clear()
    return old_id, new_id


def _check_record(kind: str, user_id: int | None) -> None:
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a journal kind; add it to pos.store.journal.KINDS")
    if user_id is not None and (type(user_id) is not int):
        raise TypeError(f"a journal user_id is an int or None, not {user_id!r}")


@functools.lru_cache(maxsize=1024)
def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def envelope(seq: int, at: int, kind: str, user_id: int | None, data: str, prev_hash: bytes,
              prev_signature: bytes, key_id: str) -> bytes:
    """The bytes an entry's hash covers (module docstring); one builder for writing and
    verifying (here and at head office, `pos.hq.ingest`), so the two cannot drift apart."""
    user = "null" if user_id is None else user_id
    return (f'{{"at":{at},"data":{data},"key_id":{_quoted(key_id)},"kind":{_quoted(kind)},'
            f'"prev_hash":"{prev_hash.hex()}","prev_signature":"{prev_signature.hex()}",'
            f'"seq":{seq},"user_id":{user},"v":1}}').encode()


def _head_message(seq: int, digest: bytes) -> bytes:
    return HEAD_DOMAIN + seq.to_bytes(8, "big") + digest


def _insert(rows: list[tuple]) -> None:
    database.cursor().executemany(
        "INSERT INTO journal_entry (seq, at, kind, user_id, data, prev_hash, hash, signature, "
        "key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


_DAMAGED = ("The audit journal is damaged (its last entry does not match its head), so no "
            "more can be recorded. Run 'pos journal verify' to see where, and restore the "
            "store from a backup.")


_WIPED = ("The audit journal of this store was deleted (it holds sales or shifts, or its "
          "anchor saw entries), so nothing more can be recorded. Run 'pos journal verify', "
          "and restore the store with its key file and anchor from a backup.")


def check_trusted() -> None:
    """Raise `JournalError` saying what happened when the journal was wiped, rolled back or
    restarted (`pos.store.journal_anchor`): sign-in refuses such a store, so a manager hears of it
    before anyone sells on it."""
    problem = journal_anchor.problem()
    if problem is not None:
        raise JournalError(f"{problem} The till cannot be used until a manager restores the "
                           "store, its key file and its anchor from a backup.")


def _tail() -> tuple[int, bytes, bytes]:
    """(last seq, its hash, its signature) to chain the next entry to."""
    row = database.execute_sql(
        "SELECT h.seq, h.hash, e.signature FROM journal_head h "
        "LEFT JOIN journal_entry e ON e.seq = h.seq AND e.hash = h.hash WHERE h.id = 1"
    ).fetchone()
    if row is None:
        if _has_entries():
            raise JournalError(_DAMAGED)
        return 0, ZERO_HASH, b""
    if row[2] is None:
        raise JournalError(_DAMAGED)
    return row[0], bytes(row[1]), bytes(row[2])


def _has_entries() -> bool:
    return bool(database.execute_sql("SELECT EXISTS (SELECT 1 FROM journal_entry)").fetchone()[0])


# The private key, opened once per store: keyed by the store file and the nonce of the
# secret's row, which changes whenever the secret is written again.
_key_cache: dict[tuple[str, bytes], tuple[str, Ed25519PrivateKey]] = {}


def _signing_key() -> tuple[str, Ed25519PrivateKey]:
    """The terminal's key and its id; made and saved (in the caller's transaction) for the
    journal's first entry."""
    row = database.execute_sql("SELECT nonce FROM secret WHERE name = ?",
                               (SECRET_NAME,)).fetchone()
    cache_key = (database.database, bytes(row[0])) if row else None
    if cache_key in _key_cache:
        return _key_cache[cache_key]
    text = secrets.get_secret(SECRET_NAME)
    if text is None:
        if _has_entries() or _journalled_before() or database.execute_sql(
                "SELECT EXISTS (SELECT 1 FROM journal_key)").fetchone()[0]:
            raise JournalError(
                "The terminal's journal signing key is missing from this store's secrets, so "
                "nothing more can be recorded. Restore the store and its key file from a "
                "backup.")
        key = Ed25519PrivateKey.generate()
        secrets.put_secret(SECRET_NAME,
                           base64.b64encode(key.private_bytes_raw()).decode("ascii"))
        return _register(key.public_key()), key  # not cached: the caller may roll back
    key = _private_key(text)
    _key_cache.clear()
    _key_cache[cache_key] = found = (_register(key.public_key()), key)
    return found


def terminal_key_id() -> str | None:
    """This terminal's signing key's id, read from its secret; None when there is none."""
    text = secrets.get_secret(SECRET_NAME)
    return None if text is None else fingerprint(_private_key(text).public_key())


def _journalled_before() -> bool:
    """A journal existed here: an anchor beside the store, or sales or shifts (always
    journalled) beyond the one being recorded now. A new key then would start a new journal
    silently: refused. (A store wiped after a single sale is the anchor's to catch: it is
    written as soon as the first entry commits.)"""
    return journal_anchor.load() is not None or bool(database.execute_sql(
        "SELECT (SELECT count(*) FROM orders WHERE receipt_no IS NOT NULL) > 1 "
        "OR (SELECT count(*) FROM shift) > 1").fetchone()[0])


def _private_key(text: str) -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) != 32:
            raise ValueError
    except (ValueError, binascii.Error):
        raise JournalError(f"The secret {SECRET_NAME} is not an Ed25519 key. Restore the "
                           "store and its key file from a backup.") from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def _register(public_key: Ed25519PublicKey) -> str:
    """Publish the public key; a row already there is left alone (verify judges it)."""
    key_id = fingerprint(public_key)
    database.execute_sql(
        "INSERT INTO journal_key (key_id, public_key, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key_id) DO NOTHING",
        (key_id, base64.b64encode(public_key.public_bytes_raw()).decode("ascii"),
         to_micros(utcnow())))
    return key_id


# --- verifying -------------------------------------------------------------------

def verify(progress: Callable[[int, int], None] | None = None, *,
           every_signature: bool = False) -> VerifyResult:
    """Check the whole chain, its head and its signatures; name the first bad entry.

    Reads one snapshot (a till may go on appending meanwhile) in keyset pages, calling
    `progress(done, total)` after each page. Needs no secret; when the key file is beside
    the store it also confirms the entries are signed with this terminal's key.
    """
    with translate_errors(), database.atomic("DEFERRED"):
        return _Verifier(every_signature).run(progress)


class _Bad(Exception):
    def __init__(self, seq: int | None, problem: str) -> None:
        super().__init__(problem)
        self.seq, self.problem = seq, problem


class _Verifier:
    def __init__(self, every_signature: bool) -> None:
        self.every_signature = every_signature
        self.keys: dict[str, Ed25519PublicKey | None] = {}  # None: the row was changed
        self.checked_keys: set[str] = set()
        self.terminal_key: str | None = None
        self.key_confirmed = False

    def run(self, progress) -> VerifyResult:
        head_row = database.execute_sql(
            "SELECT seq, hash, key_id, signature FROM journal_head WHERE id = 1").fetchone()
        count = database.execute_sql("SELECT count(*) FROM journal_entry").fetchone()[0]
        try:
            self._load_keys()
            last = self._check_entries(progress, count)
            if last is None and (self.keys or self.terminal_key):
                raise _Bad(None, "The journal is empty, but it has a signing key, which is "
                                 "made with the first entry: its entries were deleted.")
            if last and not self._signed(*last):
                bad = self._first_unsigned(last[0])
                raise _Bad(bad, f"Entry {bad}'s signature is not valid: it was changed, or "
                                "the journal was re-written without the terminal's key.")
            self._check_head(head_row, last)
            outside = journal_anchor.problem()
            if outside is not None:
                raise _Bad(None, outside)
            changed = journal_records.check()
            if changed:
                raise _Bad(changed[0][0], " ".join(text for _, text in changed[:20])
                           + (f" ({len(changed)} records in all.)" if len(changed) > 20
                              else ""))
        except _Bad as bad:
            failure = bad
        else:
            failure = None
        seq, digest = (0, ZERO_HASH) if head_row is None else head_row[:2]
        return VerifyResult(
            ok=failure is None, count=count, head_seq=seq,
            head_hash=digest.hex() if isinstance(digest, bytes) else str(digest),
            bad_seq=failure.seq if failure else None,
            problem=failure.problem if failure else None,
            key_ids=tuple(sorted(self.checked_keys)),
            key_confirmed=self.key_confirmed and failure is None)

    def _load_keys(self) -> None:
        for key_id, text in database.execute_sql("SELECT key_id, public_key FROM journal_key"):
            try:
                key = Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
            except (ValueError, TypeError, binascii.Error):
                key = None
            self.keys[key_id] = key if key and fingerprint(key) == key_id else None
        self.terminal_key = self._terminal_key()
        self.key_confirmed = self.terminal_key is not None

    def _terminal_key(self) -> str | None:
        """This terminal's key id; None when the key file is not here to read it with."""
        try:
            if not secrets.key_file_path().exists():
                return None
            text = secrets.get_secret(SECRET_NAME)
        except StoreError:
            return None  # not a store on disk: nothing to confirm with
        except secrets.SecretError as exc:
            raise _Bad(None, f"The terminal's journal signing key cannot be read: {exc}"
                       ) from None
        if text is None:
            if self.keys or _has_entries():
                raise _Bad(None, "The terminal's journal signing key was removed from the "
                                 "store's secrets, so the entries cannot be confirmed as "
                                 "this terminal's.")
            return None
        try:
            return fingerprint(_private_key(text).public_key())
        except JournalError as exc:
            raise _Bad(None, str(exc)) from None

    def _check_key(self, seq: int, key_id) -> None:
        if key_id not in self.keys:
            raise _Bad(seq, f"Entry {seq} is signed with key {key_id}, which is not among "
                            "the journal's keys.")
        if self.keys[key_id] is None:
            raise _Bad(seq, f"The public key {key_id} that entry {seq} is signed with was "
                            "changed.")
        self.checked_keys.add(key_id)

    def _check_handover(self, seq: int, key_id, previous: tuple | None) -> None:
        """A new key signs from entry `seq` on: the entry before must be a handover, signed
        by the old key, that names it (`rotate_key`)."""
        kind, data, old_key = previous
        try:
            named = json.loads(data).get("new_key_id") if kind == "key_handover" else None
        except (ValueError, AttributeError):
            named = None
        if named != key_id:
            raise _Bad(seq, f"Entry {seq} is signed with key {key_id}, but no handover "
                            f"signed by key {old_key} names it.")

    def _check_terminal_key(self, segment_start: int, last: tuple) -> None:
        """The journal's last key — or the one its last entry hands over to — must be this
        terminal's (when the key file is here)."""
        kind, data, key_id = last
        if kind == "key_handover" and self.terminal_key is not None:
            with contextlib.suppress(ValueError, AttributeError):
                if json.loads(data).get("new_key_id") == self.terminal_key:
                    return
        if self.terminal_key is not None and key_id != self.terminal_key:
            raise _Bad(segment_start, f"Entry {segment_start} is signed with key {key_id}, "
                                      f"not with this terminal's key {self.terminal_key}.")

    def _check_entries(self, progress, total: int) -> tuple | None:
        """Every row in order; the last one's (seq, hash, signature, key_id)."""
        expected, prev_hash, prev_signature, last = 1, ZERO_HASH, b"", None
        previous, segment_start = None, 1  # (kind, data, key) of the entry before
        sha256, envelope_of = hashlib.sha256, envelope
        while True:
            rows = database.execute_sql(
                "SELECT seq, at, kind, user_id, data, prev_hash, hash, signature, key_id "
                "FROM journal_entry WHERE seq >= ? ORDER BY seq LIMIT ?",
                (expected if last else -INT64, PAGE)).fetchall()
            for seq, at, kind, user_id, data, prev, digest, signature, key_id in rows:
                if seq != expected:
                    if seq < expected:
                        raise _Bad(seq, f"Entry {seq} should not exist: the journal starts "
                                        "at entry 1.")
                    self._broken(last, expected, f"Entry {expected} is missing.")
                if key_id not in self.checked_keys:
                    self._check_key(seq, key_id)
                if not (type(at) is int and type(kind) is str and type(data) is str
                        and type(prev) is bytes and type(digest) is bytes
                        and type(signature) is bytes
                        and (user_id is None or type(user_id) is int)):
                    raise _Bad(seq, f"Entry {seq} was changed: a field has the wrong type.")
                if previous is not None and key_id != previous[2]:
                    self._check_handover(seq, key_id, previous)
                    segment_start = seq
                previous = (kind, data, key_id)
                if prev != prev_hash:
                    self._broken(last, seq, f"Entry {seq} does not follow entry {seq - 1}: "
                                            "its previous hash differs." if last else
                                 "Entry 1 does not start the chain: its previous hash is not "
                                 "zero.")
                if sha256(envelope_of(seq, at, kind, user_id, data, prev, prev_signature,
                                   key_id)).digest() != digest:
                    self._broken(last, seq, f"Entry {seq} was changed: its contents do not "
                                            "match its hash.")
                last = (seq, digest, signature, key_id)
                if self.every_signature and not self._signed(*last):
                    raise _Bad(seq, f"Entry {seq}'s signature is not valid.")
                expected, prev_hash, prev_signature = seq + 1, digest, signature
            if progress is not None:
                progress(expected - 1, total)
            if len(rows) < PAGE:
                if previous is not None:
                    self._check_terminal_key(segment_start, previous)
                return last

    def _broken(self, previous: tuple | None, seq: int, problem: str) -> None:
        """Entry `seq` does not fit the chain; but if the entry before it is not validly
        signed, that one is where the chain was broken (its signature changed, or it was
        inserted)."""
        if previous is not None and not self._signed(*previous):
            raise _Bad(previous[0], f"Entry {previous[0]}'s signature is not valid: it was "
                                    "changed, or the entry was added without the "
                                    "terminal's key.")
        raise _Bad(seq, problem)

    def _signed(self, seq: int, digest: bytes, signature: bytes, key_id: str) -> bool:
        try:
            self.keys[key_id].verify(signature, ENTRY_DOMAIN + digest)
        except InvalidSignature:
            return False
        return True

    def _first_unsigned(self, last_seq: int) -> int:
        """The first entry whose signature fails, given that the last one's does."""
        low, high = 1, last_seq
        while low < high:
            middle = (low + high) // 2
            row = database.execute_sql(
                "SELECT seq, hash, signature, key_id FROM journal_entry WHERE seq = ?",
                (middle,)).fetchone()
            if self._signed(*row):
                low = middle + 1
            else:
                high = middle
        return low

    def _check_head(self, head_row, last: tuple | None) -> None:
        count = last[0] if last else 0
        if head_row is None:
            if count:
                raise _Bad(None, "The journal's head is missing, so entries at its end may "
                                 "have been deleted.")
            return
        seq, digest, key_id, signature = head_row
        if type(seq) is not int:
            raise _Bad(None, "The journal's head was changed: its entry number is not a "
                             "number.")
        if seq < count:
            raise _Bad(seq + 1, f"Entry {seq + 1} is after the journal's head (entry {seq}): "
                                "it was added behind the program's back.")
        if seq > count:
            raise _Bad(count + 1, f"Entry {count + 1} is missing: the journal's head says it "
                                  f"ends at entry {seq}.")
        if digest != last[1] or key_id != last[3]:
            raise _Bad(seq, f"The journal's head does not match entry {seq}.")
        try:
            self.keys[key_id].verify(signature, _head_message(seq, digest))
        except (InvalidSignature, TypeError):
            raise _Bad(None, f"The journal's head signature is not valid: entries after "
                             f"entry {seq} may have been deleted.") from None
