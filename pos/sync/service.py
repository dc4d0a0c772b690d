"""A till and head office: enrolling this store file as a terminal, a round of sync, and
what the status bar and `pos sync status` say.

The till never waits for head office: a round runs off the GUI thread (or from the
command line), sends the outbox in order, and stops at the first failure, which it
records; the sale that was rung up meanwhile is already in the outbox. A round is safe
to repeat or to kill at any point: head office applies each batch once (by seq) and the
till moves its cursor only on head office's signed acknowledgement.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pos.errors import PosError, StateError
from pos.settings import load_settings, save_settings
from pos.store import secrets
from pos.store.db import database, translate_errors
from pos.store.models import Order, to_micros, utcnow
from pos.sync import download, outbox
from pos.sync.client import HqClient, HqRefused
from pos.sync.client import enroll as request_enrollment

SECRET_NAME = "hq_terminal_secret"
PAGE = 1000  # changes asked for at once (head office gives up to 5,000)


@dataclass(frozen=True)
class SyncState:
    url: str
    store_id: str
    terminal_id: str
    sent_seq: int
    waiting: int
    last_ok_at: dt.datetime | None
    last_error: str | None
    last_error_at: dt.datetime | None

    @property
    def offline_since(self) -> dt.datetime | None:
        """When rounds began to fail (None while the last one finished)."""
        if self.last_error_at and (self.last_ok_at is None
                                   or self.last_error_at > self.last_ok_at):
            return self.last_ok_at or self.last_error_at
        return None


@dataclass(frozen=True)
class RoundResult:
    batches: int
    records: int  # sent
    waiting: int  # outbox rows still to send
    received: int = 0  # changes from head office applied


def state() -> SyncState | None:
    """This till's link to head office; None when it stands alone."""
    with translate_errors():
        row = database.execute_sql(
            "SELECT url, store_id, terminal_id, sent_seq, last_ok_at, last_error, "
            "last_error_at FROM sync_state").fetchone()
        if row is None:
            return None
        return SyncState(row[0], row[1], row[2], row[3], outbox.waiting(), _at(row[4]),
                         row[5], _at(row[6]))


def enroll(url: str, code: str) -> SyncState:
    """Make this store file the terminal the code names: its settings come from head
    office, its secret is kept encrypted, and what it already holds (sales, shifts,
    customers, the journal) is queued for the first round."""
    if state() is not None:
        raise StateError("This till is already enrolled at head office.")
    held = load_settings().currency if Order.select().exists() else None
    answer = request_enrollment(url, code, held)
    store, terminal_id = answer["store"], answer["terminal_id"]
    secrets.put_secret(SECRET_NAME, answer["secret"])
    with translate_errors(), database.atomic():
        save_settings(currency=store["currency"], locale=store["locale"],
                      tax_mode=store["tax_mode"], store_name=store["name"],
                      terminal_id=terminal_id)
        database.execute_sql(
            "INSERT INTO sync_state (id, url, store_id, terminal_id, enrolled_at) "
            "VALUES (1, ?, ?, ?, ?)", (url, store["id"], terminal_id, to_micros(utcnow())))
        # what this store file already holds goes first, in the order it happened
        database.execute_sql("INSERT INTO outbox (kind, ref) SELECT 'journal', seq "
                             "FROM journal_entry ORDER BY seq")
        for kind, table in (("customer", "customer"), ("shift", "shift"), ("order", "orders")):
            database.execute_sql(f"INSERT INTO outbox (kind, ref) SELECT '{kind}', id "
                                 f"FROM {table} ORDER BY id")
    return state()


def client_for(link: SyncState) -> HqClient:
    secret = secrets.get_secret(SECRET_NAME)
    if secret is None:
        raise StateError("This till's head-office secret is missing; enroll it again.")
    return HqClient(link.url, link.store_id, link.terminal_id, secret)


