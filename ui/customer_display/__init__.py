"""The customer display: a second window facing the customer (issue 16).

`connect_customer_display(window, session)` opens it on the screen the
`customer_display` setting names (ui.customer_display.placement), feeds it from the
register, its checkouts and the card service (ui.customer_display.feed), follows the
setting when it changes and closes it when the register's window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from ui.customer_display.feed import DisplayFeed
from ui.customer_display.placement import choose_screen, place
from ui.customer_display.window import CustomerDisplay
from ui.session import Session

__all__ = ["CustomerDisplay", "CustomerDisplayLink", "connect_customer_display"]


class CustomerDisplayLink(QObject):
    """Keeps the display as the setting (or `--customer-display`) asks: open on its
    screen, closed when off, moved when screens come and go; closed with the till."""

    def __init__(self, window: QMainWindow, session: Session, forced: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.forced = forced
        self.display: CustomerDisplay | None = None
        self._placed: tuple | None = None  # (setting, screen) it was last placed for
        session.settingsChanged.connect(self.apply)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        window.installEventFilter(self)

    def setting(self) -> str:
        setting = self.session.settings.customer_display
        return "on" if self.forced and setting == "off" else setting

    def apply(self) -> None:
        """Open, move or close the display to match the setting."""
        setting = self.setting()
        if setting == "off":
            self.close()
            return
        if self.display is None:
            settings = self.session.settings
            register = self.window.pages["register"]
            self.display = CustomerDisplay(register.cart_model, settings.store_name,
                                           settings.locale)
            DisplayFeed(self.display, register, self.session)
        register_screen = self.window.screen()
        screen = choose_screen(setting, QGuiApplication.screens(), register_screen)
        if self._placed != (setting, screen):  # a window the owner dragged stays put
            self._placed = (setting, screen)
            place(self.display, screen, register_screen)

    def close(self) -> None:
        display, self.display, self._placed = self.display, None, None
        if display is not None:
            display.close()
            display.deleteLater()

    def _screens_changed(self, _screen) -> None:
        if self.display is not None:
            self._placed = None
            QTimer.singleShot(0, self.apply)  # once Qt has moved the windows it had to

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The register's window closing takes the display with it, once the close
        went through (a kiosk may refuse it)."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._follow_window)
        return False

    def _follow_window(self) -> None:
        if not self.window.isVisible():
            self.close()


def connect_customer_display(window: QMainWindow, session: Session,
                             forced: bool = False) -> CustomerDisplayLink:
    """The display for `window`'s register, opened now if the setting (or `forced`,
    the command line's `--customer-display`) says so."""
    link = CustomerDisplayLink(window, session, forced)
    link.apply()
    return link
