"""The Settings page: a save round trip through the database, refusals that change
nothing, and the quick keys editor (sample store: EUR, de_DE, terminal T7)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from pos.money import Money
from pos.payments.gateway.base import ChargeRequest
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.sandbox import waiting
from pos.payments.sandbox.server import SandboxServer
from pos.payments.sandbox.waiting import DEMO_READER
from pos.settings import load_settings, save_settings
from pos.store.models import Setting
from ui.forms import FIELD_HEIGHT, TOUCH
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings.choices import code_from_text
from ui.settings.sandbox_scenarios import SHORT_LIMIT
from ui.settings.settings_view import SettingsView


@pytest.fixture
def session(store_path):
    return Session(load_settings(), store_path)


@pytest.fixture
def view(qtbot, session):
    page = SettingsView(session)
    qtbot.addWidget(page)
    page.setMinimumSize(1000, 620)  # as in the main window: fixed before it is shown
    page.resize(1180, 680)
    page.confirm_currency_change = lambda parent, old, new: True
    page.show()
    qtbot.waitExposed(page)
    return page


def stored():
    """The settings table as it is in the file."""
    return dict(Setting.select(Setting.key, Setting.value).tuples())


def test_the_page_shows_the_store_settings(view):
    assert view.store_name_edit.text() == "Corner Shop"
    assert view.terminal_edit.text() == "T7"
    assert view.currency_combo.currentText() == "EUR \u2013 Euro"
    assert view.locale_combo.currentText() == "de_DE \u2013 Deutsch (Deutschland)"
    assert view.tax_mode_combo.currentData() == load_settings().tax_mode.value
    assert view.cash_rounding_edit.text() == ""  # off
    assert view.cash_rounding_edit.placeholderText() == "Off (for example 0,05)"
    assert view.footer_edit.toPlainText() == "Thank you!"
    assert view.quick_keys.skus() == []


def test_inputs_are_named_accessible_and_touch_sized(view):
    for kind in (QLineEdit, QComboBox, QPlainTextEdit):
        for widget in view.findChildren(kind):
            if widget.objectName() and not widget.objectName().startswith("qt_"):
                assert widget.accessibleName(), widget.objectName()
                assert widget.height() >= FIELD_HEIGHT, widget.objectName()
    for button in view.findChildren(QPushButton):
        assert button.accessibleName() and button.height() >= TOUCH, button.objectName()


def test_save_round_trip(qtbot, view, session):
    view.store_name_edit.setText("  Eck  Laden ")
    view.address_edit.setPlainText("Hauptstraße 1\n10115 Berlin")
    view.tax_number_edit.setText("DE123456789")
    view.currency_combo.setEditText("chf")
    view.locale_combo.setCurrentIndex(
        view.locale_combo.findText("de_CH", Qt.MatchFlag.MatchStartsWith))
    view.tax_mode_combo.setCurrentIndex(view.tax_mode_combo.findData("inclusive"))
    view.tax_rounding_combo.setCurrentIndex(view.tax_rounding_combo.findData("per_order"))
    view.cash_rounding_edit.setText("0,05")
    view.terminal_edit.setText(" T2 ")
    view.header_edit.setPlainText("Willkommen")
    view.footer_edit.setPlainText("Danke! 谢谢")
    view.quick_keys.add("SKU0002", "Pineapple")
    view.quick_keys.add("SKU0001", "Apple Juice 1L")
    asked = []
    view.confirm_currency_change = lambda parent, old, new: asked.append((old, new)) or True

    with qtbot.waitSignal(session.settingsChanged):
        assert view.save()

    assert asked == [("EUR", "CHF")]
    settings = load_settings()
    assert settings == session.settings
    assert (settings.store_name, settings.store_address, settings.tax_number) == (
        "Eck Laden", "Hauptstraße 1\n10115 Berlin", "DE123456789")
    assert (settings.currency, settings.locale, settings.terminal_id) == ("CHF", "de_CH", "T2")
    assert (settings.tax_mode.value, settings.tax_rounding.value) == ("inclusive", "per_order")
    assert settings.cash_rounding == 5
    assert (settings.receipt_header, settings.receipt_footer) == ("Willkommen", "Danke! 谢谢")
    assert json.loads(settings.quick_keys) == ["SKU0002", "SKU0001"]
    # the form shows what was stored, in the new locale
    assert view.message.kind() == "success" and view.message.text() == "Settings saved."
    assert view.currency_combo.currentText().startswith("CHF")
    assert view.cash_rounding_edit.text() in ("0.05", "0,05")
    assert view.terminal_edit.text() == "T2"

    # saving again without a change writes nothing
    before = stored()
    with qtbot.assertNotEmitted(session.settingsChanged):
        assert view.save()
    assert view.message.text() == "Nothing has changed." and stored() == before


@pytest.mark.parametrize(("setup", "expected"), [
    (lambda v: v.currency_combo.setEditText("ABC"), "ABC is not a known ISO 4217"),
    (lambda v: v.currency_combo.setEditText("Euro"), "is not a currency code"),
    (lambda v: v.terminal_edit.setText("T" * 17), "terminal id must be 1 to 16"),
    (lambda v: v.terminal_edit.setText("  "), "terminal id must be 1 to 16"),
    (lambda v: v.locale_combo.setEditText("xx_YY"), "is not a known locale"),
    (lambda v: v.cash_rounding_edit.setText("abc"), "'abc' is not an amount"),
    (lambda v: v.cash_rounding_edit.setText("0,005"), "more than 2 decimals"),
    (lambda v: v.cash_rounding_edit.setText("5000"), "Cash rounding must be 0"),
])
def test_a_bad_value_is_explained_and_nothing_is_saved(qtbot, view, session, setup, expected):
    before, settings = stored(), session.settings
    view.store_name_edit.setText("Not saved either")  # a good change in the same save
    setup(view)
    with qtbot.assertNotEmitted(session.settingsChanged):
        assert view.save() is False
    assert view.message.isVisible() and view.message.kind() == "error"
    assert expected in view.message.text() and "Nothing was saved." in view.message.text()
    assert stored() == before and load_settings() == settings
    assert view.store_name_edit.text() == "Not saved either"  # what was typed stays


def test_declining_the_currency_change_saves_nothing(qtbot, view, session):
    before = stored()
    view.currency_combo.setEditText("USD")
    view.confirm_currency_change = lambda parent, old, new: False
    with qtbot.assertNotEmitted(session.settingsChanged):
        assert view.save() is False
    assert stored() == before and view.message.text() == "Nothing was saved."


def test_revert_shows_the_saved_settings_again(view):
    view.store_name_edit.setText("Typo")
    view.quick_keys.add("SKU0001", "Apple Juice 1L")
    view.revert_button.click()
    assert view.store_name_edit.text() == "Corner Shop" and view.quick_keys.skus() == []


def test_a_change_saved_elsewhere_shows_here(qtbot, view, session):
    save_settings(store_name="Renamed")
    with qtbot.waitSignal(session.settingsChanged):
        session.reload_settings()
    assert view.store_name_edit.text() == "Renamed"


# quick keys -------------------------------------------------------------------------------

def test_quick_keys_add_by_search_move_and_remove(qtbot, view):
    editor = view.quick_keys
    editor.search_edit.setText("apple")
    matches = editor.search()
    assert matches[0] == ("SKU0001", "Apple Juice 1L")  # a name prefix comes first
    assert {"SKU0000", "SKU0002"} <= {sku for sku, _ in matches}  # then substrings
    editor.add_best_match()
    first = editor.skus()
    assert first == ["SKU0001"] and editor.search_edit.text() == ""
    qtbot.keyClicks(editor.search_edit, "SKU0044")
    qtbot.keyClick(editor.search_edit, Qt.Key.Key_Return)
    editor.add("SKU0100", "Item 100")
    editor.add("SKU0044", "Item 044")  # already there: selected, not added twice
    assert editor.skus() == [*first, "SKU0044", "SKU0100"]
    assert editor.list.currentRow() == 1

    editor.list.setCurrentRow(2)
    editor.up_button.click()
    assert editor.skus() == [*first, "SKU0100", "SKU0044"]
    editor.list.setCurrentRow(0)
    assert not editor.up_button.isEnabled()
    editor.down_button.click()
    assert editor.skus() == ["SKU0100", *first, "SKU0044"]
    editor.remove_button.click()  # the moved key, still current
    assert editor.skus() == ["SKU0100", "SKU0044"]
    assert view.save()
    assert json.loads(load_settings().quick_keys) == ["SKU0100", "SKU0044"]


def test_a_quick_key_whose_product_is_gone_is_flagged_not_dropped(qtbot, session, view):
    save_settings(quick_keys=json.dumps(["SKU0001", "GONE1"]))
    session.reload_settings()
    editor = view.quick_keys
    assert editor.skus() == ["SKU0001", "GONE1"]
    assert editor.list.item(0).text() == "Apple Juice 1L  \u00b7  SKU0001"
    assert "not in the catalogue" in editor.list.item(1).text()


def test_too_many_quick_keys_are_refused_by_the_service(view):
    for i in range(49):
        view.quick_keys.add(f"SKU{i:04d}", f"Item {i}")
    before = stored()
    assert view.save() is False
    assert "At most 48 quick keys" in view.message.text()
    assert stored() == before


# the page in the window ------------------------------------------------------------------

def test_the_page_fits_the_main_window_on_a_small_screen(qtbot, store_path):
    window = MainWindow(Session(load_settings(), store_path))
    qtbot.addWidget(window)
    window.resize(1024, 768)  # maximised on the smallest till screen
    window.show()
    window.show_page("settings")
    qtbot.waitExposed(window)
    page = window.pages["settings"]
    assert window.width() <= 1366 and window.height() <= 768
    assert page.save_button.isVisible()
    bottom = page.save_button.mapTo(window, page.save_button.rect().bottomRight())
    assert bottom.y() <= window.height() and bottom.x() <= window.width()


def test_code_from_text():
    assert code_from_text("EUR \u2013 Euro") == "EUR"
    assert code_from_text(" zh_CN \u2013 中文 (简体, 中国)") == "zh_CN"
    assert code_from_text("usd") == "usd"
    assert code_from_text("Euro dollars") == "Euro dollars"


# the receipt printer ---------------------------------------------------------------

def test_the_printer_section_saves_and_prints_a_test_page_with_the_form(qtbot, view, session):
    from tests.receipts.test_receipts_fake_printer import FakePrinter

    section = view.printer
    assert section.kind_combo.currentData() == "none" and section.auto_print_check.isChecked()
    with FakePrinter() as printer:
        section.kind_combo.setCurrentIndex(section.kind_combo.findData("network"))
        section.target_edit.setText(printer.address)
        section.width_combo.setCurrentIndex(section.width_combo.findData(32))
        section.codepage_combo.setEditText("cp1252")
        section.drawer_combo.setCurrentIndex(section.drawer_combo.findData(5))
        section.auto_print_check.setChecked(False)
        reports = []
        section.test_printer = lambda settings, report: reports.append(settings)
        qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
        [unsaved] = reports
        assert (unsaved.printer, unsaved.printer_width, unsaved.printer_codepage) == (
            "network", 32, "CP1252")
        assert load_settings().printer == "none"  # a test page saves nothing

        window = MainWindow(session)
        qtbot.addWidget(window)
        service = window.receipts
        with qtbot.waitSignal(service.printed, timeout=10_000):
            service.print_test_page(unsaved, section._report)
        job = printer.job()
        assert b"PRINTER TEST" in job and b"12345678901234567890123456789012\n" in job
        assert "sent to the printer" in section.message.text()

    assert view.save()
    saved = load_settings()
    assert (saved.printer, saved.printer_target, saved.printer_width, saved.printer_codepage,
            saved.drawer_pin, saved.auto_print) == ("network", printer.address, 32, "CP1252",
                                                    5, 0)
    view.revert()
    assert section.target_edit.text() == printer.address


def test_a_test_page_with_an_unknown_code_page_says_so_in_plain_words(qtbot, view, session):
    window = MainWindow(session)
    qtbot.addWidget(window)
    view.printer.test_printer = window.receipts.print_test_page
    view.printer.kind_combo.setCurrentIndex(view.printer.kind_combo.findData("file"))
    view.printer.codepage_combo.setEditText("klingon")
    qtbot.mouseClick(view.printer.test_button, Qt.MouseButton.LeftButton)
    assert "code page 'KLINGON' is not known" in view.printer.message.text()


# card payments ------------------------------------------------------------------------

def test_card_payment_settings_save_and_refuse_a_bad_limit(view):
    gateway = view.gateway
    gateway.kind_combo.setCurrentIndex(gateway.kind_combo.findData("sandbox"))
    gateway.offline_combo.setCurrentIndex(gateway.offline_combo.findData("store"))
    assert gateway.sale_limit_edit.isEnabled()
    gateway.sale_limit_edit.setText("80,00")
    gateway.total_limit_edit.setText("250,50")
    assert view.save()
    saved = load_settings()
    assert (saved.card_gateway, saved.offline_cards, saved.offline_limit_sale,
            saved.offline_limit_total) == ("sandbox", "store", 8000, 25050)
    gateway.total_limit_edit.setText("lots")
    assert not view.save()
    assert load_settings().offline_limit_total == 25050  # nothing was saved


def test_a_fault_switched_on_meets_the_next_charge_only(view):
    with SandboxServer(api_key="sk_ui", signing_secret="ui") as sandbox, \
            HttpGateway(sandbox.url, "sk_ui", "ui",
                        policy=RetryPolicy(attempts=3, base=0.01)) as client:
        section = view.gateway
        assert not section.fault_button.isVisible()
        section.set_sandbox(sandbox)
        assert section.fault_button.isVisible()
        section.fault_combo.setCurrentIndex(section.fault_combo.findData("error500"))
        section.apply_fault()
        assert "500" in section.message.text()

        def charge(key):  # each a sale of its own (one live charge per part of a sale)
            return client.charge(ChargeRequest(Money(500, "EUR"), key, f"order-{key}",
                                               "tok_visa"))

        assert charge("k1").amount == Money(500, "EUR")  # one 500, then the retry passes
        assert [c.status for c in sandbox.calls if c.endpoint == "charge"] == [500, 200]
        assert charge("k2").amount == Money(500, "EUR")
        assert [c.status for c in sandbox.calls if c.endpoint == "charge"][-1] == 200
        section.fault_combo.setCurrentIndex(0)
        section.apply_fault()
        assert not sandbox.faults.active()


def test_the_reader_and_the_wallets_are_saved_and_reach_the_next_payment(view, session):
    gateway = view.gateway
    gateway.kind_combo.setCurrentIndex(gateway.kind_combo.findData("sandbox"))
    gateway.reader_combo.setEditText("counter-2")  # another gateway's reader, typed
    gateway.wallet_check.setChecked(True)
    gateway.qr_combo.setCurrentIndex(gateway.qr_combo.findData("wechat"))
    assert view.save()
    saved = load_settings()
    assert (saved.card_reader, saved.wallet_codes, saved.store_qr) == ("counter-2", 1, "wechat")
    assert gateway.reader() == "counter-2"  # shown again after the reload
    gateway.reader_combo.setCurrentIndex(0)  # none: the charge window's cards again
    gateway.qr_combo.setCurrentIndex(0)
    assert view.save()
    assert (load_settings().card_reader, load_settings().store_qr) == ("", "")
    gateway.kind_combo.setCurrentIndex(gateway.kind_combo.findData("external"))
    assert not gateway.reader_combo.isEnabled() and not gateway.wallet_check.isEnabled()


def test_the_sandbox_readers_and_wallets_are_switched_from_settings(view):
    with SandboxServer(api_key="sk_ui", signing_secret="ui") as sandbox:
        section = view.gateway
        assert not section.scenario_button.isVisible()
        section.set_sandbox(sandbox)
        assert section.scenario_button.isVisible()
        readers = [section.reader_combo.itemData(i) for i in range(section.reader_combo.count())]
        assert readers == ["", DEMO_READER]  # none, and the sandbox's own
        section.reader_combo.setCurrentIndex(1)

        def choose(words: str) -> None:
            combo = section.scenario_combo
            combo.setCurrentIndex(next(i for i in range(combo.count())
                                       if words in combo.itemText(i)))
            section.apply_scenario()
            assert combo.currentText() in section.message.text()

        choose("reader declines")
        assert sandbox.scripts.reader(DEMO_READER).card == "tok_decline"
        choose("times out")
        assert sandbox.scripts.reader(DEMO_READER).delay is None
        assert sandbox.scripts.wait_limit == SHORT_LIMIT
        choose("never answers")
        assert sandbox.faults.active()
        choose("never confirms")
        assert not sandbox.faults.active()  # each starts from normal
        assert sandbox.scripts.reader(DEMO_READER).card == "tok_visa"
        assert sandbox.scripts.wallet_behaviour == "confirms"
        choose("confirms after you cancel")
        assert sandbox.scripts.wallet_behaviour == "late"
        choose("QR code expires")
        assert (sandbox.scripts.qr_expires_in, sandbox.scripts.qr_autopay) == (SHORT_LIMIT,
                                                                               None)
        choose("Normal")
        assert sandbox.scripts.wallet_behaviour is None
        assert sandbox.scripts.wait_limit == waiting.WAIT_LIMIT


@pytest.mark.parametrize("kind", ["external", "http"])
def test_offline_limits_only_matter_when_cards_may_be_stored(view, kind):
    gateway = view.gateway
    gateway.kind_combo.setCurrentIndex(gateway.kind_combo.findData(kind))
    gateway.offline_combo.setCurrentIndex(gateway.offline_combo.findData("refuse"))
    assert not gateway.sale_limit_edit.isEnabled()
    assert gateway.url_edit.isEnabled() == (kind == "http")


def test_the_backup_folder_is_chosen_with_browse_and_saved_with_the_number_to_keep(
        view, tmp_path, data_folder):
    section = view.backups
    assert section.folder_edit.text() == "" and section.keep_spin.value() == 14
    assert str(data_folder / "backups") in section.folder_edit.toolTip()
    usb = tmp_path / "usb"
    usb.mkdir()
    asked = []
    section.choose_folder = lambda parent, title, start: asked.append(start) or str(usb)
    section.browse_button.click()
    assert asked == [str(data_folder / "backups")] and section.folder_edit.text() == str(usb)
    section.keep_spin.setValue(30)
    assert view.save()
    saved = load_settings()
    assert (saved.backup_folder, saved.backups_keep) == (str(usb), 30)

    section.folder_edit.setText(str(tmp_path / "unplugged"))
    assert not view.save()
    assert f"There is no folder at {tmp_path / 'unplugged'}" in view.message.text()
    assert load_settings().backup_folder == str(usb)
