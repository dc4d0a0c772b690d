"""Making a store file or its folder really read-only, also for root (the tests may run as
root, for whom a chmod stops nothing): `chattr +i` where root may use it, a chmod for anyone
else. Imported by the tests that need it, like the other helpers in this folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def read_only(path: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> Iterator[str]:
    """`path` (a file or a folder) read-only for this process while the block runs; the way
    it was done ("chmod", "chattr" or, for a file as root without chattr, "query_only":
    every store this process opens refuses writes in SQLite itself)."""
    if not _root():
        mode = path.stat().st_mode & 0o7777
        path.chmod(mode & ~0o222)
        try:
            yield "chmod"
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield "chattr"
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
        return
    if path.is_dir() or monkeypatch is None:
        pytest.skip("root without chattr cannot make a folder read-only here")
    from pos.store import db
    monkeypatch.setitem(db.PRAGMAS, "query_only", 1)
    yield "query_only"
    monkeypatch.delitem(db.PRAGMAS, "query_only")
