"""The sandbox's charges and idempotency records kept in a JSON file, so a sandbox that
restarts (the demo's, with the program) still knows what it charged: reconciliation at
the next start then finds those charges, as it would at a real gateway.

The file is a log: each change appends one line with the charges and records it
touched (a whole rewrite per charge cost 60 ms at 5,000 charges, a till's
fortnight, and grew all day). Loading replays the lines, the last word on a
charge wins, and writes the file afresh with each record once. A line cut short
by a crash is the last one after good ones; it is skipped, as the answer it held was
never sent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pos.errors import PosError
from pos.money import Money
from pos.payments.sandbox.ledger import CARDS, Charge, Reply


def save(ledger, path: Path) -> None:
    """Append what changed since the last save, as one line."""
    with ledger.lock:
        data = _document(ledger, ledger.changed_charges, ledger.changed_keys)
        ledger.changed_charges.clear()
        ledger.changed_keys.clear()
    if data["charges"] or data["keys"]:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(data) + "\n")


def load(ledger, path: Path) -> None:
    """Fill an empty ledger from `path`, if the file is there, and compact the file."""
    if not path.exists():
        return
    charges: dict[str, Charge] = {}
    keys: dict[str, list] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            try:
                data = json.loads(line)
            except ValueError:
                if number > 1 and number == len(lines):
                    break  # an append cut short by a crash: its answer was never sent
                raise
            for row in data["charges"]:
                amount = Money(row.pop("amount"), row.pop("currency"))
                card = None if row["card"] is None else CARDS[row["card"]]
                charges[row["id"]] = Charge(**dict(row, amount=amount, card=card))
            keys.update((key, [fingerprint, Reply(status, body, tuple(map(tuple, headers)))])
                        for key, (fingerprint, (status, body, headers)) in data["keys"].items())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PosError(f"The sandbox's saved charges in {path} cannot be read ({exc}); "
                       "move the file away to start the sandbox empty.") from None
    with ledger.lock:
        ledger.charges.update(charges)
        ledger.keys.update(keys)
        data = _document(ledger, ledger.charges, ledger.keys)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _document(ledger, charge_ids, keys) -> dict:
    """The given charges and the finished idempotency records among `keys` (the caller
    holds the ledger's lock)."""
    tokens = {card: token for token, card in CARDS.items()}
    return {
        "charges": [dict(vars(c), amount=c.amount.minor, currency=c.amount.currency,
                         card=tokens.get(c.card))
                    for c in (ledger.charges[i] for i in charge_ids)],
        "keys": {key: [fingerprint, [reply.status, reply.body, list(reply.headers)]]
                 for key in keys
                 for fingerprint, reply in (ledger.keys.get(key, (None, None)),)
                 if reply is not None},  # a request in flight is not a record yet
    }
