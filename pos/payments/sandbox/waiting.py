"""How the sandbox's charges that wait for the customer behave: its card readers, its
wallets' test payment codes and its store QR codes (docs/GATEWAY.md, "The sandbox").

`plan` turns a charge request into the script the ledger follows: which card a
reader will read and when, what a wallet does with a test code (pay at once, wait
for the customer, never confirm, decline, confirm just as the cashier cancels), when
a QR order expires or is paid by itself. The script is saved on the charge; the
payment code itself is not: it is a bearer credential, even in a sandbox.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from pos.errors import InputError
from pos.payments.sandbox.ledger import CARDS

DEFAULT_READER_CARD = "tok_visa"
DEMO_READER = "sandbox-reader-1"  # the reader the demo's till drives (any id works)
READER_DELAY = 2.0  # seconds until the demo's reader reads its card
CONFIRM_DELAY = 3.0  # seconds the "confirms" test codes take on the customer's phone
QR_EXPIRES_IN = 120.0  # seconds a store QR code stays valid
WAIT_LIMIT = 300.0  # seconds a reader or a payment code waits before the gateway gives up


@dataclass(frozen=True)
class TestCode:
    """A wallet's test payment code and what the sandbox does with it."""

    code: str
    wallet: str
    behaviour: str  # pays, confirms, never, insufficient, late
    description: str


def _codes(wallet: str, prefix: str) -> tuple[TestCode, ...]:
    described = (("pays", "succeeds at once"),
                 ("confirms", "waits for the customer to confirm, then succeeds"),
                 ("never", "waits for the customer, who never confirms"),
                 ("insufficient", "declined: the balance is not enough"),
                 ("late", "waits; the customer confirms just as the cashier cancels"))
    return tuple(TestCode(f"{prefix}{n:0{18 - len(prefix)}d}", wallet, behaviour, text)
                 for n, (behaviour, text) in enumerate(described, 1))


TEST_CODES = {c.code: c for c in (*_codes("alipay", "28"), *_codes("wechat", "13"))}
"""Alipay's 280000000000000001-5 and WeChat Pay's 130000000000000001-5, in that order:
pays, confirms, never, insufficient, late. Any other well-formed code is declined
`payment_code_invalid`, as a code that expired on the phone is."""


@dataclass(frozen=True)
class ReaderSetting:
    """What a simulated reader does with its next action: read `card` after `delay`
    seconds, or, with `delay` None, wait until a card is set on it."""

    card: str = DEFAULT_READER_CARD
    delay: float | None = READER_DELAY


@dataclass
class Scripts:
    """The sandbox's settings for charges that wait, changed at runtime by the admin
    endpoints (thread-safe)."""

    reader_delay: float | None = READER_DELAY
    confirm_delay: float = CONFIRM_DELAY
    qr_expires_in: float = QR_EXPIRES_IN
    qr_autopay: float | None = None  # a QR order pays itself after this many seconds
    wait_limit: float = WAIT_LIMIT
    readers: dict[str, ReaderSetting] = field(default_factory=dict)
    wallet_behaviour: str | None = None  # every test code behaves so (a Settings switch)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reader(self, reader_id: str) -> ReaderSetting:
        with self.lock:
            return self.readers.get(reader_id, ReaderSetting(delay=self.reader_delay))

    def set_reader(self, reader_id: str, card: str, delay: float | None) -> ReaderSetting:
        if card not in CARDS:
            raise InputError(f"{card!r} is not a sandbox test card; use one of "
                             f"{', '.join(CARDS)}.")
        _check_seconds(delay)
        with self.lock:
            self.readers[reader_id] = setting = ReaderSetting(card, delay)
        return setting

    def behave(self, behaviour: str | None) -> None:
        """Make every wallet test code behave so (pays, confirms, never, insufficient,
        late), or None: each as its own description says."""
        if behaviour not in (None, *{c.behaviour for c in TEST_CODES.values()}):
            raise InputError(f"{behaviour!r} is not a wallet test behaviour.")
        with self.lock:
            self.wallet_behaviour = behaviour

    def update(self, values: dict) -> None:
        """Change settings by name (`POST /sandbox/settings`); seconds, or None where
        the setting allows it."""
        names = {"reader_delay", "confirm_delay", "qr_expires_in", "qr_autopay", "wait_limit"}
        for name, value in values.items():
            if name not in names:
                raise InputError(f"{name!r} is not a sandbox setting; use one of "
                                 f"{', '.join(sorted(names))}.")
            if value is None and name not in ("reader_delay", "qr_autopay"):
                raise InputError(f"The sandbox setting {name} needs a number of seconds.")
            _check_seconds(value)
        with self.lock:
            for name, value in values.items():
                setattr(self, name, value)

    def public(self) -> dict:
        with self.lock:
            return {"reader_delay": self.reader_delay, "confirm_delay": self.confirm_delay,
                    "qr_expires_in": self.qr_expires_in, "qr_autopay": self.qr_autopay,
                    "wait_limit": self.wait_limit,
                    "readers": {r: {"card": s.card, "delay": s.delay}
                                for r, s in self.readers.items()}}


def _check_seconds(value) -> None:
    if value is not None and (type(value) not in (int, float) or not 0 <= value <= 3600):
        raise InputError("Seconds must be a number from 0 to 3600.")


def plan(params: dict, scripts: Scripts, qr_url: str) -> dict:
    """The fields of a new charge that waits (`Ledger.charge`): for a reader, its card
    and when it reads it; for a payment code, what the test code does; for a store
    QR, when it expires (and pays itself, if the sandbox is set to)."""
    now = time.time()
    method = params["method"]
    fields: dict = {"method": method, "expires_at": now + scripts.wait_limit}
    if method == "reader":
        setting = scripts.reader(params["reader_id"])
        return fields | {"reader_id": params["reader_id"], "card": CARDS[setting.card],
                         "settle_at": None if setting.delay is None else now + setting.delay}
    fields["wallet"] = params["wallet"]
    if method == "store_qr":
        autopay = scripts.qr_autopay
        return fields | {"expires_at": now + scripts.qr_expires_in, "qr_url": qr_url,
                         "settle_at": None if autopay is None else now + autopay}
    test = TEST_CODES.get(params["payment_code"])
    behaviour = ("invalid" if test is None or test.wallet != params["wallet"]
                 else scripts.wallet_behaviour or test.behaviour)
    settle_at = {"pays": now, "insufficient": now, "invalid": now,
                 "confirms": now + scripts.confirm_delay}.get(behaviour)
    return fields | {"behaviour": behaviour, "settle_at": settle_at}
