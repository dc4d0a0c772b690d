"""Secrets at rest: the gateway's API key and signing secret, a terminal's signing key.

Each value is sealed with AES-256-GCM under a data key that never enters the
database: a fresh random 96-bit nonce per write, the key's id stored beside the
ciphertext, and the secret's name in the associated data, so a row that was
edited, renamed or copied to another name fails to open instead of giving a
wrong value. Whoever has only the store file learns nothing.

The data keys live in a key file beside the store (`store.db` → `store.db.keys`,
mode 0600), which is backed up together with the store. `KeyStore` is the seam
where an OS keyring could replace the file: `key_store()` picks it.

The key file is written only while this connection holds the store's write lock
(every `database.atomic()` begins IMMEDIATE), and a key is read under that same
lock before it seals a row, so a rotation in another process can never drop a
key that a row is about to use. Rotation is crash-safe by its order:

1. the key file gains the new key and names it current, older keys kept
   (atomic replace: temp file, fsync, rename, fsync of the folder);
2. every secret is re-encrypted with the new key, in one transaction;
3. after the commit, keys that no secret uses are dropped from the key file.

A crash before the commit leaves the rows under the old key, still in the file;
a crash after it leaves them under the new key, also in the file. Running the
rotation again drops any old key that a crash left behind.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pos.errors import InputError, PosError, StoreError
from pos.store.db import database, translate_errors
from pos.store.models import EPOCH, to_micros, utcnow

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96 bits, random per write
KEY_FILE_FORMAT = "pos-keys-1"
_AAD_PREFIX = b"pos secret v1\x00"  # domain separation should a key ever seal anything else
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
_LOOKUP_TRIES = 3


class SecretError(PosError):
    """A secret or its key file cannot be used; the message says how to recover."""


@dataclass(frozen=True)
class KeyRing:
    """The data keys of one store: key id → 32-byte AES key, and the id new writes use."""

    current: str
    keys: dict[str, bytes]

    @classmethod
    def new(cls) -> KeyRing:
        key_id = _new_key_id(())
        return cls(key_id, {key_id: AESGCM.generate_key(bit_length=KEY_BYTES * 8)})

    def with_new_key(self) -> KeyRing:
        """This ring plus a fresh key that becomes current; the old keys stay to open old rows."""
        key_id = _new_key_id(self.keys)
        return KeyRing(key_id, {**self.keys,
                                key_id: AESGCM.generate_key(bit_length=KEY_BYTES * 8)})

    def keeping(self, key_ids: set[str]) -> KeyRing:
        """Only the keys named and the current one."""
        return KeyRing(self.current, {k: v for k, v in self.keys.items()
                                      if k in key_ids or k == self.current})


def _new_key_id(taken) -> str:
    """Date and randomness: says when a key was made, never repeats within a ring."""
    while True:
        key_id = f"{dt.date.today():%Y%m%d}-{os.urandom(4).hex()}"
        if key_id not in taken:
            return key_id


class KeyStore(Protocol):
    """Where a store's data keys live. The key file is the only kind today; an OS keyring
    entry holding the same JSON text (service "pos", user the store's path) would be another,
    and would keep the rotation's order: the new key saved before the commit, old ones after."""

    where: str  # for messages: a path, or a keyring entry's description

    def load(self) -> KeyRing | None:
        """The keys, or None when none were ever saved here."""

    def save(self, ring: KeyRing) -> None:
        """Replace the keys as one durable step: after a crash, either old or new is there."""


class KeyFile:
    """The data keys as JSON in a private file beside the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)

    def load(self) -> KeyRing | None:
        try:
            with open(self.path, "rb") as file:
                mode = os.fstat(file.fileno()).st_mode & 0o777
                if os.name != "nt" and mode & 0o077:
                    raise SecretError(
                        f"The key file {self.path} is open to other users (mode {mode:o}), so "
                        f"it is not used. Make it private with: chmod 600 "
                        f"{shlex.quote(self.where)}")
                data = file.read(1 << 20)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SecretError(f"The key file {self.path} cannot be read ({exc.strerror}). "
                              "Check its owner and permissions.") from exc
        return self._parse(data)

    def _parse(self, data: bytes) -> KeyRing:
        try:
            doc = json.loads(data.decode("utf-8"))
            keys = {str(k): base64.b64decode(v, validate=True) for k, v in doc["keys"].items()}
            if (doc.get("format") != KEY_FILE_FORMAT or doc["current"] not in keys
                    or any(len(key) != KEY_BYTES for key in keys.values())):
                raise ValueError
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
            raise SecretError(f"The key file {self.path} is damaged or is not a key file of "
                              "this program. Restore it from the backup taken with the store."
                              ) from exc
        return KeyRing(doc["current"], keys)

    def save(self, ring: KeyRing) -> None:
        """Durably, as `write_private_file` does."""
        doc = {
            "format": KEY_FILE_FORMAT,
            "note": "AES-256-GCM data keys of the secrets in the store beside this file. "
                    "Keep it private (chmod 600) and back it up with the store: "
                    "without it the secrets cannot be read.",
            "current": ring.current,
            "keys": {k: base64.b64encode(v).decode("ascii") for k, v in ring.keys.items()},
        }
        data = (json.dumps(doc, indent=2) + "\n").encode("utf-8")
        try:
            write_private_file(self.path, data)
        except OSError as exc:
            raise SecretError(f"The key file {self.path} cannot be written ({exc.strerror}). "
                              "Check the disk and the folder's permissions.") from exc


def write_private_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` as one durable step, mode 0600: temp file, fsync, rename
    over the old one, fsync the folder. After a crash either the old or the new is there."""
    temp = path.with_name(path.name + ".tmp")
    temp.unlink(missing_ok=True)  # a crash's leftover; O_EXCL then makes a fresh 0600
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o600)
    with os.fdopen(fd, "wb") as file:
        if hasattr(os, "fchmod"):
            os.fchmod(file.fileno(), 0o600)  # a strict umask must not lock us out
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temp, path)
    if os.name != "nt":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def key_file_path() -> Path:
    """`<store file>.keys` beside the open store file."""
    name = database.database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise StoreError("Secrets need a store file on disk, and none is open.")
    path = Path(name).absolute()
    return path.with_name(path.name + ".keys")


