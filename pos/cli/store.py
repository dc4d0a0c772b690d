"""`pos init`, `pos demo`, `pos settings` and `pos doctor`: the store itself."""

from __future__ import annotations

import sys
from dataclasses import asdict

from pos.catalogue.products import ensure_tax_class
from pos.cli.common import EXIT_ERROR, READS, open_for
from pos.demo.build import build_demo_store
from pos.errors import InputError
from pos.settings import load_settings, save_settings, setting_from_text
from pos.store.doctor import report
from pos.store.models import TaxClass
from pos.store.paths import default_db_path
from pos.store.presets import preset_for, tax_classes_for


def add_commands(sub, common) -> None:
    """Add `pos init|demo|settings|doctor` to the `pos` parser."""
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

    p = sub.add_parser("settings", parents=[common], help="show or change store settings")
    p.add_argument("changes", nargs="*", metavar="KEY=VALUE")
    p.set_defaults(run=cmd_settings)

    p = sub.add_parser("doctor", parents=[common], help="versions, pragmas and a health check")
    p.set_defaults(run=cmd_doctor, **READS)


def cmd_init(args) -> int:
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
    # built beside the store file and moved into place only when complete (pos.demo.build)
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


def cmd_settings(args) -> int:

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
    path = open_for(args)
    rows, healthy = report(path)
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    print("healthy" if healthy else "PROBLEMS FOUND")
    return 0 if healthy else EXIT_ERROR
