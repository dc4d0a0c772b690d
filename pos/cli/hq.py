"""`pos hq ...`: head office's server and what an owner does there.

Every command takes `--dsn` (or `POS_HQ_DSN`); without either, head office runs on the
embedded PostgreSQL server in the data folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

from pos.addresses import is_loopback
from pos.cli.common import command_group, date_arg
from pos.cli.staff import read_secret
from pos.errors import InputError
from pos.hq import admin, catalogue, report
from pos.hq.database import DSN_ENV, connect, migrate, resolve_dsn
from pos.settings import STORE_SETTINGS

DEFAULT_PORT = 8766
DSN_HELP = ("PostgreSQL to use (default: $POS_HQ_DSN, else the embedded server in the data "
            "folder)")


def add_commands(sub, common) -> None:
    """Add `pos hq init|serve|stores|terminals|users|products|report` to the parser."""
    dsn = argparse.ArgumentParser(add_help=False)  # --dsn before or after the verb
    dsn.add_argument("--dsn", default=argparse.SUPPRESS, help=DSN_HELP)
    p, verbs = command_group(sub, "hq", "head office: server, stores, terminals", common)
    p.add_argument("--dsn", help=DSN_HELP)

    s = verbs.add_parser("init", parents=[dsn], help="create or update head office's database")
    s.set_defaults(run=cmd_init)

    s = verbs.add_parser("serve", parents=[dsn], help="serve the head-office API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    s.add_argument("--tls-cert", help="certificate (PEM); required off this computer")
    s.add_argument("--tls-key", help="its private key (PEM)")
    s.set_defaults(run=cmd_serve)

    _, store_verbs = command_group(verbs, "stores", "add, list or set up stores", dest="store_verb")
    a = store_verbs.add_parser("add", parents=[dsn], help="add a store; prints its id")
    a.add_argument("name")
    a.add_argument("--currency", default="USD")
    a.add_argument("--locale", default="en_US")
    a.add_argument("--tax-mode", choices=["inclusive", "exclusive"], default="exclusive")
    a.add_argument("--timezone", default="UTC",
                   help="where the store's days begin in reports (e.g. Europe/Berlin)")
    a.set_defaults(run=cmd_stores_add)
    store_verbs.add_parser("list", parents=[dsn],
                           help="the stores").set_defaults(run=cmd_stores_list)
    a = store_verbs.add_parser("set", parents=[dsn],
                               help="change store settings; every till takes them at its "
                                    "next sync")
    a.add_argument("store")
    a.add_argument("settings", nargs="+", metavar="NAME=VALUE",
                   help=f"timezone, or one of: {', '.join(STORE_SETTINGS)}")
    a.set_defaults(run=cmd_stores_set)

    _, terminal_verbs = command_group(verbs, "terminals", "add, list or revoke terminals",
                                      dest="terminal_verb")
    a = terminal_verbs.add_parser("add", parents=[dsn],
                                  help="a terminal and its one-time enrollment code")
    a.add_argument("store")
    a.add_argument("terminal")
    a.set_defaults(run=cmd_terminals_add)
    terminal_verbs.add_parser("list", parents=[dsn], help="last sync, orders waiting, journal head"
                              ).set_defaults(run=cmd_terminals_list)
    a = terminal_verbs.add_parser("revoke", parents=[dsn], help="refuse the terminal from now on")
    a.add_argument("store")
    a.add_argument("terminal")
    a.set_defaults(run=cmd_terminals_revoke)

    _, user_verbs = command_group(verbs, "users", "staff every till of a store (or all) "
                                  "signs in as", dest="user_verb")
    a = user_verbs.add_parser("add", parents=[dsn],
                              help="add a user; the PIN is read from stdin or typed")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=["cashier", "supervisor", "manager"])
    a.add_argument("--store", help="only this store's tills (default: every store)")
    a.add_argument("--password", action="store_true", help="a password instead of a PIN")
    a.set_defaults(run=cmd_users_add)
    for verb, text in (("disable", "stop the user signing in on every till"),
                       ("enable", "let a disabled user sign in again")):
        a = user_verbs.add_parser(verb, parents=[dsn], help=text)
        a.add_argument("name")
        a.set_defaults(run=cmd_users_disable, disabled=verb == "disable")

    _, product_verbs = command_group(verbs, "products", "a store's catalogue", dest="product_verb")
    a = product_verbs.add_parser("import", parents=[dsn],
                                 help="products from CSV (the till's format)")
    a.add_argument("file", type=Path)
    a.add_argument("--store", required=True)
    a.add_argument("--skip-bad", action="store_true", help="import the good rows")
    a.add_argument("--encoding", help="the file's encoding if it is not UTF-8")
    a.set_defaults(run=cmd_products_import)

    _, report_verbs = command_group(verbs, "report", "reports across stores and terminals",
                                    dest="report_verb")
    a = report_verbs.add_parser("sales", parents=[dsn],
                                help="sales by store, terminal, day, tender or product")
    a.add_argument("--since", type=date_arg, help="first day, YYYY-MM-DD (the store's)")
    a.add_argument("--until", type=date_arg, help="last day, YYYY-MM-DD (the store's)")
    a.add_argument("--by", required=True,
                   choices=["store", "terminal", "day", "tender", "product"])
    a.add_argument("--format", choices=["table", "json", "csv"], default="table")
    a.set_defaults(run=cmd_report_sales)


def _connect(args):
    dsn = resolve_dsn(args.dsn)
    migrate(dsn)
    return connect(dsn)


def cmd_init(args) -> int:
    dsn = resolve_dsn(args.dsn)
    print(f"Head office's database is at schema {migrate(dsn)}.")
    return 0


def cmd_serve(args) -> int:
    if args.workers < 1:
        raise InputError("--workers must be 1 or more.")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise InputError("Give both --tls-cert and --tls-key, or neither.")
    if not args.tls_cert and not is_loopback(args.host):
        raise InputError(f"Serving on {args.host} needs TLS (--tls-cert and --tls-key); plain "
                         "http is only for this computer.")
    dsn = resolve_dsn(args.dsn)
    migrate(dsn)
    os.environ[DSN_ENV] = dsn  # the workers read it (uvicorn starts them afresh)
    scheme = "https" if args.tls_cert else "http"
    print(f"Head office serving on {scheme}://{args.host}:{args.port} with {args.workers} "
          f"worker(s).", flush=True)
    import uvicorn  # the server's libraries load only for `pos hq serve`

    uvicorn.run("pos.hq.api:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key,
                log_level="warning")
    return 0


def cmd_stores_add(args) -> int:
    with _connect(args) as conn:
        print(admin.add_store(conn, args.name, currency=args.currency, locale=args.locale,
                              tax_mode=args.tax_mode, timezone=args.timezone))
    return 0


def cmd_stores_list(args) -> int:
    with _connect(args) as conn:
        for store_id, name, currency, locale, tax_mode, timezone in admin.list_stores(conn):
            print(f"{store_id}  {name}  {currency} {locale} tax {tax_mode} {timezone}")
    return 0


def cmd_stores_set(args) -> int:
    values = {}
    for item in args.settings:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"{item!r} is not NAME=VALUE, like receipt_footer='Thank you!'.")
        values[name.strip()] = value
    with _connect(args) as conn:
        admin.set_store_settings(conn, args.store, values)
    print(f"Changed {', '.join(values)}; the store's tills take it at their next sync.")
    return 0


def cmd_terminals_add(args) -> int:
    with _connect(args) as conn:
        code = admin.add_terminal(conn, args.store, args.terminal)
    print(code)
    print(f"Enroll the till within {int(admin.CODE_LIFETIME.total_seconds() // 3600)} hours: "
          "pos sync enroll URL CODE", file=sys.stderr)
    return 0


def cmd_terminals_list(args) -> int:
    with _connect(args) as conn:
        rows = admin.list_terminals(conn)
    for row in rows:
        synced = row["last_sync"][:19] if row["last_sync"] else "never"
        print(f"{row['store']}/{row['terminal']}  {row['state']}  last sync {synced}  "
              f"{row['waiting']} waiting  journal {row['journal_seq']}")
    return 0


def cmd_terminals_revoke(args) -> int:
    with _connect(args) as conn:
        admin.revoke_terminal(conn, args.store, args.terminal)
    print(f"Terminal {args.terminal} of {args.store} is revoked.")
    return 0


def cmd_users_add(args) -> int:
    secret = read_secret(args.password, f"{args.name}'s")
    with _connect(args) as conn:
        catalogue.add_user(conn, args.name, args.role, store=args.store, **secret)
    print(f"Added {args.name} ({args.role}) for {args.store or 'every store'}; the tills "
          "receive them at their next sync.")
    return 0


def cmd_users_disable(args) -> int:
    with _connect(args) as conn:
        catalogue.set_user_disabled(conn, args.name, args.disabled)
    print(f"{args.name} is {'disabled' if args.disabled else 'enabled'} on every till from "
          "its next sync.")
    return 0


def cmd_products_import(args) -> int:
    with _connect(args) as conn:
        done, refused = catalogue.import_products(conn, args.store, args.file,
                                                  skip_bad=args.skip_bad,
                                                  encoding=args.encoding)
    print(f"Imported {done:,} products" + (f"; {refused:,} bad rows skipped." if refused
                                           else "."))
    return 0


def cmd_report_sales(args) -> int:
    with _connect(args) as conn:
        rows = report.sales(conn, args.by, args.since, args.until)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        for row in rows:
            print("  ".join(f"{value}" for value in row.values()))
        print(f"{len(rows)} rows (amounts in minor units)")
    return 0
