"""`pos doctor` on stores that look fine to SQLite but cannot be sold from (issue 12,
finding 8): a secret that does not decrypt, a read-only store file or folder, a key file
that others could read or that its owner cannot replace. Each is a non-zero exit and a
line that says what to do."""

from __future__ import annotations

import sqlite3

import pytest

from pos.cli.main import main
from pos.store import db, doctor, secrets
from tests.store.read_only import read_only


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """A closed store with two secrets (and so a key file) and a settings row."""
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.db"
    assert main(["init", "--db", str(path)]) == 0
    db.open_store(path)
    secrets.put_secret("gateway_api_key", "sk_test_123")
    secrets.put_secret("gateway_signing_secret", "whsec_456")
    db.close_store()
    return path


def run_doctor(path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["doctor", "--db", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


def line(output: str, what: str) -> str:
    return "\n".join(row for row in output.splitlines() if row.startswith(what))


def test_a_sound_store_is_healthy(shop, capsys):
    code, out = run_doctor(shop, capsys)
    assert code == 0, out
    assert out.rstrip().endswith("healthy")
    assert "2, every one decrypts" in line(out, "Secrets")
    assert line(out, "Key file mode").endswith("600")
    assert "yes" in line(out, "Writable")
    assert line(out, "Journal").split()[1] == "verifies:"  # the journal's own line


def test_a_secret_that_does_not_decrypt_is_found(shop, capsys):
    with sqlite3.connect(shop) as raw:
        raw.execute("UPDATE secret SET ciphertext = zeroblob(40) "
                    "WHERE name = 'gateway_signing_secret'")
    raw.close()
    code, out = run_doctor(shop, capsys)
    assert code == 1
    bad = line(out, "Secret gateway_signing_secret")
    assert "cannot be decrypted" in bad and "pos keys set gateway_signing_secret" in bad
    assert "gateway_api_key" not in out  # the good one is not named
    assert "PROBLEMS FOUND" in out


def test_a_secret_whose_key_left_the_key_file_is_found(shop, capsys):
    db.open_store(shop)
    ring = secrets.key_store().load()
    db.close_store()
    with sqlite3.connect(shop) as raw:  # sealed under a key the key file never had
        raw.execute("UPDATE secret SET key_id = '20990101-00000000' "
                    "WHERE name = 'gateway_api_key'")
    raw.close()
    assert ring is not None
    code, out = run_doctor(shop, capsys)
    assert code == 1
    assert "Restore the key file" in line(out, "Secret gateway_api_key")


def test_a_read_only_store_file_is_found(shop, capsys, monkeypatch):
    with read_only(shop, monkeypatch) as how:
        code, out = run_doctor(shop, capsys)
    assert code == 1, out
    problem = line(out, "Writable")
    assert "read-only" in problem and str(shop) in problem
    if how != "query_only":  # the file itself: the line says how to make it writable
        assert f"chmod u+w {shop}" in problem


def test_a_read_only_folder_is_found(shop, capsys, monkeypatch):
    db.open_store(shop)  # the working files exist, as while the till runs
    try:
        with read_only(shop.parent, monkeypatch):
            code, out = run_doctor(shop, capsys)
    finally:
        db.close_store()
    assert code == 1, out
    assert f"The folder {shop.parent} is read-only" in line(out, "Writable")


@pytest.mark.parametrize("mode", [0o400, 0o640, 0o644])
def test_the_key_file_must_be_mode_600(shop, capsys, mode):
    keys = shop.with_name(shop.name + ".keys")
    keys.chmod(mode)
    code, out = run_doctor(shop, capsys)
    assert code == 1, out
    assert f"chmod 600 {keys}" in out


def test_the_sqlite_note_says_why_the_wal_reset_bug_cannot_bite_or_what_to_do(shop, capsys):
    old = doctor.sqlite_note((3, 40, 1))
    assert "two connections" in old and "one" in old and "3.51.3 or newer" in old
    assert "free of the WAL-reset bug" in doctor.sqlite_note((3, 51, 3))
    _, out = run_doctor(shop, capsys)
    assert line(out, "SQLite note")


def test_a_store_busy_with_another_writer_is_not_called_read_only(shop, monkeypatch):
    monkeypatch.setitem(db.PRAGMAS, "busy_timeout", 50)
    db.open_store(shop)
    till = sqlite3.connect(shop, isolation_level=None)
    till.execute("BEGIN IMMEDIATE")  # the till, in the middle of saving a sale
    try:
        rows, healthy = doctor.report(shop)
    finally:
        till.execute("ROLLBACK")
        till.close()
        db.close_store()
    assert healthy, rows
    assert "run 'pos doctor' again" in dict(rows)["Writable"]


def test_a_wiped_journal_fails_the_doctor_through_its_anchor(shop, capsys):
    """Issue 12, finding 1: a wiped journal passed as healthy."""
    from pos.staff import users
    db.open_store(shop)
    users.create_first_manager("Mo", pin="1234", params=users.ScryptParams(n=2 ** 10))
    db.close_store()
    code, out = run_doctor(shop, capsys)
    assert code == 0 and "entry 1 seen" in line(out, "Journal anchor"), out
    with sqlite3.connect(shop) as raw:
        for table in ("journal_entry", "journal_head", "journal_key"):
            raw.execute(f"DELETE FROM {table}")
        raw.execute("DELETE FROM secret WHERE name = 'journal_signing_key'")
    raw.close()
    code, out = run_doctor(shop, capsys)
    assert code == 1 and "its anchor" in line(out, "Journal") and "deleted" in out, out
