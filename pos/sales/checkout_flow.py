"""The checkout's states while money is in flight, and what the cashier may do in each.

A card charge or void runs on a worker and its answer comes back later on the
GUI thread, while timers, keys and the reconciliation's answers keep arriving.
Instead of guarding each button and key by hand, the checkout window moves
this machine on every event and asks it what is allowed: while a charge or a
void is in flight nothing that could conflict (complete, cancel, remove, a
second charge) is possible, and every in-flight state has a way out (the
answer, or a failure) back to a state the cashier can act in. Plain Python,
tested without Qt; docs/RELIABILITY.md draws it.
"""

from __future__ import annotations

from enum import StrEnum

from pos.errors import StateError


class Phase(StrEnum):
    IDLE = "idle"  # taking payments: type, charge, remove, complete, cancel
    CHARGING = "charging"  # a card charge (or a "check again") is in flight
    AWAITING = "awaiting"  # the charge's answer never came: check again, or leave it
    VOIDING = "voiding"  # a card void is in flight (a part payment removed, or cancelling)
    SETTLED = "settled"  # the payments cover the sale: complete it (or remove one)
    SAVED = "saved"  # the sale is saved: only "next sale"
    CLOSED = "closed"  # the checkout was cancelled


class Action(StrEnum):
    TYPE = "type"  # type an amount, switch tender, take a cash part payment
    CHARGE = "charge"
    CHECK = "check"  # ask the gateway again about an unknown answer
    LEAVE = "leave"  # leave an unknown answer to reconciliation and go on
    REMOVE = "remove"  # take a part payment back (a card is voided first)
    COMPLETE = "complete"
    CANCEL = "cancel"
    NEXT = "next"  # close the saved sale


ALLOWED: dict[Phase, frozenset[Action]] = {
    Phase.IDLE: frozenset({Action.TYPE, Action.CHARGE, Action.REMOVE, Action.COMPLETE,
                           Action.CANCEL}),
    Phase.CHARGING: frozenset(),  # the charge window's Cancel abandons; the answer decides
    Phase.AWAITING: frozenset({Action.CHECK, Action.LEAVE}),
    Phase.VOIDING: frozenset(),
    Phase.SETTLED: frozenset({Action.REMOVE, Action.COMPLETE, Action.CANCEL}),
    Phase.SAVED: frozenset({Action.NEXT}),
    Phase.CLOSED: frozenset(),
}

_IN_FLIGHT = (Phase.CHARGING, Phase.VOIDING)

# (phase, event) -> next phase; "settled"/"open" say whether the payments cover the sale
TRANSITIONS: dict[tuple[Phase, str], Phase] = {
    (Phase.IDLE, "charge"): Phase.CHARGING,
    (Phase.CHARGING, "approved:settled"): Phase.SETTLED,
    (Phase.CHARGING, "approved:open"): Phase.IDLE,
    (Phase.CHARGING, "not_charged"): Phase.IDLE,  # declined, failed, cancelled, voided
    (Phase.CHARGING, "unknown"): Phase.AWAITING,
    (Phase.AWAITING, "check"): Phase.CHARGING,
    (Phase.AWAITING, "leave"): Phase.IDLE,
    (Phase.IDLE, "void"): Phase.VOIDING,
    (Phase.SETTLED, "void"): Phase.VOIDING,
    (Phase.VOIDING, "voided:settled"): Phase.SETTLED,
    (Phase.VOIDING, "voided:open"): Phase.IDLE,
    (Phase.VOIDING, "void_failed:settled"): Phase.SETTLED,
    (Phase.VOIDING, "void_failed:open"): Phase.IDLE,
    (Phase.IDLE, "saved"): Phase.SAVED,
    (Phase.SETTLED, "saved"): Phase.SAVED,
    (Phase.IDLE, "closed"): Phase.CLOSED,
    (Phase.SETTLED, "closed"): Phase.CLOSED,
}


class CheckoutFlow:
    """One checkout's phase. `fire(event)` moves it (an illegal move raises `StateError`);
    `allows(action)` tells the window what to enable."""

    def __init__(self) -> None:
        self.phase = Phase.IDLE

    def allows(self, action: Action) -> bool:
        return action in ALLOWED[self.phase]

    @property
    def busy(self) -> bool:
        """A charge or a void is in flight: its answer will move the flow."""
        return self.phase in _IN_FLIGHT

    def fire(self, event: str, settled: bool | None = None) -> Phase:
        """Move on `event`; events that depend on the payments take `settled`."""
        key = event if settled is None else f"{event}:{'settled' if settled else 'open'}"
        target = TRANSITIONS.get((self.phase, key))
        if target is None:
            raise StateError(f"The checkout cannot {event.replace('_', ' ')} while "
                             f"{self.phase.value}.")
        self.phase = target
        return target

    def begin(self, action: Action, event: str | None = None) -> None:
        """Check that the cashier may do `action` now, then fire its event (if any)."""
        if not self.allows(action):
            raise StateError(f"The checkout cannot {action.value} while {self.phase.value}.")
        if event is not None:
            self.fire(event)
