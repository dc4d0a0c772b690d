"""A second start on a store a window already has (issue 15): it says which process has
the store and since when, and can bring that window to the front. The first window is a
real `main.py` process; the second is `main.main` in this test's process, whose message
box is answered by clicking its button."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import main as pos_main
from pos.store import writer_lock
from ui.one_window import RaiseListener

# offscreen: a message box sizes itself, and a window cannot be raised
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")
ROOT = Path(pos_main.__file__).resolve().parent
CLIENT = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from ui.one_window import ask_to_raise
app = QCoreApplication([])
sys.exit(0 if ask_to_raise(Path(sys.argv[1])) else 1)
"""


def wait_for_line(stream, words: str, seconds: float = 120) -> list[str]:
    """Lines of `stream` up to the first holding `words` (a window starting up is slow on
    a busy machine: the bound only keeps a broken start from hanging the run)."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 1)
        if ready:
            line = stream.readline()
            if not line:
                break
            seen.append(line)
            if words in line:
                return seen
    pytest.fail(f"no line with {words!r}; the process said: {''.join(seen)}")


@pytest.fixture
def first_window(store_path):
    """`main.py` on the store, in its own process, at its sign-in."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(store_path), "--debug"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, env=env)
    with process:
        wait_for_line(process.stderr, "Listening for a second start")
        yield process
        process.kill()
        process.wait(timeout=30)


def answer_second_start(button_text: str, seen: dict) -> None:
    """Once the second start's message box is up, note what it says and click."""
    box = next((w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "second_start"
                and w.isVisible()), None)
    if box is None:
        QTimer.singleShot(10, lambda: answer_second_start(button_text, seen))
        return
    seen["text"] = box.text()
    seen["buttons"] = [b.text() for b in box.buttons()]
    next(b for b in box.buttons() if b.text() == button_text).click()


def test_a_second_window_names_the_first_and_brings_it_to_the_front(
        qtbot, store_path, first_window):
    seen: dict = {}
    QTimer.singleShot(0, lambda: answer_second_start("Show that window", seen))
    assert pos_main.main(["--db", str(store_path)]) == 0
    assert seen["text"].startswith(
        f"The store {store_path.absolute()} is open in the register window (process "
        f"{first_window.pid} on {socket.gethostname()}, since ")
    assert seen["buttons"] == ["Show that window", "Close"]
    wait_for_line(first_window.stderr, "asked for this window: brought to the front")
    assert first_window.poll() is None  # the first window is still the one selling
    assert writer_lock.holder(store_path).pid == first_window.pid


def test_closing_the_message_leaves_the_first_window_alone(qtbot, store_path, first_window):
    seen: dict = {}
    QTimer.singleShot(0, lambda: answer_second_start("Close", seen))
    assert pos_main.main(["--db", str(store_path)]) == 1
    assert f"(process {first_window.pid} on" in seen["text"]
    assert writer_lock.holder(store_path).pid == first_window.pid


def test_a_command_holding_the_store_is_named_and_cannot_be_brought_forward(qtbot, tmp_path):
    store = tmp_path / "store.db"
    seen: dict = {}
    QTimer.singleShot(0, lambda: answer_second_start("Close", seen))
    with writer_lock.acquire(store, "pos payments reconcile"):
        assert pos_main.main(["--db", str(store)]) == 1
    assert f"is open in pos payments reconcile (process {os.getpid()} on" in seen["text"]
    assert seen["buttons"] == ["Close"]


def test_the_listening_window_comes_forward_when_another_process_asks(qtbot, tmp_path):
    store = tmp_path / "store.db"
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    listener = RaiseListener(store)
    listener.window = window
    try:
        with qtbot.waitSignal(listener.raised, timeout=60_000):
            client = subprocess.Popen([sys.executable, "-c", CLIENT, str(store)],
                                      env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert client.wait(timeout=60) == 0  # it heard "ok"
        assert window.isVisible() and not window.isMinimized()
    finally:
        listener.close()
