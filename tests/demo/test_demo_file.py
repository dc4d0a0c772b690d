"""`pos demo` is atomic (issue 12, finding 7): killed at any point it leaves no store or a
complete one, never a half-filled store that `--if-missing` (and so `make run`) would take,
nor one that every re-run refuses ("There is already a user named Morgan")."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos.cli.main import main
from pos.demo.build import MARK, is_complete, temp_path
from pos.demo.data import create_demo
from pos.store import db, journal, journal_anchor, secrets, writer_lock

SMALL = ["--products", "200", "--days", "2"]


def pos(*args, folder: Path, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "POS_DATA_DIR": str(folder / "data")}
    return subprocess.Popen([sys.executable, "-m", "pos", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def assert_complete(path: Path, products: int = 200) -> None:
    """A whole demo: the mark, every product, its key file opening its secrets, a journal
    that verifies and agrees with its anchor."""
    from pos.store.models import Product

    db.open_store(path)
    try:
        assert is_complete()
        assert Product.select().count() == products
        assert secrets.secret_names()
        for name in secrets.secret_names():
            assert secrets.get_secret(name)
        assert journal.verify().ok
        assert journal_anchor.problem() is None
    finally:
        db.close_store()


def _started(process: subprocess.Popen, target: Path) -> float:
    """Wait until the build has begun (its temporary file is there); the time then."""
    deadline = time.monotonic() + 60
    while (not temp_path(target).exists() and not target.exists() and process.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.005)
    return time.monotonic()


@pytest.mark.slow
def test_killed_at_random_points_it_leaves_no_store_or_a_complete_one(tmp_path):
    """Killed at fractions of a whole build's time, measured here first (machines differ
    tenfold): early kills leave no store, the late one a complete store."""
    target = tmp_path / "demo.db"
    temp = temp_path(target)
    whole = pos("demo", "--db", target, *SMALL, folder=tmp_path)
    began = _started(whole, target)
    assert finish(whole)[0] == 0
    build_time = time.monotonic() - began
    for path in tmp_path.glob("demo.db*"):
        path.unlink()
    rng = random.Random(12)
    seen = set()
    for fraction in (0.05, rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9), 3.0):
        process = pos("demo", "--db", target, *SMALL, folder=tmp_path)
        _started(process, target)
        time.sleep(fraction * build_time)  # kill it somewhere in the build, or after it
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        was_there = target.exists()
        if was_there:
            seen.add("complete")
            assert_complete(target)
        else:
            seen.add("none")
        # what `make run` does next: a leftover is removed with a message, and the store
        # is there afterwards, complete
        code, out, err = finish(pos("demo", "--if-missing", "--db", target, *SMALL,
                                    folder=tmp_path))
        assert code == 0, err
        assert ("already at" if was_there else "Demo store at") in out
        if "Removed an unfinished demo store" in err:
            seen.add("cleaned")
        assert_complete(target)
        assert not temp.exists() and writer_lock.holder(target) is None
        for leftover in tmp_path.glob("demo.db.demo-tmp*"):
            pytest.fail(f"left behind: {leftover}")
        # start the next round from nothing
        for path in tmp_path.glob("demo.db*"):
            path.unlink()
    assert "none" in seen and "cleaned" in seen, seen


def test_killed_between_the_key_file_and_the_store_leaves_no_store(tmp_path):
    """The one instant with the key file in place and the store not yet: a crash there
    leaves no store (and a key file, which the next run moves aside), never a store
    without its key file."""
    target = tmp_path / "demo.db"
    crash = (
        "import os, sys\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        "    if str(src).endswith('.demo-tmp'):\n"
        "        os._exit(9)  # killed just before the store is renamed\n"
        "    real(src, dst)\n"
        "os.replace = replace\n"
        "from pos.cli.main import main\n"
        f"main(['demo', '--db', {str(target)!r}, '--products', '50', '--days', '1'])\n"
    )
    env = {**os.environ, "POS_DATA_DIR": str(tmp_path / "data")}
    died = subprocess.run([sys.executable, "-c", crash], env=env, capture_output=True,
                          timeout=120)
    assert died.returncode == 9, died.stderr
    keys = target.with_name("demo.db.keys")
    assert not target.exists() and keys.exists() and temp_path(target).exists()

    code, out, err = finish(pos("demo", "--if-missing", "--db", target, "--products", 50,
                                "--days", 1, folder=tmp_path))
    assert code == 0, err
    assert "Removed an unfinished demo store" in err
    assert f"{keys} belonged to no store" in err and "moved aside" in err
    assert_complete(target, products=50)
    assert len(list(tmp_path.glob("demo.db.keys.old-*"))) == 1


def test_if_missing_accepts_only_a_complete_demo(tmp_path, capsys, monkeypatch):
    """A store filled in place and never marked (an interrupted demo of an older version)
    was taken for a demo by --if-missing; now it is refused with what to do."""
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    half = tmp_path / "half.db"
    db.open_store(half)
    create_demo(products=20, days=0)  # the rows, but not the mark a finished demo writes
    db.close_store()
    capsys.readouterr()
    assert main(["demo", "--if-missing", "--db", str(half)]) == 1
    err = capsys.readouterr().err
    assert "not a complete demo store" in err and f"Delete {half}" in err

    done = tmp_path / "done.db"
    assert main(["demo", "--db", str(done), "--products", "20", "--days", "0"]) == 0
    assert main(["demo", "--if-missing", "--db", str(done)]) == 0
    assert f"Demo store already at {done}" in capsys.readouterr().out
    db.open_store(done)
    assert db.database.execute_sql("SELECT count(*) FROM setting WHERE key = ?",
                                   (MARK,)).fetchone()[0] == 1
    db.close_store()


def test_a_demo_goes_into_a_new_file_only(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    own = tmp_path / "own.db"
    assert main(["init", "--db", str(own)]) == 0
    before = own.read_bytes()
    capsys.readouterr()
    for extra in ([], ["--if-missing"]):
        assert main(["demo", *extra, "--db", str(own)]) == 1
        assert "demo data goes into a new store file" in capsys.readouterr().err
    assert own.read_bytes() == before


def test_a_refused_demo_leaves_nothing(tmp_path, capsys, monkeypatch):
    """Before, the store file was made first, so a demo refused for its arguments left an
    empty store that --if-missing then had to judge."""
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    target = tmp_path / "demo.db"
    assert main(["demo", "--db", str(target), "--products", "0"]) == 1
    assert "number of products" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


def test_a_second_demo_for_the_same_file_waits_its_turn(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    target = tmp_path / "demo.db"
    with writer_lock.acquire(target, "pos demo"):  # the store's own writer lock
        assert main(["demo", "--db", str(target), "--products", "5", "--days", "0"]) == 1
    err = capsys.readouterr().err
    assert f"is open in pos demo (process {os.getpid()}" in err, err
    assert not target.exists()
