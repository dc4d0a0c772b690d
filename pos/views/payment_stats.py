"""Payment statistics: how often a payment succeeds, and how long paying takes.

Two different counts, never mixed: `taken` is every payment the store
recorded, by tender (a card taken on a standalone terminal is one too); the
approval probability P(success) = 1 − P(failure) is counted over finished
gateway charge attempts only (approved against declined or failed; attempts still open
are reported apart, never guessed), per tender and per local hour. Cash
always succeeds. The time model follows an order from creation (t_create,
the sale is placed) to payment (t_pay) to completion (t_finish); the median
and the 90th percentile are read by SQL with an ORDER BY … OFFSET, so a year
of orders is never loaded into memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.store.db import database

_MICROS = 1_000_000


@dataclass(frozen=True)
class Rate:
    key: str  # tender ("card", "cash") or hour ("09")
    approved: int
    failed: int
    open: int  # pending or unknown: not counted either way

    @property
    def rate(self) -> float | None:
        done = self.approved + self.failed
        return self.approved / done if done else None


@dataclass(frozen=True)
class Durations:
    count: int
    median: float | None  # seconds
    p90: float | None


@dataclass(frozen=True)
class Taken:
    tender: str
    payments: int  # recorded and standing (approved, refunded or stored offline)
    declined: int  # recorded, then declined or voided: no money kept


@dataclass(frozen=True)
class PaymentStats:
    by_tender: list[Rate]  # gateway charge attempts for cards; cash payments always succeed
    by_hour: list[Rate]  # gateway charge attempts by local hour
    create_to_pay: Durations
    pay_to_finish: Durations
    taken: list[Taken] = ()  # every recorded payment by tender, however it was taken


_CARD = """
    SELECT {key} AS k,
           sum(status = 'approved'),
           sum(status IN ('declined', 'failed')),
           sum(status IN ('pending', 'unknown', 'abandoned', 'stored_offline'))
    FROM payment_attempt WHERE kind = 'charge' AND created_at >= ? AND created_at < ?
    GROUP BY k ORDER BY k"""

_HOUR = "strftime('%H', created_at / 1000000, 'unixepoch', 'localtime')"


def payment_stats(since_micros: int = 0, until_micros: int = 1 << 62) -> PaymentStats:
    """Every figure for what was created in [since_micros, until_micros) (UTC µs)."""
    span = (since_micros, until_micros)
    card = [Rate("card", *row[1:]) for row in
            database.execute_sql(_CARD.format(key="'card'"), span)]
    cash = database.execute_sql(
        "SELECT count(*) FROM payment WHERE tender = 'cash' AND created_at >= ? "
        "AND created_at < ?", span).fetchone()[0]
    by_tender = card + ([Rate("cash", cash, 0, 0)] if cash else [])
    by_hour = [Rate(*row) for row in database.execute_sql(_CARD.format(key=_HOUR), span)]
    taken = [Taken(*row) for row in database.execute_sql(
        "SELECT tender, sum(status NOT IN ('declined', 'voided')), "
        "sum(status IN ('declined', 'voided')) FROM payment "
        "WHERE created_at >= ? AND created_at < ? GROUP BY tender ORDER BY tender", span)]
    return PaymentStats(by_tender, by_hour, _durations("created_at", "paid_at", span),
                        _durations("paid_at", "completed_at", span), taken)


def _durations(start: str, end: str, span: tuple[int, int]) -> Durations:
    where = f"FROM orders WHERE {end} IS NOT NULL AND created_at >= ? AND created_at < ?"
    count = database.execute_sql(f"SELECT count(*) {where}", span).fetchone()[0]
    if not count:
        return Durations(0, None, None)

    def at(fraction: float) -> float:
        offset = min(count - 1, int(fraction * count))
        value = database.execute_sql(
            f"SELECT {end} - {start} AS d {where} ORDER BY d LIMIT 1 OFFSET ?",
            (*span, offset)).fetchone()[0]
        return value / _MICROS

    return Durations(count, at(0.5), at(0.9))
