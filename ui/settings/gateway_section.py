"""The Settings page's card payments part: which gateway, its address, what to do while it
is offline (refuse cards, or store them up to limits), the card reader the gateway drives,
whether the checkout takes wallet payment codes and the store's QR code, and — with the
demo's sandbox — switches that make the next charges, readers and wallets misbehave, to
see each failure handled (`ui.settings.sandbox_scenarios`).

The gateway's API key and signing secret are secrets, never form fields: they are set
with `pos keys set` (docs/GATEWAY.md). A change of gateway applies at the next start;
the reader and the wallets at the next payment.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QSpinBox, QWidget

from pos.money import Money, parse_money
from pos.payments.wallet_codes import WALLETS
from pos.sales.cash import entry_text
from pos.settings import StoreSettings
from ui.forms import (
    MessageLabel,
    add_form_rows,
    combo_box,
    form_label,
    growing_form,
    line_edit,
    touch_button,
)
from ui.settings.sandbox_scenarios import SCENARIOS, apply_scenario, sandbox_readers

# (label, fault kind, seconds): what the sandbox does to the next charges
FAULTS = (
    (QT_TRANSLATE_NOOP("GatewaySection", "No fault"), None, None),
    (QT_TRANSLATE_NOOP("GatewaySection", "Slow answer (3 s)"), "latency", 3.0),
    (QT_TRANSLATE_NOOP("GatewaySection", "No answer (times out)"), "timeout", None),
    (QT_TRANSLATE_NOOP("GatewaySection", "Server error (500)"), "error500", None),
    (QT_TRANSLATE_NOOP("GatewaySection", "Answer lost after charging"), "drop_after_commit",
     None),
    (QT_TRANSLATE_NOOP("GatewaySection", "Malformed answer"), "malformed_json", None),
    (QT_TRANSLATE_NOOP("GatewaySection", "Wrongly signed answer"), "bad_signature", None),
)


class GatewaySection(QGroupBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Card payments"), parent)
        self.setObjectName("gatewayGroup")
        self.sandbox = None
        """The running sandbox gateway (set by the main window), for test faults."""
        self.kind_combo = combo_box(self, "cardGatewayCombo", self.tr("Card gateway"))
        for text, kind in ((self.tr("Standalone card terminal"), "external"),
                           (self.tr("Sandbox (test gateway inside the program)"), "sandbox"),
                           (self.tr("Gateway over HTTPS (our protocol)"), "http"),
                           (self.tr("Stripe"), "stripe")):
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.url_edit = line_edit(self, "gatewayUrlEdit", self.tr("Gateway address"),
                                  max_length=200)
        self.url_edit.setPlaceholderText("https://")
        self.offline_combo = combo_box(self, "offlineCardsCombo",
                                       self.tr("While the gateway is offline"))
        self.offline_combo.addItem(self.tr("Refuse cards (cash only)"), "refuse")
        self.offline_combo.addItem(self.tr("Store card payments, send them later"), "store")
        self.offline_combo.currentIndexChanged.connect(self._offline_changed)
        self.sale_limit_edit = line_edit(self, "offlineSaleLimitEdit",
                                         self.tr("Offline limit per sale"), max_length=20)
        self.total_limit_edit = line_edit(self, "offlineTotalLimitEdit",
                                          self.tr("Offline limit for all stored payments"),
                                          max_length=20)
        self.reader_combo = combo_box(self, "cardReaderCombo", self.tr("Card reader"),
                                      editable=True)
        self.wallet_check = QCheckBox(self.tr("Take wallet payment codes at checkout"), self)
        self.wallet_check.setObjectName("walletCodesCheck")
        self.qr_combo = combo_box(self, "storeQrCombo", self.tr("Store QR code"))
        self.qr_combo.addItem(self.tr("None"), "")
        for wallet, name in WALLETS.items():
            self.qr_combo.addItem(name, wallet)
        self.fault_combo = combo_box(self, "sandboxFaultCombo", self.tr("Sandbox fault"))
        for text, kind, _seconds in FAULTS:
            self.fault_combo.addItem(self.tr(text), kind)
        self.fault_times = QSpinBox(self)
        self.fault_times.setObjectName("sandboxFaultTimes")
        self.fault_times.setAccessibleName(self.tr("For how many charges"))
        self.fault_times.setRange(1, 20)
        self.fault_button = touch_button(self.tr("Apply to the next charges"), self,
                                         "sandboxFaultButton", secondary=True)
        self.fault_button.clicked.connect(self.apply_fault)
        self.scenario_combo = combo_box(self, "sandboxScenarioCombo",
                                        self.tr("Sandbox readers and wallets"))
        for text, _apply in SCENARIOS:
            self.scenario_combo.addItem(self.tr(text))
        self.scenario_button = touch_button(self.tr("Apply to readers and wallets"), self,
                                            "sandboxScenarioButton", secondary=True)
        self.scenario_button.clicked.connect(self.apply_scenario)
        self.message = MessageLabel(self, "gatewayMessage")
        form = growing_form(self)
        add_form_rows(form, ((self.tr("Card &gateway"), self.kind_combo),
                             (self.tr("Add&ress"), self.url_edit),
                             (self.tr("O&ffline"), self.offline_combo),
                             (self.tr("Limit per sale"), self.sale_limit_edit),
                             (self.tr("Limit in all"), self.total_limit_edit),
                             (self.tr("Card &reader"), self.reader_combo),
                             (self.tr("Store &QR code"), self.qr_combo)), self)
        form.addRow(self.wallet_check)  # across the form: its text is its label
        self.fault_rows = [(form_label(self.tr("Sandbox &fault"), self.fault_combo, self),
                            self.fault_combo),
                           (form_label(self.tr("Charges"), self.fault_times, self),
                            self.fault_times)]
        self.fault_rows.append((form_label(self.tr("Readers, &wallets"), self.scenario_combo,
                                           self), self.scenario_combo))
        for label, field in self.fault_rows:
            form.addRow(label, field)
        form.addRow(self.fault_button)
        form.addRow(self.scenario_button)
        form.addRow(self.message)
        self.currency, self.locale = "USD", "en_US"
        self.set_sandbox(None)

    def set_sandbox(self, sandbox) -> None:
        """Show the test-fault switch only while a sandbox gateway is running."""
        self.sandbox = sandbox
        for label, field in self.fault_rows:
            label.setVisible(sandbox is not None)
            field.setVisible(sandbox is not None)
        self.fault_button.setVisible(sandbox is not None)
        self.scenario_button.setVisible(sandbox is not None)
        self._fill_readers(self.reader())

    def load(self, settings: StoreSettings) -> None:
        self.currency, self.locale = settings.currency, settings.locale
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(settings.card_gateway)))
        self.url_edit.setText(settings.gateway_url)
        self.offline_combo.setCurrentIndex(
            max(0, self.offline_combo.findData(settings.offline_cards)))
        for edit, minor in ((self.sale_limit_edit, settings.offline_limit_sale),
                            (self.total_limit_edit, settings.offline_limit_total)):
            edit.setText(entry_text(Money(minor, self.currency), self.locale))
        self._fill_readers(settings.card_reader)
        self.wallet_check.setChecked(bool(settings.wallet_codes))
        self.qr_combo.setCurrentIndex(max(0, self.qr_combo.findData(settings.store_qr)))
        self._kind_changed()

    def _fill_readers(self, current: str) -> None:
        """None, the running sandbox's readers, and the one saved (any other gateway's
        reader id is typed)."""
        self.reader_combo.clear()
        self.reader_combo.addItem(self.tr("None (choose the card, or a standalone "
                                          "terminal)"), "")
        for reader in sorted({*sandbox_readers(self.sandbox), current} - {""}):
            self.reader_combo.addItem(reader, reader)
        self.reader_combo.setCurrentIndex(max(0, self.reader_combo.findData(current)))

    def reader(self) -> str:
        """The reader chosen, or typed; "" for none."""
        text = self.reader_combo.currentText().strip()
        found = self.reader_combo.findText(text)
        return self.reader_combo.itemData(found) if found >= 0 else text

    def values(self) -> dict[str, Any]:
        """The card payment fields as `save_settings` takes them (amounts read in the store's
        currency; a bad one raises `InputError` with a plain message)."""
        return {
            "card_gateway": self.kind_combo.currentData(),
            "gateway_url": self.url_edit.text().strip(),
            "offline_cards": self.offline_combo.currentData(),
            "offline_limit_sale": self._amount(self.sale_limit_edit,
                                               self.tr("offline limit per sale")),
            "offline_limit_total": self._amount(self.total_limit_edit,
                                                self.tr("offline limit in all")),
            "card_reader": self.reader(),
            "wallet_codes": int(self.wallet_check.isChecked()),
            "store_qr": self.qr_combo.currentData(),
        }

    def _amount(self, edit: QLineEdit, what: str) -> int:
        text = edit.text().strip()
        return parse_money(text, self.currency, self.locale, what=what).minor if text else 0

    def apply_fault(self) -> None:
        """Make the sandbox misbehave on the next charges (nothing is saved)."""
        if self.sandbox is None:
            return
        _text, kind, seconds = FAULTS[self.fault_combo.currentIndex()]
        self.sandbox.faults.clear()
        if kind is None:
            self.message.show_info(self.tr("The sandbox answers normally again."))
            return
        times = self.fault_times.value()
        self.sandbox.faults.add(kind, seconds, times=times, endpoint="charge")
        self.message.show_info(self.tr("The next {count} card charge(s) will meet: {fault}.")
                               .format(count=times, fault=self.fault_combo.currentText()))

    def apply_scenario(self) -> None:
        """Make the sandbox's readers and wallets behave as chosen (nothing is saved)."""
        if self.sandbox is None:
            return
        text, apply = SCENARIOS[self.scenario_combo.currentIndex()]
        apply_scenario(self.sandbox, apply, self.reader())
        self.message.show_info(self.tr("The sandbox's readers and wallets now: {scenario}.")
                               .format(scenario=self.tr(text)))

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.url_edit.setEnabled(kind in ("http", "stripe"))
        self.offline_combo.setEnabled(kind != "external")
        for field in (self.reader_combo, self.wallet_check, self.qr_combo):
            field.setEnabled(kind != "external")
        self._offline_changed()

    def _offline_changed(self) -> None:
        storing = (self.kind_combo.currentData() != "external"
                   and self.offline_combo.currentData() == "store")
        self.sale_limit_edit.setEnabled(storing)
        self.total_limit_edit.setEnabled(storing)
