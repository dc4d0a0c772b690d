"""The fault campaign: card sales killed at random points must never be lost or doubled.

`python -m bench.faults [--runs N]` (`make faults RUNS=N`). The parent runs
the sandbox gateway and, each run, a child process that rings up card sales
(some split with cash, some declined) through the same services the
checkout uses (`pos.orders`, `pos.payments`, the HTTP adapter). The parent
kills the child with SIGKILL at a random moment — often right after the
gateway approved a charge and before the till committed it — with the
sandbox's faults (lost answers, 500s, latency) switched on for some runs.
Then it reconciles, as the till does at start-up, and checks:

- LOST: a sale the child reported saved is missing or not completed, or a
  charge the gateway approved belongs to no order in the store;
- DOUBLE: an order the gateway charged more than its total;
- ORPHAN: an approved, not voided charge that no payment in the store records;
- integrity: SQLite's integrity and foreign-key checks, and every order's
  `paid` equal to its payments.

It ends with one line and exits non-zero unless the last three are 0 and
integrity is ok.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

API_KEY = "sk_faults"
SECRET = "whsec_faults"
TOKENS = ["tok_visa"] * 8 + ["tok_mastercard", "tok_decline"]
FAULTS = [None, None, "drop_after_commit", "error500", "latency", "timeout"]
TIMER_KILLS = 0.3  # share of runs killed after a random delay, wherever the child is
ANSWER_KILLS = 0.4  # share killed just after a gateway answer (the rest: before a send)
KILL_CHANCE = 0.35  # chance to kill at each such moment
KILL_POINTS = ("SENDING", "ANSWERED")


# --- the child: a till ringing up card sales ----------------------------------------------

def child(db: Path, url: str, seed: int, sales: int, tokens: list[str]) -> None:
    from pos import payments
    from pos.cart import Cart
    from pos.db import open_store
    from pos.demo import demo_cashier
    from pos.gateway.http_adapter import HttpGateway
    from pos.gateway.retry import RetryPolicy
    from pos.models import Product
    from pos.money import Money
    from pos.orders import Tender, pay_order, place_order
    from pos.register_items import item_for
    from pos.settings import load_settings

    rng = random.Random(seed)
    open_store(db)
    settings = load_settings()
    cashier = demo_cashier()
    products = list(Product.select().where(Product.active & (Product.unit == "each"))
                    .limit(200))
    gateway = HttpGateway(url, API_KEY, SECRET, read_timeout=0.5,
                          policy=RetryPolicy(attempts=3, budget=2.0, base=0.02))
    for _ in range(sales):
        cart = Cart(settings.currency, settings.tax_mode, settings.tax_rounding)
        for product in rng.sample(products, rng.randint(1, 3)):
            cart.add(item_for(product), rng.randint(1, 3))
        order = place_order(cart, settings.terminal_id, cashier)
        total = Money(order.total, order.currency)
        split = rng.random() < 0.3 and total.minor > 200
        card = Money(total.minor // 2, total.currency) if split else total
        request = payments.open_charge(order, card, "http", rng.choice(tokens))
        _say("SENDING", order.uuid)
        outcome = payments.send(gateway, request)
        _say("ANSWERED", order.uuid)  # the parent's favourite moment to kill
        attempt = payments.finish(request.attempt_id, outcome)
        if attempt.status == "approved":
            rest = total - card
            pay_order(order, [Tender("cash", rest, tendered=rest)] if rest.minor else [])
            _say("SAVED", order.uuid)
        elif attempt.status in ("declined", "failed"):
            payments.cancel_placed(order, "declined")
            _say("CANCELLED", order.uuid)
    _say("DONE", "-")


def _say(what: str, uuid: str) -> None:
    """Report a moment; at a kill point wait for the parent's word, so a kill lands exactly
    there (between the gateway's answer and the commit) and not a little later."""
    sys.stdout.write(f"{what} {uuid}\n")
    sys.stdout.flush()
    if what in KILL_POINTS:
        sys.stdin.readline()


# --- the parent: kill, restart, reconcile, check -----------------------------------------

class Campaign:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.db = folder / "faults.db"
        self.rng = random.Random(seed)
        self.saved: set[str] = set()
        self.runs = self.kills = self.kills_after_answer = 0
        self.settled: dict[str, int] = {}  # what reconciliation made of open attempts

    def setup(self) -> None:
        from pos.db import close_store, open_store
        from pos.demo import create_demo

        open_store(self.db)
        create_demo(products=60, days=0, seed=1, currency="USD")
        close_store()

    def run_once(self, url: str, sandbox) -> None:
        fault = self.rng.choice(FAULTS)
        _set_fault(sandbox, fault)
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.faults", "--child", str(self.db), url,
             str(self.rng.randrange(1 << 30)), str(self.rng.randint(1, 6)), ",".join(TOKENS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            cwd=Path(__file__).resolve().parent.parent)
        killed = self._watch(process)
        self.runs += 1
        self.kills += killed
        _set_fault(sandbox, None)  # the network is back for the restart

    def _watch(self, process: subprocess.Popen) -> bool:
        """Read the child's progress; kill it at a random marker (or a random delay)."""
        plan = self.rng.random()
        timed = plan < TIMER_KILLS
        deadline = time.monotonic() + (self.rng.uniform(0.0, 0.5) if timed else 60)
        kill_on = "ANSWERED" if plan < TIMER_KILLS + ANSWER_KILLS else "SENDING"
        timer = threading.Timer(max(0.0, deadline - time.monotonic()),
                                lambda: _kill(process))
        timer.start()
        killed = False
        try:
            for line in process.stdout:
                word, _, uuid = line.strip().partition(" ")
                if word == "SAVED":
                    self.saved.add(uuid)
                if word == kill_on and not timed and self.rng.random() < KILL_CHANCE:
                    _kill(process)
                    killed = True
                    self.kills_after_answer += word == "ANSWERED"
                    break
                if word in KILL_POINTS:
                    _go_on(process)
        finally:
            timer.cancel()
            process.stdout.close()
            _close_quietly(process.stdin)
            process.wait()
        return killed or process.returncode == -signal.SIGKILL

    def reconcile_and_check(self, gateway, sandbox) -> tuple[int, int, int, bool]:
        from pos.db import close_store, database, open_store
        from pos.models import Order, Payment

        open_store(self.db)
        try:
            for attempt in reconcile_open(gateway):
                self.settled[attempt.status] = self.settled.get(attempt.status, 0) + 1
            orders = {o.uuid: o for o in Order.select()}
            recorded = {p.gateway_ref: p for p in Payment.select()
                        if p.gateway_ref and p.status != "voided"}
            lost = sum(1 for uuid in self.saved
                       if uuid not in orders or orders[uuid].status != "completed")
            double = orphan = 0
            charged: dict[str, int] = {}
            for record in sandbox.charges:
                if record["status"] in ("declined", "voided"):
                    continue
                if record["order_ref"] not in orders:
                    lost += 1
                    continue
                if record["id"] not in recorded:
                    orphan += 1
                charged[record["order_ref"]] = (charged.get(record["order_ref"], 0)
                                                + record["amount"])
            double = sum(1 for ref, amount in charged.items() if amount > orders[ref].total)
            ok = database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            ok = ok and not database.execute_sql("PRAGMA foreign_key_check").fetchall()
            for order in orders.values():
                live = sum(p.amount for p in order.payments
                           if p.status not in ("voided", "declined"))
                ok = ok and live == order.paid
            return lost, double, orphan, ok
        finally:
            close_store()


def reconcile_open(gateway):
    """What the till does at start-up (a seam: the campaign's own test turns it off)."""
    from pos import payments

    return payments.reconcile(gateway)


def _set_fault(sandbox, fault: str | None) -> None:
    """This run's misbehaviour, on the charge endpoint; the restart finds the network back."""
    sandbox.faults.clear()
    if fault == "latency":
        sandbox.faults.add("latency", 0.05, endpoint="charge")
    elif fault == "timeout":  # held past the child's read timeout, once
        sandbox.faults.add("timeout", 1.0, times=1, endpoint="charge")
    elif fault:
        sandbox.faults.add(fault, times=1, endpoint="charge")


def _go_on(process: subprocess.Popen) -> None:
    try:
        process.stdin.write("go\n")
        process.stdin.flush()
    except (BrokenPipeError, OSError):
        pass  # the timer killed it meanwhile


def _close_quietly(stream) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):
        stream.close()


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["--child"]:
        child(Path(args[1]), args[2], int(args[3]), int(args[4]), args[5].split(","))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.faults")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(args)
    from pos.gateway.http_adapter import HttpGateway
    from pos.gateway.sandbox import SandboxServer

    with tempfile.TemporaryDirectory(prefix="pos-faults-") as folder, \
            SandboxServer(api_key=API_KEY, signing_secret=SECRET) as sandbox:
        campaign = Campaign(Path(folder), options.seed)
        campaign.setup()
        gateway = HttpGateway(sandbox.url, API_KEY, SECRET)
        totals = [0, 0, 0]
        integrity = True
        for _ in range(options.runs):
            campaign.run_once(sandbox.url, sandbox)
            lost, double, orphan, ok = campaign.reconcile_and_check(gateway, sandbox)
            totals = [lost, double, orphan]  # each check covers the whole history so far
            integrity = integrity and ok
    lost, double, orphan = totals
    settled = ", ".join(f"{n} {status}" for status, n in sorted(campaign.settled.items()))
    print(f"faults detail: {len(campaign.saved)} sales saved, {len(sandbox.charges)} charges "
          f"at the gateway, {campaign.kills_after_answer} kills between the gateway's answer "
          f"and the local commit; reconciliation settled {settled or 'nothing'}")
    print(f"faults: {campaign.runs} runs, {campaign.kills} kills, {lost} lost orders, "
          f"{double} double charges, {orphan} orphan charges, "
          f"integrity {'ok' if integrity else 'FAILED'}")
    return 0 if not (lost or double or orphan) and integrity else 1


if __name__ == "__main__":
    sys.exit(main())
