"""The fault campaign: sales killed at random points must never lose or double money.

`python -m bench.faults [--runs N]` (`make faults RUNS=N`). The parent runs
the sandbox gateway and, each run, a child process: a till that rings up
sales through the same services the checkout uses (`pos.sales.orders`,
`pos.payments.attempts`, the HTTP adapter) — whole card payments, split tenders (card
and cash, card and card), card parts voided before the sale is paid in cash
or cancelled, cancelled sales, declined and unanswered cards, offline
store-and-forward payments, full and partial refunds of paid sales, and
charges that wait for the customer: card readers (approving or declining,
some cancelled by the cashier as the card is read) and wallet payment codes
(paid at once, confirmed on the phone, never confirmed, declined, or
confirmed just as the cashier cancels). The parent kills the child with
SIGKILL at a random moment — often right before a charge, void or refund is
sent, while a reader or a wallet waits for the customer, or right after the
gateway answered and before the till committed it — with the sandbox's faults
(lost answers, 500s, latency, lost long polls and cancels) switched on for
some runs. Then it reconciles, as the till does at
start-up, and checks the store against the gateway (`bench.fault_checks`):
LOST, DOUBLE, ORPHAN, WRONG and integrity, over the whole history.

It ends with one line and exits non-zero unless LOST, DOUBLE, ORPHAN and WRONG
are 0 and integrity is ok.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.fault_checks import Findings, check

API_KEY = "sk_faults"
SECRET = "whsec_faults"
TOKENS = ["tok_visa"] * 8 + ["tok_mastercard", "tok_decline"]
FAULTS = [None, None, "drop_after_commit", "error500", "latency", "timeout",
          "poll_lost", "cancel_lost"]
TIMER_KILLS = 0.3  # share of runs killed after a random delay, wherever the child is
ANSWER_KILLS = 0.3  # share killed just after a gateway answer
WAITING_KILLS = 0.15  # share killed while a reader or a wallet waits (the rest: before a send)
KILL_CHANCE = 0.35  # chance to kill at each such moment
KILL_POINTS = ("SENDING", "WAITING", "ANSWERED")
# how a sale is paid (weights): whole card; card and cash; two cards; a card part voided,
# then cash or cancel; a card part, then cancelled; an offline card (alone or with cash);
# a card reader; a wallet's payment code
SCENARIOS = {"card": 30, "card_cash": 15, "card_card": 15, "void": 12, "cancel": 8,
             "offline": 20, "reader": 12, "wallet": 18}
READERS = ["reader-1"] * 3 + ["reader-decline"]  # the sandbox's readers (see `main`)
READER_CANCELS = 0.3  # a reader payment the cashier cancels about as the card is read
# wallet test codes by what the customer does (pos.payments.sandbox.waiting.TEST_CODES);
# "late" is cancelled by the cashier just as the customer confirms
WALLET_CODES = {"pays": 3, "confirms": 3, "never": 1, "insufficient": 1, "late": 2}
WAIT_LIMIT = 1.0  # seconds the child's gateway waits for a reader or a phone
OFFLINE_LIMITS = (150_00, 400_00)  # per sale, in all (minor units)
REFUND_CHANCE = 0.3  # a paid sale refunded at once, in full or in part
REFUND_EARLIER = 0.3  # a run that refunds a sale of an earlier run
CHILD_RECONCILES = 0.3  # a run whose till reconciles (its minute timer) among its sales
# what the parent hands its children (so a test that changes them changes the children)
CHILD_SETTINGS = ("TOKENS", "SCENARIOS", "OFFLINE_LIMITS", "REFUND_CHANCE", "REFUND_EARLIER",
                  "CHILD_RECONCILES")


# --- the child: a till ringing up, voiding, cancelling and refunding sales -----------------

class Till:
    """A till driving the services the checkout uses, one step at a time, saying where it
    is so the parent can kill it exactly there."""

    def __init__(self, db: Path, url: str, seed: int) -> None:
        from pos.demo.data import demo_cashier
        from pos.payments.gateway.http_adapter import HttpGateway
        from pos.payments.gateway.retry import RetryPolicy
        from pos.settings import load_settings
        from pos.staff import users
        from pos.staff.actor import Actor
        from pos.store.db import open_store
        from pos.store.models import Product

        self.rng = random.Random(seed)
        open_store(db)
        self.settings = load_settings()
        self.cashier = demo_cashier()
        self.supervisor = Actor(users.find_user("Sam"))  # refunds need a supervisor
        self.products = list(Product.select().where(Product.active & (Product.unit == "each"))
                             .limit(200))
        self.gateway = HttpGateway(url, API_KEY, SECRET, read_timeout=0.5,
                                   policy=RetryPolicy(attempts=3, budget=2.0, base=0.02),
                                   wait_limits={"reader": WAIT_LIMIT,
                                                "wallet_code": WAIT_LIMIT})

    # one sale ------------------------------------------------------------------------
    def sale(self) -> None:
        from pos.money import Money
        from pos.sales.cart import Cart
        from pos.sales.orders import place_order
        from pos.sales.register_items import item_for

        rng = self.rng
        cart = Cart(self.settings.currency, self.settings.tax_mode, self.settings.tax_rounding)
        for product in rng.sample(self.products, rng.randint(1, 3)):
            cart.add(item_for(product), rng.randint(1, 3))
        order = place_order(cart, self.settings.terminal_id, self.cashier)
        total = Money(order.total, order.currency)
        scenario = _pick(rng, SCENARIOS)
        if total.minor <= 200 and scenario not in ("card", "offline", "reader", "wallet"):
            scenario = "card"  # too small to split
        half = Money(total.minor // 2, total.currency)
        if scenario == "card":
            parts = [("card", total)]
        elif scenario == "card_cash":
            parts = [("card", half), ("cash", None)]
        elif scenario == "card_card":
            parts = [("card", half), ("card", None)]
        elif scenario in ("reader", "wallet"):
            parts = [(scenario, total)]
        elif scenario == "offline":
            parts = [("offline", total)] if rng.random() < 0.6 else \
                [("offline", half), ("cash", None)]
        else:  # void, cancel: a card part, then the customer changes their mind
            parts = [("card", half)]
        for kind, amount in parts:
            if kind == "cash":
                break  # the rest, below
            if not self.pay_part(order, kind, amount):
                return  # the sale ended another way (cash for the rest, or cancelled)
        if scenario == "void":
            if self.void_cards(order) and rng.random() < 0.6:
                self.pay_rest_cash(order)  # the card was taken off: cash pays it all
            else:
                self.cancel(order, "customer left")
            return
        if scenario == "cancel":
            self.cancel(order, "customer left")
            return
        self.pay_rest_cash(order)
        if rng.random() < REFUND_CHANCE:
            self.refund(order)

    def pay_part(self, order, kind: str, amount) -> bool:
        """Take one payment; False when the sale ended (paid in cash or cancelled)."""
        from pos.errors import StateError
        from pos.money import Money
        from pos.payments import attempts
        from pos.store.models import Order

        order = Order.get_by_id(order.id)
        amount = amount or Money(order.total - order.paid, order.currency)
        if kind in ("reader", "wallet"):
            request, cancel = self.waiting_charge(order, amount, kind)
            status = self.exchange(request, cancel).status
        else:
            offline = None
            if kind == "offline":
                offline = attempts.OfflineLimits(*OFFLINE_LIMITS)
            try:
                request = attempts.open_charge(order, amount, "http",
                                               self.rng.choice(TOKENS), offline=offline)
            except StateError:  # over the offline limits: charge it online
                request = attempts.open_charge(order, amount, "http", self.rng.choice(TOKENS))
            if request.status == "stored_offline":
                _say("STORED", order.uuid)
                return True
            status = self.exchange(request).status
        if status == "approved":
            return True
        # declined, failed, or no trustworthy answer (unknown): cash, or the customer leaves
        if self.rng.random() < 0.5:
            self.pay_rest_cash(order)
        else:
            self.cancel(order, "card not taken")
        return False

    def waiting_charge(self, order, amount, kind: str):
        """Open a reader or wallet charge; with it, when the cashier will cancel it (seconds
        after sending), or None."""
        from pos.payments import attempts
        from pos.payments.sandbox.waiting import TEST_CODES

        if kind == "reader":
            cancel = self.rng.uniform(0.1, 0.3) if self.rng.random() < READER_CANCELS else None
            return attempts.open_charge(order, amount, "http", attempts.source(
                "reader", self.rng.choice(READERS))), cancel
        behaviour = _pick(self.rng, WALLET_CODES)
        code = self.rng.choice([c for c in TEST_CODES.values() if c.behaviour == behaviour])
        request = attempts.open_charge(order, amount, "http",
                                       attempts.source("wallet_code", code.wallet),
                                       payment_code=code.code)
        return request, (self.rng.uniform(0.05, 0.3) if behaviour == "late" else None)

    def pay_rest_cash(self, order) -> None:
        """Complete the sale: cash for what is still due (nothing if the cards paid it)."""
        from pos.money import Money
        from pos.sales.orders import Tender, pay_order
        from pos.store.models import Order

        order = Order.get_by_id(order.id)
        due = Money(order.total - order.paid, order.currency)
        pay_order(order, [Tender("cash", due, tendered=due)] if due.minor else [])
        _say("SAVED", order.uuid)

    def void_cards(self, order) -> bool:
        """Take the sale's card payments off (open_void, send, finish); True when the
        gateway confirmed every void."""
        from pos.payments import attempts
        from pos.store.models import Payment

        confirmed = True
        for payment in Payment.select().where((Payment.order == order.id)
                                              & (Payment.tender == "card")
                                              & Payment.status.in_(("approved",
                                                                    "stored_offline"))):
            request = attempts.open_void(payment, "http")
            if request is not None:
                confirmed = self.exchange(request).status == "voided" and confirmed
        return confirmed

    def cancel(self, order, note: str) -> None:
        """Cancel the placed sale once its cards are voided (or their voids saved)."""
        from pos.payments import attempts
        self.void_cards(order)
        attempts.cancel_placed(order, note)
        _say("CANCELLED", order.uuid)

    def refund(self, order) -> None:
        """A full or partial refund of a paid sale, its card part sent to the gateway."""
        from pos.errors import InputError, StateError
        from pos.payments import attempts
        from pos.sales.orders import refundable

        quantities = None
        if self.rng.random() < 0.5:
            lines = [ln for ln in order.lines if refundable(ln) > 0]
            if not lines:
                return
            line = self.rng.choice(lines)
            quantities = {line.id: self.rng.randint(1, refundable(line))}
        try:
            _, requests = attempts.refund_order(
                order, quantities, reason="faults", restock=True, gateway="http",
                actor=self.supervisor, terminal_id=self.settings.terminal_id)
        except (InputError, StateError):
            return  # nothing left to refund
        _say("REFUNDED", order.uuid)
        for request in requests:
            self.exchange(request)

    def refund_earlier(self) -> None:
        """A customer comes back with an earlier sale (another run's)."""
        from pos.store.models import Order

        order = (Order.select().where(Order.status.in_(("completed", "partially_refunded")))
                 .order_by(fn_random()).first())
        if order is not None:
            self.refund(order)

    def exchange(self, request, cancel_after: float | None = None):
        """Send one attempt and record the answer, with a kill point on either side (and
        while a reader or a wallet waits); with `cancel_after`, the cashier cancels it that
        many seconds after sending, from another thread, as the charge dialog does."""
        from pos.payments import attempts
        _say("SENDING", f"{request.order_ref} {request.kind}")
        cancel = None
        if cancel_after is not None:
            cancel = threading.Timer(cancel_after, attempts.cancel, [self.gateway, request])
            cancel.start()
        outcome = attempts.send(self.gateway, request,
                                lambda progress: _say("WAITING", f"{request.order_ref} "
                                                                 f"{progress.state}"))
        if cancel is not None:
            cancel.cancel()
            cancel.join()
            attempts.abandon_charge(request.attempt_id)  # the sale no longer wants it
        _say("ANSWERED", f"{request.order_ref} {request.kind}")  # the favourite kill
        return attempts.finish(request.attempt_id, outcome)

    def reconcile(self) -> None:
        """The till's minute timer (it forwards stored offline payments, among others)."""
        from pos.payments import attempts
        _say("RECONCILING", "-")
        attempts.reconcile(self.gateway)


def child(db: Path, url: str, seed: int, sales: int, settings: str) -> None:
    from pos.errors import PosError

    globals().update(json.loads(settings))  # the parent's (CHILD_SETTINGS)
    till = Till(db, url, seed)
    steps = [till.sale] * sales
    if till.rng.random() < REFUND_EARLIER:
        steps.insert(till.rng.randint(0, len(steps)), till.refund_earlier)
    if till.rng.random() < CHILD_RECONCILES:
        steps.insert(till.rng.randint(0, len(steps)), till.reconcile)
    for step in steps:
        try:
            step()
        except PosError as exc:  # a service refused: say so, go on with the next sale
            _say("TROUBLE", f"{step.__name__}: {exc}".replace("\n", " "))
    _say("DONE", "-")


def fn_random():
    from peewee import fn

    return fn.Random()


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _say(what: str, detail: str) -> None:
    """Report a moment; at a kill point wait for the parent's word, so a kill lands exactly
    there (between the gateway's answer and the commit) and not a little later."""
    sys.stdout.write(f"{what} {detail}\n")
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
        self.runs = self.kills = 0
        self.kills_at: Counter[str] = Counter()  # "ANSWERED charge" -> kills there
        self.said: Counter[str] = Counter()  # what the children did: SAVED, REFUNDED, ...
        self.troubles: list[str] = []  # services that refused a step
        self.crashes = 0  # children that died on their own (an exception)
        self.settled: Counter[str] = Counter()  # what reconciliation made of open attempts
        self.reconcile_errors: list[str] = []

    def setup(self) -> None:
        from pos.demo.data import create_demo
        from pos.store.db import close_store, open_store

        open_store(self.db)
        create_demo(products=60, days=0, seed=1, currency="USD")
        close_store()

    def run_once(self, url: str, sandbox) -> None:
        fault = self.rng.choice(FAULTS)
        _set_fault(sandbox, fault)
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.faults", "--child", str(self.db), url,
             str(self.rng.randrange(1 << 30)), str(self.rng.randint(1, 6)),
             json.dumps({name: globals()[name] for name in CHILD_SETTINGS})],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            cwd=Path(__file__).resolve().parent.parent)
        killed = self._watch(process)
        self.runs += 1
        self.kills += killed
        if not killed and process.returncode != 0:
            self.crashes += 1
        _set_fault(sandbox, None)  # the network is back for the restart

    def _watch(self, process: subprocess.Popen) -> bool:
        """Read the child's progress; kill it at a random marker (or a random delay)."""
        plan = self.rng.random()
        timed = plan < TIMER_KILLS
        deadline = time.monotonic() + (self.rng.uniform(0.0, 1.0) if timed else 60)
        kill_on = ("ANSWERED" if plan < TIMER_KILLS + ANSWER_KILLS
                   else "WAITING" if plan < TIMER_KILLS + ANSWER_KILLS + WAITING_KILLS
                   else "SENDING")
        timer = threading.Timer(max(0.0, deadline - time.monotonic()),
                                lambda: _kill(process))
        timer.start()
        killed = False
        try:
            for line in process.stdout:
                word, _, detail = line.strip().partition(" ")
                self.said[word] += 1
                if word == "SAVED":
                    self.saved.add(detail)
                elif word == "TROUBLE":
                    self.troubles.append(detail)
                if word == kill_on and not timed and self.rng.random() < KILL_CHANCE:
                    _kill(process)
                    killed = True
                    self.kills_at[f"{word} {detail.rpartition(' ')[2]}"] += 1
                    break
                if word in KILL_POINTS:
                    _go_on(process)
        finally:
            timer.cancel()
            process.stdout.close()
            _close_quietly(process.stdin)
            process.wait()
        return killed or process.returncode == -signal.SIGKILL

    def reconcile_and_check(self, gateway, sandbox) -> Findings:
        from pos.errors import PosError
        from pos.store.db import close_store, open_store

        open_store(self.db)
        try:
            try:
                for attempt in reconcile_open(gateway):
                    self.settled[f"{attempt.kind} {attempt.status}"] += 1
            except PosError as exc:  # reported; the check below still runs
                self.reconcile_errors.append(str(exc))
            return check(sandbox.charges, self.saved)
        finally:
            close_store()

    def detail(self, sandbox) -> list[str]:
        kills = ", ".join(f"{n} {where.lower()}" for where, n in sorted(self.kills_at.items()))
        settled = ", ".join(f"{n} {what}" for what, n in sorted(self.settled.items()))
        charges = sandbox.charges
        lines = [
            f"faults detail: {len(self.saved)} sales saved, {self.said['CANCELLED']} "
            f"cancelled, {self.said['STORED']} offline card payments, "
            f"{self.said['REFUNDED']} refunds; {len(charges)} charges at the gateway "
            f"({sum(c['status'] == 'voided' for c in charges)} voided, "
            f"{sum(c['refunded'] > 0 for c in charges)} refunded in part or in full; "
            f"{sum(c.get('method') == 'reader' for c in charges)} on a reader, "
            f"{sum(c.get('method') == 'wallet_code' for c in charges)} by a wallet code, "
            f"{sum(c['status'] == 'pending' for c in charges)} still pending)",
            f"faults kills at a marker: {kills or 'none'}; reconciliation settled "
            f"{settled or 'nothing'}",
        ]
        if self.troubles or self.crashes or self.reconcile_errors:
            lines.append(f"faults refusals: {len(self.troubles)} steps refused, "
                         f"{self.crashes} children crashed, {len(self.reconcile_errors)} "
                         "reconciliations failed")
            lines += [f"  refused: {text}" for text in self.troubles[:5]]
            lines += [f"  reconciliation: {text}" for text in self.reconcile_errors[:5]]
        return lines


