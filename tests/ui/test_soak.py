"""A short day of `make soak` in the suite: the cashier's keys reach every step (sale, card,
park and recall, reprint, refund) and the report says what the soak found. How fast and
how much memory are the soak's own verdict (docs/PERFORMANCE.md), never asserted here."""

from __future__ import annotations

import pstats

from bench import soak


def test_a_short_day_sells_by_cash_and_card_parks_reprints_and_refunds(
        monkeypatch, tmp_path, capsys):
    for name, every in (("CARD_EVERY", 2), ("PARK_EVERY", 3), ("REPRINT_EVERY", 2),
                        ("REFUND_EVERY", 4)):
        monkeypatch.setattr(soak, name, every)
    monkeypatch.setattr(soak, "MACHINE_SAMPLES", 5)
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))  # the soak points it at its own folder
    days, machines = [], []
    monkeypatch.setattr(soak, "report", lambda day, *args: days.append(day)
                        or machines.append(args[-1]) or 0)
    profiles = tmp_path / "profiles"
    assert soak.main(["--sales", "8", "--profile", str(profiles)]) == 0, capsys.readouterr().err
    (day,) = days
    (before, after), = machines  # the machine checked before the first sale and after the last
    assert [len(samples) for samples in (*before.values(), *after.values())] == [5] * 4
    assert len(day.times) == 8  # each sale ended with the register empty and ready
    assert len(day.fresh) == 4  # a fresh till rang as many beside the last half, in turns
    # a refund counts once its row is saved; a card sale once the gateway approved it
    assert (day.cards, day.parked, day.reprints, day.refunds) == (4, 2, 4, 2)
    # each till profiled its own four sales (a cash sale is completed, a card sale's order
    # placed before the charge), and none before them
    for name in ("last.prof", "fresh.prof"):
        calls = {function: row[1] for (_, _, function), row in
                 pstats.Stats(str(profiles / name)).stats.items()}
        assert calls["complete_sale"] + calls.get("place_order", 0) == 4, name


def finished_day(times: list[float], fresh: list[float]) -> soak.Day:
    """A day as the report gets it, without the windows: its sales' times and the fresh
    till's beside its last ones."""
    day = soak.Day.__new__(soak.Day)
    day.cards = day.parked = day.reprints = day.refunds = 0
    day.times, day.fresh = times, fresh
    day.warm_rss = None  # fewer sales than the thousand it is taken after
    return day


def test_the_report_fails_on_memory_growth_or_a_slower_end(capsys):
    day = finished_day([10.0] * 50 + [10.5] * 50, [10.0] * 50)
    assert soak.report(day, 100.0, 120.0, 1.0, None) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "soak: 100 sales, RSS 100 → 120 MB (+20), p50 10 → 10 ms (a fresh till in turns: "
        "10), p99 10 → 10 ms, last/fresh p50 1.05 (last/first 1.05)")
    day.warm_rss = 112.0
    assert soak.report(day, 100.0, 120.0, 1.0, None) == 0
    assert "RSS 100 → 120 MB (+20; 112 MB after 1,000, +8 since)" in (
        capsys.readouterr().out.splitlines()[-1])
    assert soak.report(day, 100.0, 150.0, 1.0, None) == 1  # grew by 50 MB
    day.times = [10.0] * 50 + [11.5] * 50
    assert soak.report(day, 100.0, 101.0, 1.0, None) == 1  # the last 50 are 1.15x slower


def test_the_report_judges_the_last_sales_against_a_fresh_till_beside_them(capsys):
    day = finished_day([10.0] * 50 + [13.0] * 50, [12.5] * 50)  # the machine slowed
    assert soak.report(day, 100.0, 101.0, 1.0, None) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(
        "last/fresh p50 1.04 (last/first 1.30)")
    day.fresh = [10.0] * 50  # the fresh till as fast as the morning: the till slowed
    assert soak.report(day, 100.0, 101.0, 1.0, None) == 1


def test_the_report_shows_the_machine_slowing_down_but_judges_the_till(capsys):
    day = finished_day([10.0] * 100, [10.0] * 50)
    before = {"durable commit": [1.0] * 10, "Python loop": [4.0] * 10}
    after = {"durable commit": [2.0] * 10, "Python loop": [4.0] * 10}
    assert soak.report(day, 100.0, 101.0, 1.0, None, [before, after]) == 0
    table = capsys.readouterr().out
    assert "machine: durable commit, after the last sale" in table
    assert "2.00x" in table and "1.00x" in table
