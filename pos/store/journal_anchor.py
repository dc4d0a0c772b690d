"""The journal's anchor: what the journal looked like, kept outside the database.

The signed journal (`pos.store.journal`) catches any edit of its rows, but someone
holding only the store file could still delete it whole (with its key's
secret row) or put back an older copy of it. Neither needs a signature, so
the journal alone cannot see them. The anchor is a small file beside the key
file (`store.db` → `store.db.anchor`, mode 0600, replaced durably with fsync)
that the database cannot roll back with it:

- `first`: the hash of entry 1 and the key that signed it — a journal started
  again, or re-keyed, no longer matches;
- `keys`: every key the journal was ever signed with (a rotation adds its new
  key through a handover entry signed by the old one);
- `head`: the highest signed head seen (sequence, hash, key and the head's
  signature), written after the commit of the first entry, every
  `EVERY` entries and every shift close and Z report. A journal that ends
  before it was rolled back; one whose entry at that sequence has another
  hash was re-written.

`problem()` compares the store with its anchor; `pos journal verify`, sign-in
and `pos doctor` refuse a store it finds fault with. What it cannot catch:
the store, the key file and the anchor restored together from an older
backup (head office will hold a second anchor), and anyone who holds the key
file (the root of trust) as well.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pos.errors import PosError, StoreError
from pos.store.db import database, translate_errors
from pos.store.secrets import write_private_file

log = logging.getLogger(__name__)

_SIGNERS = (
    "WITH RECURSIVE signer(key_id) AS ("
    " SELECT min(key_id) FROM journal_entry"
    " UNION ALL SELECT (SELECT min(key_id) FROM journal_entry WHERE key_id > signer.key_id)"
    " FROM signer WHERE signer.key_id IS NOT NULL) "
    "SELECT key_id FROM signer WHERE key_id IS NOT NULL")
"""The keys that signed entries, one index search each on `journal_entry_signer` (from
one key to the next) rather than a read of every entry: the anchor asks after every
`EVERY` entries, on the till's window, of a journal that grows all its life."""

FORMAT = "pos-journal-anchor-1"
EVERY = 100
"""The anchor's head is moved on at least every this many entries."""


@dataclass(frozen=True)
class Anchor:
    first_hash: str  # hex
    first_key: str
    keys: tuple[str, ...]
    head_seq: int
    head_hash: str  # hex
    head_key: str
    head_signature: str  # hex

    def to_json(self) -> dict:
        return {"format": FORMAT,
                "note": "The audit journal as last seen, kept outside the store so that a "
                        "wiped or rolled-back journal is caught. Back it up with the store "
                        "and its key file.",
                "first": {"hash": self.first_hash, "key_id": self.first_key},
                "keys": list(self.keys),
                "head": {"seq": self.head_seq, "hash": self.head_hash,
                         "key_id": self.head_key, "signature": self.head_signature}}


def path() -> Path | None:
    """`<store file>.anchor` beside the open store; None for a store not on disk."""
    name = database.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    store = Path(name).absolute()
    return store.with_name(store.name + ".anchor")


