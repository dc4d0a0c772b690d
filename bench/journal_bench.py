"""`python -m bench.journal_bench [--entries N] [--every-signature]`: the audit journal at scale.

Writes N signed entries (sales and payments) in one transaction with the bulk
writer, then times `pos.store.journal.verify` on a freshly opened store against a
baseline measured in the same run: raw sqlite3 reading the same rows. Also
times one Ed25519 check, which is what checking each signature costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import tempfile
import time
from pathlib import Path


def records(count: int):
    from pos.store.journal import Record

    start = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
    for i in range(count):
        at = start + dt.timedelta(seconds=20 * i)
        if i % 2:
            yield Record("payment", {"order_id": i // 2 + 1, "attempt_id": i, "tender": "card",
                                     "amount": 1234 + i % 997, "currency": "USD",
                                     "card_last4": "4242"}, 3, at)
        else:
            yield Record("sale", {"order_id": i // 2 + 1, "receipt_no": i // 2 + 1,
                                  "total": 1234 + i % 997, "tax": 101, "currency": "USD",
                                  "lines": 1 + i % 7}, 3, at)


def raw_read(path: Path) -> int:
    """The baseline: every row of the journal through plain sqlite3, nothing computed."""
    conn = sqlite3.connect(path)
    rows = 0
    for _ in conn.execute("SELECT seq, at, kind, user_id, data, prev_hash, hash, signature, "
                          "key_id FROM journal_entry ORDER BY seq"):
        rows += 1
    conn.close()
    return rows


def ed25519_checks_per_second(samples: int = 5000) -> float:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    public, message = key.public_key(), os.urandom(53)
    signature = key.sign(message)
    start = time.perf_counter()
    for _ in range(samples):
        public.verify(signature, message)
    return samples / (time.perf_counter() - start)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def measure_journal(entries: int, every_signature: bool = False) -> list[tuple]:
    """Build `entries` signed entries, then time verify against the raw read; the rows
    (step, seconds, baseline seconds or None)."""
    from pos.store import journal
    from pos.store.db import close_store, database, open_store

    with tempfile.TemporaryDirectory(prefix="journal-bench-") as folder:
        os.environ["POS_DATA_DIR"] = folder
        path = Path(folder) / "journal.db"
        open_store(path)

        def build():
            with database.atomic():
                return journal.append_many(records(entries))

        last, build_s = timed(build)
        close_store()
        sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        _, raw_s = timed(lambda: raw_read(path))
        open_store(path)
        rows = [("build: sign + insert (bulk writer)", build_s, None)]
        rows.append(("baseline: raw sqlite3 read of the rows", raw_s, None))
        result, verify_s = timed(journal.verify)
        assert result.ok and result.count == entries == last.seq, result
        rows.append(("verify: every hash and link, head signed", verify_s, raw_s))
        if every_signature:
            result, every_s = timed(lambda: journal.verify(every_signature=True))
            assert result.ok, result
            rows.append(("verify --every-signature", every_s, raw_s))
        close_store()
    return rows


def run(results, entries: int = 1_000_000) -> None:
    """`make bench`'s journal group: verifying a million entries (target: under 60 s)."""
    from bench.harness import result

    rows = {name: (seconds, baseline) for name, seconds, baseline in
            measure_journal(entries)}
    seconds, baseline = rows["verify: every hash and link, head signed"]
    results.append(result(f"journal verify, {entries:,} entries", [seconds],
                          target="< 60 s", unit="s",
                          baseline=("raw sqlite3 read of the rows", [baseline])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.journal_bench")
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--every-signature", action="store_true",
                        help="also time verify(every_signature=True)")
    args = parser.parse_args(argv)
    rows = measure_journal(args.entries, args.every_signature)
    verify_s = rows[2][1]
    n = args.entries
    print(f"audit journal, {n:,} entries (SQLite {sqlite3.sqlite_version})")
    print(f"{'step':<44} {'seconds':>9} {'entries/s':>12} {'vs baseline':>12}")
    for name, seconds, baseline in rows:
        ratio = f"{seconds / baseline:.1f}x" if baseline else "-"
        print(f"{name:<44} {seconds:>9.2f} {n / seconds:>12,.0f} {ratio:>12}")
    per_second = ed25519_checks_per_second()
    print(f"one Ed25519 check: {1e6 / per_second:.0f} us ({per_second:,.0f}/s on one core); "
          f"checking each of {n:,} alone would take {n / per_second:.0f} s")
    print(f"target: verify 1,000,000 entries in under 60 s -> "
          f"{verify_s * 1_000_000 / n:.1f} s at this rate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
