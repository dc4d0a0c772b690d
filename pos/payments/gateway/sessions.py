"""HTTP sessions lent to one call at a time, reused, and all closed together.

A `requests.Session` is not safe to share between threads, but opening one per
call would lose connection reuse. Adapters borrow one for each exchange
(`with pool.lend() as session`): an idle one, or a new one made by their own
`make()` (headers, TLS, mounts) when every session is out. There are never
more sessions than exchanges at once.

They used to be kept one per thread (`threading.local`). The till's workers
run on Qt's thread pool, where Python sees each task's thread afresh, so every
card charge made a session, with its open connection, that nothing closed:
memory and a socket per charge all day long (found by `make soak`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import requests


class SessionPool:
    def __init__(self, make: Callable[[], requests.Session]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._open: list[requests.Session] = []
        self._idle: list[requests.Session] = []

    @contextmanager
    def lend(self) -> Iterator[requests.Session]:
        """A session for this exchange alone, given back when the block ends."""
        with self._lock:
            session = self._idle.pop() if self._idle else None
        if session is None:
            session = self._make()
            with self._lock:
                self._open.append(session)
        try:
            yield session
        finally:
            with self._lock:
                if any(s is session for s in self._open):  # not closed meanwhile
                    self._idle.append(session)

    def __len__(self) -> int:
        return len(self._open)

    def __iter__(self):
        """The sessions open now (a snapshot)."""
        with self._lock:
            return iter(list(self._open))

    def close(self) -> None:
        """Close every session (a later `lend` makes a new one)."""
        with self._lock:
            sessions, self._open, self._idle = self._open, [], []
        for session in sessions:
            session.close()
