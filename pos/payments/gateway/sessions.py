"""One `requests.Session` per thread, all closed together.

A session is not safe to share between threads, but opening one per call
would lose connection reuse; adapters keep one per worker thread here, made
by their own `make()` (headers, TLS, mounts), and close them all at shutdown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import requests


class ThreadSessions:
    def __init__(self, make: Callable[[], requests.Session]) -> None:
        self._make = make
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def get(self) -> requests.Session:
        """This thread's session, made on its first call."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._make()
            with self._lock:
                self._sessions.append(session)
                self._local.session = session
        return session

    def __len__(self) -> int:
        return len(self._sessions)

    def __iter__(self):
        """The sessions open now, one per thread that asked (a snapshot)."""
        with self._lock:
            return iter(list(self._sessions))

    def close(self) -> None:
        """Close every thread's session (a later `get` makes a new one)."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
            self._local = threading.local()
        for session in sessions:
            session.close()
