"""One writing process per store (issue 15): a real process holds the store's writer lock
as the till does; commands that write are refused in one sentence naming it, commands
that only read still work beside it, and a holder killed with SIGKILL leaves nothing
that stops the next start."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys

import pytest

from pos.errors import StoreError, StoreInUse
from pos.store import db, writer_lock
from pos.store.migrations import LATEST

HOLDER = """
import sys
from pos.store.db import open_store
open_store(sys.argv[1], writer="the register window")
print("holding", flush=True)
sys.stdin.read()  # until the test closes our input, or kills us
"""


def pos(*args, data_dir):
    env = {**os.environ, "POS_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "pos", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lock")
    path = folder / "demo.db"
    made = pos("demo", "--db", path, "--products", 30, "--days", 1, data_dir=folder)
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def till(demo):
    """A real second process holding `demo` as the register window does."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "holding\n"
    with process:  # closes its pipes
        yield process
        if process.poll() is None:
            process.stdin.close()
            process.wait(timeout=30)


def sentence_for(process, path) -> str:
    return (f"The store {path} is open in the register window (process {process.pid} on "
            f"{socket.gethostname()}, since ")


WRITING = [
    ("settings", "store_name=Other"),
    ("payments", "reconcile"),
    ("users", "disable", "Alex"),
    ("products", "import", "nothing.csv"),
    ("keys", "rotate"),
    ("init",),
]


@pytest.mark.parametrize("command", WRITING, ids=" ".join)
def test_a_writing_command_is_refused_in_one_sentence_naming_the_till(demo, till, command):
    result = pos(*command, "--db", demo, data_dir=demo.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("pos: " + sentence_for(till, demo)), line
    assert line.endswith("Only one program at a time may change a store: close that one "
                         "first, then try again.")


READING = [
    ("orders", "list", "--limit", "3"),
    ("orders", "show", "1"),
    ("receipt", "1", "--to", "text"),
    ("journal", "verify"),
    ("doctor",),
    ("sync", "status"),
    ("payments", "stats"),
    ("users", "list"),
    ("keys", "list"),
    ("products", "export", "{folder}/products.csv"),
]


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_a_reading_command_works_beside_the_till(demo, till, command):
    command = [word.format(folder=demo.parent) for word in command]
    result = pos(*command, "--db", demo, data_dir=demo.parent)
    assert result.returncode == 0, result.stderr


def test_the_doctor_names_the_holder_and_says_why_the_wal_reset_bug_cannot_bite(demo, till):
    result = pos("doctor", "--db", demo, data_dir=demo.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line[:20].strip(): line[21:].strip() for line in result.stdout.splitlines()}
    assert rows["SQLite"] == sqlite3.sqlite_version
    assert rows["Writer lock"].startswith(
        f"held by the register window (process {till.pid} on {socket.gethostname()}")
    assert "one process at a time writes a store" in rows["SQLite note"]
    assert "one connection writes" in rows["SQLite note"]
    assert "no trial write" in rows["Writable"]
    till.stdin.close()
    till.wait(timeout=30)
    result = pos("doctor", "--db", demo, data_dir=demo.parent)
    assert "Writer lock          free" in result.stdout
    assert "Writable             yes" in result.stdout


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX's")
def test_a_killed_holder_leaves_the_store_free_at_once(demo, till):
    with pytest.raises(StoreInUse) as refused:
        writer_lock.acquire(demo, "pos settings")
    assert refused.value.holder.pid == till.pid
    os.kill(till.pid, signal.SIGKILL)
    till.wait(timeout=30)
    assert writer_lock.holder(demo) is None  # its details are left, its lock is not
    db.open_store(demo, writer="the register window")
    try:
        assert writer_lock.holder(demo).pid == os.getpid()
    finally:
        db.close_store()
    assert not writer_lock.lock_path(demo).exists()
    assert pos("settings", "store_name=After", "--db", demo, data_dir=demo.parent
               ).returncode == 0


def test_two_opens_in_one_process_exclude_each_other_too(tmp_path):
    store = tmp_path / "s.db"
    with writer_lock.acquire(store, "pos demo") as first:
        assert writer_lock.holder(store) == first.holder
        with pytest.raises(StoreInUse, match="is open in pos demo"):
            writer_lock.acquire(store, "the register window")
    assert writer_lock.holder(store) is None


def test_a_read_only_store_is_never_written_nor_migrated(tmp_path):
    store = tmp_path / "s.db"
    db.open_store(store)
    db.close_store()
    with sqlite3.connect(store) as raw:
        raw.execute("UPDATE schema_version SET version = -1 WHERE version = ?", (LATEST,))
    raw.close()
    before = store.read_bytes()
    with pytest.raises(StoreError, match="older version of the program"):
        db.open_store(store, read_only=True)
    assert store.read_bytes() == before
    with sqlite3.connect(store) as raw:
        raw.execute("UPDATE schema_version SET version = ? WHERE version = -1", (LATEST,))
    raw.close()
    db.open_store(store, read_only=True)
    try:
        with pytest.raises(StoreError, match="read-only"), db.translate_errors():
            db.database.execute_sql("CREATE TABLE t (x)")
        assert db.store_path() == store  # the key file and the anchor are found beside it
    finally:
        db.close_store()


def test_make_run_twice_leaves_the_demo_to_the_open_till(demo, till):
    """`make run` runs `pos demo --if-missing` before the window: with a till on the demo
    it leaves the store alone, and the second window then says who has it."""
    result = pos("demo", "--if-missing", "--db", demo, data_dir=demo.parent)
    assert result.returncode == 0, result.stderr
    assert "already at" in result.stdout


def test_a_backup_is_taken_beside_the_till_and_a_restore_over_it_refused(demo, till):
    folder = demo.parent / "copies"
    folder.mkdir(exist_ok=True)
    backup = pos("backup", "--to", folder, "--db", demo, data_dir=demo.parent)
    assert backup.returncode == 0, backup.stderr
    copy = backup.stdout.splitlines()[0]
    restore = pos("restore", copy, "--db", demo, "--force", data_dir=demo.parent)
    assert restore.returncode == 1
    assert restore.stderr.startswith("pos: " + sentence_for(till, demo)), restore.stderr
    assert writer_lock.holder(demo).pid == till.pid
