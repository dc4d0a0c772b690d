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

Per way of paying through the gateway (`by_method`: a card token, a card reader,
each wallet's payment code and store QR), the approval rate counts that method's
finished charge attempts, and the time to pay runs from the attempt being opened
(the cashier pressed Charge) to its approval: for a reader or a wallet it includes
the customer's tap or confirmation.
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
class MethodStats:
    """Gateway charges of one way of paying: `rate.key` is "card", "reader",
    "alipay_code", "alipay_qr", "wechat_code", "wechat_qr" (`METHOD`)."""

    rate: Rate
    time_to_pay: Durations  # from the attempt opened to its approval


@dataclass(frozen=True)
class PaymentStats:
    by_tender: list[Rate]  # gateway charge attempts for cards; cash payments always succeed
    by_hour: list[Rate]  # gateway charge attempts by local hour
    create_to_pay: Durations
    pay_to_finish: Durations
    taken: list[Taken] = ()  # every recorded payment by tender, however it was taken
    by_method: list[MethodStats] = ()  # gateway charge attempts by way of paying


_CARD = """
    SELECT {key} AS k,
           sum(status = 'approved'),
           sum(status IN ('declined', 'failed')),
           sum(status IN ('pending', 'unknown', 'abandoned', 'stored_offline'))
    FROM payment_attempt WHERE kind = 'charge' AND created_at >= ? AND created_at < ?
    GROUP BY k ORDER BY k"""

_HOUR = "strftime('%H', created_at / 1000000, 'unixepoch', 'localtime')"

METHOD = """CASE WHEN card_token LIKE 'reader:%' THEN 'reader'
    WHEN card_token LIKE 'wallet:%' THEN substr(card_token, 8) || '_code'
    WHEN card_token LIKE 'qr:%' THEN substr(card_token, 4) || '_qr'
    ELSE 'card' END"""
"""A charge attempt's way of paying, from what its card_token names
(`pos.payments.attempts.source`): a token is a card."""


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
    orders = "FROM orders WHERE {end} IS NOT NULL AND created_at >= ? AND created_at < ?"
    charges = (f"FROM payment_attempt WHERE kind = 'charge' AND status = 'approved' "
               f"AND finished_at IS NOT NULL AND ({METHOD}) = ? AND created_at >= ? "
               "AND created_at < ?")
    by_method = [MethodStats(Rate(*row), _durations(
        "created_at", "finished_at", charges, (row[0], *span)))
        for row in database.execute_sql(_CARD.format(key=METHOD), span)]
    return PaymentStats(
        by_tender, by_hour,
        _durations("created_at", "paid_at", orders.format(end="paid_at"), span),
        _durations("paid_at", "completed_at", orders.format(end="completed_at"), span),
        taken, by_method)


def _durations(start: str, end: str, where: str, params: tuple) -> Durations:
    """Count, median and 90th percentile of `end - start` over the rows of `where`."""
    count = database.execute_sql(f"SELECT count(*) {where}", params).fetchone()[0]
    if not count:
        return Durations(0, None, None)

    def at(fraction: float) -> float:
        offset = min(count - 1, int(fraction * count))
        value = database.execute_sql(
            f"SELECT {end} - {start} AS d {where} ORDER BY d LIMIT 1 OFFSET ?",
            (*params, offset)).fetchone()[0]
        return value / _MICROS

    return Durations(count, at(0.5), at(0.9))
