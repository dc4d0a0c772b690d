"""What the program does with an error: a plain message for the person, details in a log.

A `PosError` carries a sentence written for a cashier and is shown as it is.
Anything else is a bug: its traceback goes to a rotating log file in the data
folder and the window shows a short message that says where the details are.
A traceback is printed only with `--debug`.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pos.errors import PosError

LOG_FILE_NAME = "pos.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

log = logging.getLogger("pos.ui")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_title() -> str:
    return QCoreApplication.translate("ErrorReporting", "Point of sale")


def unexpected_error_message(log_path: Path | None) -> str:
    """The short message for a bug: no traceback, just where its details went."""
    if log_path is None:
        return QCoreApplication.translate(
            "ErrorReporting", "Something went wrong inside the program. "
            "Please restart it; if this happens again, call for support.")
    return QCoreApplication.translate(
        "ErrorReporting", "Something went wrong inside the program. Please restart it; if "
        "this happens again, call for support and give them the file {log}.").format(
        log=log_path)


def show_error(message: str, parent: QWidget | None = None) -> None:
    """A modal message box with `message`; `QMessageBox.critical` is looked up at call time
    so that tests can replace it."""
    QMessageBox.critical(parent, error_title(), message)


@contextlib.contextmanager
def logging_to(folder: Path | None, debug: bool = False) -> Iterator[Path | None]:
    """Send the program's log to `folder/pos.log` (rotated) while the block runs, and with
    `debug` to stderr too; yields the log file's path, or None if it cannot be written."""
    root = logging.getLogger()
    handlers: list[logging.Handler] = []
    log_path: Path | None = None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                folder / LOG_FILE_NAME, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                encoding="utf-8", delay=True)
        except OSError:
            handler = None
        if handler is not None:
            handlers.append(handler)
            log_path = folder / LOG_FILE_NAME
    if debug:
        handlers.append(logging.StreamHandler(sys.stderr))
    old_level = root.level
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    try:
        yield log_path
    finally:
        root.setLevel(old_level)
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()


class ExceptHook:
    """A `sys.excepthook` that logs an uncaught exception and shows a short message.

    Errors raised in a slot or an event handler reach it, so the program keeps
    running instead of dying with a traceback on the console. On a thread other
    than the GUI thread it only logs: widgets belong to the GUI thread.
    """

    def __init__(self, log_path: Path | None, debug: bool = False) -> None:
        self.log_path = log_path
        self.debug = debug
        self._showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(exc_type, exc, tb)
            return
        message = self.report((exc_type, exc, tb))
        if self._showing or not _on_gui_thread():
            return
        self._showing = True
        try:
            show_error(message, QApplication.activeWindow())
        except Exception:  # the message box itself failed: the log already has the error
            log.exception("Could not show the error message")
        finally:
            self._showing = False

    def report(self, exc_info: ExcInfo) -> str:
        """Log the error and return the message to show for it."""
        exc = exc_info[1]
        if isinstance(exc, PosError):
            log.warning("%s", exc)
            message = str(exc)
        else:
            log.error("Unexpected error", exc_info=exc_info)
            message = unexpected_error_message(self.log_path)
        if self.debug:
            traceback.print_exception(*exc_info, file=sys.stderr)
        return message

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self.report((args.exc_type, args.exc_value, args.exc_traceback))

    @contextlib.contextmanager
    def installed(self) -> Iterator[ExceptHook]:
        """Install as `sys.excepthook` (and `threading.excepthook`) while the block runs."""
        previous, previous_thread = sys.excepthook, threading.excepthook
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        try:
            yield self
        finally:
            sys.excepthook = previous
            threading.excepthook = previous_thread


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return isinstance(app, QApplication) and QThread.currentThread() is app.thread()
