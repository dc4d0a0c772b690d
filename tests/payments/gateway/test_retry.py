"""The retry loop on its own, with an injected clock, sleep and rng: the count, the budget
that includes the next wait, full jitter, Retry-After, and what ends the loop at once."""

from __future__ import annotations

import pytest

from pos.payments.gateway.base import OutcomeUnknown
from pos.payments.gateway.retry import Retry, RetryPolicy, retry_after, with_retries


class Till:
    """A fake clock that sends and sleeps move; records the sends and the waits."""

    def __init__(self, send_takes: float = 0.0) -> None:
        self.now = 0.0
        self.send_takes = send_takes
        self.sends = 0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def failing(self, after: float | None = None):
        def send():
            self.sends += 1
            self.now += self.send_takes
            raise Retry(f"try {self.sends} failed", after)
        return send


def run(till: Till, send, policy: RetryPolicy, rng=lambda: 1.0):
    return with_retries(send, policy, sleep=till.sleep, clock=till.clock, rng=rng)


def test_the_attempts_bound_the_sends_and_the_waits_are_full_jitter():
    till = Till()
    with pytest.raises(OutcomeUnknown, match=r"try 4 failed"):
        run(till, till.failing(), RetryPolicy(attempts=4, budget=100, base=0.25, cap=0.6),
            rng=lambda: 0.5)
    assert till.sends == 4
    assert till.waits == [0.5 * 0.25, 0.5 * 0.5, 0.5 * 0.6]  # rng · min(cap, base·2ⁿ)


def test_the_budget_counts_the_next_wait_before_sleeping_it():
    till = Till(send_takes=6.0)
    with pytest.raises(OutcomeUnknown):
        run(till, till.failing(after=5.0), RetryPolicy(attempts=10, budget=20))
    # 6 s + 5 s wait + 6 s = 17 s; another 5 s wait would end at 22 s > 20 s
    assert till.sends == 2 and till.waits == [5.0]


def test_a_wait_that_ends_exactly_at_the_budget_is_still_taken():
    till = Till(send_takes=2.5)
    with pytest.raises(OutcomeUnknown):
        run(till, till.failing(after=5.0), RetryPolicy(attempts=3, budget=15))
    # the second wait runs from 10 s to exactly 15 s (tenacity's stop_before_delay, >=, stops)
    assert till.sends == 3 and till.waits == [5.0, 5.0]


def test_a_success_after_retries_returns_its_value():
    till = Till()
    answers = iter([Retry("busy"), Retry("busy"), "paid"])

    def send():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert run(till, send, RetryPolicy(attempts=3)) == "paid"
    assert len(till.waits) == 2


def test_any_other_exception_ends_the_loop_at_once():
    till = Till()

    def send():
        till.sends += 1
        raise ValueError("not a transient failure")

    with pytest.raises(ValueError):
        run(till, send, RetryPolicy(attempts=4))
    assert till.sends == 1 and till.waits == []


@pytest.mark.parametrize(("header", "seconds"), [(None, None), ("", None), ("7", 7.0),
                                                 ("soon", None),
                                                 ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_is_seconds_or_a_past_date_or_nothing(header, seconds):
    assert retry_after(header) == seconds
