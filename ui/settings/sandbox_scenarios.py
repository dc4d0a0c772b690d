"""What the demo's sandbox does with readers, wallet codes and store QR codes, switched from
Settings so that each failure of a charge that waits for the customer can be seen handled.

Each scenario starts from the sandbox's normal behaviour and changes one thing (nothing is
saved: the sandbox is the till's own, in this process). `SHORT_LIMIT` keeps the waits that
end by a time limit short enough to watch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from pos.payments.sandbox import waiting

SHORT_LIMIT = 20.0  # seconds: a reader, a customer or a QR code that never acts
NEVER = 3600.0  # seconds: longer than any limit
DEMO_QR_PAID_AFTER = 6.0  # seconds: the demo's "customer" pays a store QR code by itself
FAULT_TIMES = 20  # answers lost while "the reader never answers"

Scenario = Callable[[object, str], None]


def demo_scripts() -> waiting.Scripts:
    """The embedded sandbox as the till starts it: as normal (a customer pays the store's
    QR code by themselves after a few seconds, as there is no phone in the demo)."""
    return waiting.Scripts(qr_autopay=DEMO_QR_PAID_AFTER)


def _normal(sandbox, reader: str) -> None:
    """The reader reads a Visa after 2 s; codes behave as listed; the demo's QR is paid."""
    scripts = sandbox.scripts
    scripts.update({"reader_delay": waiting.READER_DELAY,
                    "confirm_delay": waiting.CONFIRM_DELAY,
                    "qr_expires_in": waiting.QR_EXPIRES_IN, "qr_autopay": DEMO_QR_PAID_AFTER,
                    "wait_limit": waiting.WAIT_LIMIT})
    scripts.set_reader(reader, waiting.DEFAULT_READER_CARD, waiting.READER_DELAY)
    scripts.behave(None)
    sandbox.faults.clear()


def _reader_declines(sandbox, reader: str) -> None:
    sandbox.scripts.set_reader(reader, "tok_decline", waiting.READER_DELAY)


def _reader_times_out(sandbox, reader: str) -> None:
    sandbox.scripts.set_reader(reader, waiting.DEFAULT_READER_CARD, None)
    sandbox.scripts.update({"wait_limit": SHORT_LIMIT})


def _reader_never_answers(sandbox, reader: str) -> None:
    sandbox.faults.add("timeout", times=FAULT_TIMES, endpoint="retrieve")


def _never_confirms(sandbox, reader: str) -> None:
    sandbox.scripts.behave("confirms")
    sandbox.scripts.update({"confirm_delay": NEVER, "wait_limit": SHORT_LIMIT})


def _confirms_late(sandbox, reader: str) -> None:
    sandbox.scripts.behave("late")


def _qr_expires(sandbox, reader: str) -> None:
    sandbox.scripts.update({"qr_expires_in": SHORT_LIMIT, "qr_autopay": None})


SCENARIOS: tuple[tuple[str, Scenario], ...] = (
    (QT_TRANSLATE_NOOP("GatewaySection", "Normal: the reader approves a Visa after 2 s"),
     _normal),
    (QT_TRANSLATE_NOOP("GatewaySection", "The reader declines the card"), _reader_declines),
    (QT_TRANSLATE_NOOP("GatewaySection", "The reader times out (no card, 20 s)"),
     _reader_times_out),
    (QT_TRANSLATE_NOOP("GatewaySection", "The reader never answers"), _reader_never_answers),
    (QT_TRANSLATE_NOOP("GatewaySection", "The customer never confirms (20 s)"),
     _never_confirms),
    (QT_TRANSLATE_NOOP("GatewaySection", "The customer confirms after you cancel"),
     _confirms_late),
    (QT_TRANSLATE_NOOP("GatewaySection", "The QR code expires (20 s)"), _qr_expires),
)


def apply_scenario(sandbox, scenario: Scenario, reader: str) -> None:
    """Back to normal, then `scenario`, for `reader` (the demo's when none is chosen)."""
    reader = reader or waiting.DEMO_READER
    _normal(sandbox, reader)
    if scenario is not _normal:
        scenario(sandbox, reader)


def sandbox_readers(sandbox) -> list[str]:
    """The readers a running sandbox knows (the demo's, and any set up since)."""
    if sandbox is None:
        return []
    return sorted({waiting.DEMO_READER, *sandbox.scripts.public()["readers"]})

