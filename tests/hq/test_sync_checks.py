"""The sync fault campaign's checker finds each kind of damage made on purpose, and a short
campaign (real processes killed, connections cut) finds none."""

from __future__ import annotations

import pytest

from bench.sync_checks import HqState, TillState, check

SALE = ("completed", 1080, 1080, 0, 2, 1, 0)


def states(**changes):
    """A till and head office that agree, then `changes`: `hq_x=...` sets head office's
    field x, any other the till's."""
    till = TillState("T1", {"u1": SALE, "u2": SALE}, {"TEA": 450}, 7, 0)
    hq = HqState({"T1": {"u1": SALE, "u2": SALE}}, {"TEA": 450}, {"T1": 7})
    for name, value in changes.items():
        target = hq if name.startswith("hq_") else till
        setattr(target, name.removeprefix("hq_"), value)
    return [till], hq


def test_a_clean_pair_is_clean():
    assert check(*states()).clean


@pytest.mark.parametrize(("changes", "kind"), [
    ({"hq_orders": {"T1": {"u1": SALE}}}, "lost"),
    ({"hq_orders": {"T1": {"u1": SALE, "u2": SALE, "u3": SALE}}}, "duplicated"),
    ({"hq_orders": {"T1": {"u1": SALE, "u2": SALE[:5] + (2, 0)}}}, "duplicated"),
    ({"hq_orders": {"T1": {"u1": SALE, "u2": ("refunded",) + SALE[1:]}}}, "mismatched"),
    ({"hq_orders": {"T1": {"u1": SALE, "u2": SALE[:4] + (1, 1, 0)}}}, "mismatched"),
    ({"hq_journal_heads": {"T1": 6}}, "mismatched"),
    ({"waiting": 3}, "mismatched"),
    ({"prices": {"TEA": 400}}, "stale"),
])
def test_each_kind_of_damage_is_found(changes, kind):
    found = check(*states(**changes))
    assert getattr(found, kind) == 1 and not found.clean, found.problems
    assert found.problems[0].startswith(kind.upper())


def test_integrity_on_either_side_fails_the_campaign():
    tills, hq = states()
    tills[0].integrity = ["row 3 missing from index"]
    assert not check(tills, hq).integrity
    tills, hq = states(hq_integrity=["2 rows of sale_line without their sale"])
    assert not check(tills, hq).integrity


@pytest.mark.slow
def test_a_short_campaign_loses_and_duplicates_nothing(capsys):
    from bench.sync_faults import main

    assert main(["--runs", "4", "--seed", "3"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("sync faults: 4 runs") and last.endswith(
        "0 lost, 0 duplicated, 0 mismatched, 0 stale, integrity ok")
