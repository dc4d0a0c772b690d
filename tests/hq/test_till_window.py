"""The till's side of head office in the windows (issue 14), against a real head office on
loopback: the status bar in each state, Sync now, a round after each sale, never two
rounds at once, and every round on the worker, never on the GUI thread."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QLabel

from pos.settings import load_settings, save_settings
from pos.store.db import database
from pos.sync import service
from tests.hq.conftest import ServerThread, Till
from ui import head_office
from ui.head_office import SyncService
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def till(tmp_path, monkeypatch):
    with Till(tmp_path / "store.db", monkeypatch) as till:
        till.stock()
        yield till


@pytest.fixture
def enrolled(till, hq_server, chain):
    service.enroll(hq_server.url, chain[1]["T1"])
    return till


@pytest.fixture
def rounds_on(monkeypatch):
    """The threads the rounds ran on."""
    threads = []
    real = head_office.round_on_worker

    def recording(report):
        threads.append(threading.get_ident())
        return real(report)

    monkeypatch.setattr(head_office, "round_on_worker", recording)
    return threads


def window(qtbot, till) -> tuple[MainWindow, SyncService]:
    session = Session(load_settings(), till.path)
    sync = SyncService(session)
    session.sync_service = sync
    main = MainWindow(session)
    qtbot.addWidget(main)
    return main, sync


def finish(qtbot, sync: SyncService) -> None:
    """Until no round runs or is asked for (one that received changes asks for another,
    to send what they journalled)."""
    qtbot.waitUntil(sync.idle, timeout=10_000)


def hq_text(main: MainWindow) -> str | None:
    label = main.findChild(QLabel, "hqLabel")
    return label.text() if label.isVisibleTo(main) else None


def test_a_till_that_stands_alone_shows_nothing_and_runs_no_round(qtbot, till, rounds_on):
    main, sync = window(qtbot, till)
    assert hq_text(main) is None
    sync.start()
    sync.session.ordersChanged.emit()
    with qtbot.waitSignal(sync.reported) as said:
        sync.sync_now()
    assert "stands alone" in said.args[0]
    assert (sync.rounds, rounds_on, sync.running) == (0, [], False)
    sync.stop()


def test_waiting_then_up_to_date_on_sync_now_on_the_worker(qtbot, enrolled, hq_conn,
                                                          rounds_on):
    enrolled.sell("TEA", 1)
    main, sync = window(qtbot, enrolled)
    waiting = service.state().waiting
    assert waiting > 0  # the sale, its payment, its journal entry
    assert hq_text(main) == f"HQ: {waiting} waiting"
    with qtbot.waitSignal(sync.reported, timeout=10_000) as said:
        sync.sync_now()
    finish(qtbot, sync)
    assert said.args[0].startswith("Head office is up to date: ")
    assert " records sent, " in said.args[0] and "0 records" not in said.args[0]
    assert main.statusBar().currentMessage() == said.args[0]
    assert hq_text(main) == "HQ: up to date"
    assert rounds_on and threading.main_thread().ident not in rounds_on  # never the GUI's
    link = service.state()
    assert (link.waiting, link.offline_since) == (0, None)
    acked = hq_conn.execute("SELECT acked_seq FROM terminal WHERE terminal_id = 'T1'"
                            ).fetchone()[0]
    assert acked == link.sent_seq > 0


def test_a_sale_triggers_a_round(qtbot, enrolled, hq_conn, rounds_on):
    main, sync = window(qtbot, enrolled)
    sync.sync()
    finish(qtbot, sync)
    before = sync.rounds
    sale = enrolled.sell("TEA", 2)
    main.session.ordersChanged.emit()  # what the checkout says after a sale
    assert sync.rounds == before + 1 and sync.running
    finish(qtbot, sync)
    assert hq_text(main) == "HQ: up to date"
    found = hq_conn.execute("SELECT count(*) FROM sale WHERE uuid = %s",
                            (str(sale.uuid),)).fetchone()[0]
    assert found == 1


def test_offline_since_when_head_office_is_down(qtbot, tmp_path, monkeypatch, hq_dsn, chain,
                                                rounds_on):
    with Till(tmp_path / "store.db", monkeypatch) as till:
        till.stock()
        with ServerThread(hq_dsn) as server:
            service.enroll(server.url, chain[1]["T1"])
        main, sync = window(qtbot, till)  # head office is stopped now
        till.sell("CAKE", 1)
        with qtbot.waitSignal(sync.reported, timeout=10_000) as said:
            sync.sync_now()
        finish(qtbot, sync)
        assert said.args[0].startswith("Head office could not be reached: ")
        assert "kept on this till" in said.args[0]
        link = service.state()
        assert link.offline_since is not None and link.waiting > 0
        assert hq_text(main) == "HQ: offline since " + sync._time(link.offline_since)
        assert ":" in hq_text(main)  # HH:MM
        label = main.findChild(QLabel, "hqLabel")
        assert "did not answer" in label.toolTip() and label.property("offline") is True


def test_never_two_rounds_at_once_and_a_request_meanwhile_runs_once_after(
        qtbot, enrolled, monkeypatch):
    main, sync = window(qtbot, enrolled)
    release = threading.Event()
    running, most, threads = [0], [0], []
    real = head_office.round_on_worker
    lock = threading.Lock()

    def slow(report):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        threads.append(threading.get_ident())
        try:
            assert release.wait(10)
            return real(report)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(head_office, "round_on_worker", slow)
    sync.sync()
    for _ in range(5):  # the timer, sales, Sync now: all while the first round runs
        sync.sync()
        enrolled.sell("TEA", 1)  # the GUI thread sells meanwhile: nothing waits for it
        main.session.ordersChanged.emit()
    qtbot.wait(50)  # the worker is blocked; the GUI thread goes on
    assert (sync.rounds, sync.running, most[0]) == (1, True, 1)
    release.set()
    qtbot.waitUntil(lambda: sync.rounds == 2 and not sync.running, timeout=10_000)
    qtbot.wait(50)
    assert (sync.rounds, most[0]) == (2, 1)  # the five requests made one more round
    assert threading.main_thread().ident not in threads
    assert hq_text(main) == "HQ: up to date"


def test_a_crash_in_the_worker_reaches_the_log_and_the_status_bar(qtbot, enrolled, monkeypatch,
                                                                  caplog):
    main, sync = window(qtbot, enrolled)

    def broken(report):
        raise RuntimeError("a bug")

    monkeypatch.setattr(head_office, "round_on_worker", broken)
    with caplog.at_level(logging.ERROR, logger="ui.head_office"), \
            qtbot.waitSignal(sync.reported, timeout=10_000) as said:
        sync.sync_now()
    finish(qtbot, sync)
    assert "unexpected error" in said.args[0] and "Traceback" not in said.args[0]
    assert any(r.exc_info and "a bug" in str(r.exc_info[1]) for r in caplog.records)
    assert hq_text(main).startswith("HQ: sync failed at ")
    assert "RuntimeError: a bug" in service.state().last_error


def test_the_interval_setting_drives_the_timer(qtbot, enrolled):
    main, sync = window(qtbot, enrolled)
    sync.start()
    assert sync._timer.isActive() and sync._timer.interval() == 30_000
    main.session.settings = save_settings(sync_interval_s=0)
    main.session.settingsChanged.emit()
    assert not sync._timer.isActive()  # only on demand: Sync now, and after each sale
    main.session.settings = save_settings(sync_interval_s=5)
    main.session.settingsChanged.emit()
    assert sync._timer.interval() == 5_000
    finish(qtbot, sync)
    sync.stop()


def link_without_a_server() -> None:
    """An enrolled till's link row, as `service.enroll` writes it (no round is run)."""
    database.execute_sql("INSERT INTO sync_state (id, url, store_id, terminal_id, enrolled_at)"
                         " VALUES (1, 'http://127.0.0.1:9', 'S', 'T1', 0)")


