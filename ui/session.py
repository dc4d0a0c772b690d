"""What every window shares: the store's settings, its file, this terminal and its cashier.

Windows read `session.settings` and listen to the signals, so a settings
change or a saved sale shows everywhere without the windows knowing each other.
The terminal's devices hang here too, set once at start-up: `card_charger`
(the checkout's card step), `card_service` (the gateway link, if any), `sync_service`
(head office's, see ui.head_office), `backup_service` (ui.backups) and
`receipt_printer(order, parent)`; None means the window's default (a
standalone card terminal; no gateway; no printing).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from pos.settings import StoreSettings, load_settings
from pos.staff.actor import Actor


class Session(QObject):
    settingsChanged = Signal()
    """The store settings were saved; `settings` holds the new ones."""
    ordersChanged = Signal()
    """A sale, refund or status change was saved: histories should refresh."""
    catalogueChanged = Signal()
    """Products were added, edited or imported."""
    userChanged = Signal()
    """Someone signed in, or the till was locked and another cashier took over."""
    shiftClosed = Signal()
    """A shift was closed and its Z report saved (an automatic backup follows)."""

    def __init__(self, settings: StoreSettings, db_path: Path, cashier: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.db_path = Path(db_path)
        self.cashier = cashier or self.tr("Cashier")
        self.user = None  # the signed-in pos.staff.users.User; None in a store without staff
        self.card_charger = None
        self.card_service = None  # ui.payments.card_service.CardService, with a gateway
        self.sync_service = None  # ui.head_office.SyncService: the head-office link
        self.backup_service = None  # ui.backups.BackupService: the automatic backups
        self.receipt_printer = None

    def sign_in(self, user) -> None:
        """`user` works the till from now on (the cart on screen stays as it is)."""
        self.user = user
        self.cashier = user.name
        self.userChanged.emit()

    def actor(self, *approvals) -> Actor | None:
        """Who the services should check and record for a change made now."""
        return Actor(self.user, approvals) if self.user is not None else None

    @property
    def terminal_id(self) -> str:
        return self.settings.terminal_id

    def reload_settings(self) -> None:
        self.settings = load_settings()
        self.settingsChanged.emit()
