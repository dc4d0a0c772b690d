"""`HttpGateway` with charges that wait for the customer, against the real sandbox on
loopback: progress, the long poll, the time limit, cancel from another thread, lost
answers, and what reconciliation's lookup sees."""

from __future__ import annotations

import logging
import threading

import pytest
import requests

from pos.money import Money
from pos.payments.gateway.base import (
    Approved,
    ChargeRequest,
    Declined,
    GatewayRejected,
    OutcomeUnknown,
    Progress,
)
from pos.payments.sandbox.waiting import Scripts
from tests.sandbox_fixture import API_KEY, fast_gateway, running_sandbox

CODES = {"pays": "280000000000000001", "confirms": "280000000000000002",
         "never": "280000000000000003", "late": "130000000000000005"}


@pytest.fixture
def sandbox():
    with running_sandbox(scripts=Scripts(reader_delay=0.2, confirm_delay=0.3)) as server:
        yield server


@pytest.fixture
def gateway(sandbox):
    with fast_gateway(sandbox, [], wait_limits={"reader": 5, "wallet_code": 2,
                                                "store_qr": 5}) as adapter:
        yield adapter


def request(method: str, key: str = "k1", **fields) -> ChargeRequest:
    return ChargeRequest(Money(1000, "CNY"), key, f"order-{key}", "", method=method, **fields)


def code(behaviour: str, key: str = "k1") -> ChargeRequest:
    wallet = "wechat" if CODES[behaviour].startswith("13") else "alipay"
    return request("wallet_code", key, wallet=wallet, payment_code=CODES[behaviour])


def test_a_reader_payment_reports_progress_and_answers_the_card(gateway):
    seen: list[Progress] = []
    answer = gateway.charge(request("reader", reader_id="reader-1"), seen.append)
    assert isinstance(answer, Approved)
    assert (answer.card_brand, answer.card_last4, answer.wallet) == ("Visa", "4242", None)
    assert seen == [Progress("reader_waiting")]


def test_a_reader_that_declines(sandbox, gateway):
    sandbox.scripts.set_reader("r9", "tok_expired", 0.1)
    answer = gateway.charge(request("reader", reader_id="r9"))
    assert answer == Declined("expired_card", answer.reason)


def test_a_payment_code_the_customer_confirms(gateway):
    seen: list[Progress] = []
    answer = gateway.charge(code("confirms"), seen.append)
    assert isinstance(answer, Approved)
    assert (answer.wallet, answer.buyer, answer.card_brand) == ("alipay", "138****5678", None)
    assert [p.state for p in seen] == ["customer_confirming"]


def test_a_customer_who_never_confirms_is_cancelled_at_the_time_limit(sandbox, gateway):
    answer = gateway.charge(code("never"))
    assert answer.code == "customer_did_not_confirm" and "nothing was taken" in answer.reason
    [charge] = sandbox.charges
    assert (charge["status"], charge["decline"]["code"]) == ("declined", "cancelled")


def test_the_cashier_cancels_from_another_thread(sandbox, gateway):
    asked = code("never")
    threading.Timer(0.3, gateway.cancel, [asked]).start()
    assert gateway.charge(asked).code == "cancelled"
    gateway.cancel(asked)  # again, after the end: harmless
    assert [c["status"] for c in sandbox.charges] == ["declined"]


def test_a_customer_who_confirms_as_the_cashier_cancels_is_paid_back(sandbox, gateway):
    asked = code("late")
    threading.Timer(0.3, gateway.cancel, [asked]).start()
    assert gateway.charge(asked).code == "reversed"
    [record] = gateway.lookup(idempotency_key="k1")
    assert record.status == "voided" and record.approved.buyer == "o3_****_x9"


def test_a_cancel_before_the_gateway_named_the_charge_still_cancels_it(sandbox, gateway):
    asked = code("never")
    sandbox.faults.add("latency", 0.5, times=1, endpoint="charge")
    threading.Timer(0.1, gateway.cancel, [asked]).start()  # while the POST is in flight
    assert gateway.charge(asked).code == "cancelled"
    assert sandbox.charges[0]["status"] == "declined"


