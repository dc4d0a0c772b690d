"""Secrets at rest: sealed in the store, keys beside it, refused when touched, rotated safely."""

from __future__ import annotations

import base64
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pos.store.db import close_store, database, open_store
from pos.store.secrets import (
    KeyFile,
    KeyRing,
    SecretError,
    delete_secret,
    get_secret,
    key_file_path,
    key_status,
    list_secrets,
    put_secret,
    retire_unused_keys,
    rotate_keys,
    secret_names,
)

ROOT = Path(__file__).resolve().parents[2]
VALUES = {
    "gateway_api_key": "sk_live_5f2b8c9e1d4a7f3b6c0e9a8d",
    "gateway_signing_secret": "whsec_9d8c7b6a5f4e3d2c1b0a99887766",
    "terminal_signing_key": "终端签名密钥-ed25519-base64-QUJDREVGR0hJSktMTU5P",
}
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "store.db"
    open_store(path)
    yield path
    close_store()


def keys_of(db: Path) -> Path:
    return db.with_name(db.name + ".keys")


def put_all() -> None:
    for name, value in VALUES.items():
        put_secret(name, value)


def rows() -> dict[str, tuple]:
    return {r[0]: r[1:] for r in database.execute_sql(
        "SELECT name, key_id, nonce, ciphertext FROM secret").fetchall()}


def test_round_trip_overwrite_and_delete(db):
    assert get_secret("gateway_api_key") is None and secret_names() == []
    put_all()
    assert {name: get_secret(name) for name in VALUES} == VALUES
    assert secret_names() == sorted(VALUES)
    assert key_file_path() == keys_of(db)
    current = key_status().current
    assert {info.key_id for info in list_secrets()} == {current}

    first_nonce = rows()["gateway_api_key"][1]
    put_secret("gateway_api_key", "sk_live_replaced")
    assert get_secret("gateway_api_key") == "sk_live_replaced"
    assert rows()["gateway_api_key"][1] != first_nonce  # a fresh nonce for every write

    assert delete_secret("gateway_api_key") is True
    assert delete_secret("gateway_api_key") is False
    assert get_secret("gateway_api_key") is None
    assert get_secret("terminal_signing_key") == VALUES["terminal_signing_key"]


@pytest.mark.parametrize("name", ["", "Gateway", "api key", "../etc", "x" * 65, "_lead"])
def test_bad_names_and_empty_values_are_refused(db, name):
    from pos.errors import InputError

    with pytest.raises(InputError, match="is not a secret name"):
        put_secret(name, "value")
    with pytest.raises(InputError, match="is empty"):
        put_secret("gateway_api_key", "")


class Abandon(Exception):
    pass


def test_secrets_join_the_callers_transaction(db):
    with database.atomic():
        put_secret("gateway_api_key", "one")
        with database.atomic():
            put_secret("gateway_signing_secret", "two")
        assert get_secret("gateway_signing_secret") == "two"
    assert get_secret("gateway_api_key") == "one"

    with pytest.raises(Abandon), database.atomic():
        put_secret("terminal_signing_key", "three")
        delete_secret("gateway_api_key")
        raise Abandon
    assert get_secret("terminal_signing_key") is None
    assert get_secret("gateway_api_key") == "one"

    with pytest.raises(RuntimeError, match="outside a transaction"), database.atomic():
        rotate_keys()


# --- nothing in plain text -----------------------------------------------------


def disk_forms(data: bytes) -> list[bytes]:
    """`data` as it could sit in a file: raw, hex, base64 at each alignment."""
    forms = [data, data.hex().encode()]
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + data)
        forms.append(encoded[4 if pad else 0:-4])  # the characters `data` alone decides
    return forms


def text_forms(value: str) -> list[bytes]:
    return [*disk_forms(value.encode("utf-8")), value.encode("utf-16-le"),
            value.encode("utf-16-be")]


def store_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*")
                    if p != keys_of(db))


