"""While a sale is open the desktop must not blank or lock the screen, nor sleep.

A desktop's screen lock asks for the *computer's* password: a cashier waiting for a
customer's card would be locked out mid-sale. The till has its own idle lock
(ui.idle_lock) that keeps the sale; the desktop's is kept away only while a sale is open
(`keep_awake`), so the screen still blanks overnight.

It asks over the session D-Bus, the way video players do: first the freedesktop
ScreenSaver interface (KDE, Xfce, LXQt, Cinnamon, MATE), then GNOME's session manager
(idle and suspend). An inhibition lasts until it is released or this program's bus
connection closes (the program quits or dies), so a crash cannot leave the screen on.
Without a session bus (Windows, a bare X server, offscreen) it does nothing: the README
says which desktop settings to change there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

APP_NAME = "pos"
_TIMEOUT_S = 2


@dataclass(frozen=True)
class _Interface:
    """One desktop's inhibit call: where, how to ask (with the app and the reason), and
    how to release (with the cookie it answered)."""

    bus_name: str
    path: str
    interface: str
    inhibit: str
    inhibit_signature: str
    release: str

    def inhibit_args(self, reason: str) -> tuple:
        if self.inhibit_signature == "ss":
            return (APP_NAME, reason)
        return (APP_NAME, 0, reason, 4 | 8)  # GNOME: toplevel xid, flags suspend | idle


INTERFACES = (
    _Interface("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
               "org.freedesktop.ScreenSaver", "Inhibit", "ss", "UnInhibit"),
    _Interface("org.gnome.SessionManager", "/org/gnome/SessionManager",
               "org.gnome.SessionManager", "Inhibit", "susu", "Uninhibit"),
)


class ScreenAwake:
    """`set_busy(True)` when a sale opens, `set_busy(False)` when it ends; `enabled` is
    the `keep_awake` setting. `inhibited` says whether the desktop agreed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.enabled = True
        self._connection = None  # opened at the first sale, kept: the inhibition lives on it
        self._cookie: tuple[_Interface, int] | None = None
        self._unavailable = False

    @property
    def inhibited(self) -> bool:
        return self._cookie is not None

    def set_busy(self, busy: bool) -> None:
        if busy and self.enabled and self._cookie is None and not self._unavailable:
            self._cookie = self._inhibit()
        elif not (busy and self.enabled) and self._cookie is not None:
            self._release()

    def close(self) -> None:
        self.set_busy(False)
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _call(self, interface: _Interface, method: str, signature: str, args: tuple):
        """The reply's body; `DBusErrorResponse` when the desktop answers with an error."""
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import unwrap_msg

        address = DBusAddress(interface.path, bus_name=interface.bus_name,
                              interface=interface.interface)
        return unwrap_msg(self._connection.send_and_get_reply(
            new_method_call(address, method, signature, args), timeout=_TIMEOUT_S))

    def _inhibit(self) -> tuple[_Interface, int] | None:
        from jeepney import DBusErrorResponse

        try:
            if self._connection is None:
                from jeepney.io.blocking import open_dbus_connection

                self._connection = open_dbus_connection(bus="SESSION")
            for interface in INTERFACES:
                try:
                    reply = self._call(interface, interface.inhibit,
                                       interface.inhibit_signature,
                                       interface.inhibit_args(self.reason))
                except DBusErrorResponse as exc:  # not this desktop: try the next
                    log.debug("%s: %s", interface.bus_name, exc)
                    continue
                return interface, reply[0]
        except (OSError, KeyError, ValueError, TimeoutError) as exc:
            log.info("No session bus to keep the screen on: %s", exc)  # KeyError: no address
        self._unavailable = True  # asked once per run: the desktop will not change
        log.info("The desktop offers no screen-saver inhibition; see the README (Kiosk)")
        return None

    def _release(self) -> None:
        interface, cookie = self._cookie
        self._cookie = None
        try:
            self._call(interface, interface.release, "u", (cookie,))
        except Exception as exc:  # noqa: BLE001 - the bus went away: so did the inhibition
            log.info("Could not release the screen-saver inhibition: %s", exc)
