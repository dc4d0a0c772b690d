"""Retrying a gateway call with the same idempotency key: bounded, backed off, jittered.

A transient failure (connection error, timeout, 409, 429, 5xx) raises `Retry`
from the send function; anything else ends the loop at once. Waits use "full
jitter" exponential backoff (a random wait up to base·2ⁿ, capped), or the
server's Retry-After when it gives one, and the whole loop stays within a
time budget, so a till never waits longer than the cashier was told.

Kept rather than tenacity (checked with 9.2.1, issue 13): its `stop_before_delay` reads
`time.monotonic()` itself (no clock to inject) and `wait_random_exponential` draws from the
`random` module (no rng), so with the test's fake clock and sleep its budget never stops
(10 sends where this loop makes 2; it also stops at a wait ending exactly on the budget),
and keeping both injectable would mean a custom stop and wait, i.e. this code again.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pos.payments.gateway.base import OutcomeUnknown

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # sends in all, the first included
    budget: float = 20.0  # seconds from the first send to giving up, waits included
    base: float = 0.25  # seconds; the n-th wait is at most base * 2**n ...
    cap: float = 4.0  # ... and never more than this


class Retry(Exception):  # noqa: N818 - a signal to the loop, not an error for people
    """Raised by a send function: this try failed in a way worth another try."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after  # the server's Retry-After, in seconds


def with_retries(send: Callable[[], T], policy: RetryPolicy = RetryPolicy(), *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 rng: Callable[[], float] = random.random) -> T:
    """Call `send` until it returns, retrying on `Retry` within the policy's count and budget.

    When the tries run out, raise `OutcomeUnknown` with the last reason: the
    gateway may have acted on one of the sends, so only a lookup by key can say.
    """
    started = clock()
    for attempt in range(policy.attempts):
        try:
            return send()
        except Retry as retry:
            last = retry
        if attempt + 1 == policy.attempts:
            break
        wait = last.after if last.after is not None else rng() * min(
            policy.cap, policy.base * 2 ** attempt)
        if clock() - started + wait > policy.budget:
            break
        sleep(wait)
    raise OutcomeUnknown(f"The card gateway did not answer in time ({last.reason}). "
                         "The payment will be checked with the gateway before anything "
                         "is charged again.")


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