def sync_round(client: HqClient | None = None) -> RoundResult:
    """Send everything waiting, batch by batch, in order; then apply what head office
    changed, page by page, and send what that journalled. Raises on the first failure,
    which is also recorded (the status bar's "offline since"). Writes on the till's own
    connection: the command line's round (the window's worker sends with
    `send_waiting` and leaves the writing to the GUI thread)."""
    link = state()
    if link is None:
        raise StateError("This till is not enrolled at head office (pos sync enroll).")
    own = client is None
    client = client or client_for(link)
    try:
        sent = send_waiting(outbox.acknowledged, client)
        received = 0
        with contextlib.closing(_pages(client, download.changes_seq())) as pages:
            for page in pages:  # closed at once on failure: no request left behind
                received += download.apply_page(page["changes"], int(page["last"]))
        if received:  # what was applied is journalled here: that goes up too
            again = send_waiting(outbox.acknowledged, client)
            sent = RoundResult(sent.batches + again.batches, sent.records + again.records,
                               again.waiting)
    except PosError as exc:
        record_round(str(exc))
        raise
    finally:
        if own:
            client.close()
    record_round(None)
    return RoundResult(sent.batches, sent.records, sent.waiting, received)


def send_waiting(acknowledged: Callable[[int], None],
                 client: HqClient | None = None) -> RoundResult:
    """Read and send the outbox after the cursor, batch by batch, calling
    `acknowledged(seq)` on each acknowledgement. Reads only, so it may run on a worker's
    read-only connection with `acknowledged` writing on the till's (the cursor it moves
    on is its own, in memory); `sync_round` writes at once. Nothing is recorded here:
    the caller records the round (`record_round`)."""
    link = state()
    if link is None:
        raise StateError("This till is not enrolled at head office (pos sync enroll).")
    own = client is None
    client = client or client_for(link)
    batches = records = 0
    sent = link.sent_seq
    try:
        while (batch := outbox.next_batch(sent)) is not None:
            sent = _send(client, batch)
            acknowledged(sent)
            batches, records = batches + 1, records + len(batch.records)
        waiting = outbox.waiting(after=sent)  # sold meanwhile: the next round's
    finally:
        if own:
            client.close()
    return RoundResult(batches, records, waiting)


def _pages(client: HqClient, after: int) -> Iterator[dict]:
    """Head office's pages of changes after `after`, each asked for while the one before
    it is applied (a new till's million products: the server and the till work at once).
    Only the helper thread uses the client until the last page is out."""
    def ask(after: int) -> dict:
        return client.post("/v1/changes", {"after": after, "limit": PAGE})

    with ThreadPoolExecutor(1, thread_name_prefix="hq-pages") as pool:
        coming = pool.submit(ask, after)
        while True:
            page = coming.result()
            more = bool(page["more"])
            if more:
                coming = pool.submit(ask, int(page["last"]))
            yield page
            if not more:
                return


def enrolled() -> bool:
    """Whether this store file is a terminal of head office (which then owns its
    catalogue, staff and settings)."""
    with translate_errors():
        return database.execute_sql("SELECT 1 FROM sync_state").fetchone() is not None


def _send(client: HqClient, batch: outbox.Batch) -> int:
    content = {"first": batch.first, "last": batch.last, "waiting": batch.waiting,
               "records": batch.records}
    try:
        return int(client.post("/v1/outbox", content,
                               key=f"outbox-{batch.first}-{batch.last}")["acked_seq"])
    except HqRefused as refused:
        acked = refused.content.get("acked_seq")
        if refused.code == "gap" and isinstance(acked, int) and acked >= batch.first - 1:
            return acked  # head office had more than we knew: our cursor catches up
        raise


def record_round(error: str | None) -> None:
    """A round finished (`error` None) or failed with `error`: what `state()` then says."""
    now = to_micros(utcnow())
    with translate_errors(), database.atomic():
        if error is None:
            database.execute_sql("UPDATE sync_state SET last_ok_at = ?", (now,))
        else:
            database.execute_sql("UPDATE sync_state SET last_error = ?, last_error_at = ?",
                                 (error[:500], now))


def _at(micros: int | None) -> dt.datetime | None:
    return None if micros is None else dt.datetime.fromtimestamp(micros / 1e6, dt.UTC)