def test_a_reader_that_approved_before_the_cancel_answers_approved(sandbox, gateway):
    asked = request("reader", reader_id="fast")
    sandbox.scripts.set_reader("fast", "tok_visa", 0)
    gateway.cancel(asked)  # nothing in flight, nothing at the gateway: nothing to do
    assert isinstance(gateway.charge(asked), Approved)
    gateway.cancel(asked)
    assert sandbox.charges[0]["status"] == "approved"  # a reader's finished action stands


def test_a_store_qr_is_shown_then_paid(sandbox, gateway):
    seen: list[Progress] = []

    def shown(progress: Progress) -> None:
        seen.append(progress)
        charge_id = sandbox.charges[0]["id"]
        requests.post(f"{sandbox.url}/sandbox/qr/{charge_id}/pay", timeout=5,
                      headers={"Authorization": f"Bearer {API_KEY}"})

    answer = gateway.charge(request("store_qr", wallet="wechat"), shown)
    assert isinstance(answer, Approved) and answer.wallet == "wechat"
    [progress] = seen
    assert progress.state == "qr_shown" and progress.qr_url.startswith("weixin://")
    assert 0 < progress.expires_in_s <= 5  # the till's own limit, sooner than the QR's


def test_an_unpaid_qr_expires_at_the_limit(sandbox):
    with fast_gateway(sandbox, [], wait_limits={"store_qr": 1}) as gateway:
        assert gateway.charge(request("store_qr", wallet="alipay")).code == "qr_expired"


def test_a_lost_answer_is_retried_with_the_code_from_memory(sandbox, gateway, caplog):
    sandbox.faults.add("drop_after_commit", times=1, endpoint="charge")
    sandbox.faults.add("drop", times=1, endpoint="retrieve")
    with caplog.at_level(logging.DEBUG):
        answer = gateway.charge(code("confirms"))
    assert isinstance(answer, Approved) and len(sandbox.charges) == 1
    posts = [c for c in sandbox.calls if c.endpoint == "charge"]
    assert [c.status for c in posts] == [None, 200]  # the retry was answered, not refused
    assert CODES["confirms"] not in caplog.text


def test_a_pending_charge_is_found_and_cancelled_by_key(sandbox, gateway):
    sandbox.faults.add("drop_after_commit", endpoint="charge")
    with pytest.raises(OutcomeUnknown) as unknown:
        gateway.charge(code("never"))
    assert CODES["never"] not in str(unknown.value)
    sandbox.faults.clear()
    [record] = gateway.lookup(idempotency_key="k1")
    assert record.status == "pending" and record.approved is None
    gateway.cancel(code("never"))
    assert [r.status for r in gateway.lookup(idempotency_key="k1")] == ["declined"]


def test_what_the_gateway_would_refuse_is_not_sent(sandbox, gateway):
    wrong = ChargeRequest(Money(100, "CNY"), "w", "o", "", method="wallet_code",
                          wallet="wechat", payment_code=CODES["pays"])
    with pytest.raises(GatewayRejected) as refused:
        gateway.charge(wrong)
    assert CODES["pays"] not in str(refused.value) and CODES["pays"] not in repr(wrong)
    with pytest.raises(GatewayRejected):
        gateway.charge(request("reader"))  # no reader chosen
    with pytest.raises(GatewayRejected):
        gateway.charge(request("store_qr", wallet="paypal"))
    assert sandbox.calls == []


def test_wallet_payments_are_refunded_like_cards(gateway):
    paid = gateway.charge(code("pays"))
    part = gateway.refund(paid.gateway_ref, Money(400, "CNY"), "r1")
    assert part.amount == Money(400, "CNY")
    [record] = gateway.lookup(idempotency_key="k1")
    assert record.status == "partially_refunded" and record.refunded == Money(400, "CNY")
