"""The adapters' HTTP sessions: one exchange at a time each, reused whichever thread asks.

One session per thread leaked a session and its connection per card charge on the till,
whose Qt worker threads Python sees afresh for each task (found by `make soak`)."""

from __future__ import annotations

import threading

import requests

from pos.payments.gateway.sessions import SessionPool


def test_exchanges_one_after_another_share_one_session_whatever_the_thread():
    pool = SessionPool(requests.Session)
    used = []

    def exchange() -> None:
        with pool.lend() as session:
            used.append(session)

    for _ in range(20):  # a new thread each time, as the till's workers look to Python
        thread = threading.Thread(target=exchange)
        thread.start()
        thread.join()
    assert len(pool) == 1 and len({id(s) for s in used}) == 1


def test_exchanges_at_once_each_get_their_own_session_and_close_closes_all():
    pool = SessionPool(requests.Session)
    with pool.lend() as first, pool.lend() as second:
        assert first is not second
    with pool.lend() as again:
        assert again in (first, second)
    closed = []
    for session in pool:
        session.close = lambda s=session: closed.append(s)
    pool.close()
    assert len(closed) == 2 and len(pool) == 0
    with pool.lend():
        assert len(pool) == 1  # a later exchange makes a new one