NOTICES = {"productsHeadOffice": "catalogue", "settingsHeadOffice": "settings"}


@pytest.mark.parametrize("linked", [False, True], ids=["stands alone", "enrolled"])
def test_the_editors_say_head_office_owns_them_once_enrolled(qtbot, till, linked):
    from ui.staff.first_manager import FirstManagerDialog

    if linked:
        link_without_a_server()
    main, _ = window(qtbot, till)
    list(main.pages.values())  # the pages are built when first asked for
    dialog = FirstManagerDialog(main)
    for name, what in {**NOTICES, "staffHeadOffice": "staff"}.items():
        notice = (dialog if name == "staffHeadOffice" else main).findChild(QLabel, name)
        assert (not notice.isHidden()) is linked, name
        assert f"Head office manages this till's {what}" in notice.text()
    # still usable for now (download from head office is not built yet)
    assert main.pages["products"].new_button.isEnabled()
    assert main.pages["settings"].save_button.isEnabled()
    dialog.deleteLater()


def test_head_office_changes_come_down_in_the_window_applied_on_the_gui_thread(
        qtbot, enrolled, hq_conn, chain, monkeypatch):
    """Sync now brings a price changed at head office; the page is fetched on the worker
    and applied on the GUI thread (the till's one writing connection)."""
    from pos.hq import catalogue
    from pos.store.models import Product
    from pos.sync import download

    csv = enrolled.path.parent / "hq.csv"
    csv.write_text("sku,name,price,tax_class\nTEA,Tea 茶点,4.50,standard\n", encoding="utf-8")
    catalogue.import_products(hq_conn, chain[0], csv)
    catalogue.set_price(hq_conn, chain[0], "TEA", 495)
    applied_on = []
    real = download.apply_page

    def recording(changes, last):
        applied_on.append(threading.get_ident())
        return real(changes, last)

    monkeypatch.setattr(download, "apply_page", recording)
    main, sync = window(qtbot, enrolled)
    with qtbot.waitSignal(sync.reported, timeout=10_000) as said:
        sync.sync_now()
    finish(qtbot, sync)
    assert said.args[0].endswith(" changes received.") and " 0 changes" not in said.args[0]
    assert Product.get(Product.sku == "TEA").price == 495
    assert applied_on and set(applied_on) == {threading.main_thread().ident}
    finish(qtbot, sync)  # the journalled changes go up in the round that follows
    assert service.state().waiting == 0


