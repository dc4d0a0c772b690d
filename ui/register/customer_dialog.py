"""Attaching a customer to the sale: find one by phone or name, or create one, and choose
whether the sale ships later to a delivery address.

Finding and saving are `pos.catalogue.customers`; the rule that shipping later needs a
customer and an address is `pos.sales.cart_edits.set_customer`, reached through
`apply`, whose refusal is shown in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pos.catalogue.customers import CustomerInput, find_customers, save_customer
from pos.errors import PosError
from pos.store.models import Customer
from ui.register.dialog_base import BUTTON_HEIGHT, RegisterDialog

SEARCH_DELAY_MS = 150

Apply = Callable[[int | None, bool, str | None], None]


def describe(customer: Customer) -> str:
    parts = [customer.name, customer.phone or "", (customer.address or "").replace("\n", ", ")]
    return "   ·   ".join(p for p in parts if p)


class CustomerDialog(RegisterDialog):
    def __init__(self, apply: Apply, customer: Customer | None = None, ship_later: bool = False,
                 delivery_address: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Customer"), parent)
        self.setMinimumWidth(560)
        self._apply = apply
        self.customer: Customer | None = customer

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("customerSearch")
        self.search_edit.setAccessibleName(self.tr("Find a customer"))
        self.search_edit.setPlaceholderText(self.tr("Phone number or name"))
        self.results = QListWidget(self)
        self.results.setObjectName("customerResults")
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setMinimumHeight(120)
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("chosenCustomer")
        self.chosen_label.setWordWrap(True)
        find_label = QLabel(self.tr("&Find:"), self)
        find_label.setBuddy(self.search_edit)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.search_edit, 1)

        self.new_box = self._new_customer_box()
        self.ship_check = QCheckBox(self.tr("&Ship later to this address:"), self)
        self.ship_check.setObjectName("shipLaterCheck")
        self.ship_check.setChecked(ship_later)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setObjectName("deliveryAddress")
        self.address_edit.setAccessibleName(self.tr("Delivery address"))
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(64)
        self.address_edit.setPlainText(delivery_address or "")

        self.layout_.addLayout(find_row)
        for widget in (self.results, self.chosen_label, self.new_box, self.ship_check,
                       self.address_edit):
            self.layout_.addWidget(widget)
        if customer is not None:
            remove = self.buttons.addButton(self.tr("&Remove customer"),
                                            QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.setObjectName("removeCustomerButton")
            remove.setMinimumHeight(BUTTON_HEIGHT)
            remove.clicked.connect(self.remove)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Attach"))
        self.finish_layout()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textEdited.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.results.currentItemChanged.connect(self._on_current)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self._show_chosen()
        self.fit()
        self.search_edit.setFocus()

    def _new_customer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("New customer"), self)
        form = QFormLayout(box)
        self.name_edit = QLineEdit(box)
        self.phone_edit = QLineEdit(box)
        self.email_edit = QLineEdit(box)
        self.home_edit = QLineEdit(box)
        for edit, name, label in ((self.name_edit, "newCustomerName", self.tr("&Name:")),
                                  (self.phone_edit, "newCustomerPhone", self.tr("P&hone:")),
                                  (self.email_edit, "newCustomerEmail", self.tr("E&mail:")),
                                  (self.home_edit, "newCustomerAddress", self.tr("A&ddress:"))):
            edit.setObjectName(name)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, edit)
        save = QPushButton(self.tr("Sa&ve new customer"), box)
        save.setObjectName("saveCustomerButton")
        save.setAutoDefault(False)
        save.setMinimumHeight(BUTTON_HEIGHT)
        save.clicked.connect(self.save_new)
        form.addRow(save)
        return box

    # finding and creating ------------------------------------------------------
    def search_now(self) -> None:
        self._timer.stop()
        try:
            found = find_customers(self.search_edit.text())
        except PosError as exc:
            self.show_error(str(exc))
            return
        self.results.clear()
        for customer in found:
            item = QListWidgetItem(describe(customer), self.results)
            item.setData(Qt.ItemDataRole.UserRole, customer)
        if found:
            self.results.setCurrentRow(0)

    def _on_search_return(self) -> None:
        self.search_now()
        if self.results.count() == 1:
            self.accept()
        elif self.results.count():
            self.results.setFocus()

    def save_new(self) -> None:
        try:
            customer = save_customer(CustomerInput(
                self.name_edit.text(), self.phone_edit.text(), self.email_edit.text(),
                self.home_edit.text()))
        except PosError as exc:
            self.show_error(str(exc))
            return
        self.error_label.hide()
        for edit in (self.name_edit, self.phone_edit, self.email_edit, self.home_edit):
            edit.clear()
        self.results.clear()
        item = QListWidgetItem(describe(customer), self.results)
        item.setData(Qt.ItemDataRole.UserRole, customer)
        self.results.setCurrentItem(item)

    def _on_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.customer = item.data(Qt.ItemDataRole.UserRole)
        if not self.address_edit.toPlainText().strip() and self.customer.address:
            self.address_edit.setPlainText(self.customer.address)
        self._show_chosen()

    def _show_chosen(self) -> None:
        self.chosen_label.setText(
            self.tr("Customer: {customer}").format(customer=describe(self.customer))
            if self.customer else self.tr("No customer chosen yet."))

    # closing -----------------------------------------------------------------
    def accept(self) -> None:
        if self.customer is None:
            self.show_error(self.tr("Find or create a customer first."))
            return
        self._try(self.customer.id, self.ship_check.isChecked(),
                  self.address_edit.toPlainText())

    def remove(self) -> None:
        self._try(None, False, None)

    def _try(self, customer_id: int | None, ship_later: bool, address: str | None) -> None:
        try:
            self._apply(customer_id, ship_later, address)
        except PosError as exc:
            self.show_error(str(exc))
            return
        super().accept()