def key_store() -> KeyStore:
    """The open store's keys; the place to choose an OS keyring once one is available."""
    return KeyFile(key_file_path())


@dataclass(frozen=True)
class SecretInfo:
    name: str
    key_id: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class KeyStatus:
    where: str
    current: str | None  # None: no keys saved yet (or the key file is missing)
    retired: tuple[str, ...]  # keys kept beside the current one, e.g. after a crash


def check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(f"{name!r} is not a secret name: use up to 64 lower-case letters, "
                         "digits, '_', '.' or '-', like gateway_api_key.")
    return name


def put_secret(name: str, value: str) -> None:
    """Encrypt and save `value` under `name`, replacing any earlier value.

    Joins the caller's transaction when there is one (it rolls back with it).
    """
    check_name(name)
    if not isinstance(value, str) or not value:
        raise InputError(f"The value for {name} is empty; nothing was saved.")
    store = key_store()
    with translate_errors(), database.atomic():  # the write lock before the key is read
        ring = store.load()
        if ring is None:
            count = database.execute_sql("SELECT count(*) FROM secret").fetchone()[0]
            if count:
                raise SecretError(
                    f"The key file {store.where} is missing, but the store holds {count} "
                    f"secret{'s' if count > 1 else ''} sealed with it. Restore it from the "
                    "backup taken with the store; if it is lost, delete the secrets with "
                    "'pos keys delete NAME' and set them again.")
            ring = KeyRing.new()
            store.save(ring)
        _write(name, value, ring)


def get_secret(name: str) -> str | None:
    """The value saved under `name`, or None if there is none."""
    check_name(name)
    store = key_store()
    # Row first, then keys: a miss means a rotation in another process moved on between
    # the two reads, and reading both again sees its result.
    tries = _LOOKUP_TRIES
    while True:
        with translate_errors():
            row = database.execute_sql(
                "SELECT key_id, nonce, ciphertext FROM secret WHERE name = ?", (name,)
            ).fetchone()
        if row is None:
            return None
        ring = store.load()
        tries -= 1
        if not tries or (ring is not None and row[0] in ring.keys):
            return _open(name, row, ring, store.where)


def delete_secret(name: str) -> bool:
    """Remove a secret (no key needed); whether there was one."""
    check_name(name)
    with translate_errors(), database.atomic():
        return database.execute_sql("DELETE FROM secret WHERE name = ?", (name,)).rowcount > 0