def reconcile_open(gateway):
    """What the till does at start-up (a seam: the campaign's own test turns it off)."""
    from pos.payments import attempts
    return attempts.reconcile(gateway)


def _set_fault(sandbox, fault: str | None) -> None:
    """This run's misbehaviour, on the charge endpoint (or a waiting charge's long poll or
    cancel); the restart finds the network back."""
    sandbox.faults.clear()
    if fault == "poll_lost":  # a long poll's answer lost, once
        sandbox.faults.add("drop_after_commit", times=1, endpoint="retrieve")
    elif fault == "cancel_lost":  # a cancel done but its answer lost, once
        sandbox.faults.add("drop_after_commit", times=1, endpoint="cancel")
    elif fault == "latency":
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
        child(Path(args[1]), args[2], int(args[3]), int(args[4]), args[5])
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.faults")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(args)
    from pos.payments.gateway.http_adapter import HttpGateway
    from pos.payments.sandbox.server import SandboxServer
    from pos.payments.sandbox.waiting import Scripts

    with tempfile.TemporaryDirectory(prefix="pos-faults-") as folder, \
            SandboxServer(api_key=API_KEY, signing_secret=SECRET,
                          scripts=Scripts(reader_delay=0.2, confirm_delay=0.3)) as sandbox:
        sandbox.scripts.set_reader("reader-decline", "tok_decline", 0.2)
        campaign = Campaign(Path(folder), options.seed)
        campaign.setup()
        gateway = HttpGateway(sandbox.url, API_KEY, SECRET)
        findings = Findings()
        integrity = True
        for _ in range(options.runs):
            campaign.run_once(sandbox.url, sandbox)
            findings = campaign.reconcile_and_check(gateway, sandbox)
            # each check covers the whole history so far; integrity once lost stays lost
            integrity = integrity and findings.integrity
        for line in campaign.detail(sandbox):
            print(line)
    for problem in findings.problems[:10]:
        print(f"  {problem}")
    ok = integrity and not (findings.lost or findings.double or findings.orphan
                            or findings.wrong)
    print(f"faults: {campaign.runs} runs, {campaign.kills} kills, {findings.lost} lost orders, "
          f"{findings.double} double charges, {findings.orphan} orphan charges, "
          f"{findings.wrong} wrong totals, integrity {'ok' if integrity else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
