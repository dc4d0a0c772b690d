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


# The card checkout (tests/ui/card_checkout.py): the sandbox gateway on loopback, a card
# service on a worker, a checkout paying through it.
@pytest.fixture
def sandbox():
    from pos.payments.sandbox.server import SandboxServer
    from tests.ui.card_checkout import KEY, SECRET

    with SandboxServer(api_key=KEY, signing_secret=SECRET) as server:
        yield server


@pytest.fixture
def card_settings() -> dict:
    """Settings saved before the card service reads them; a test module overrides this."""
    return {}


@pytest.fixture
def service(store_path, sandbox, card_settings):
    from pos.payments.gateway.factory import SANDBOX_CARDS
    from pos.payments.gateway.http_adapter import HttpGateway
    from pos.payments.gateway.retry import RetryPolicy
    from pos.settings import load_settings, save_settings
    from tests.ui.card_checkout import KEY, SECRET
    from ui.payments.card_service import CardService
    from ui.workers import wait_for_all

    if card_settings:
        save_settings(**card_settings)
    gateway = HttpGateway(sandbox.url, KEY, SECRET, read_timeout=8.0,
                          policy=RetryPolicy(attempts=2, budget=10.0, base=0.01))
    card_service = CardService(gateway, load_settings(), SANDBOX_CARDS)
    card_service.sandbox = sandbox
    yield card_service
    wait_for_all()
    gateway.close()
    card_service.deleteLater()


@pytest.fixture
def checkout(qtbot, store_path, service):
    from pos.settings import load_settings
    from tests.ui.card_checkout import show_card_checkout
    from ui.session import Session

    return show_card_checkout(qtbot, Session(load_settings(), store_path), service)
