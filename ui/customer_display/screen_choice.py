"""The Settings page's choice of the customer display's screen (`customer_display`).

Off; on (whichever screen the register is not on); or one of the screens connected
now, kept by its name, which stays the same when the system counts the screens in
another order. A value set on the command line (a number, a screen not connected
today) is listed as it is, so opening Settings never changes it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox


def fill_screen_choice(combo: QComboBox, setting: str) -> None:
    """The choices, with `setting` chosen; the value is `combo.currentData()`."""
    combo.clear()
    combo.addItem(QCoreApplication.translate("ScreenChoice", "Off"), "off")
    combo.addItem(QCoreApplication.translate(
        "ScreenChoice", "On: the screen the register is not on"), "on")
    for number, screen in enumerate(QGuiApplication.screens(), 1):
        combo.addItem(_screen_label(number, screen), screen.name() or str(number))
    if combo.findData(setting) < 0:
        combo.addItem(QCoreApplication.translate("ScreenChoice", "Screen {number}").format(
            number=setting) if setting.isdigit() else QCoreApplication.translate(
            "ScreenChoice", "{name} (not connected)").format(name=setting), setting)
    combo.setCurrentIndex(combo.findData(setting))


def _screen_label(number: int, screen: QScreen) -> str:
    """A screen by its number, name (some systems give none) and size."""
    size = f"{screen.geometry().width()}×{screen.geometry().height()}"
    if screen.name():
        return QCoreApplication.translate("ScreenChoice", "Screen {number}: {name} ({size})") \
            .format(number=number, name=screen.name(), size=size)
    return QCoreApplication.translate("ScreenChoice", "Screen {number} ({size})").format(
        number=number, size=size)
