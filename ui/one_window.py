"""One window per store: a second start says who has the store, and can bring it forward.

Who may write is decided by the store's writer lock (`pos.store.writer_lock`); this adds
the courtesy on top. The window that holds the lock listens on a QLocalServer named
after the store's path. A second start on the same store is refused by the lock; it
shows the holder in words and, when the holder is on this computer, offers to bring
that window to the front: it connects, sends "raise", waits for "ok", and exits.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pos.errors import StoreInUse
from ui.error_reporting import error_title, show_error

log = logging.getLogger("pos.ui")

WINDOW = "the register window"  # how the lock names the window to those it refuses
REQUEST = b"raise\n"
ANSWER = b"ok\n"
ANSWER_WAIT_MS = 3000  # the other window's event loop answers in milliseconds


def server_name(store: Path) -> str:
    """Short (a Unix socket's path is limited) and the same for every spelling of the path."""
    digest = hashlib.sha256(str(Path(store).resolve()).encode()).hexdigest()[:20]
    return f"pos-store-{digest}"


class RaiseListener(QObject):
    """Listens, while this process holds the store, for a second start asking for the
    window; brings `window` to the front (once it is set) and answers."""

    raised = Signal()

    def __init__(self, store: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: QWidget | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(store)
        # a socket file left by a window that was killed: ours now, as we hold the lock
        QLocalServer.removeServer(name)
        if self._server.listen(name):
            log.info("Listening for a second start on %s (%s)", store, name)
        else:  # the till works without it; a second start is still refused
            log.warning("Cannot listen for a second start on %s: %s", store,
                        self._server.errorString())
        self._server.newConnection.connect(self._on_connection)

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._on_request)
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == REQUEST:
            log.info("A second start on the store asked for this window: brought to the front")
            self.bring_forward()
            socket.write(ANSWER)
            socket.flush()

    def bring_forward(self) -> None:
        window = self.window
        if window is not None:
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.show()
            window.raise_()
            window.activateWindow()
            QApplication.alert(window)  # where the window manager refuses to hand focus over
        self.raised.emit()


def ask_to_raise(store: Path) -> bool:
    """Ask the window holding `store` to come to the front; whether it answered. Blocks
    (briefly) without an event loop: it runs in a second start that is about to exit."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(store))
    if not socket.waitForConnected(ANSWER_WAIT_MS):
        return False
    socket.write(REQUEST)
    answered = False
    if socket.waitForBytesWritten(ANSWER_WAIT_MS):
        while not socket.canReadLine() and socket.waitForReadyRead(ANSWER_WAIT_MS):
            pass
        answered = socket.canReadLine() and bytes(socket.readLine().data()) == ANSWER
    socket.disconnectFromServer()
    return answered


def second_start(refusal: StoreInUse, store: Path) -> int:
    """A start refused by the writer lock: say who holds the store and, if it is a window
    on this computer, offer to bring it forward. The exit code: 0 when it came forward."""
    holder = refusal.holder
    can_raise = holder is not None and holder.program == WINDOW and holder.here
    box = QMessageBox(QMessageBox.Icon.Information, error_title(), str(refusal))
    box.setObjectName("second_start")
    show = None
    if can_raise:
        show = box.addButton(QCoreApplication.translate("OneWindow", "Show that window"),
                             QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("OneWindow", "Close"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(show or box.buttons()[0])
    box.exec()
    if show is None or box.clickedButton() is not show:
        return 1
    if ask_to_raise(store):
        return 0
    show_error(QCoreApplication.translate(
        "OneWindow", "The window that has the store did not answer. Look for it on the task "
        "bar, or close that program and start again."))
    return 1
