"""The `pos` command line: set up a store, fill a demo, move products, read orders.

Every command takes --db PATH (default: the user's data folder). An error is
one plain line on stderr and a non-zero exit; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import json
import logging
import re
import sqlite3
import sys
from pathlib import Path
from typing import NoReturn

import peewee

from pos.errors import InputError, PosError

EXIT_ERROR = 1  # refused: a bad value, a missing store, a rule (one plain line)
EXIT_USAGE = 2  # the command line itself is wrong: an unknown option, a bad date (one line)
EXIT_UNEXPECTED = 70

_CHOICE = re.compile(r"invalid choice: (?P<value>'[^']*'|\S+) \(choose from (?P<choices>.*)\)")


class Parser(argparse.ArgumentParser):
    """argparse with one plain line for a mistake instead of the usage block: which
    argument, what was wrong, and where the full usage is."""

    def error(self, message: str) -> NoReturn:
        found = _CHOICE.search(message)
        if found:
            choices = found["choices"].replace("'", "")
            message = message[:found.start()] + f"{found['value']} is not one of {choices}"
        message = re.sub(r"invalid int value: ('[^']*')", r"\1 is not a whole number", message)
        message = message.removeprefix("argument ")
        message = message[0].upper() + message[1:] if message else "Bad command line"
        self.exit(EXIT_USAGE, f"pos: {message.rstrip('.')}. See '{self.prog} --help'.\n")

log = logging.getLogger("pos")


def build_parser() -> argparse.ArgumentParser:
    # The options are accepted before or after the command; SUPPRESS keeps a
    # sub-command's parser from resetting a value given before it.
    common = Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="the store file (default: store.db in the data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks on errors")

    parser = Parser(
        prog="pos", description="A point of sale over a local SQLite store.",
        epilog="pos screenshot --db PATH --out DIR renders the windows to PNG (needs Qt).")
    parser.add_argument("--db", type=Path, default=None,
                        help="the store file (default: store.db in the data folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", parents=[common], help="create or update an empty store")
    p.add_argument("--currency", help="ISO 4217 code, e.g. USD, CNY, EUR, JPY")
    p.add_argument("--locale", help="e.g. en_US, zh_CN, de_DE")
    p.add_argument("--tax-mode", choices=["inclusive", "exclusive"])
    p.add_argument("--terminal", help="this terminal's id (default T1)")
    p.add_argument("--store-name")
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="fill a new store with demo data")
    p.add_argument("--products", type=int, default=2000)
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--orders-per-day", type=int)
    p.add_argument("--currency")
    p.add_argument("--locale")
    p.add_argument("--tax-mode", choices=["inclusive", "exclusive"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing if the store already has products")
    p.set_defaults(run=cmd_demo)

    for noun in ("products", "customers"):
        p = sub.add_parser(noun, parents=[common], help=f"import or export {noun} as CSV")
        verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
        imp = verbs.add_parser("import", parents=[common], help=f"import {noun} from CSV")
        imp.add_argument("file", type=Path)
        imp.add_argument("--skip-bad", action="store_true",
                         help="import the good rows; write the bad ones beside the file")
        imp.add_argument("--encoding", help="the file's encoding if it is not UTF-8, e.g. gbk")
        imp.set_defaults(run=cmd_import, noun=noun)
        exp = verbs.add_parser("export", parents=[common], help=f"export {noun} to CSV")
        exp.add_argument("file", type=Path)
        exp.add_argument("--excel", action="store_true",
                         help="start the file with a UTF-8 byte order mark for Excel")
        exp.set_defaults(run=cmd_export, noun=noun)

    p = sub.add_parser("orders", parents=[common], help="list and show orders")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    ls = verbs.add_parser("list", parents=[common], help="list orders, newest first")
    ls.add_argument("--since", type=_date, help="first day, YYYY-MM-DD (local time)")
    ls.add_argument("--until", type=_date, help="last day, YYYY-MM-DD (local time)")
    ls.add_argument("--status")
    ls.add_argument("--tender", choices=["cash", "card"])
    ls.add_argument("--min-total", help="in major units, e.g. 10.00")
    ls.add_argument("--max-total", help="in major units, e.g. 99.99")
    ls.add_argument("--limit", type=int, help="at most this many orders (default: all)")
    ls.add_argument("--format", choices=["table", "json", "csv"], default="table")
    ls.set_defaults(run=cmd_orders_list)
    show = verbs.add_parser("show", parents=[common], help="one order with its lines")
    show.add_argument("ref", metavar="RECEIPT_OR_UUID")
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(run=cmd_orders_show)

    p = sub.add_parser("settings", parents=[common], help="show or change store settings")
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE")
    p.set_defaults(run=cmd_settings)

    p = sub.add_parser("doctor", parents=[common], help="versions, pragmas and a health check")
    p.set_defaults(run=cmd_doctor)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub, common)
    return parser


# Sub-commands kept beside the code they drive; each module has
# `add_commands(sub, common)` and opens the store with `pos.cli.open_for(args)`.
COMMAND_MODULES = (
    "pos.gateway.commands",  # gateway-sandbox, payments stats|reconcile
    "pos.secret_commands",  # keys rotate
    "pos.receipts.commands",  # receipt
    "pos.staff_commands",  # users add|list|disable|enable|reset-pin, journal verify
    "pos.shift_commands",  # shift x|z
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()


# --- commands ---------------------------------------------------------------

def open_for(args):
    """Open the store a command names (--db, or the data folder's); its path."""
    from pos.db import open_store
    from pos.paths import default_db_path

    path = args.db or default_db_path()
    if not path.exists() and args.command not in ("init", "demo"):
        raise PosError(f"There is no store at {path}. Create one with 'pos init' or 'pos demo'.")
    open_store(path)
    return path


def cmd_init(args) -> int:
    from pos.catalogue import ensure_tax_class
    from pos.models import TaxClass
    from pos.settings import save_settings
    from pos.store_presets import preset_for, tax_classes_for

    path = open_for(args)
    preset = preset_for(args.currency or "USD")
    changes = {"currency": preset.currency, "locale": args.locale or preset.locale,
               "tax_mode": args.tax_mode or preset.tax_mode}
    if args.terminal:
        changes["terminal_id"] = args.terminal
    if args.store_name:
        changes["store_name"] = args.store_name
    settings = save_settings(**changes)
    if not TaxClass.select().exists():
        for code, name, rate in tax_classes_for(preset, settings.locale):
            ensure_tax_class(code, name, rate)
    print(f"Store ready at {path}: {settings.currency}, {settings.locale}, "
          f"tax {settings.tax_mode}, terminal {settings.terminal_id}.")
    return 0


def cmd_demo(args) -> int:
    from pos.demo_file import build_demo_store
    from pos.paths import default_db_path

    # built beside the store file and moved into place only when complete (pos.demo_file)
    path = args.db or default_db_path()

    def progress(stage: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{stage}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    report = build_demo_store(
        path, if_missing=args.if_missing, notify=lambda text: print(f"pos: {text}",
                                                                    file=sys.stderr),
        products=args.products, days=args.days, orders_per_day=args.orders_per_day,
        seed=args.seed, currency=args.currency, locale=args.locale, tax_mode=args.tax_mode,
        progress=progress)
    if report is None:
        print(f"Demo store already at {path}.")
        return 0
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Demo store at {path}: {report.products:,} products, {report.customers:,} "
          f"customers, {report.orders:,} orders, {report.refunds:,} refunds.")
    return 0


def cmd_import(args) -> int:
    from pos import csvio

    open_for(args)
    run = csvio.import_products if args.noun == "products" else csvio.import_customers
    report = run(args.file, skip_bad=args.skip_bad, encoding=args.encoding)
    print(f"Imported {args.file} ({report.encoding}): {report.created:,} new, "
          f"{report.updated:,} updated.")
    if report.rejected:
        rows = "1 bad row was" if len(report.rejected) == 1 else \
            f"{len(report.rejected):,} bad rows were"
        print(f"{rows} skipped and written to {report.rejects_path}.")
    return 0


def cmd_export(args) -> int:
    from pos import csvio

    open_for(args)
    run = csvio.export_products if args.noun == "products" else csvio.export_customers
    count = run(args.file, excel=args.excel)
    print(f"Exported {count:,} {args.noun} to {args.file}.")
    return 0


def cmd_orders_list(args) -> int:
    from pos.order_states import parse_status
    from pos.order_view import order_summary, tenders_by_order
    from pos.orders import OrderFilter, list_orders
    from pos.settings import load_settings

    open_for(args)
    settings = load_settings()
    if args.limit is not None and args.limit <= 0:
        raise InputError("--limit must be a positive number.")
    filters = OrderFilter(
        since=_local_midnight(args.since) if args.since else None,
        until=_local_midnight(args.until + dt.timedelta(days=1)) if args.until else None,
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
    from pos.money import parse_money

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
            from decimal import Decimal

            from pos.money import Money

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
    from pos.order_view import fit, order_detail
    from pos.orders import find_order
    from pos.settings import load_settings

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


def cmd_settings(args) -> int:
    from dataclasses import asdict

    from pos.settings import load_settings, save_settings, setting_from_text

    open_for(args)
    if args.changes:
        changes = {}
        for item in args.changes:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise InputError(f"{item!r} is not KEY=VALUE (see 'pos settings' for the keys).")
            changes[key.strip()] = setting_from_text(key.strip(), value)
        save_settings(**changes)
    for key, value in asdict(load_settings()).items():
        print(f"{key} = {value.value if hasattr(value, 'value') else value}")
    return 0


def cmd_doctor(args) -> int:
    from pos.doctor import report

    path = open_for(args)
    rows, healthy = report(path)
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print("healthy" if healthy else "PROBLEMS FOUND")
    return 0 if healthy else EXIT_ERROR


# --- entry point -------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except PosError as exc:
        if args.debug:
            raise
        print(f"pos: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        # a write path that did not translate its error itself: the same sentence, naming
        # the store file, as every other store error
        if args.debug:
            raise
        from pos.db import store_error

        print(f"pos: {store_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("pos: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        _log_unexpected(exc)
        print(f"pos: unexpected error ({type(exc).__name__}: {exc}). "
              "Run again with --debug for details.", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        from pos.db import close_store

        close_store()


def _log_unexpected(exc: BaseException) -> None:
    from logging.handlers import RotatingFileHandler

    from pos.paths import log_path

    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        log.addHandler(handler)
        log.error("unexpected error in the command line", exc_info=exc)
        log.removeHandler(handler)
        handler.close()
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
