"""`python bench/start_driver.py --db PATH --user NAME --pin PIN`: `main.py`, timed.

Run by bench.cold_start in a fresh process, offscreen. It runs the program's
own `main()` on the store and, from a timer on the program's event loop, acts
as the cashier: when the sign-in is on screen with the keyboard it prints
`signin <wall clock>`, chooses the user, types the PIN and prints `pin <wall clock>`
as it presses Enter; when the register is on screen, uncovered, with the
keyboard in its scan field, it prints `ready <wall clock>` and quits. The
parent took the wall clock just before starting this process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # main.py, as `python main.py`

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import main as till  # noqa: E402 - the program's own imports are part of the start
from ui.main_window import MainWindow  # noqa: E402


class Cashier:
    """Signs in when the sign-in is up, then waits for the register to take scans."""

    def __init__(self, user: str, pin: str) -> None:
        self.user, self.pin = user, pin
        self.signed_in = False

    def watch(self) -> None:
        if not self.signed_in:
            if self._sign_in_shown():
                self._sign_in()  # it schedules the next look itself
                return
        elif self._ready():
            print(f"ready {time.time():.6f}", flush=True)
            QApplication.instance().quit()
            return
        QTimer.singleShot(1, self.watch)

    def _sign_in_shown(self) -> bool:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        return (dialog is not None and dialog.objectName() == "signInDialog"
                and dialog.isVisible() and focus is not None and focus.window() is dialog)

    def _sign_in(self) -> None:
        dialog = QApplication.activeModalWidget()
        print(f"signin {time.time():.6f}", flush=True)
        names = [dialog.user_list.item(row).text() for row in range(dialog.user_list.count())]
        dialog.user_list.setCurrentRow(names.index(self.user))
        dialog.secret.setFocus()
        QTest.keyClicks(dialog.secret, self.pin)
        self.signed_in = True
        print(f"pin {time.time():.6f}", flush=True)
        QTimer.singleShot(1, self.watch)  # due before Enter: the sign-in runs exec()
        QTest.keyClick(dialog.secret, Qt.Key.Key_Return)

    def _ready(self) -> bool:
        if QApplication.activeModalWidget() is not None:
            return False
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        return (window is not None and window.screens.currentWidget() is window.work_area
                and QApplication.focusWidget() is window.pages["register"].scan_input)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--pin", required=True)
    args = parser.parse_args()
    cashier = Cashier(args.user, args.pin)
    create_app = till.create_app

    def created(argv):
        app = create_app(argv)
        QTimer.singleShot(0, cashier.watch)
        return app

    till.create_app = created
    return till.main(["--db", args.db])


if __name__ == "__main__":
    sys.exit(main())
