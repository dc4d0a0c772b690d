"""A short fault campaign in the suite; `make faults` runs the long one (docs/RELIABILITY.md)."""

from __future__ import annotations

from bench import faults


def test_a_short_campaign_loses_and_doubles_nothing(capsys):
    assert faults.main(["--runs", "8", "--seed", "7"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("faults: 8 runs, ")
    assert last.endswith("0 lost orders, 0 double charges, 0 orphan charges, integrity ok")


def test_the_campaign_sees_orphans_when_nothing_reconciles(monkeypatch, capsys):
    """Every run killed right after an approval, and no reconciliation: each is an orphan."""
    for name, value in (("TIMER_KILLS", 0.0), ("ANSWER_KILLS", 1.0), ("KILL_CHANCE", 1.0),
                        ("TOKENS", ["tok_visa"]), ("FAULTS", [None])):
        monkeypatch.setattr(faults, name, value)
    monkeypatch.setattr(faults, "reconcile_open", lambda gateway: [])
    assert faults.main(["--runs", "3", "--seed", "3"]) == 1
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "faults: 3 runs, 3 kills, 0 lost orders, 0 double charges, 3 orphan charges, "
        "integrity ok")