def test_the_store_never_holds_a_secret_or_a_key_in_plain_text(db):
    put_all()
    put_secret("gateway_api_key", VALUES["gateway_api_key"])  # written twice
    old_keys = KeyFile(keys_of(db)).load().keys
    rotate_keys()
    new_keys = KeyFile(keys_of(db)).load().keys
    assert db.with_name(db.name + "-wal").stat().st_size > 0  # not checkpointed: both scanned

    def leaks() -> list[bytes]:
        found = store_bytes(db)
        assert rows()["gateway_api_key"][2] in found  # the scan does see what is stored
        forms = [f for v in VALUES.values() for f in text_forms(v)]
        forms += [f for key in {**old_keys, **new_keys}.values() for f in disk_forms(key)]
        return [f for f in forms if f in found]

    assert leaks() == []
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert leaks() == []
    key_text = keys_of(db).read_bytes()
    assert not [f for v in VALUES.values() for f in text_forms(v) if f in key_text]


# --- tampering -------------------------------------------------------------------


def flip(blob: bytes, at: int = 0) -> bytes:
    return blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1:]


def set_column(column, value, name="gateway_api_key"):
    database.execute_sql(f"UPDATE secret SET {column} = ? WHERE name = ?", (value, name))


def other_key_in_file(db):
    ring = KeyFile(keys_of(db)).load()
    grown = ring.with_new_key()
    KeyFile(keys_of(db)).save(KeyRing(ring.current, grown.keys))
    set_column("key_id", grown.current)


TAMPERS = {
    "ciphertext flipped": lambda db: set_column("ciphertext", flip(rows()["gateway_api_key"][2])),
    "tag flipped": lambda db: set_column("ciphertext", flip(rows()["gateway_api_key"][2], -1)),
    "tag cut off": lambda db: set_column("ciphertext", rows()["gateway_api_key"][2][:-16]),
    "ciphertext as text": lambda db: set_column("ciphertext", "sk_live_forged"),
    "nonce flipped": lambda db: set_column("nonce", flip(rows()["gateway_api_key"][1])),
    "nonce shortened": lambda db: set_column("nonce", rows()["gateway_api_key"][1][:8]),
    "key id unknown": lambda db: set_column("key_id", "20200101-deadbeef"),
    "key id of another key": other_key_in_file,
}


@pytest.mark.parametrize("tamper", TAMPERS)
def test_a_changed_row_is_refused_with_a_plain_message(db, tamper):
    put_all()
    TAMPERS[tamper](db)
    with pytest.raises(SecretError) as caught:
        get_secret("gateway_api_key")
    message = str(caught.value)
    assert message.startswith("The stored secret gateway_api_key cannot be decrypted: ")
    assert "\n" not in message
    assert get_secret("gateway_signing_secret") == VALUES["gateway_signing_secret"]


@pytest.mark.parametrize("how", ["renamed", "copied"])
def test_a_row_moved_to_another_name_is_refused(db, how):
    put_secret("gateway_api_key", VALUES["gateway_api_key"])
    if how == "renamed":
        database.execute_sql("UPDATE secret SET name = 'gateway_signing_secret'")
    else:
        database.execute_sql("INSERT INTO secret SELECT 'gateway_signing_secret', key_id, "
                             "nonce, ciphertext, updated_at FROM secret")
    with pytest.raises(SecretError, match="^The stored secret gateway_signing_secret cannot be "
                                          "decrypted: it was changed or damaged"):
        get_secret("gateway_signing_secret")
    if how == "copied":
        assert get_secret("gateway_api_key") == VALUES["gateway_api_key"]


def test_rotation_refuses_while_a_secret_is_damaged_and_changes_nothing(db):
    put_all()
    set_column("nonce", flip(rows()["gateway_signing_secret"][1]), "gateway_signing_secret")
    key_file, before = keys_of(db).read_bytes(), rows()
    with pytest.raises(SecretError, match="gateway_signing_secret cannot be decrypted"):
        rotate_keys()
    assert keys_of(db).read_bytes() == key_file and rows() == before


