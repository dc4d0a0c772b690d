"""`make soak`, `python -m bench.soak [--sales N] [--minutes M] [--json FILE]`: a till's day.

Rings N sales (20,000 by default; when M minutes run out first, the last thousand
starts then, or as many as were rung in a shorter day) through
the real main window, register and checkout, pressing keys as a cashier and a
scanner do: codes and Enter into the register, F2 or F3, Enter in the
checkout, Enter (Charge) in the card step, Enter for the next sale. Cards go
through the sandbox gateway in a process of its own (`pos gateway-sandbox`), as a
real gateway is elsewhere: the till's memory is then the till's alone, not the
sandbox's growing ledger. Between sales, as a day brings
them: every 50th sale is parked and recalled, every 40th reprinted from the
order history (to a printer that writes to the null device), every 100th
partly refunded there.

It reports the process's memory (RSS) before the first sale, after the first
thousand (the first dialogs, imports and caches: a till's morning) and after the
last, and the p50 / p99 of a sale (first key to the register ready for the next) over
the first and the last thousand. The last thousand is judged against the first
thousand of a fresh till, started in a process of its own when the last thousand
begins and rung in turns with it, a hundred sales each: on a shared machine the
speed drifts by tens of percent within an hour, so a comparison with the morning
85 minutes earlier measures the machine as much as the till, while sales rung in
turns meet the same machine. The exit status is 1 when memory grew by 50 MB or
more, or the last thousand's p50 is more than 1.1 times the fresh till's. Beside
them, the same till's first thousand and the machine's own speed (a durable SQLite
commit, a piece of Python) before the first sale and after the last.

Everything runs from timers on the application's one event loop (`Cashier`):
no step waits in a loop of its own.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.harness import Result, percentile, print_table, result, write_json

SALES = 20_000
WINDOW = 1000  # the first and last thousand sales are compared
TURNS = 10  # the last thousand and the fresh till's first, rung in turns of a tenth each
CARD_EVERY, PARK_EVERY, REPRINT_EVERY, REFUND_EVERY = 4, 50, 40, 100
GROWTH_LIMIT_MB, RATIO_LIMIT = 50, 1.1
MACHINE_SAMPLES = 200  # of each machine check, before the first sale and after the last
STEP_TIMEOUT_S = 30


class Keys:
    """Keys to press on whatever has the focus: `text` typed first (a scanner's burst or
    a receipt number), then key sequences such as "F2", "Return", "Alt+R"."""

    def __init__(self, *keys: str, text: str = "") -> None:
        self.text = text
        self.keys = keys

    def press(self) -> None:
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest

        if self.text:
            QTest.keyClicks(_focus(self.text), self.text)
        for key in self.keys:
            combo = QKeySequence(key)[0]
            QTest.keyClick(_focus(key), combo.key(), combo.keyboardModifiers())


def _focus(what: str):
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget()
    if target is None:
        raise RuntimeError(f"nothing has the focus for {what!r}: the key goes nowhere")
    return target


class Cashier:
    """Runs a day, a generator of steps, from timers on the one event loop.

    A step is `Keys` to press or a condition to wait for. The next step is
    scheduled before a key is pressed: a key that opens a dialog with `exec()`
    returns only when the dialog closes, and the day goes on inside it.
    """

    def __init__(self, day: Iterator, finished: Callable[[str], None]) -> None:
        self.day = day
        self.finished = finished
        self.waiting: Callable[[], bool] | None = None
        self.since = 0.0

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._advance)

    def _advance(self) -> None:
        from PySide6.QtCore import QTimer

        if self.waiting is not None:
            if not self.waiting():
                if time.monotonic() - self.since > STEP_TIMEOUT_S:
                    self.finished(f"waited {STEP_TIMEOUT_S} s in vain for "
                                  f"{self.waiting.__doc__ or self.waiting}")
                    return
                QTimer.singleShot(1, self._advance)
                return
            self.waiting = None
        try:
            step = next(self.day)
        except StopIteration:
            self.finished("")
            return
        except RuntimeError as exc:  # a step between the sales failed (the fresh till)
            self.finished(str(exc))
            return
        if isinstance(step, Keys):
            QTimer.singleShot(0, self._advance)
            try:
                step.press()
            except RuntimeError as exc:
                self.finished(str(exc))
        else:
            self.waiting, self.since = step, time.monotonic()
            QTimer.singleShot(0, self._advance)


def rss_mb() -> float:
    """This process's resident memory, from /proc/self/status (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class Day:
    """The cashier's day in the main window; `times` gets each sale's milliseconds.

    `between(n)` runs before the first sale (n = 0) and after each sale n, outside its
    time; when it returns False the day ends there."""

    def __init__(self, window, codes: list[str], sales: int, minutes: float | None = None,
                 seed: int = 15, between: Callable[[int], bool] = lambda n: True) -> None:
        self.window = window
        self.register = window.pages["register"]
        self.history = window.pages["history"]
        self.codes = codes
        self.sales = sales
        self.until = time.monotonic() + minutes * 60 if minutes else None
        self.rng = random.Random(seed)
        self.between = between
        self.times: list[float] = []
        self.fresh: list[float] = []  # a fresh till's first sales, beside the last ones
        self.refunds = self.reprints = self.parked = self.cards = 0
        self.warm_rss: float | None = None  # after the first thousand sales

    # conditions ------------------------------------------------------------------
    def _modal(self, name: str) -> Callable[[], bool]:
        from PySide6.QtWidgets import QApplication

        def up() -> bool:
            widget = QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            return (widget is not None and widget.objectName() == name and widget.isVisible()
                    and focus is not None and focus.window() is widget)
        up.__doc__ = f"the {name} to open with the focus"
        return up

    def _lines(self, count: int) -> Callable[[], bool]:
        def rung_up() -> bool:
            return len(self.register.cart.lines) == count
        rung_up.__doc__ = f"{count} line(s) in the cart"
        return rung_up

    def _register_ready(self) -> bool:
        """the register empty, every dialog closed and the focus in the scan field"""
        from PySide6.QtWidgets import QApplication

        return (self.register.checkout is None and QApplication.activeModalWidget() is None
                and self.register.cart.is_empty
                and QApplication.focusWidget() is self.register.scan_input)

    def _saved(self) -> bool:
        """the checkout to save the sale and have the focus"""
        from PySide6.QtWidgets import QApplication

        checkout = self.register.checkout
        focus = QApplication.focusWidget()
        return (checkout is not None and checkout.order is not None and focus is not None
                and focus.window() is checkout)

    def _found(self, order_id: int) -> Callable[[], bool]:
        from PySide6.QtWidgets import QApplication

        def shown() -> bool:
            current = self.history.current_order()
            return (current is not None and current.id == order_id
                    and QApplication.activeModalWidget() is None)
        shown.__doc__ = f"order {order_id} chosen in the history"
        return shown

    def _history_focused(self) -> bool:
        """the order history on screen with the focus in its search"""
        from PySide6.QtWidgets import QApplication

        return (self.window.current_page() == "history"
                and QApplication.focusWidget() is self.history.search_edit)

    # the day ---------------------------------------------------------------------
    def last_window(self) -> int:
        """How many of the last sales are compared: a thousand, or half a shorter day."""
        return min(WINDOW, self.sales // 2)

    def steps(self) -> Iterator:
        yield self._register_ready
        if not self.between(0):
            return
        n = 0
        while n < self.sales:
            n += 1
            start = time.perf_counter()
            codes = self.rng.sample(self.codes, self.rng.randint(1, 5))
            for code in codes:  # a scanner's burst and its Enter
                yield Keys("Return", text=code)
            yield self._lines(len(codes))
            if n % PARK_EVERY == 0:  # the customer forgot something: park, recall
                yield Keys("F6")
                yield self._lines(0)
                yield Keys("F6")
                yield self._modal("registerDialog")
                yield Keys("Return")
                yield self._lines(len(codes))
                self.parked += 1
            card = n % CARD_EVERY == CARD_EVERY - 1
            yield Keys("F3" if card else "F2")
            yield self._modal("checkoutDialog")
            yield Keys("Return")  # cash: exactly what is due; card: the card step
            if card:
                yield self._modal("chargeDialog")
                yield Keys("Return")  # Charge, the test card chosen (Visa)
                self.cards += 1
            yield self._saved
            order = self.register.checkout.order
            yield Keys("Return")  # Next sale
            yield self._register_ready
            self.times.append((time.perf_counter() - start) * 1000)
            if n % REPRINT_EVERY == 0:
                yield from self._reprint(order)
            if n % REFUND_EVERY == 0:
                yield from self._refund(order)
            if self.until is not None and time.monotonic() > self.until:
                self.until = None  # out of time: the last sales start now
                self.sales = min(self.sales, n + min(WINDOW, n))
            if not self.between(n):
                return
            if n == WINDOW:
                gc.collect()
                self.warm_rss = rss_mb()
            if n % 1000 == 0:
                print(f"  {n:,} sales, RSS {rss_mb():.0f} MB, last thousand p50 "
                      f"{percentile(self.times[-1000:], 50):.1f} ms", file=sys.stderr,
                      flush=True)

    def _find(self, order) -> Iterator:
        yield Keys("F10")
        yield self._history_focused
        yield Keys("Return", text=str(order.receipt_no))
        yield self._found(order.id)

    def _back(self) -> Iterator:
        yield Keys("F9")
        yield self._register_ready

    def _reprint(self, order) -> Iterator:
        yield from self._find(order)
        yield Keys("Ctrl+P")
        self.reprints += 1
        yield from self._back()

    def _refund(self, order) -> Iterator:
        from pos.store.models import Refund

        before = Refund.select().count()
        yield from self._find(order)
        yield Keys("Alt+R")
        yield self._modal("refundDialog")
        yield Keys("Up", "Return")  # one of the first line

        def refunded() -> bool:
            return Refund.select().count() > before
        refunded.__doc__ = "the refund to be saved"
        yield refunded
        self.refunds += 1
        yield from self._back()


def machine_check(folder: Path) -> dict[str, list[float]]:
    """The machine's own speed, outside the till: milliseconds of a durable SQLite commit
    (WAL, synchronous=FULL, as a sale commits) and of a fixed piece of Python. Taken
    before the first sale and after the last: on a shared host or a busy disk the machine
    can slow down during an hour's soak, and then the report shows it was the machine,
    not the till, instead of leaving the sale's ratio to be guessed at."""
    import sqlite3

    commits, python = [], []
    conn = sqlite3.connect(folder / "machine-check.db", isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS row (n INTEGER)")
        for n in range(MACHINE_SAMPLES):
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO row VALUES (?)", (n,))
            conn.execute("COMMIT")
            commits.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    for _ in range(MACHINE_SAMPLES):
        start = time.perf_counter()
        sum(n * n for n in range(20_000))
        python.append((time.perf_counter() - start) * 1000)
    return {"durable commit": commits, "Python loop": python}


@contextmanager
def sandbox_gateway() -> Iterator[str]:
    """`pos gateway-sandbox` on a free loopback port, with the demo's key and secret, for
    as long as the block runs; gives its address."""
    with subprocess.Popen(
            [sys.executable, "-m", "pos", "gateway-sandbox", "--port", "0"],
            stdout=subprocess.PIPE, text=True,
            env={k: v for k, v in os.environ.items()
                 if not k.startswith("POS_SANDBOX_")}) as sandbox:
        try:
            first = sandbox.stdout.readline()
            if not first.startswith("Sandbox card gateway at "):
                raise RuntimeError(f"the sandbox gateway did not start: {first!r}")
            yield first.split(" at ", 1)[1].strip()
        finally:
            sandbox.terminate()
            sandbox.communicate(timeout=10)


class Profile:
    """cProfile of the sales rung while `on`, written to `path` by `save()`; nothing at all
    without a path (`--profile DIR`)."""

    def __init__(self, path: Path | None) -> None:
        import cProfile

        self.path = path
        self.profile = cProfile.Profile() if path else None

    def on(self, running: bool) -> None:
        if self.profile is not None:
            (self.profile.enable if running else self.profile.disable)()

    def save(self) -> None:
        if self.profile is not None:
            self.profile.disable()
            self.profile.dump_stats(self.path)
            print(f"soak: profile written to {self.path}", file=sys.stderr)


class FreshTill:
    """A second till in a process of its own (`python -m bench.soak --fresh-till URL`), with
    a store of its own and cards through the same gateway: `ring(n)` has it ring its next
    n sales while this process waits, and gives their milliseconds."""

    def __init__(self, gateway_url: str, profile_dir: Path | None = None) -> None:
        profile = ["--profile", str(profile_dir)] if profile_dir else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.soak", "--fresh-till", gateway_url, *profile],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.process.stdout.readline().strip() != "ready":
            self.close()
            raise RuntimeError("the fresh till did not start (its error is above)")

    def ring(self, sales: int) -> list[float]:
        self.process.stdin.write(f"{sales}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("the fresh till stopped (its error is above)")
        return json.loads(answer)

    def close(self) -> None:
        """The end of its input ends its day; it closes its store and exits."""
        self.process.communicate(timeout=60)


def beside_a_fresh_till(day: Day, gateway_url: str, stack: ExitStack,
                        profile_dir: Path | None = None) -> Callable[[int], bool]:
    """`Day.between` for the soak: when the last thousand begins, start a fresh till, then
    after each tenth of the last thousand have it ring as many, its times to `day.fresh`.
    With `profile_dir`, each till profiles its own sales there: last.prof and fresh.prof."""
    fresh: list[FreshTill] = []
    profile = Profile(profile_dir / "last.prof" if profile_dir else None)

    def between(n: int) -> bool:
        size = day.last_window()
        first = day.sales - size
        if n == first:
            fresh.append(FreshTill(gateway_url, profile_dir))
            stack.callback(fresh[0].close)
            stack.callback(profile.save)
        elif n > first:
            done = n - first
            if done % -(-size // TURNS) == 0 or n == day.sales:
                profile.on(False)
                day.fresh += fresh[0].ring(done - len(day.fresh))
        profile.on(first <= n < day.sales)
        return True
    return between


def serve_fresh_till(gateway_url: str, profile_dir: Path | None = None) -> int:
    """The fresh till's process: a till like the soak's that rings as many sales as each
    line on its input asks and answers with their times as one JSON line; an empty line or
    the end of its input ends its day. Its output carries only those lines."""
    answers, sys.stdout = sys.stdout, sys.stderr
    profile = Profile(profile_dir / "fresh.prof" if profile_dir else None)

    def between(n: int) -> bool:
        if n < day.sales:
            return True
        profile.on(False)
        if n:
            print(json.dumps(day.times[-asked[0]:]), file=answers, flush=True)
        else:
            print("ready", file=answers, flush=True)
        line = sys.stdin.readline().strip()
        if not line:
            return False
        asked[0] = int(line)
        day.sales = n + asked[0]
        profile.on(True)
        return True

    asked = [0]
    with till_folder() as folder:
        window, cards, codes = open_till(folder, gateway_url)
        day = Day(window, codes, 0, seed=16, between=between)
        problem = ring(day)
        profile.save()
        window.close()
        cards.stop()
    if problem:
        print(f"soak: the fresh till stopped after {len(day.times):,} sales: {problem}",
              file=sys.stderr)
    return 2 if problem else 0


@contextmanager
def till_folder() -> Iterator[Path]:
    """A temporary folder for a till's store and key file, closed with it."""
    from pos.store.db import close_store

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="pos-soak-") as tmp:
        os.environ["POS_DATA_DIR"] = tmp  # the store's key file stays in the temp folder
        try:
            yield Path(tmp)
        finally:
            close_store()


def ring(day: Day) -> str:
    """Runs the day on the application's event loop; gives what stopped it early, or ""."""
    from PySide6.QtWidgets import QApplication

    outcome: list[str] = []

    def finished(problem: str) -> None:
        outcome.append(problem)
        for widget in QApplication.topLevelWidgets():  # unwind any dialog's exec()
            if widget.isVisible() and widget.isModal():
                widget.close()
        QApplication.instance().quit()

    cashier = Cashier(day.steps(), finished)  # kept: the timers hold it weakly
    cashier.start()
    QApplication.instance().exec()
    return outcome[0] if outcome else ""


def open_till(folder: Path, gateway_url: str):
    """A demo store, opened as `main.py` opens it, its cards through the gateway at
    `gateway_url`: the main window on screen, the manager signed in on an open shift,
    receipts printed to the null device. Returns (window, cards, scan codes)."""
    from PySide6.QtWidgets import QApplication

    from pos.demo.data import create_demo
    from pos.payments.gateway.factory import API_KEY, SIGNING_SECRET
    from pos.payments.sandbox.server import DEMO_API_KEY, DEMO_SIGNING_SECRET
    from pos.sales import shifts
    from pos.settings import load_settings, save_settings
    from pos.staff import users
    from pos.store.db import open_store
    from pos.store.models import Barcode, Product
    from pos.store.secrets import put_secret
    from ui.app import create_app
    from ui.main_window import MainWindow
    from ui.payments.setup import connect_cards
    from ui.session import Session

    create_app([sys.argv[0]])
    path = folder / "soak.db"
    open_store(path)
    create_demo(products=2000, days=0)
    # cards by the charge window's test card: the simulated reader's 2 s are not the till's
    save_settings(printer="file", printer_target=os.devnull, card_reader="",
                  card_gateway="http", gateway_url=gateway_url)
    put_secret(API_KEY, DEMO_API_KEY)
    put_secret(SIGNING_SECRET, DEMO_SIGNING_SECRET)
    codes = [b.code for b in Barcode.select(Barcode.code).join(Product)
             .where(Product.unit == "each", Product.active == True)]  # noqa: E712 - SQL
    session = Session(load_settings(), path)
    cards = connect_cards(session)
    if session.card_service is None:
        raise RuntimeError(f"the till did not connect to the gateway at {gateway_url}")
    window = MainWindow(session)
    manager = users.find_user("Morgan")
    shifts.open_shift(manager, "100", session.terminal_id)
    session.sign_in(manager)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window, cards, codes


def run(sales: int, minutes: float | None = None, json_path: str | None = None,
        profile_dir: Path | None = None) -> int:
    with ExitStack() as stack:
        folder = stack.enter_context(till_folder())
        url = stack.enter_context(sandbox_gateway())
        window, cards, codes = open_till(folder, url)
        day = Day(window, codes, sales, minutes)
        day.between = beside_a_fresh_till(day, url, stack, profile_dir)
        machine = [machine_check(folder)]
        gc.collect()
        start_rss = rss_mb()
        started = time.monotonic()
        problem = ring(day)
        gc.collect()
        end_rss = rss_mb()
        minutes = (time.monotonic() - started) / 60
        machine.append(machine_check(folder))
        window.close()
        cards.stop()
    if problem:
        print(f"soak: stopped after {len(day.times):,} sales: {problem}", file=sys.stderr)
        return 2
    return report(day, start_rss, end_rss, minutes, json_path, machine)


def report(day: Day, start_rss: float, end_rss: float, minutes: float,
           json_path: str | None, machine: list[dict[str, list[float]]] | None = None) -> int:
    """The table, the summary line and the verdict: the last thousand against the fresh
    till's first thousand, rung in turns with it. The same till's first thousand and the
    machine check before and after (`machine`) are shown beside it, never judged: both
    were taken on the machine of an hour before."""
    size = min(WINDOW, len(day.times) // 2)
    first, last = day.times[:size], day.times[-size:]
    rows: list[Result] = [
        result(f"soak: sale, first {size:,}", first),
        result(f"soak: sale, last {size:,}", last, "p50 <= 1.1x fresh",
               baseline=(f"a fresh till's first {len(day.fresh):,}, in turns", day.fresh)),
        result(f"soak: sale, last {size:,}, against the first", last,
               baseline=(f"first {size:,} of the same till", first))]
    if machine:
        before, after = machine
        rows += [result(f"machine: {name}, after the last sale", after[name],
                        baseline=("before the first sale", samples))
                 for name, samples in before.items()]
    ratio = rows[1].ratio or 0.0
    growth = end_rss - start_rss
    print_table(rows)
    print(f"{len(day.times):,} sales in {minutes:.1f} min: {day.cards:,} by card, "
          f"{day.parked} parked and recalled, {day.reprints} reprinted, "
          f"{day.refunds} refunded")
    if json_path:
        from bench.__main__ import machine

        rows.append(Result("soak: RSS growth", "MB", round(growth, 1), round(end_rss, 1),
                           f"< {GROWTH_LIMIT_MB} MB", n=len(day.times)))
        write_json(json_path, rows, machine())
    warm = (f"; {day.warm_rss:.0f} MB after {WINDOW:,}, {end_rss - day.warm_rss:+.0f} since"
            if day.warm_rss is not None else "")
    print(f"soak: {len(day.times):,} sales, RSS {start_rss:.0f} → {end_rss:.0f} MB "
          f"({growth:+.0f}{warm}), p50 {rows[0].p50:.0f} → {rows[1].p50:.0f} ms "
          f"(a fresh till in turns: {rows[1].baseline_p50:.0f}), p99 {rows[0].p99:.0f} → "
          f"{rows[1].p99:.0f} ms, last/fresh p50 {ratio:.2f} (last/first {rows[2].ratio:.2f})")
    return 0 if growth < GROWTH_LIMIT_MB and ratio <= RATIO_LIMIT else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=SALES, help="how many sales to ring up")
    parser.add_argument("--minutes", type=float,
                        help="after this long, ring only the last thousand (beside the fresh "
                             "till) and stop")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--profile", metavar="DIR", type=Path,
                        help="profile the last thousand and the fresh till's sales (cProfile) "
                             "into DIR/last.prof and DIR/fresh.prof")
    parser.add_argument("--fresh-till", metavar="GATEWAY_URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.fresh_till:
        return serve_fresh_till(args.fresh_till, args.profile)
    if args.sales < 2:
        parser.error("--sales needs at least 2 sales")
    return run(args.sales, args.minutes, args.json, args.profile)


if __name__ == "__main__":
    sys.exit(main())