def load() -> Anchor | None:
    """The anchor beside the open store, None when there is none; a damaged one raises."""
    where = path()
    if where is None:
        return None
    try:
        doc = json.loads(where.read_bytes().decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError
        first, head = doc["first"], doc["head"]
        return Anchor(str(first["hash"]), str(first["key_id"]),
                      tuple(str(k) for k in doc["keys"]), int(head["seq"]), str(head["hash"]),
                      str(head["key_id"]), str(head["signature"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"The journal anchor {where} is damaged or unreadable. Restore it "
                         "from the backup taken with the store and its key file.") from exc


def _current() -> Anchor | None:
    """What the anchor should say for the store as committed now; None for no journal."""
    head = database.execute_sql(
        "SELECT seq, hash, key_id, signature FROM journal_head WHERE id = 1").fetchone()
    first = database.execute_sql(
        "SELECT hash, key_id FROM journal_entry WHERE seq = 1").fetchone()
    if head is None or first is None:
        return None
    keys = tuple(row[0] for row in database.execute_sql(  # with the keys handed over to
        f"{_SIGNERS} UNION SELECT json_extract(data, '$.new_key_id') "
        "FROM journal_entry WHERE kind = 'key_handover' ORDER BY 1"))
    return Anchor(bytes(first[0]).hex(), first[1], keys, head[0], bytes(head[1]).hex(),
                  head[2], bytes(head[3]).hex())


def update(terminal_key: Callable[[], str | None]) -> None:
    """Move the anchor on to the committed head (after a commit: `database.after_commit`);
    `terminal_key()` is the id of the key this terminal signs with now (after a rotation,
    the new one).

    Never moves it back, and never makes one for a store the anchor finds fault with.
    A failure to write is logged, not raised: the change it follows is committed, and the
    next update (or `pos doctor`) tries again.
    """
    where = path()
    if where is None:
        return
    try:
        with translate_errors():
            now = _current()
        if now is None or problem() is not None:
            return
        old = load()
        if old is not None and old.head_seq >= now.head_seq:
            return
        if old is not None and set(now.keys) - set(old.keys) - {terminal_key()}:
            log.warning("The journal anchor %s was not moved on: the journal holds a key "
                        "that is neither known nor this terminal's", where)
            return
        keys = tuple(sorted(set(now.keys) | set(old.keys if old else ())))
        if old is not None:
            now = Anchor(old.first_hash, old.first_key, keys, now.head_seq, now.head_hash,
                         now.head_key, now.head_signature)
        write_private_file(where, (json.dumps(now.to_json(), indent=2) + "\n").encode())
    except (OSError, PosError) as exc:
        log.warning("The journal anchor %s was not updated: %s", where, exc)


def problem() -> str | None:
    """What is wrong between the store's journal and its anchor, in words; None if nothing.

    Also, with no anchor at all: a store with sales, staff or shifts whose journal is
    empty lost it (every one of those writes a journal entry).
    """
    with translate_errors():
        any_entry, head_seq = database.execute_sql(
            "SELECT (SELECT max(seq) FROM journal_entry) IS NOT NULL, "
            "(SELECT seq FROM journal_head WHERE id = 1)").fetchone()
        try:
            anchor = load()
        except StoreError as exc:
            return str(exc)
        if anchor is None:
            if not any_entry and _has_records():
                return ("The audit journal is empty, but the store holds sales, staff or "
                        "shifts, which are always journalled: the journal was deleted.")
            return None
        if not any_entry or head_seq is None:
            return (f"The audit journal is empty, but its anchor ({path()}) saw "
                    f"{anchor.head_seq} entries: the journal was deleted.")
        if head_seq < anchor.head_seq:
            return (f"The audit journal ends at entry {head_seq}, but its anchor ({path()}) "
                    f"saw it reach entry {anchor.head_seq}: an older copy of the store was "
                    "put back, and the entries after it are gone.")
        first = database.execute_sql(
            "SELECT hash, key_id FROM journal_entry WHERE seq = 1").fetchone()
        if first is None or bytes(first[0]).hex() != anchor.first_hash:
            return ("The audit journal does not start as its anchor says: it was started "
                    "again or replaced.")
        at = database.execute_sql("SELECT hash FROM journal_entry WHERE seq = ?",
                                  (anchor.head_seq,)).fetchone()
        if at is None or bytes(at[0]).hex() != anchor.head_hash:
            return (f"The audit journal's entry {anchor.head_seq} is not the one its anchor "
                    "saw: the journal was re-written.")
        strangers = [row[0] for row in database.execute_sql(  # signed up to the head
            f"{_SIGNERS} AND (SELECT min(seq) FROM journal_entry AS e "
            "WHERE e.key_id = signer.key_id) <= ?", (anchor.head_seq,))
            if row[0] not in anchor.keys]
        if strangers:
            return (f"The audit journal is signed with key {strangers[0]}, which its anchor "
                    "does not know: it was re-signed with another key.")
    return None


def _has_records() -> bool:
    return bool(database.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE receipt_no IS NOT NULL) "
        "OR EXISTS (SELECT 1 FROM staff_user) OR EXISTS (SELECT 1 FROM shift)").fetchone()[0])
