"""Gateway commands of `pos`: `gateway-sandbox` runs the sandbox card gateway.

Each command is a `cmd_*` function added in `add_commands`; heavy imports
happen inside it, so `pos --help` stays quick.
"""

from __future__ import annotations

import signal
import threading

DEFAULT_PORT = 8765


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
    p.add_argument("--api-key", help="the API key clients must send (default: the "
                                     "sandbox's demo key, printed at start)")
    p.add_argument("--signing-secret",
                   help="the shared secret requests and answers are signed with "
                        "(default: the sandbox's demo secret, printed at start)")
    p.set_defaults(run=cmd_gateway_sandbox)


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