def test_a_download_of_many_pages_shows_its_progress_then_the_catalogue(qtbot, enrolled,
                                                                       hq_conn, chain):
    """A new till's first catalogue comes page by page with a progress bar in the status
    bar; the register's catalogue reloads once it is in."""
    from PySide6.QtWidgets import QProgressBar

    from pos.hq import catalogue
    from pos.store.models import Product

    csv = enrolled.path.parent / "hq.csv"
    csv.write_text("sku,name,price,tax_class\n" + "".join(
        f"P{n:04},Product {n} 商品,{n % 50 + 1}.25,standard\n" for n in range(2500)),
        encoding="utf-8")
    catalogue.import_products(hq_conn, chain[0], csv)
    main, sync = window(qtbot, enrolled)
    bar = main.findChild(QProgressBar, "hqProgress")
    seen = []
    sync.changed.connect(lambda: seen.append(bar.value() if bar.isVisibleTo(main) else None))
    with qtbot.waitSignal(main.session.catalogueChanged, timeout=20_000):
        sync.sync_now()
    finish(qtbot, sync)
    shown = [value for value in seen if value is not None]
    assert shown and all(0 < value < 100 for value in shown) and shown == sorted(shown)
    assert len(shown) >= 2  # moved page by page
    assert not bar.isVisibleTo(main) and seen[-1] is None
    assert Product.select().where(Product.sku.startswith("P")).count() == 2500
