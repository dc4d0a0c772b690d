"""Backups and restore on real store files: `pos backup` while sales are being written,
each copy checked (integrity, journal) and restorable; refusals in words; the key file
only when asked; the last N kept; the replaced store set aside whole."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
from pathlib import Path

from pos.cli.main import main
from pos.store import backups, journal, snapshot
from pos.store.db import close_store, database, open_store
from tests.store.test_journal_anchor import sell


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def checks_out(path) -> journal.VerifyResult:
    """integrity_check and `journal verify`, as the command line runs them on `path`."""
    open_store(path)
    try:
        assert [r[0] for r in database.execute_sql("PRAGMA integrity_check")] == ["ok"]
        result = journal.verify()
        assert result.ok, result.problem
        return result
    finally:
        close_store()


def orders(path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM orders").fetchone()[0]


def test_a_backup_taken_during_a_stream_of_sales_restores_to_a_store_that_checks_out(
        catalogue, tmp_path, capsys):
    """A thread rings sales through pos.sales while `pos backup` copies the store three
    times; every copy checks out, and the last restores to a store that passes
    integrity_check and journal verify."""
    sell(catalogue, 3)
    store = database.database
    close_store()  # the seller thread is the till: its own connection writes
    stop, sold, failures = threading.Event(), [], []

    def till() -> None:
        database.connect()
        try:
            while not stop.is_set():
                sell(catalogue)
                sold.append(1)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            failures.append(exc)
        finally:
            database.close()

    seller = threading.Thread(target=till)
    seller.start()
    copies = []
    try:
        for _ in range(3):
            count = len(sold)
            while len(sold) < count + 5 and seller.is_alive():
                stop.wait(0.01)  # sales keep coming while the copy is taken
            code, out, err = run(capsys, "backup", "--db", store, "--to", tmp_path)
            assert code == 0, err
            copies.append(Path(out.splitlines()[0]))
    finally:
        stop.set()
        seller.join()
    assert not failures and len(sold) > 15
    assert snapshot.regular_backups(tmp_path, Path(store))[-1] == copies[-1]
    for copy in copies:
        assert copy.exists() and not copy.with_name(copy.name + ".keys").exists()
    restored = tmp_path / "restored" / "store.db"
    code, out, err = run(capsys, "restore", copies[-1], "--db", restored)
    assert code == 0, err
    assert "Restored" in out and "journal ok" in out
    result = checks_out(restored)
    assert 3 < orders(restored) <= 3 + len(sold)
    assert result.count >= orders(restored)


def test_restore_refuses_a_store_with_newer_sales_unless_forced_and_keeps_it_aside(
        catalogue, tmp_path, capsys):
    sell(catalogue, 2)
    store = database.database
    close_store()
    code, out, _ = run(capsys, "backup", "--db", store)
    assert code == 0
    copy = Path(out.splitlines()[0])
    assert copy.parent == tmp_path / "data" / "backups"  # the default folder
    assert copy.name.startswith("store-") and not list(copy.parent.glob("*.keys"))
    open_store(store)
    sell(catalogue, 1)  # a sale after the backup
    close_store()

    code, _, err = run(capsys, "restore", copy, "--db", store)
    assert code == 1 and "holds newer sales" in err and "--force" in err
    assert orders(store) == 3  # nothing changed

    code, out, err = run(capsys, "restore", copy, "--db", store, "--force")
    assert code == 0, err
    aside = next(tmp_path.glob("store.db.replaced-*[0-9]"))
    assert f"kept at {aside}" in out
    assert orders(store) == 2 and orders(aside) == 3
    assert aside.with_name(aside.name + ".anchor").exists()  # its anchor went with it
    for wal in tmp_path.glob("store.db.replaced-*-wal"):  # moved with it, checkpointed
        assert wal.stat().st_size == 0
    assert (tmp_path / "store.db.keys").exists()  # the restored store keeps its keys
    checks_out(store)
    open_store(store)
    sell(catalogue, 1)  # the restored store sells, and its journal goes on
    close_store()
    checks_out(store)


def test_a_copy_that_fails_its_check_is_deleted_and_the_command_says_why(
        catalogue, tmp_path, capsys):
    sell(catalogue, 2)
    store = database.database
    close_store()
    with contextlib.closing(sqlite3.connect(store)) as conn:  # behind the journal's back
        conn.execute("UPDATE order_line SET name = 'Water'")
        conn.commit()
    folder = tmp_path / "copies"
    folder.mkdir()
    code, out, err = run(capsys, "backup", "--db", store, "--to", folder)
    assert code == 1 and out == ""
    assert "does not verify" in err and "order 1 was changed after it was recorded" in err
    assert "The copy was deleted, so no backup was kept" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert list(folder.iterdir()) == []  # the copy that failed is gone


def test_a_missing_folder_is_refused_in_words(catalogue, tmp_path, capsys):
    store = database.database
    close_store()
    code, _, err = run(capsys, "backup", "--db", store, "--to", tmp_path / "usb" / "none")
    assert code == 1 and "does not exist (is the drive plugged in?)" in err
    assert not (tmp_path / "usb").exists()


def test_with_key_on_a_store_without_a_key_file_says_so(tmp_path, capsys):
    store = tmp_path / "new.db"
    assert run(capsys, "init", "--db", store)[0] == 0
    code, out, err = run(capsys, "backup", "--db", store, "--with-key")
    assert code == 1 and "There is no key file" in err and "without --with-key" in err
    assert not (tmp_path / "data" / "backups").exists()


def test_the_key_file_goes_beside_a_copy_only_when_asked(catalogue, tmp_path, capsys):
    sell(catalogue, 1)
    store = database.database
    close_store()
    folder = tmp_path / "safe"
    folder.mkdir()
    code, out, err = run(capsys, "backup", "--db", store, "--to", folder, "--with-key")
    assert code == 0, err
    copy = Path(out.splitlines()[0])
    key = copy.with_name(copy.name + ".keys")
    assert key.read_bytes() == (tmp_path / "store.db.keys").read_bytes()
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert "Keep this copy safe" in out
    assert backups.check_copy(copy).journal.key_confirmed  # the key beside it confirms it


def test_the_folder_keeps_the_last_n_regular_backups_and_every_upgrade_copy(
        catalogue, tmp_path):
    close_store()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first = backups.take_backup(elsewhere, 10).path
    folder = tmp_path / "kept"
    folder.mkdir()
    older = [folder / f"store-2020-01-0{day}T120000.db" for day in (1, 2, 3)]
    kept_anyway = [folder / "store-before-0099-from-0098-2019-01-01T000000.db",
                   folder / "demo-2019-01-01T000000.db"]  # another store's are not ours
    for path in older + kept_anyway:
        shutil.copy(first, path)
    shutil.copy(first, older[0].with_name(older[0].name + ".keys"))
    newest = backups.take_backup(folder, 2).path
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in [*kept_anyway, older[-1], newest])


def test_restore_refuses_another_stores_copy_and_a_file_that_is_no_store(
        catalogue, tmp_path, capsys):
    sell(catalogue, 1)
    store = database.database
    close_store()
    code, out, _ = run(capsys, "backup", "--db", store)
    copy = Path(out.splitlines()[0])
    other = tmp_path / "other" / "store.db"  # another till's store, with its own journal
    assert run(capsys, "demo", "--db", other, "--products", 20, "--days", 1)[0] == 0
    sold = orders(other)
    code, _, err = run(capsys, "restore", copy, "--db", other)
    assert code == 1 and "The copy is not of the store at" in err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    code, _, err = run(capsys, "restore", junk, "--db", store)
    assert code == 1 and "is not a store database or is damaged" in err
    assert len(err.splitlines()) == 1 and orders(store) == 1 and orders(other) == sold
