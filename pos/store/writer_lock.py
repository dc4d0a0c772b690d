"""One writing process per store: an OS lock on `<store>.lock` beside the store file.

Why: the SQLite Python ships here (3.40.1) has the WAL-reset bug (fixed in 3.51.3),
which needs two connections writing or checkpointing the same file at once. Inside a
process one connection writes (`pos.store.db`); this lock makes it one process. The OS
drops the lock when its process ends, however it ends (a crash, SIGKILL, a power cut),
so it is never stale and nobody ever has to delete it by hand.

The holder writes who it is (program, process id, host, since when) into the lock file,
which the others read without locking: `flock` on POSIX is advisory, and on Windows
(`msvcrt.locking`, which is mandatory) the locked byte lies far past those details.
On POSIX the holder deletes the file when it lets go, so it is there only while a store
is being written (or its writer was killed); a process that locked a file just deleted
sees that the path no longer names it and starts again. Windows keeps the file (empty).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from pos.errors import StoreError, StoreInUse

SUFFIX = ".lock"
_WINDOWS_BYTE = 1 << 30  # the byte msvcrt locks, past the holder's details
_PROBE_WAIT_S = 0.5  # a reader's probe holds the lock for microseconds: wait it out
_PROBE_STEP_S = 0.02


@dataclass(frozen=True)
class Holder:
    """Who holds a store: what `describe` says to the person refused."""

    program: str
    pid: int
    host: str
    since: dt.datetime  # aware

    @property
    def here(self) -> bool:
        """On this computer, so its window can be brought to the front."""
        return self.host == socket.gethostname()

    def describe(self) -> str:
        """'the register window (process 4242 on till-1, since 09:14)'."""
        local = self.since.astimezone()
        when = (f"{local:%H:%M}" if local.date() == dt.datetime.now().astimezone().date()
                else f"{local:%Y-%m-%d %H:%M}")
        return f"{self.program} (process {self.pid} on {self.host}, since {when})"


def lock_path(store: Path) -> Path:
    store = Path(store).absolute()
    return store.with_name(store.name + SUFFIX)


def in_use_sentence(store: Path, holder: Holder | None) -> str:
    """The one sentence a second window and a refused command both give."""
    who = holder.describe() if holder else "another program that is starting up"
    return (f"The store {store} is open in {who}. Only one program at a time may change a "
            "store: close that one first, then try again.")


class WriterLock:
    """This process's right to write a store, until `release` (or the end of a `with`
    block) or the process ends."""

    def __init__(self, store: Path, fd: int, holder: Holder) -> None:
        self.store, self.holder, self._fd = store, holder, fd

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):  # before unlocking: free means gone, or empty
            if os.name == "nt":
                os.ftruncate(fd, 0)
            else:
                lock_path(self.store).unlink()
        _unlock(fd)
        os.close(fd)


def acquire(store: Path, program: str) -> WriterLock:
    """Take the store's lock for `program` ("the register window", "pos settings"), or
    raise `StoreInUse` naming the holder."""
    store = Path(store).absolute()
    deadline = time.monotonic() + _PROBE_WAIT_S
    while True:
        fd = _open(store)
        if _try_lock(fd):
            if _still_named(fd, lock_path(store)):
                break
            _unlock(fd)  # locked a file its holder had just deleted: take the new one
        elif time.monotonic() >= deadline:
            os.close(fd)
            found = holder(store)
            raise StoreInUse(in_use_sentence(store, found), found)
        else:
            time.sleep(_PROBE_STEP_S)
        os.close(fd)
    me = Holder(program, os.getpid(), socket.gethostname(),
                dt.datetime.now(dt.UTC).replace(microsecond=0))
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (json.dumps({"program": me.program, "pid": me.pid, "host": me.host,
                                  "since": me.since.isoformat()}) + "\n").encode())
    except OSError as exc:
        _unlock(fd)
        os.close(fd)
        raise StoreError(f"The lock file {lock_path(store)} cannot be written "
                         f"({exc.strerror}). Check the folder's permissions.") from exc
    return WriterLock(store, fd, me)


def holder(store: Path) -> Holder | None:
    """Who holds the store's lock now, or None when it is free. Never waits, and takes
    the lock only for an instant, and only when details are left in the file (a holder
    that died without emptying it: the OS freed its lock)."""
    details = _read_details(lock_path(store))
    if details is None:
        return None
    try:
        fd = os.open(lock_path(store), os.O_RDWR)
    except OSError:
        return details
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return details
    finally:
        os.close(fd)


def _read_details(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
        if data is None:
            return None
        return Holder(str(data["program"]), int(data["pid"]), str(data["host"]),
                      dt.datetime.fromisoformat(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # being written this very moment, or not ours: someone is there
        return Holder("another program", 0, "?", dt.datetime.now(dt.UTC))


def _still_named(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _open(store: Path) -> int:
    path = lock_path(store)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"The lock file {path} cannot be made ({exc.strerror}). Check that "
                         "the folder exists and is writable.") from exc


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    # flock, not lockf: a POSIX record lock is dropped when the process closes *any*
    # descriptor of the file, which reading the holder's details would do.
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