def secret_names() -> list[str]:
    return [info.name for info in list_secrets()]


def list_secrets() -> list[SecretInfo]:
    """Names, key ids and times: never values, and no key needed."""
    with translate_errors():
        rows = database.execute_sql(
            "SELECT name, key_id, updated_at FROM secret ORDER BY name").fetchall()
    return [SecretInfo(n, k, EPOCH + dt.timedelta(microseconds=t)) for n, k, t in rows]


def key_status() -> KeyStatus:
    store = key_store()
    ring = store.load()
    if ring is None:
        return KeyStatus(store.where, None, ())
    return KeyStatus(store.where, ring.current, tuple(sorted(set(ring.keys) - {ring.current})))


def rotate_keys() -> int:
    """Make a new data key, re-encrypt every secret with it in one transaction, then drop
    the old keys from the key file; how many secrets were re-encrypted.

    It commits on its own, so it refuses to run inside a caller's transaction: the old
    key may only leave the key file once the re-encrypted rows are committed.
    """
    _outside_transaction("rotate_keys")
    store = key_store()
    with translate_errors(), database.atomic():
        old = store.load()
        rows = database.execute_sql(
            "SELECT name, key_id, nonce, ciphertext FROM secret ORDER BY name").fetchall()
        values = [(name, _open(name, rest, old, store.where)) for name, *rest in rows]
        ring = old.with_new_key() if old else KeyRing.new()
        store.save(ring)  # 1. the new key is current; the old ones still open the old rows
        for name, value in values:
            _write(name, value, ring)  # 2. committed together when the block ends
    try:
        retire_unused_keys()  # 3.
    except PosError as exc:
        raise SecretError(f"The secrets were re-encrypted with the new key {ring.current}, "
                          f"but the old key is still in the key file: {exc} "
                          "Then run 'pos keys rotate' again.") from exc
    return len(values)


def retire_unused_keys() -> list[str]:
    """Drop from the key file every key no committed secret uses (the current one stays):
    the last step of a rotation, and its repair after a crash. The ids dropped."""
    _outside_transaction("retire_unused_keys")
    store = key_store()
    with translate_errors(), database.atomic():
        ring = store.load()
        if ring is None:
            return []
        used = {row[0] for row in database.execute_sql("SELECT DISTINCT key_id FROM secret")}
        kept = ring.keeping(used)
        if kept != ring:
            store.save(kept)
    return sorted(set(ring.keys) - set(kept.keys))


def _outside_transaction(what: str) -> None:
    if database.in_transaction():
        raise RuntimeError(f"{what}() commits on its own; call it outside a transaction")


def _aad(name: str) -> bytes:
    return _AAD_PREFIX + name.encode("utf-8")


def _seal(key: bytes, nonce: bytes, name: str, value: str) -> bytes:
    return AESGCM(key).encrypt(nonce, value.encode("utf-8"), _aad(name))


def _write(name: str, value: str, ring: KeyRing) -> None:
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _seal(ring.keys[ring.current], nonce, name, value)
    database.execute_sql(
        "INSERT INTO secret (name, key_id, nonce, ciphertext, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET key_id = excluded.key_id, "
        "nonce = excluded.nonce, ciphertext = excluded.ciphertext, "
        "updated_at = excluded.updated_at",
        (name, ring.current, nonce, ciphertext, to_micros(utcnow())),
    )


def _open(name: str, row, ring: KeyRing | None, where: str) -> str:
    key_id, nonce, ciphertext = row
    if ring is None:
        raise SecretError(f"The stored secret {name} cannot be decrypted: the key file {where} "
                          "is missing. Restore it from the backup taken with the store.")
    key = ring.keys.get(key_id)
    if key is None:
        raise SecretError(f"The stored secret {name} cannot be decrypted: its key ({key_id}) "
                          f"is not in the key file {where}. Restore the key file from the "
                          f"backup taken with the store, or set the secret again.")
    damaged = (f"The stored secret {name} cannot be decrypted: it was changed or damaged "
               f"after it was saved. Set it again with 'pos keys set {name}'.")
    if not (isinstance(nonce, bytes) and len(nonce) == NONCE_BYTES
            and isinstance(ciphertext, bytes)):
        raise SecretError(damaged)
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, _aad(name)).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        raise SecretError(damaged) from None
