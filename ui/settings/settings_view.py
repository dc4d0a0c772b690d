"""The Settings page: the store's details, money and tax, this terminal, receipts, the
receipt printer, the register's quick keys and the backups, kept in the store database.

The page gathers what was typed and hands the fields that changed to
`pos.settings.save_settings`, which validates them all and writes them in one
transaction. A refusal (`PosError`) is shown in plain words under the form and
nothing is saved; after a save `session.reload_settings()` tells every window.
The only thing the page itself reads is text into values: the cash rounding
step is typed as an amount ("0,05") and read with `parse_money`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.errors import PosError
from pos.money import parse_money
from pos.settings import StoreSettings, quick_keys_from_json, save_settings
from pos.tax import TaxMode, TaxRounding
from ui.customer_display.screen_choice import fill_screen_choice
from ui.forms import (
    MessageLabel,
    add_form_rows,
    combo_box,
    growing_form,
    line_edit,
    load_style,
    text_box,
    touch_button,
)
from ui.head_office import head_office_notice
from ui.products.product_dialog import decimal_text
from ui.session import Session
from ui.settings.backup_section import BackupSection
from ui.settings.choices import (
    CURRENCIES,
    LOCALES,
    code_from_text,
    currency_label,
    locale_label,
)
from ui.settings.gateway_section import GatewaySection
from ui.settings.printer_section import PrinterSection
from ui.settings.quick_keys_editor import QuickKeysEditor
from ui.staff import ask_approval

CurrencyConfirm = Callable[[QWidget, str, str], bool]
IDLE_LOCK_CHOICES = (0, 1, 2, 5, 10, 15, 30, 60)


def ask_currency_change(parent: QWidget, old: str, new: str) -> bool:
    """Ask before changing the currency: stored prices are amounts, not converted."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("SettingsView", "Change the currency?"),
        QCoreApplication.translate(
            "SettingsView", "Change the store's currency from {old} to {new}?\n\nPrices in the "
                  "catalogue are not converted: a price of 1.00 {old} becomes 1.00 {new}. "
                  "Check the prices afterwards.").format(old=old, new=new),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class SettingsView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsView")
        self.setAccessibleName(self.tr("Settings"))
        self.confirm_currency_change: CurrencyConfirm = ask_currency_change
        """Asked before a new currency is saved; replaceable for tests and automation."""
        self._build()
        load_style(self)
        self.load(session.settings)
        session.settingsChanged.connect(self._settings_changed)

    # widgets --------------------------------------------------------------------
    def _build(self) -> None:
        self.store_name_edit = line_edit(self, "storeNameEdit", self.tr("Store name"),
                                         max_length=200)
        self.address_edit = text_box(self, "storeAddressEdit", self.tr("Store address"))
        self.tax_number_edit = line_edit(self, "taxNumberEdit", self.tr("Tax number"),
                                         max_length=200)
        self.terminal_edit = line_edit(self, "terminalIdEdit", self.tr("Terminal id"),
                                       max_length=64)
        self.terminal_edit.setPlaceholderText(self.tr("1 to 16 characters, like T1"))
        self.currency_combo = combo_box(self, "currencyCombo", self.tr("Currency"),
                                        editable=True)
        self.locale_combo = combo_box(self, "localeCombo", self.tr("Language and region"),
                                      editable=True)
        self.tax_mode_combo = combo_box(self, "taxModeCombo", self.tr("Prices and tax"))
        self.tax_mode_combo.addItem(self.tr("Prices include tax (VAT)"), TaxMode.INCLUSIVE.value)
        self.tax_mode_combo.addItem(self.tr("Tax is added to prices (sales tax)"),
                                    TaxMode.EXCLUSIVE.value)
        self.tax_rounding_combo = combo_box(self, "taxRoundingCombo", self.tr("Tax rounding"))
        self.tax_rounding_combo.addItem(self.tr("Round the tax of each line"),
                                        TaxRounding.PER_LINE.value)
        self.tax_rounding_combo.addItem(self.tr("Round the tax once per order"),
                                        TaxRounding.PER_ORDER.value)
        self.cash_rounding_edit = line_edit(self, "cashRoundingEdit",
                                            self.tr("Cash rounding step"), max_length=20)
        self.cash_rounding_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.header_edit = text_box(self, "receiptHeaderEdit", self.tr("Receipt header"))
        self.footer_edit = text_box(self, "receiptFooterEdit", self.tr("Receipt footer"))
        self.quick_keys = QuickKeysEditor(self)
        self.printer = PrinterSection(self)
        self.printer.current = self.form_settings
        self.gateway = GatewaySection(self)
        self.idle_lock_combo = combo_box(self, "idleLockCombo",
                                         self.tr("Lock the till after this many idle minutes"))
        self.keep_awake_check = QCheckBox(self.tr("Stays on during a sale"), self)
        self.keep_awake_check.setObjectName("keepAwakeCheck")
        self.customer_display_combo = combo_box(self, "customerDisplayCombo",
                                                self.tr("Customer display"))
        self.backups = BackupSection(self)

        store = self._form_box(self.tr("Store"), "storeGroup", [
            (self.tr("Store &name"), self.store_name_edit),
            (self.tr("A&ddress"), self.address_edit),
            (self.tr("Ta&x number"), self.tax_number_edit),
            (self.tr("&Terminal id"), self.terminal_edit)])
        money = self._form_box(self.tr("Money and tax"), "moneyGroup", [
            (self.tr("&Currency"), self.currency_combo),
            (self.tr("&Language"), self.locale_combo),
            (self.tr("&Prices"), self.tax_mode_combo),
            (self.tr("Tax ro&unding"), self.tax_rounding_combo),
            (self.tr("Ca&sh rounding"), self.cash_rounding_edit)])
        till = self._form_box(self.tr("This till"), "tillGroup", [
            (self.tr("Lock when &idle"), self.idle_lock_combo),
            (self.tr("Scr&een"), self.keep_awake_check),
            (self.tr("Customer displa&y"), self.customer_display_combo)])
        receipt = self._form_box(self.tr("Receipt"), "receiptGroup", [
            (self.tr("&Header"), self.header_edit), (self.tr("&Footer"), self.footer_edit)])
        keys = QGroupBox(self.tr("Quick keys on the register"), self)
        keys.setObjectName("quickKeysGroup")
        QVBoxLayout(keys).addWidget(self.quick_keys)

        content = QWidget(self)
        content.setObjectName("settingsContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.addWidget(store, 0, 0)
        grid.addWidget(money, 1, 0)
        grid.addWidget(receipt, 0, 1)
        grid.addWidget(keys, 1, 1)
        grid.addWidget(self.printer, 2, 0)
        grid.addWidget(self.gateway, 2, 1)
        grid.addWidget(till, 3, 0)
        grid.addWidget(self.backups, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.message = MessageLabel(self, "settingsMessage")
        self.revert_button = touch_button(self.tr("&Revert"), self, "settingsRevertButton",
                                          secondary=True,
                                          accessible=self.tr("Revert to the saved settings"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = touch_button(self.tr("&Save settings"), self, "settingsSaveButton")
        self.save_button.setMinimumWidth(160)
        self.save_button.clicked.connect(self.save)
        for button in (self.revert_button, self.save_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        self.head_office_notice = head_office_notice(self, self.tr(
            "Head office manages this till's settings: change them there. Changes made here "
            "stay on this till."), "settingsHeadOffice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.head_office_notice)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def _form_box(self, title: str, name: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title, self)
        box.setObjectName(name)
        add_form_rows(growing_form(box, vertical=6, horizontal=12), rows, box)
        return box

    # showing ----------------------------------------------------------------------
    def load(self, settings: StoreSettings) -> None:
        """Show `settings` in the form (after start-up, a save or Revert)."""
        self._fill_combo(self.currency_combo, settings.currency,
                         [currency_label(c, settings.locale) for c in CURRENCIES],
                         currency_label(settings.currency, settings.locale))
        self._fill_combo(self.locale_combo, settings.locale,
                         [locale_label(c) for c in LOCALES], locale_label(settings.locale))
        self.store_name_edit.setText(settings.store_name)
        self.address_edit.setPlainText(settings.store_address)
        self.tax_number_edit.setText(settings.tax_number)
        self.terminal_edit.setText(settings.terminal_id)
        self.tax_mode_combo.setCurrentIndex(
            max(0, self.tax_mode_combo.findData(TaxMode(settings.tax_mode).value)))
        self.tax_rounding_combo.setCurrentIndex(
            max(0, self.tax_rounding_combo.findData(TaxRounding(settings.tax_rounding).value)))
        self.cash_rounding_edit.setText(
            decimal_text(settings.cash_rounding, settings.currency, settings.locale)
            if settings.cash_rounding else "")
        self.cash_rounding_edit.setPlaceholderText(self.tr("Off (for example {step})").format(
            step=decimal_text(5, settings.currency, settings.locale)))
        self.header_edit.setPlainText(settings.receipt_header)
        self.footer_edit.setPlainText(settings.receipt_footer)
        try:
            keys = quick_keys_from_json(settings.quick_keys)
        except PosError:
            keys = []
        self.quick_keys.set_skus(keys)
        self._fill_idle_lock(settings.idle_lock_min)
        self.keep_awake_check.setChecked(bool(settings.keep_awake))
        fill_screen_choice(self.customer_display_combo, settings.customer_display)
        self.printer.load(settings)
        self.gateway.load(settings)
        self.backups.load(settings)

    def _fill_idle_lock(self, minutes: int) -> None:
        """The usual choices, and the store's own if head office or `pos settings` set
        another."""
        self.idle_lock_combo.clear()
        for choice in sorted({*IDLE_LOCK_CHOICES, minutes}):
            self.idle_lock_combo.addItem(self.tr("After {minutes} min").format(
                minutes=choice) if choice else self.tr("Never"), choice)
        self.idle_lock_combo.setCurrentIndex(self.idle_lock_combo.findData(minutes))

    @staticmethod
    def _fill_combo(combo: QComboBox, code: str, labels: list[str], current: str) -> None:
        combo.clear()
        combo.addItems(labels)
        index = next((i for i, text in enumerate(labels)
                      if code_from_text(text) == code), -1)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(current)

    # saving ------------------------------------------------------------------------
    def form_values(self) -> dict[str, Any]:
        """Every field as `save_settings` takes it; raises `PosError` for a cash rounding
        step that is not an amount."""
        saved = self.session.settings
        currency = code_from_text(self.currency_combo.currentText())
        step = self.cash_rounding_edit.text().strip()
        cash_rounding = (parse_money(step, currency, saved.locale,
                                     what=self.tr("cash rounding step")).minor if step else 0)
        return {
            "store_name": " ".join(self.store_name_edit.text().split()),
            "store_address": self.address_edit.toPlainText().strip(),
            "tax_number": self.tax_number_edit.text().strip(),
            "terminal_id": self.terminal_edit.text().strip(),
            "currency": currency,
            "locale": code_from_text(self.locale_combo.currentText()),
            "tax_mode": self.tax_mode_combo.currentData(),
            "tax_rounding": self.tax_rounding_combo.currentData(),
            "cash_rounding": cash_rounding,
            "receipt_header": self.header_edit.toPlainText().strip(),
            "receipt_footer": self.footer_edit.toPlainText().strip(),
            "quick_keys": json.dumps(self.quick_keys.skus(), ensure_ascii=False),
            "idle_lock_min": self.idle_lock_combo.currentData(),
            "keep_awake": int(self.keep_awake_check.isChecked()),
            "customer_display": self.customer_display_combo.currentData(),
            **self.printer.values(),
            **self.gateway.values(),
            **self.backups.values(),
        }

    def form_settings(self) -> StoreSettings:
        """The settings as the form holds them, checked but not saved (the printer test
        page prints with these)."""
        return dataclasses.replace(self.session.settings, **self.form_values()).validated()

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from the saved settings."""
        saved = self.session.settings
        changed = {}
        for name, value in self.form_values().items():
            old = getattr(saved, name)
            old = old.value if hasattr(old, "value") else old
            if name == "quick_keys":
                same = quick_keys_from_json(old) == json.loads(value)
            else:
                same = old == value
            if not same:
                changed[name] = value
        return changed

    def save(self) -> bool:
        """Validate and store the changed fields; on a refusal say why and save nothing."""
        self.message.clear_message()
        try:
            changes = self.changes()
            if not changes:
                self.message.show_info(self.tr("Nothing has changed."))
                return True
            old = self.session.settings.currency
            new = changes.get("currency", old).strip().upper()
            if new != old and not self.confirm_currency_change(self, old, new):
                self.message.show_info(self.tr("Nothing was saved."))
                return False
            approvals = self._approvals()
            if approvals is None:
                self.message.show_info(self.tr("Nothing was saved."))
                return False
            save_settings(actor=self.session.actor(*approvals), **changes)
        except PosError as exc:
            self.message.show_error(self.tr("{reason} Nothing was saved.").format(
                reason=str(exc)))
            return False
        self.session.reload_settings()  # reloads this form too, through settingsChanged
        self.message.show_success(self.tr("Settings saved."))
        return True

    def _approvals(self) -> tuple | None:
        """A manager's approval when the signed-in user may not change settings; None when
        it was refused."""
        if self.session.user is None:
            return ()
        result = ask_approval(self.session.user, "change_settings", self)
        return result.approvals if result.allowed else None

    def revert(self) -> None:
        self.message.clear_message()
        self.load(self.session.settings)

    def _settings_changed(self) -> None:
        self.load(self.session.settings)