# --- the key file ----------------------------------------------------------------


@posix_only
def test_the_key_file_is_made_private_even_under_a_lax_umask(db):
    previous = os.umask(0)
    try:
        put_secret("gateway_api_key", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(keys_of(db).stat().st_mode) == 0o600
    rotate_keys()
    assert stat.S_IMODE(keys_of(db).stat().st_mode) == 0o600
    assert not keys_of(db).with_name(keys_of(db).name + ".tmp").exists()


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_key_file_open_to_others_is_refused_with_the_fix(db, mode):
    put_all()
    keys_of(db).chmod(mode)
    fix = f"chmod 600 {keys_of(db)}"
    for attempt in (lambda: get_secret("gateway_api_key"), lambda: put_secret("a", "b"),
                    rotate_keys):
        with pytest.raises(SecretError, match="open to other users") as caught:
            attempt()
        assert str(caught.value).endswith(fix)
    assert secret_names() == sorted(VALUES)  # nothing was added
    keys_of(db).chmod(0o600)
    assert get_secret("gateway_api_key") == VALUES["gateway_api_key"]


def test_a_missing_key_file_is_explained_and_deleting_still_works(db):
    put_all()
    keys_of(db).unlink()
    with pytest.raises(SecretError, match="cannot be decrypted: the key file .* is missing"):
        get_secret("gateway_api_key")
    with pytest.raises(SecretError, match="is missing, but the store holds 3 secrets"):
        put_secret("gateway_api_key", "new")
    with pytest.raises(SecretError, match="the key file .* is missing"):
        rotate_keys()
    assert not keys_of(db).exists()  # never replaced by a key that opens nothing
    assert [i.name for i in list_secrets()] == sorted(VALUES)
    for name in VALUES:
        delete_secret(name)
    put_secret("gateway_api_key", "fresh")
    assert get_secret("gateway_api_key") == "fresh"


@pytest.mark.parametrize("content", [b"not json", b"{}", b'{"format": "pos-keys-1"}',
                                     b"\xff\xfe", b'{"format": "pos-keys-1", "current": "a", '
                                                  b'"keys": {"a": "c2hvcnQ="}}'])
def test_a_damaged_key_file_is_explained(db, content):
    put_secret("gateway_api_key", "x")
    keys_of(db).write_bytes(content)
    with pytest.raises(SecretError, match="is damaged or is not a key file of this program"):
        get_secret("gateway_api_key")


# --- rotation ---------------------------------------------------------------------


def test_rotation_re_encrypts_everything_and_retires_the_old_key(db):
    put_all()
    old = KeyFile(keys_of(db)).load()
    before = rows()
    assert rotate_keys() == 3
    new = KeyFile(keys_of(db)).load()
    assert list(new.keys) == [new.current] and new.current not in old.keys
    assert key_status().retired == ()
    after = rows()
    assert {key_id for key_id, _, _ in after.values()} == {new.current}
    assert all(after[n][1] != before[n][1] for n in VALUES)  # fresh nonces
    assert {name: get_secret(name) for name in VALUES} == VALUES
    text = keys_of(db).read_text()
    for key_id, key in old.keys.items():
        assert key_id not in text and base64.b64encode(key).decode() not in text

    # The old key, even put back under the new id, opens nothing.
    KeyFile(keys_of(db)).save(KeyRing(new.current, {new.current: old.keys[old.current]}))
    for name in VALUES:
        with pytest.raises(SecretError, match="changed or damaged"):
            get_secret(name)
    KeyFile(keys_of(db)).save(new)
    assert rotate_keys() == 3 and get_secret("gateway_api_key") == VALUES["gateway_api_key"]


def test_a_read_racing_a_rotation_elsewhere_reads_again(db, monkeypatch):
    put_all()
    stale = KeyFile(keys_of(db)).load()
    rotate_keys()  # as if another process rotated between our row read and key read
    loads = []
    real_load = KeyFile.load

    def stale_first(self):
        loads.append(self)
        return stale if len(loads) == 1 else real_load(self)

    monkeypatch.setattr(KeyFile, "load", stale_first)
    assert get_secret("gateway_api_key") == VALUES["gateway_api_key"]
    assert len(loads) == 2


def test_rotation_of_an_empty_store_makes_the_first_key(db):
    assert rotate_keys() == 0
    assert key_status().current is not None and keys_of(db).exists()


def test_a_failure_after_the_commit_keeps_both_keys_until_the_next_rotation(db, monkeypatch):
    put_all()
    old = key_status().current
    renames = []
    real_replace = os.replace

    def disk_full_at_the_second(*args):
        renames.append(args)
        if len(renames) == 2:
            raise OSError(28, "No space left on device")
        real_replace(*args)

    monkeypatch.setattr(os, "replace", disk_full_at_the_second)
    with pytest.raises(SecretError, match="re-encrypted with the new key .* but the old key is "
                                          "still in the key file.*No space left"):
        rotate_keys()
    monkeypatch.undo()
    status = key_status()
    assert status.retired == (old,) and status.current != old
    assert {name: get_secret(name) for name in VALUES} == VALUES
    assert retire_unused_keys() == [old]
    assert key_status().retired == ()


CRASHING_CHILD = """
import os, sys
from pos.store import secrets
from pos.store.db import database, open_store

open_store(sys.argv[1])
point, nth = sys.argv[2], int(sys.argv[3])
owner = {"fsync": os, "replace": os, "_seal": secrets, "commit": database}[point]
original = getattr(owner, point)
calls = 0

def crash_on_nth(*args, **kwargs):
    global calls
    calls += 1
    if calls == nth:
        os._exit(17)  # no cleanup, no rollback: as a power cut would leave it
    return original(*args, **kwargs)

setattr(owner, point, crash_on_nth)
secrets.rotate_keys()
"""

CRASH_POINTS = {  # where: (function, its nth call, whether the re-encryption was committed)
    "new key file written, not renamed": ("fsync", 1, False),
    "at the rename of the new key file": ("replace", 1, False),
    "new key file renamed, folder not synced": ("fsync", 2, False),
    "half the secrets re-encrypted": ("_seal", 2, False),
    "all re-encrypted, not committed": ("commit", 1, False),
    "committed, final key file not renamed": ("fsync", 3, True),
    "committed, at the final rename": ("replace", 2, True),
    "old key dropped, folder not synced": ("fsync", 4, True),
}


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_crash_at_any_step_of_rotation_leaves_every_secret_readable(db, point):
    function, nth, committed = CRASH_POINTS[point]
    put_all()
    old = key_status().current
    close_store()
    result = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(db), function, str(nth)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 17, result.stderr  # it died where it was meant to

    open_store(db)
    assert {name: get_secret(name) for name in VALUES} == VALUES
    assert ({key_id for key_id, _, _ in rows().values()} == {old}) is not committed
    ring = KeyFile(keys_of(db)).load()
    assert {key_id for key_id, _, _ in rows().values()} <= set(ring.keys)
    assert stat.S_IMODE(keys_of(db).stat().st_mode) == 0o600 or os.name == "nt"
    put_secret("gateway_api_key", "written after the crash")  # uses a key on disk

    assert rotate_keys() == 3  # and the next rotation tidies whatever the crash left
    assert key_status().retired == ()
    assert get_secret("gateway_api_key") == "written after the crash"
    assert not keys_of(db).with_name(keys_of(db).name + ".tmp").exists()


# --- command line -------------------------------------------------------------------


def pos(*args, data_dir, stdin=b""):
    env = {**os.environ, "POS_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "pos", *map(str, args)], input=stdin,
                          capture_output=True, env=env, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_keys_set_list_rotate_from_the_command_line(tmp_path):
    db = tmp_path / "s.db"
    assert pos("init", "--db", db, data_dir=tmp_path).returncode == 0
    api_key, signing = VALUES["gateway_api_key"], VALUES["gateway_signing_secret"]

    set_key = pos("keys", "set", "gateway_api_key", "--db", db, data_dir=tmp_path,
                  stdin=f"{api_key}\n".encode())
    assert set_key.returncode == 0, set_key.stderr
    out = set_key.stdout.decode()
    assert "Saved gateway_api_key" in out and f"Created the key file {keys_of(db)}" in out
    set_signing = pos("--db", db, "keys", "set", "gateway_signing_secret", data_dir=tmp_path,
                      stdin=f"  {signing}\r\n".encode())
    assert set_signing.returncode == 0 and "Created" not in set_signing.stdout.decode()

    listed = pos("keys", "list", "--db", db, data_dir=tmp_path)
    assert listed.returncode == 0
    first_key = listed.stdout.decode().split("current key ")[1].split(")")[0]
    assert "gateway_api_key" in listed.stdout.decode() and first_key in listed.stdout.decode()

    rotated = pos("keys", "rotate", "--db", db, data_dir=tmp_path)
    assert rotated.returncode == 0, rotated.stderr
    new_key = rotated.stdout.decode().split("with the new key ")[1].split(";")[0]
    assert rotated.stdout.decode().startswith("Re-encrypted 2 secrets with the new key ")
    listed = pos("keys", "list", "--db", db, data_dir=tmp_path).stdout.decode()
    assert listed.count(new_key) == 3 and first_key not in listed  # two rows and the file

    for result in (set_key, set_signing, rotated):
        for stream in (result.stdout, result.stderr):
            assert api_key.encode() not in stream and signing.encode() not in stream
    open_store(db)
    try:
        assert get_secret("gateway_api_key") == api_key
        assert get_secret("gateway_signing_secret") == signing
    finally:
        close_store()


@pytest.mark.slow
def test_wrong_inputs_give_one_plain_line(tmp_path):
    db = tmp_path / "s.db"
    pos("init", "--db", db, data_dir=tmp_path)
    pos("keys", "set", "gateway_api_key", "--db", db, data_dir=tmp_path, stdin=b"sk_1")

    def fails(*args, stdin=b"", says):
        result = pos(*args, data_dir=tmp_path, stdin=stdin)
        lines = result.stderr.decode().splitlines()
        assert result.returncode == 1 and len(lines) == 1, result.stderr
        assert lines[0].startswith("pos: ") and says in lines[0], lines[0]

    fails("keys", "set", "Gateway Key", "--db", db, stdin=b"x", says="is not a secret name")
    fails("keys", "set", "gateway_api_key", "--db", db, says="No value for gateway_api_key")
    fails("keys", "set", "gateway_api_key", "--db", db, stdin=b"\xff\xfe", says="not UTF-8")
    fails("keys", "set", "gateway_api_key", "--db", db, stdin=b"x" * 70_000, says="64 KB")
    fails("keys", "list", "--db", tmp_path / "none.db", says="There is no store at")
    fails("keys", "delete", "nothing_here", "--db", db, says="There is no secret named")

    keys_of(db).chmod(0o644)
    fails("keys", "rotate", "--db", db, says=f"chmod 600 {keys_of(db)}")
    keys_of(db).chmod(0o600)

    open_store(db)
    try:
        set_column("nonce", flip(rows()["gateway_api_key"][1]))
    finally:
        close_store()
    fails("keys", "rotate", "--db", db,
          says="The stored secret gateway_api_key cannot be decrypted: it was changed")

    # A value is never taken as an argument, so it stays out of shell history.
    as_argument = pos("keys", "set", "terminal_signing_key", "s3cret", "--db", db,
                      data_dir=tmp_path)
    assert as_argument.returncode == 2
    assert "terminal_signing_key" not in pos("keys", "list", "--db", db,
                                             data_dir=tmp_path).stdout.decode()
