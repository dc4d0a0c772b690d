"""Start the point of sale: `pos register [--db PATH] [--fullscreen | --kiosk]
[--customer-display] [--debug]`
(or `python main.py ...`).

Without `--db` the store is the default file in the user's data folder. A
store that cannot be opened is explained in a message box (exit code 1);
any other failure is logged with its traceback to `pos.log` next to the
store and shown as a short message. `--debug` also prints tracebacks and
the log to the console.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from pos.errors import PosError, StoreInUse
from pos.settings import load_settings
from pos.store.db import close_store, open_store
from pos.store.paths import default_db_path
from ui.app import create_app
from ui.backups import connect_backups
from ui.customer_display import connect_customer_display
from ui.error_reporting import ExceptHook, logging_to, show_error, unexpected_error_message
from ui.head_office import connect_sync
from ui.i18n import install_translations
from ui.kiosk import Kiosk
from ui.main_window import MainWindow
from ui.one_window import WINDOW, RaiseListener, second_start
from ui.payments.setup import connect_cards
from ui.session import Session
from ui.staff import start

log = logging.getLogger("pos.main")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pos register", description="A desktop point of sale.")
    parser.add_argument("--db", metavar="PATH", type=Path,
                        help="the store file to open (default: store.db in the data folder)")
    screen = parser.add_mutually_exclusive_group()
    screen.add_argument("--fullscreen", action="store_true",
                        help="fill the screen (Alt+F4 still closes it)")
    screen.add_argument("--kiosk", action="store_true",
                        help="fill the screen without a frame; quitting needs a manager's PIN")
    parser.add_argument("--customer-display", action="store_true",
                        help="open the customer display even if the setting is off (on the "
                             "second screen, or as a window)")
    parser.add_argument("--debug", action="store_true",
                        help="print tracebacks and debug messages to the console")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_app(sys.argv[:1])
    db_path: Path | None = args.db.expanduser() if args.db else None
    log_folder = db_path.parent if db_path else None
    if db_path is None:
        try:
            db_path = default_db_path()
            log_folder = db_path.parent
        except Exception:  # no data folder to log to: keep the message short
            if args.debug:
                log.exception("No default store path")
            show_error(unexpected_error_message(None))
            return 1

    with logging_to(log_folder, debug=args.debug) as log_path:
        hook = ExceptHook(log_path, debug=args.debug)
        with hook.installed():
            try:
                return _run(app, db_path, args)
            except StoreInUse as exc:  # a second start: who has the store, and show it
                log.info("Not started: %s", exc)
                return second_start(exc, db_path)
            except PosError as exc:
                log.warning("Could not start: %s", exc)
                show_error(str(exc))
                return 1
            except Exception:
                log.exception("Could not start")
                show_error(unexpected_error_message(log_path))
                return 1
            finally:
                close_store()


def _run(app: QApplication, db_path: Path, args: argparse.Namespace) -> int:
    log.info("Opening the store %s", db_path)
    open_store(db_path, writer=WINDOW)  # held until close_store: one writing process
    listener = RaiseListener(db_path)  # a second start asks this one to come forward
    try:
        return _run_window(app, db_path, args, listener)
    finally:
        listener.close()


def _run_window(app: QApplication, db_path: Path, args: argparse.Namespace,
                listener: RaiseListener) -> int:
    settings = load_settings()
    install_translations(settings.locale)  # before any window or the session names things
    session = Session(settings, db_path)
    cards = connect_cards(session)  # before the windows: the checkout asks for its charger
    sync = connect_sync(session)  # before the window: its status bar shows head office's
    backups = connect_backups(session)  # before the window: its status bar tells how they go
    try:
        # The window is built and on screen, covered, before anyone signs in, and the
        # sign-in is its child, as on the lock screen: when the PIN is accepted the keyboard
        # goes straight to the register. Built after the sign-in, the window took a second
        # or more to appear, and the keys typed meanwhile (F2, a scan) went to no window.
        window = MainWindow(session)
        listener.window = window
        if args.kiosk:
            Kiosk(window, session)
        with window.covered():
            if args.fullscreen or args.kiosk:
                window.showFullScreen()
            else:
                window.show()
            # the first manager on a new store, else sign-in (in a kiosk, no way around it)
            user = start(window, required=args.kiosk)
        if user is None:
            window.close()
            return 0
        session.sign_in(user)
        connect_customer_display(window, session, forced=args.customer_display)
        sync.start()  # the first round at once: what a previous run left unsent
        backups.start()  # today's backup, if none was taken yet
        return app.exec()
    finally:
        backups.stop()
        sync.stop()
        cards.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
