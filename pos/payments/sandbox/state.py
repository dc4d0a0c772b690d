"""The sandbox's charges and idempotency records kept in a JSON file, so a sandbox that
restarts (the demo's, with the program) still knows what it charged: reconciliation at
the next start then finds those charges, as it would at a real gateway.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pos.errors import PosError
from pos.money import Money
from pos.payments.sandbox.ledger import CARDS, Charge, Reply


def save(ledger, path: Path) -> None:
    """Write the ledger atomically (a temporary file, then a rename)."""
    tokens = {card: token for token, card in CARDS.items()}
    with ledger.lock:
        data = {
            "charges": [dict(vars(c), amount=c.amount.minor, currency=c.amount.currency,
                             card=tokens[c.card]) for c in ledger.charges.values()],
            "keys": {key: [fingerprint, None if reply is None else
                           [reply.status, reply.body, list(reply.headers)]]
                     for key, (fingerprint, reply) in ledger.keys.items()
                     if reply is not None},  # a request in flight is not a record yet
        }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)


def load(ledger, path: Path) -> None:
    """Fill an empty ledger from `path`, if the file is there."""
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        charges = []
        for row in data["charges"]:
            amount = Money(row.pop("amount"), row.pop("currency"))
            charges.append(Charge(**dict(row, amount=amount, card=CARDS[row["card"]])))
        keys = {key: [fingerprint, Reply(status, body, tuple(tuple(h) for h in headers))]
                for key, (fingerprint, (status, body, headers)) in data["keys"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PosError(f"The sandbox's saved charges in {path} cannot be read ({exc}); "
                       "move the file away to start the sandbox empty.") from None
    with ledger.lock:
        ledger.charges.update((charge.id, charge) for charge in charges)
        ledger.keys.update(keys)
