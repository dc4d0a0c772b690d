"""`pos orders list|show`: orders on the command line, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from decimal import Decimal

from pos.cli.common import READS, command_group, date_arg, local_midnight, open_for
from pos.errors import InputError
from pos.money import Money, parse_money
from pos.sales.order_states import parse_status
from pos.sales.orders import OrderFilter, find_order, list_orders
from pos.settings import load_settings
from pos.text_width import fit
from pos.views.order_view import order_detail, order_summary, tenders_by_order


def add_commands(sub, common) -> None:
    """Add `pos orders list|show` to the `pos` parser."""
    _, verbs = command_group(sub, "orders", "list and show orders", common)
    ls = verbs.add_parser("list", parents=[common], help="list orders, newest first")
    ls.add_argument("--since", type=date_arg, help="first day, YYYY-MM-DD (local time)")
    ls.add_argument("--until", type=date_arg, help="last day, YYYY-MM-DD (local time)")
    ls.add_argument("--status")
    ls.add_argument("--tender", choices=["cash", "card"])
    ls.add_argument("--min-total", help="in major units, e.g. 10.00")
    ls.add_argument("--max-total", help="in major units, e.g. 99.99")
    ls.add_argument("--limit", type=int, help="at most this many orders (default: all)")
    ls.add_argument("--format", choices=["table", "json", "csv"], default="table")
    ls.set_defaults(run=cmd_orders_list, **READS)
    show = verbs.add_parser("show", parents=[common], help="one order with its lines")
    show.add_argument("ref", metavar="RECEIPT_OR_UUID")
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(run=cmd_orders_show, **READS)


def cmd_orders_list(args) -> int:
    open_for(args)
    settings = load_settings()
    if args.limit is not None and args.limit <= 0:
        raise InputError("--limit must be a positive number.")
    filters = OrderFilter(
        since=local_midnight(args.since) if args.since else None,
        until=local_midnight(args.until + dt.timedelta(days=1)) if args.until else None,
        status=parse_status(args.status) if args.status else None,
        min_total=_minor(args.min_total, settings.currency, "--min-total"),
        max_total=_minor(args.max_total, settings.currency, "--max-total"),
        tender=args.tender,
    )
    if filters.min_total is not None and filters.max_total is not None \
            and filters.max_total < filters.min_total:
        raise InputError("--max-total is below --min-total, so no order could match.")
    # the first page is read before anything is written, so a refusal (a date range that
    # ends before it starts) is the only thing printed
    page_size = 500 if args.limit is None else min(500, args.limit)
    rows, cursor = list_orders(filters, limit=page_size)
    writer = _ListWriter(args.format, sys.stdout, settings.locale)
    shown = 0
    while True:
        tenders = tenders_by_order([o.id for o in rows])
        for order in rows:
            writer.row(order_summary(order, tenders.get(order.id, [])))
        shown += len(rows)
        if cursor is None or (args.limit is not None and shown >= args.limit):
            break
        page_size = 500 if args.limit is None else min(500, args.limit - shown)
        rows, cursor = list_orders(filters, after=cursor, limit=page_size)
    writer.close(shown)
    return 0


def _minor(text: str | None, currency: str, what: str) -> int | None:
    if text is None:
        return None
    return parse_money(text, currency, "en_US", what=f"{what} amount").minor


class _ListWriter:
    """Streams orders as a table, a JSON array or CSV without holding them all."""

    COLUMNS = ["receipt", "created_at", "status", "total", "currency", "tenders", "uuid"]

    def __init__(self, fmt: str, out, locale: str) -> None:
        self.fmt, self.out, self.locale, self.count = fmt, out, locale, 0
        if fmt == "csv":
            self.csv = csv.DictWriter(out, fieldnames=list(_csv_fields()), extrasaction="ignore")
            self.csv.writeheader()
        elif fmt == "json":
            out.write("[")
        else:
            out.write(f"{'Receipt':<12} {'Created':<16} {'Status':<18} {'Total':>14}  Tender\n")

    def row(self, data: dict) -> None:
        if self.fmt == "csv":
            self.csv.writerow({**data, "tenders": "+".join(data["tenders"])})
        elif self.fmt == "json":
            self.out.write(("," if self.count else "") + "\n  "
                           + json.dumps(data, ensure_ascii=False))
        else:
            created = dt.datetime.fromisoformat(data["created_at"]).astimezone()
            money = Money.from_major(Decimal(data["total"]), data["currency"])
            self.out.write(f"{data['receipt'] or '-':<12} {created:%Y-%m-%d %H:%M} "
                           f"{data['status']:<18} {money.format(self.locale):>14}  "
                           f"{'+'.join(data['tenders'])}\n")
        self.count += 1

    def close(self, shown: int) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if shown else "]\n")
        elif self.fmt == "table":
            self.out.write(f"{shown:,} orders\n")


def _csv_fields():
    return ["receipt", "uuid", "terminal", "status", "currency", "subtotal", "discount", "tax",
            "total", "rounding", "paid", "refunded", "tenders", "created_at", "paid_at",
            "completed_at"]


def cmd_orders_show(args) -> int:
    open_for(args)
    settings = load_settings()
    data = order_detail(find_order(args.ref, settings.terminal_id))
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"Receipt {data['receipt'] or '-'}   {data['status']}   order {data['uuid']}")
    for line in data["lines"]:
        qty = f"{line['quantity']} g" if line["unit"] == "weight" else f"{line['quantity']} x"
        print(f"  {line['line']:>3}. {fit(line['name'], 40)} {qty:>8} {line['unit_price']:>10}"
              f" {line['gross']:>12}")
    print(f"  Subtotal {data['subtotal']}  Discount {data['discount']}  Tax {data['tax']}  "
          f"Total {data['total']} {data['currency']}")
    for p in data["payments"]:
        card = f" {p['card_brand']} ****{p['card_last4']}" if p["card_last4"] else ""
        print(f"  Paid {p['amount']} by {p['tender']}{card}"
              + (f", change {p['change']}" if p["tender"] == "cash" else ""))
    for r in data["refunds"]:
        print(f"  Refunded {r['amount']} to {r['tender']}" + (f": {r['reason']}"
                                                             if r["reason"] else ""))
    for event in data["timeline"]:
        print(f"  {event['at'][:19]}  {event['to']}")
    return 0
