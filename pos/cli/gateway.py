"""Gateway commands of `pos`: `gateway-sandbox` runs the sandbox card gateway;
`payments stats` and `payments reconcile` read and settle the store's payments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import threading

from pos.cli.common import READS, command_group, date_arg, local_midnight, open_for
from pos.errors import InputError
from pos.payments import attempts
from pos.payments.gateway.factory import build_gateway
from pos.payments.sandbox.server import DEMO_API_KEY, DEMO_SIGNING_SECRET, SandboxServer
from pos.settings import load_settings
from pos.store.models import to_micros
from pos.views.payment_stats import payment_stats

DEFAULT_PORT = 8765
API_KEY_ENV = "POS_SANDBOX_API_KEY"
SECRET_ENV = "POS_SANDBOX_SIGNING_SECRET"
MAX_SECRET = 4096  # characters; far above any key


def add_commands(sub, common) -> None:
    """Add this area's sub-commands to the `pos` parser."""
    p = sub.add_parser(
        "gateway-sandbox", parents=[common],
        help="run the sandbox card gateway until Ctrl-C (see docs/GATEWAY.md)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--tls", action="store_true",
                   help="serve HTTPS with a certificate made at start; prints its CA file")
    p.add_argument("--secrets-stdin", action="store_true",
                   help="read the API key, then the signing secret, one a line, from "
                        f"standard input (else {API_KEY_ENV} and {SECRET_ENV}, else the "
                        "demo ones); never printed")
    # Secrets on the command line stay in shell history and the process list: refused.
    p.add_argument("--api-key", dest="secret_argument", help=argparse.SUPPRESS)
    p.add_argument("--signing-secret", dest="secret_argument", help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_gateway_sandbox)

    _, verbs = command_group(sub, "payments", "payment statistics and reconciliation", common)
    stats = verbs.add_parser("stats", parents=[common],
                             help="approval rate by tender and hour, time to pay")
    stats.add_argument("--since", type=date_arg, help="first day, YYYY-MM-DD (local time)")
    stats.set_defaults(run=cmd_payments_stats, **READS)
    rec = verbs.add_parser("reconcile", parents=[common],
                           help="settle card payments left pending or unknown with the gateway")
    rec.set_defaults(run=cmd_payments_reconcile)


