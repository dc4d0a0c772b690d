"""Which screen the customer display opens on, from the `customer_display` setting.

"on" is the screen the register is not on; a number counts the system's screens from
1; anything else is a screen's name (HDMI-1). The chosen screen gets the display full
screen. Without one (a till with one screen, the register's own screen chosen, a
screen unplugged) the display is an ordinary window the owner can drag where the
customer sees it, which is also what the demo's `pos register --customer-display`
gives on a laptop.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

WINDOW_SIZE = QSize(1024, 768)  # the room assumed when the register's screen is unknown


def choose_screen(setting: str, screens: Sequence[QScreen],
                  register_screen: QScreen | None) -> QScreen | None:
    """The screen to fill, or None for a window."""
    if setting == "on":
        others = [s for s in screens if s is not register_screen]
        return others[0] if others else None
    if setting.isdigit():
        number = int(setting)
        screen = screens[number - 1] if 1 <= number <= len(screens) else None
    else:
        screen = next((s for s in screens if s.name() == setting), None)
    return None if screen is register_screen else screen


def place(display: QWidget, screen: QScreen | None, register_screen: QScreen | None) -> None:
    """Show `display` full screen on `screen`, or as a window beside the register."""
    if screen is not None:
        display.setScreen(screen)
        display.setGeometry(screen.geometry())
        display.showFullScreen()
        return
    area = register_screen.availableGeometry() if register_screen is not None \
        else QRect(QPoint(0, 0), WINDOW_SIZE)
    # in a corner of the register's screen, as small as it reads well: the owner drags it
    size = (area.size() / 2).expandedTo(display.minimumSize()).boundedTo(area.size())
    if display.isFullScreen():
        display.showNormal()
    display.setGeometry(QRect(area.bottomRight() - QPoint(size.width(), size.height()) +
                              QPoint(1, 1), size))
    display.show()
