"""A circuit breaker: after a run of failures the gateway is treated as offline.

While open, charges are not sent (the store's offline policy decides: refuse
cards, or store and forward them); a probe (`health`) is allowed every
`probe_every` seconds, and the first success closes the breaker again. This
keeps a dead network from costing every customer the full retry budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class CircuitBreaker:
    def __init__(self, threshold: int = 3, probe_every: float = 15.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = threshold
        self.probe_every = probe_every
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None

    @property
    def online(self) -> bool:
        return self.opened_at is None

    def success(self) -> None:
        self.failures = 0
        self.opened_at = None

    def failure(self) -> None:
        """A transport failure (not a decline: a decline proves the gateway is up)."""
        self.failures += 1
        if self.failures >= self.threshold and self.opened_at is None:
            self.opened_at = self.clock()

    def probe_due(self) -> bool:
        """Offline, and long enough since it opened (or the last probe) to try again."""
        if self.opened_at is None or self.clock() - self.opened_at < self.probe_every:
            return False
        self.opened_at = self.clock()  # the next probe waits a full period again
        return True
