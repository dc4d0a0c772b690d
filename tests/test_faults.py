"""A short fault campaign in the suite; `make faults` runs the long one (docs/RELIABILITY.md).
The checker itself is tested on states made bad on purpose in tests/test_fault_checks.py."""

from __future__ import annotations

import pytest

from bench import faults

LINE = "{lost} lost orders, {double} double charges, {orphan} orphan charges, " \
       "{wrong} wrong totals, integrity {integrity}"


@pytest.mark.slow
def test_a_short_campaign_loses_and_doubles_nothing(capsys):
    assert faults.main(["--runs", "8", "--seed", "7"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    last = out[-1]
    assert last.startswith("faults: 8 runs, ")
    assert last.endswith(LINE.format(lost=0, double=0, orphan=0, wrong=0, integrity="ok"))
    assert out[0].startswith("faults detail: ")


def test_the_campaign_sees_orphans_when_nothing_reconciles(monkeypatch, capsys):
    """Every run killed right after its first card approval, and no reconciliation (neither
    the parent's nor the till's own): each of those charges is an orphan."""
    for name, value in (("TIMER_KILLS", 0.0), ("ANSWER_KILLS", 1.0), ("KILL_CHANCE", 1.0),
                        ("TOKENS", ["tok_visa"]), ("FAULTS", [None]),
                        ("SCENARIOS", {"card": 1, "card_cash": 1, "card_card": 1}),
                        ("REFUND_EARLIER", 0.0), ("CHILD_RECONCILES", 0.0)):
        monkeypatch.setattr(faults, name, value)
    monkeypatch.setattr(faults, "reconcile_open", lambda gateway: [])
    assert faults.main(["--runs", "3", "--seed", "3"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "faults: 3 runs, 3 kills, " + LINE.format(
        lost=0, double=0, orphan=3, wrong=0, integrity="ok")
    assert sum(line.startswith("  ORPHAN: charge ") for line in out) == 3
