"""The checkout's state machine, without Qt: nothing conflicting while money is in flight."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pos.errors import StateError
from pos.sales.checkout_flow import ALLOWED, TRANSITIONS, Action, CheckoutFlow, Phase


def test_a_charge_in_flight_allows_nothing_until_its_answer():
    flow = CheckoutFlow()
    flow.begin(Action.CHARGE, "charge")
    assert flow.busy and not any(flow.allows(a) for a in Action)
    with pytest.raises(StateError):
        flow.begin(Action.COMPLETE)
    with pytest.raises(StateError):
        flow.fire("saved")
    assert flow.fire("approved", settled=True) == Phase.SETTLED
    assert flow.allows(Action.COMPLETE) and not flow.allows(Action.CHARGE)


def test_an_unknown_answer_can_be_checked_again_or_left():
    flow = CheckoutFlow()
    flow.fire("charge")
    assert flow.fire("unknown") == Phase.AWAITING
    assert {a for a in Action if flow.allows(a)} == {Action.CHECK, Action.LEAVE}
    flow.begin(Action.CHECK, "check")
    assert flow.fire("unknown") == Phase.AWAITING
    flow.begin(Action.LEAVE, "leave")
    assert flow.phase == Phase.IDLE and flow.allows(Action.COMPLETE)


def test_a_void_in_flight_blocks_complete_and_cancel_and_a_failed_void_goes_back():
    """Finding 2: the sale completed short while a removed card's void was in flight."""
    flow = CheckoutFlow()
    flow.fire("charge")
    flow.fire("approved", settled=True)
    flow.begin(Action.REMOVE, "void")
    assert not flow.allows(Action.COMPLETE) and not flow.allows(Action.CANCEL)
    assert flow.fire("void_failed", settled=True) == Phase.SETTLED


def test_every_in_flight_phase_has_a_way_out():
    for phase in (Phase.CHARGING, Phase.VOIDING, Phase.AWAITING):
        exits = {target for (source, _), target in TRANSITIONS.items() if source == phase}
        assert exits - {phase}, phase
    assert ALLOWED[Phase.SAVED] == {Action.NEXT}


EVENTS = sorted({event.split(":")[0] for _, event in TRANSITIONS})


class FlowMachine(RuleBasedStateMachine):
    """Random events, legal or not: an illegal one raises and changes nothing, and money
    can never be in flight in two ways at once or be completed while in flight."""

    def __init__(self) -> None:
        super().__init__()
        self.flow = CheckoutFlow()

    @rule(event=st.sampled_from(EVENTS), settled=st.sampled_from([None, True, False]))
    def fire(self, event, settled):
        before = self.flow.phase
        try:
            self.flow.fire(event, settled)
        except StateError:
            assert self.flow.phase == before

    @precondition(lambda self: self.flow.busy)
    @rule(action=st.sampled_from(list(Action)))
    def nothing_is_allowed_in_flight(self, action):
        with pytest.raises(StateError):
            self.flow.begin(action)

    @invariant()
    def complete_only_when_nothing_is_in_flight(self):
        if self.flow.allows(Action.COMPLETE):
            assert self.flow.phase in (Phase.IDLE, Phase.SETTLED)


TestFlowMachine = FlowMachine.TestCase
