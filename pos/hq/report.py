"""Sales across stores and terminals at head office, counted as each till counts them
(`pos.views.sales_report`): a sale is an order that was paid, dated when it was rung up,
gross of refunds; refunds are reported apart, on the day they were given. Days are each
store's own (its time zone): --since and --until are dates there."""

from __future__ import annotations

import datetime as dt

import psycopg

from pos.errors import InputError
from pos.views.sales_report import SALE_STATUSES

GROUPS = {
    "store": "st.name",
    "terminal": "st.name || '/' || s.terminal_id",
    "day": "to_char(s.created_at AT TIME ZONE st.timezone, 'YYYY-MM-DD')",
}
COLUMNS = ("orders", "total", "tax", "discount", "refunds")


def sales(conn: psycopg.Connection, by: str, since: dt.date | None = None,
          until: dt.date | None = None) -> list[dict]:
    """One row per store, terminal, day (the store's), tender or product, in minor
    units."""
    if since and until and until < since:
        raise InputError("--until is before --since, so no sale could match.")
    # the store's midnights: `since` at the start of its day, `until` at the end of its day
    dates = ("(%(since)s::date IS NULL OR s.created_at >= %(since)s::date::timestamp "
             "AT TIME ZONE st.timezone) AND (%(until)s::date IS NULL OR s.created_at < "
             "(%(until)s::date + 1)::timestamp AT TIME ZONE st.timezone)")
    where = f"s.status = ANY(%(statuses)s) AND {dates}"
    args = {"statuses": list(SALE_STATUSES), "since": since, "until": until}
    if by == "tender":
        return _rows(conn, (
            "SELECT key, sum(n), sum(amount), sum(refunded) FROM ("
            " SELECT p.tender AS key, 1 AS n, p.amount, 0 AS refunded FROM sale_payment p"
            " JOIN sale s ON s.uuid = p.sale_uuid JOIN store st ON st.id = s.store_id"
            f" WHERE p.status NOT IN ('declined', 'voided') AND {where}"
            " UNION ALL SELECT part->>'tender', 0, 0, (part->>'amount')::bigint"
            " FROM sale_refund r JOIN sale s ON s.uuid = r.sale_uuid"
            " JOIN store st ON st.id = s.store_id, jsonb_array_elements(r.parts) part"
            f" WHERE {dates.replace('s.created_at', 'r.created_at')}"
            ") t GROUP BY key ORDER BY key"), args, ("payments", "amount", "refunds"))
    if by == "product":
        return _rows(conn, (
            "SELECT l.sku, sum(l.quantity), sum(l.gross), sum(l.tax) FROM sale_line l"
            f" JOIN sale s ON s.uuid = l.sale_uuid JOIN store st ON st.id = s.store_id"
            f" WHERE {where} GROUP BY l.sku ORDER BY sum(l.gross) DESC, l.sku"),
            args, ("quantity", "gross", "tax"))
    key = GROUPS.get(by)
    if key is None:
        raise InputError(f"{by!r} is not a grouping; choose store, terminal, day, tender or "
                         "product.")
    refunds = ("SELECT {key} AS key, sum(r.amount) AS refunds FROM sale_refund r"
               " JOIN sale s ON s.uuid = r.sale_uuid JOIN store st ON st.id = s.store_id"
               " WHERE {dates} GROUP BY 1"
               ).format(key=key.replace("s.created_at", "r.created_at"),
                        dates=dates.replace("s.created_at", "r.created_at"))
    return _rows(conn, (
        f"WITH sold AS (SELECT {key} AS key, count(*) AS orders, sum(s.total) AS total,"
        " sum(s.tax) AS tax, sum(s.discount) AS discount FROM sale s"
        f" JOIN store st ON st.id = s.store_id WHERE {where} GROUP BY 1),"
        f" given AS ({refunds})"
        " SELECT coalesce(sold.key, given.key), coalesce(orders, 0), coalesce(total, 0),"
        " coalesce(tax, 0), coalesce(discount, 0), coalesce(refunds, 0)"
        " FROM sold FULL JOIN given ON given.key = sold.key ORDER BY 1"), args, COLUMNS)


def _rows(conn: psycopg.Connection, query: str, args: dict,
          columns: tuple[str, ...]) -> list[dict]:
    return [{"key": row[0], **{name: int(value or 0) for name, value in zip(columns, row[1:],
                                                                             strict=True)}}
            for row in conn.execute(query, args).fetchall()]
