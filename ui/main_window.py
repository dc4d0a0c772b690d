"""The main window: the register is home; the other pages sit behind a navigation bar.

Each page is its own widget in its own module; the window only switches
between them (F9–F12 or the buttons on the left) and keeps the status bar:
terminal, cashier, card gateway state, head office's (Ctrl+H: Sync now) and the time;
how an automatic backup went shows there as a message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.sales import shifts
from pos.staff import users
from pos.store.db import database
from ui.elided_label import ElidedLabel
from ui.error_reporting import show_error
from ui.focus import give_focus_back
from ui.head_office import SYNC_NOW_KEY
from ui.idle_lock import IdleLock
from ui.lazy_pages import LazyPages
from ui.screen_awake import ScreenAwake
from ui.session import Session
from ui.shifts.shift_dialog import ShiftDialog
from ui.staff import ApprovalResult, lock, request_approval

MINIMUM_SIZE = (1000, 620)  # the smallest till screen is 1024×768, less a task bar
PAGE_RIGHTS = {"products": "open_products", "reports": "open_reports",
               "settings": "open_settings"}
"""Pages only some roles may open: the store sets which (pos.staff.users.PAGE_ROLE_SETTINGS)."""


def screen_size(screen: QScreen | None) -> QSize:
    """The whole of the screen the window opens on, less the task bar: the size it has
    even where nothing maximises it (a till's X server without a window manager)."""
    if screen is None:
        return QSize(*MINIMUM_SIZE)
    return screen.availableGeometry().size().expandedTo(QSize(*MINIMUM_SIZE))


class MainWindow(QMainWindow):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.approval_dialog: QDialog | None = None  # open while a supervisor is asked
        self.shift_dialog: ShiftDialog | None = None
        self.setObjectName("mainWindow")
        # It opens maximised, so the layout follows whatever screen the till has (a screen
        # below the minimum gets a window of the minimum size rather than a squeezed one).
        size = screen_size(self.screen())
        self.resize(size)
        self.setMinimumSize(*MINIMUM_SIZE)
        if self.screen() is not None and self.screen().availableGeometry().size() == size:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self._update_title()
        session.settingsChanged.connect(self._update_title)

        self.stack = QStackedWidget(self)
        self.nav = QVBoxLayout()
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.pages = LazyPages(self._build_page)
        for key, title, shortcut, factory in self._page_specs():
            self._add_page(key, title, shortcut, factory)
        self.nav.addStretch(1)
        self._wire_receipts()

        work = QWidget(self)
        work.setObjectName("workArea")
        layout = QHBoxLayout(work)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        nav_panel = QWidget(work)
        nav_panel.setObjectName("navPanel")
        nav_panel.setLayout(self.nav)
        # As wide as its widest button wants, on every page: a wide page must not squeeze it.
        nav_panel.setFixedWidth(nav_panel.sizeHint().width())
        layout.addWidget(nav_panel)
        layout.addWidget(self.stack, 1)
        # Locked, the whole work area (pages and navigation) gives way to a plain cover:
        # nothing of the till shows around the sign-in, and nothing reflows behind it.
        self.lock_cover = QLabel(self.tr("Locked"), self)
        self.lock_cover.setObjectName("lockCover")
        self.lock_cover.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.screens = QStackedWidget(self)
        self.screens.setObjectName("screens")
        self.screens.addWidget(work)
        self.screens.addWidget(self.lock_cover)
        self.work_area = work
        self.setCentralWidget(self.screens)
        self._build_status_bar()
        self.show_page("register")
        self.apply_roles()
        session.userChanged.connect(self.apply_roles)
        session.settingsChanged.connect(self.apply_roles)
        self._wire_idle()

    def _page_specs(self) -> list[tuple[str, str, str | None, str]]:
        return [
            ("register", self.tr("Register"), "F9", "ui.register.register_view:RegisterView"),
            ("history", self.tr("Orders"), "F10", "ui.history.history_view:HistoryView"),
            ("products", self.tr("Products"), "F11", "ui.products.products_view:ProductsView"),
            ("reports", self.tr("Reports"), None, "ui.reports.reports_view:ReportsView"),
            ("settings", self.tr("Settings"), "F12", "ui.settings.settings_view:SettingsView"),
        ]

    def _add_page(self, key: str, title: str, shortcut: str | None, factory: str) -> None:
        button = QPushButton(title if not shortcut else f"{title}\n{shortcut}", self)
        button.setObjectName(f"nav_{key}")
        button.setAccessibleName(title)
        button.setCheckable(True)
        button.setMinimumSize(96, 64)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        button.clicked.connect(lambda _=False, k=key: self.navigate(k))
        self.nav_group.addButton(button)
        self.nav.addWidget(button)
        self.pages.add(key, factory)
        if shortcut:
            QShortcut(QKeySequence(shortcut), self, lambda k=key: self.navigate(k))

    def _wire_receipts(self) -> None:
        """Receipts print after a sale, reprint from the history, print a test page from
        the settings; "No sale" opens the drawer (the staff issue adds its permission)."""
        from ui.receipts.service import ReceiptService

        self.receipts = ReceiptService(self.session, self)
        if self.session.receipt_printer is None:
            self.session.receipt_printer = self.receipts.print_sale
        for name, text, accessible, action, key in (
                ("shiftButton", self.tr("Shift"),
                 self.tr("Shift: open, cash in and out, X report, close with a count"),
                 self.open_shift_dialog, "Ctrl+S"),
                ("noSaleButton", self.tr("No sale"), self.tr("No sale: open the cash drawer"),
                 self.no_sale, "Ctrl+D"),
                ("lockButton", self.tr("Lock"),
                 self.tr("Lock the till, or switch cashier (the sale stays)"), self.lock,
                 "Ctrl+L")):
            QShortcut(QKeySequence(key), self, action)
            button = QPushButton(text, self)
            button.setToolTip(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText))
            button.setObjectName(name)
            button.setAccessibleName(accessible)
            button.setMinimumSize(96, 48)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(action)
            self.nav.addWidget(button)

    def _build_page(self, key: str, factory: Callable[[Session, QWidget], QWidget]) -> QWidget:
        """A page, built the first time it is shown or asked for: the sign-in comes up
        without waiting for the pages behind it (issue 15's cold start)."""
        page = factory(self.session, self)
        self.stack.addWidget(page)
        if key == "history":
            page.receipt_printer = self.receipts.reprint
            page.refund_printer = self.receipts.print_refund
            if self.session.card_service is not None:
                from ui.payments.refunds import gateway_refunder

                page.refunder = gateway_refunder(self.session)
        elif key == "settings":
            page.printer.test_printer = self.receipts.print_test_page
            service = self.session.card_service
            page.gateway.set_sandbox(service.sandbox if service else None)
        return page

    def _wire_idle(self) -> None:
        """The till alone: it locks itself after the idle minutes, and keeps the desktop's
        screen lock away while a sale is open (pos.settings: idle_lock_min, keep_awake)."""
        self.idle_lock = IdleLock(self.lock, self._may_idle_lock, self)
        self.screen_awake = ScreenAwake(self.tr("A sale is open at the till"))
        cart_model = self.pages["register"].cart_model
        cart_model.cartChanged.connect(
            lambda: self.screen_awake.set_busy(not cart_model.cart.is_empty))
        self.session.userChanged.connect(self.idle_lock.restart)
        self.session.settingsChanged.connect(self._apply_idle_settings)
        self.destroyed.connect(self.screen_awake.close)
        self._apply_idle_settings()

    def _apply_idle_settings(self) -> None:
        settings = self.session.settings
        self.idle_lock.set_minutes(settings.idle_lock_min)
        self.screen_awake.enabled = bool(settings.keep_awake)
        self.screen_awake.set_busy(not self.pages["register"].cart.is_empty)

    def _may_idle_lock(self) -> bool:
        """Someone is signed in and the till is on screen, not already locked."""
        return (self.session.user is not None and self.isVisible()
                and self.screens.currentWidget() is self.work_area)

    def _signed_in(self) -> bool:
        if self.session.user is None:
            show_error(self.tr("Create the store's staff first (pos users add), then sign in."),
                       self)
            return False
        return True

    def open_shift_dialog(self) -> None:
        """The shift's window (cash in and out, X report, close): window-modal and without
        a local event loop, since it moves money."""
        if not self._signed_in() or self.shift_dialog is not None:
            return
        dialog = self.shift_dialog = ShiftDialog(self.session, self.session.user, self,
                                                 receipts=self.receipts)

        def closed(_code: int) -> None:
            self.shift_dialog = None
            dialog.deleteLater()
            give_focus_back(self.pages["register"])  # F-keys work again at once

        dialog.finished.connect(closed)
        dialog.open()

    def no_sale(self) -> None:
        """Open the drawer without a sale. With staff it is recorded on the open shift, with
        a supervisor's approval when the cashier lacks the right (asked without a local
        event loop: the drawer is a money path)."""
        user = self.session.user
        try:
            if user is None:
                if users.has_users():
                    raise PosError(self.tr("Sign in first."))
                self.receipts.open_drawer()  # a store without staff: nobody to record
                return
            self._drawer_shift()
        except PosError as exc:
            show_error(str(exc), self)
            return
        self.approval_dialog = request_approval(user, "no_sale_drawer", self,
                                                self._open_drawer_approved)

    def _open_drawer_approved(self, result: ApprovalResult) -> None:
        self.approval_dialog = None
        if not result.allowed:
            return
        try:
            shift = self._drawer_shift()  # closed while the supervisor was asked?
            self.receipts.open_drawer()  # refuses at once when no drawer is set up
            shifts.no_sale(shift, self.session.user, approval=result.approval)
        except PosError as exc:
            show_error(str(exc), self)

    def _drawer_shift(self) -> shifts.Shift:
        shift = shifts.current_shift(self.session.terminal_id)
        if shift is None:
            raise PosError(self.tr("Open a shift first: every drawer opening is counted on "
                                   "a shift."))
        return shift

    def lock(self) -> None:
        """Lock the till until someone signs in; the sale waits, out of sight, for them."""
        if not self._signed_in():
            return
        with self.covered():
            lock(self.session, self)

    @contextlib.contextmanager
    def covered(self) -> Iterator[None]:
        """The work area gives way to the lock cover while the block runs (a sign-in); then
        the page is shown again with the keyboard where it belongs (the scan field)."""
        self.screens.setCurrentWidget(self.lock_cover)
        try:
            yield
        finally:
            self.screens.setCurrentWidget(self.work_area)
            if self.isVisible():
                self.show_page(self.current_page())

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.findChild(QPushButton, f"nav_{key}").setChecked(True)
        if hasattr(page, "activate"):
            page.activate()

    def current_page(self) -> str:
        return next(k for k, p in self.pages.built() if p is self.stack.currentWidget())

    # who sees which page (the rule is pos.staff.users: PAGE_RIGHTS' actions) ----------------
    def may_open(self, key: str) -> bool:
        """Whether the signed-in user may open the page; in a store without staff there is
        no one to check."""
        action = PAGE_RIGHTS.get(key)
        if action is None:
            return True
        user = self.session.user
        if user is None:
            return not users.has_users()
        return users.may(users.find_user(user), action)  # a role changed since sign-in counts

    def navigate(self, key: str) -> None:
        """The cashier's way to a page (its button or key): a page their role may not open
        says who may, instead of opening."""
        if self.may_open(key):
            self.show_page(key)
            return
        action = PAGE_RIGHTS[key]
        roles = users.parse_roles(getattr(self.session.settings,
                                          users.PAGE_ROLE_SETTINGS[action]))
        names = {"cashier": self.tr("a cashier"), "supervisor": self.tr("a supervisor"),
                 "manager": self.tr("a manager")}
        text = self.tr("{page} is for {roles}: press Lock and let one of them sign in.").format(
            page=self.findChild(QPushButton, f"nav_{key}").accessibleName(),
            roles=self.tr(" or ").join(names[r] for r in users.ROLES if r in roles))
        register = self.pages["register"]
        if self.stack.currentWidget() is register:
            register.message.show_error(text)
        else:
            self.statusBar().showMessage(text, 8000)

    def apply_roles(self) -> None:
        """Show the navigation the signed-in user may use; leave a page they may not."""
        for key in PAGE_RIGHTS:
            self.findChild(QPushButton, f"nav_{key}").setVisible(self.may_open(key))
        if not self.may_open(self.current_page()):
            self.show_page("register")

    # status bar ------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # What the cashier needs: the shift (the store file's path is in pos doctor).
        self.shift_label = ElidedLabel("", bar, Qt.TextElideMode.ElideRight)
        self.shift_label.setObjectName("shiftLabel")
        self.terminal_label = QLabel(bar)
        self.terminal_label.setObjectName("terminalLabel")
        self.cashier_label = QLabel(bar)
        self.cashier_label.setObjectName("cashierLabel")
        self.gateway_label = QLabel(self.tr("Cards: external terminal"), bar)
        self.gateway_label.setObjectName("gatewayLabel")
        self.hq_label = QLabel(bar)
        self.hq_label.setObjectName("hqLabel")
        self.hq_label.hide()  # a till that stands alone shows nothing of head office
        self.hq_progress = QProgressBar(bar)  # a new till's first catalogue, page by page
        self.hq_progress.setObjectName("hqProgress")
        self.hq_progress.setRange(0, 100)
        self.hq_progress.setFormat(self.tr("Catalogue %p%"))
        self.hq_progress.setMaximumWidth(180)
        self.hq_progress.hide()
        self.clock_label = QLabel(bar)
        self.clock_label.setObjectName("clockLabel")
        bar.addWidget(self.shift_label, 1)
        for label in (self.terminal_label, self.cashier_label, self.gateway_label,
                      self.hq_progress, self.hq_label, self.clock_label):
            bar.addPermanentWidget(label)
        self._update_status()
        self.session.settingsChanged.connect(self._update_status)
        self.session.userChanged.connect(self._update_status)
        service = self.session.card_service
        if service is not None:
            service.onlineChanged.connect(self._show_gateway)
            service.declineFound.connect(lambda text: self._card_problem(
                self.tr("Offline card payment declined"), text))
            service.refundFailed.connect(lambda text: self._card_problem(
                self.tr("Card refund refused"), text))
            self._show_gateway(service.online)
        sync = self.session.sync_service
        if sync is not None:
            sync.changed.connect(self._show_head_office)
            sync.reported.connect(self._sync_reported)
            QShortcut(QKeySequence(SYNC_NOW_KEY), self, sync.sync_now)
            self._show_head_office()
        if self.session.backup_service is not None:
            self.session.backup_service.reported.connect(self._backup_reported)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._tick()

    def _update_status(self) -> None:
        self.terminal_label.setText(self.tr("Terminal {terminal}").format(
            terminal=self.session.terminal_id))
        if self.session.user is None and users.has_users():  # before the first sign-in
            self.cashier_label.setText(self.tr("No one signed in"))
        else:
            self.cashier_label.setText(self.tr("Cashier: {name}").format(
                name=self.session.cashier))

    def _show_gateway(self, online: bool) -> None:
        self.gateway_label.setProperty("offline", not online)
        self.gateway_label.setText(self.tr("Cards: online") if online else
                                   self.tr("Cards: OFFLINE"))
        self.gateway_label.setToolTip("" if online else self.tr(
            "The card gateway does not answer. Cash works; cards follow the store's "
            "offline policy until the gateway is back."))
        self.gateway_label.style().polish(self.gateway_label)

    def _show_head_office(self) -> None:
        progress = self.session.sync_service.download_progress()
        self.hq_progress.setVisible(progress is not None)
        if progress is not None:
            self.hq_progress.setValue(round(progress * 100))
            self.hq_progress.setAccessibleName(self.tr("Downloading head office's catalogue"))
        status = self.session.sync_service.status()
        self.hq_label.setVisible(status is not None)
        if status is not None:
            text, tip, bad = status
            self.hq_label.setText(text)
            self.hq_label.setToolTip(tip)
            self.hq_label.setAccessibleDescription(tip)
            self.hq_label.setProperty("offline", bad)
            self.hq_label.style().polish(self.hq_label)

    def _sync_reported(self, text: str) -> None:
        """How the round the cashier asked for went (Sync now), without stopping the sale."""
        self.statusBar().showMessage(text, 10_000)

    def _backup_reported(self, text: str, bad: bool) -> None:
        """How an automatic backup went; a failure stays longer, and never stops the sale."""
        self.statusBar().showMessage(text, 60_000 if bad else 10_000)

    def _card_problem(self, title: str, text: str) -> None:
        """Money the gateway did not move after all (an offline payment declined, a refund
        refused): the cashier must know, now."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("cardProblemBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not blocking: the sale on screen goes on

    def _tick(self) -> None:
        locale = QLocale(self.session.settings.locale)
        self.clock_label.setText(locale.toString(QDateTime.currentDateTime(),
                                                 QLocale.FormatType.ShortFormat))
        self.show_shift()

    def show_shift(self) -> None:
        """The terminal's shift (read each tick: a shift closed elsewhere shows too)."""
        if database.is_closed():
            return  # the store was closed under the window (shutting down)
        try:
            shift = shifts.current_shift(self.session.terminal_id)
        except PosError:
            return
        if shift is None:
            text = self.tr("No shift open: the first payment asks for the float") \
                if self.session.user is not None else ""  # a store without staff has none
        else:
            opened = QDateTime.fromSecsSinceEpoch(int(shift.opened_at.timestamp()))
            text = self.tr("Shift {number} open since {time}").format(
                number=shift.id, time=QLocale(self.session.settings.locale).toString(
                    opened.toLocalTime().time(), QLocale.FormatType.ShortFormat))
        if text != self.shift_label.full_text():
            self.shift_label.set_full_text(text)

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("{store} — Point of Sale").format(
            store=self.session.settings.store_name))