def cmd_gateway_sandbox(args) -> int:
    if args.secret_argument is not None:
        raise InputError("Secrets are never taken on the command line, where the shell's "
                         f"history and the process list keep them: set {API_KEY_ENV} and "
                         f"{SECRET_ENV}, or pipe them in with --secrets-stdin.")
    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535.")
    (api_key, key_from), (secret, secret_from) = _sandbox_secrets(args.secrets_stdin)
    server = SandboxServer(args.host, args.port, api_key=api_key, signing_secret=secret,
                           tls=args.tls).start()
    stop = threading.Event()
    # Ctrl-C and SIGTERM both end the wait; the handler also works when the shell
    # started the process in the background with SIGINT ignored.
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"Sandbox card gateway at {server.url}", flush=True)
        print(f"API key: {key_from}; signing secret: {secret_from} (never printed)",
              flush=True)
        if server.ca_file:
            print(f"CA certificate: {server.ca_file}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
    print("Sandbox stopped.", flush=True)
    return 0


def _sandbox_secrets(from_stdin: bool) -> tuple[tuple[str, str], tuple[str, str]]:
    """(API key, where from) and (signing secret, where from): standard input's first two
    lines with --secrets-stdin (asked for, hidden, at a terminal), else the environment,
    else the sandbox's demo values (docs/GATEWAY.md)."""
    if from_stdin:
        values = []
        for what in ("API key", "signing secret"):
            if sys.stdin is not None and sys.stdin.isatty():
                import getpass

                try:
                    line = getpass.getpass(f"Sandbox {what} (not shown): ")
                except EOFError:
                    line = ""
            else:
                line = sys.stdin.readline(MAX_SECRET + 1) if sys.stdin is not None else ""
            value = line.strip()
            if not value or len(value) > MAX_SECRET:
                raise InputError(f"--secrets-stdin needs the {what} on line {len(values) + 1} "
                                 "of standard input (the API key, then the signing secret, "
                                 f"each at most {MAX_SECRET} characters).")
            values.append(value)
        return (values[0], "from standard input"), (values[1], "from standard input")
    found = []
    for name, demo, what in ((API_KEY_ENV, DEMO_API_KEY, "key"),
                             (SECRET_ENV, DEMO_SIGNING_SECRET, "secret")):
        value = os.environ.get(name, "").strip()
        found.append((value, f"from {name}") if value else (demo, f"the demo {what}"))
    return found[0], found[1]


METHOD_NAMES = {"card": "Card token", "reader": "Card reader", "alipay_code": "Alipay code",
                "alipay_qr": "Alipay QR", "wechat_code": "WeChat Pay code",
                "wechat_qr": "WeChat Pay QR"}


def cmd_payments_stats(args) -> int:
    open_for(args)
    since = to_micros(local_midnight(args.since)) if args.since else 0
    stats = payment_stats(since)

    def rate(r) -> str:
        shown = "—" if r.rate is None else f"{r.rate:.1%}"
        return f"{r.key:<6} {shown:>7}  {r.approved} approved, {r.failed} failed, {r.open} open"

    print("Payments taken, by tender (every payment recorded on a sale):")
    for t in stats.taken:
        undone = f" ({t.declined} more declined or voided)" if t.declined else ""
        print(f"  {t.tender:<6} {t.payments:>7,}{undone}")
    if not stats.taken:
        print("  none")
    charges = [r for r in stats.by_tender if r.key == "card"]
    print("Card charges sent through the card gateway, approval rate "
          "P(success) = 1 − P(failure)")
    print("  (failed: declined or refused; cards taken on a standalone terminal, or written "
          "by the demo, are not among them):")
    for r in charges:
        print("  " + rate(r))
    if not charges:
        print("  none")
    if stats.by_hour:
        print("Gateway card charges by hour (local time):")
    for r in stats.by_hour:
        print("  " + rate(r))
    if stats.by_method:
        print("Gateway charges by way of paying, approval rate and time to pay (from Charge "
              "to approved, the customer's tap or confirmation included):")
    for m in stats.by_method:
        r, d = m.rate, m.time_to_pay
        shown = "—" if r.rate is None else f"{r.rate:.1%}"
        times = f"median {d.median:.1f} s, p90 {d.p90:.1f} s" if d.count else "no approvals"
        print(f"  {METHOD_NAMES.get(r.key, r.key):<16} {shown:>7}  {r.approved} approved, "
              f"{r.failed} failed, {r.open} open; {times}")
    for title, d in (("Time from order to payment", stats.create_to_pay),
                     ("Time from payment to completion", stats.pay_to_finish)):
        if d.count:
            print(f"{title}: median {d.median:.1f} s, p90 {d.p90:.1f} s ({d.count} orders)")
        else:
            print(f"{title}: no orders")
    return 0


def cmd_payments_reconcile(args) -> int:

    open_for(args)
    settings = load_settings()
    if settings.card_gateway == "sandbox":
        raise InputError("The sandbox gateway runs inside the program: open it, and it "
                         "reconciles at start-up and every minute.")
    gateway = build_gateway(settings)
    # a till may be waiting for an answer right now: leave its young attempts to it
    settled = attempts.reconcile(gateway, min_age=dt.timedelta(minutes=2))
    for attempt in settled:
        print(f"attempt {attempt.id} ({attempt.kind}, {attempt.amount} {attempt.currency}): "
              f"{attempt.status}")
    print(f"{len(settled)} attempt(s) reconciled")
    return 0
