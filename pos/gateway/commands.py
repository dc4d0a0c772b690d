"""Gateway commands of `pos`: `gateway-sandbox` runs the sandbox card gateway;
`payments stats` and `payments reconcile` read and settle the store's payments.

Each command is a `cmd_*` function added in `add_commands`; heavy imports
happen inside it, so `pos --help` stays quick.
"""

from __future__ import annotations

import signal
import threading

DEFAULT_PORT = 8765


def add_commands(sub, common) -> None:
    """Add this area's sub-commands to the `pos` parser."""
    from pos.cli import _date
    p = sub.add_parser(
        "gateway-sandbox", parents=[common],
        help="run the sandbox card gateway until Ctrl-C (see docs/GATEWAY.md)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--tls", action="store_true",
                   help="serve HTTPS with a certificate made at start; prints its CA file")
    p.add_argument("--api-key", help="the API key clients must send (default: the "
                                     "sandbox's demo key, printed at start)")
    p.add_argument("--signing-secret",
                   help="the shared secret requests and answers are signed with "
                        "(default: the sandbox's demo secret, printed at start)")
    p.set_defaults(run=cmd_gateway_sandbox)

    p = sub.add_parser("payments", parents=[common], help="payment statistics and reconciliation")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    stats = verbs.add_parser("stats", parents=[common],
                             help="approval rate by tender and hour, time to pay")
    stats.add_argument("--since", type=_date, help="first day, YYYY-MM-DD (local time)")
    stats.set_defaults(run=cmd_payments_stats)
    rec = verbs.add_parser("reconcile", parents=[common],
                           help="settle card payments left pending or unknown with the gateway")
    rec.set_defaults(run=cmd_payments_reconcile)


def cmd_gateway_sandbox(args) -> int:
    from pos.errors import InputError
    from pos.gateway.sandbox import DEMO_API_KEY, DEMO_SIGNING_SECRET, SandboxServer

    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535.")
    api_key = args.api_key or DEMO_API_KEY
    secret = args.signing_secret or DEMO_SIGNING_SECRET
    server = SandboxServer(args.host, args.port, api_key=api_key, signing_secret=secret,
                           tls=args.tls).start()
    stop = threading.Event()
    # Ctrl-C and SIGTERM both end the wait; the handler also works when the shell
    # started the process in the background with SIGINT ignored.
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"Sandbox card gateway at {server.url}", flush=True)
        print(f"API key: {api_key}", flush=True)
        print(f"Signing secret: {secret if secret == DEMO_SIGNING_SECRET else '(as given)'}",
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


def cmd_payments_stats(args) -> int:
    from pos.cli import _local_midnight, open_for
    from pos.models import to_micros
    from pos.payment_stats import payment_stats

    open_for(args)
    since = to_micros(_local_midnight(args.since)) if args.since else 0
    stats = payment_stats(since)

    def rate(r) -> str:
        shown = "—" if r.rate is None else f"{r.rate:.1%}"
        return f"{r.key:<6} {shown:>7}  {r.approved} approved, {r.failed} failed, {r.open} open"

    print("Approval rate P(success) = 1 − P(failure), by tender:")
    for r in stats.by_tender:
        print("  " + rate(r))
    print("Card approval rate by hour (local time):")
    for r in stats.by_hour:
        print("  " + rate(r))
    for title, d in (("Time from order to payment", stats.create_to_pay),
                     ("Time from payment to completion", stats.pay_to_finish)):
        if d.count:
            print(f"{title}: median {d.median:.1f} s, p90 {d.p90:.1f} s ({d.count} orders)")
        else:
            print(f"{title}: no orders")
    return 0


def cmd_payments_reconcile(args) -> int:
    import datetime as dt

    from pos import payments
    from pos.cli import open_for
    from pos.errors import InputError
    from pos.gateway.factory import build_gateway
    from pos.settings import load_settings

    open_for(args)
    settings = load_settings()
    if settings.card_gateway == "sandbox":
        raise InputError("The sandbox gateway runs inside the program: open it, and it "
                         "reconciles at start-up and every minute.")
    gateway = build_gateway(settings)
    # a till may be waiting for an answer right now: leave its young attempts to it
    settled = payments.reconcile(gateway, min_age=dt.timedelta(minutes=2))
    for attempt in settled:
        print(f"attempt {attempt.id} ({attempt.kind}, {attempt.amount} {attempt.currency}): "
              f"{attempt.status}")
    print(f"{len(settled)} attempt(s) reconciled")
    return 0
