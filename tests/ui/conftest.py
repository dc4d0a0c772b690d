"""Fixtures for the window tests: Qt runs without a display, on a real store file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from sample_store import build_sample_store  # noqa: E402

from pos.store.db import close_store  # noqa: E402


@pytest.fixture(autouse=True)
def _event_loops_run(qapp):
    """Start each test with working event loops.

    A test that runs `main()` leaves Qt's "quit now" flag set when its last window
    closes after `exec()` returned; from then on every `QEventLoop.exec()`
    (qtbot.wait, waitUntil, waitSignal) would return at once. One short
    `exec()`/`exit()` resets it.
    """
    QTimer.singleShot(0, lambda: qapp.exit(0))
    qapp.exec()


class InlinePool:
    """Runs a task at once on the calling thread (Picard's FakeThreadPool): the staff
    dialogs' slow PIN step answers before `accept()` returns, so tests that type a PIN
    and press Enter read the outcome at once. test_staff_dialogs runs the real worker."""

    def start(self, runnable) -> None:
        runnable.run()


@pytest.fixture(autouse=True)
def _pin_checks_inline(monkeypatch):
    from ui.staff.prompt import StaffPrompt

    monkeypatch.setattr(StaffPrompt, "pool", InlinePool())


@pytest.fixture
def store_path(tmp_path):
    """The path of an open sample store (see sample_store.py); closed after the test."""
    path = tmp_path / "store.db"
    try:
        build_sample_store(path)
        yield path
    finally:
        close_store()
