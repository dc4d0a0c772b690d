"""A desktop's screen saver on a private session bus, for the test of ui.screen_awake:
it serves org.freedesktop.ScreenSaver's Inhibit and UnInhibit and prints each call."""

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    cookies = 0

    @Slot(str, str, result="uint")
    def Inhibit(self, app: str, reason: str) -> int:  # noqa: N802 - the D-Bus method's name
        self.cookies += 1
        print(f"inhibit {self.cookies} {app}: {reason}", flush=True)
        return self.cookies

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:  # noqa: N802
        print(f"uninhibit {cookie}", flush=True)


if __name__ == "__main__":
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    saver = ScreenSaver()
    if not (bus.registerObject("/org/freedesktop/ScreenSaver", saver,
                               QDBusConnection.RegisterOption.ExportAllSlots)
            and bus.registerService("org.freedesktop.ScreenSaver")):
        sys.exit("could not serve org.freedesktop.ScreenSaver")
    print("ready", flush=True)
    app.exec()
