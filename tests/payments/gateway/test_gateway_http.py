"""`HttpGateway` against a real sandbox on loopback: charges happen once, bad answers are
never taken for payment, and only transient failures are retried."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pos.errors import InputError
from pos.money import Money
from pos.payments.gateway.base import (
    Approved,
    ChargeRequest,
    Declined,
    GatewayRejected,
    OutcomeUnknown,
    RefundResult,
)
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from tests.sandbox_fixture import API_KEY, SECRET, fast_gateway, running_sandbox


@pytest.fixture
def server():
    with running_sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def waits():
    return []


@pytest.fixture
def gateway(server, waits):
    with fast_gateway(server, waits) as client:
        yield client


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def request(minor: int = 1000, token: str = "tok_visa", key: str = "key-1",
            order_ref: str = "order-1", part: int = 1) -> ChargeRequest:
    return ChargeRequest(usd(minor), key, order_ref, token, {"terminal": "T1"}, part=part)


def wait_for_a_charge(server) -> None:
    deadline = time.monotonic() + 5
    while not server.charges and time.monotonic() < deadline:
        time.sleep(0.01)


def charge_calls(server) -> list:
    return [c for c in server.calls if c.endpoint == "charge"]


# --- approvals and declines ------------------------------------------------------------

@pytest.mark.parametrize(("token", "minor", "brand", "last4", "fee"), [
    ("tok_visa", 1000, "Visa", "4242", 14 + 25),  # 1.4 % + 25
    ("tok_visa", 1250, "Visa", "4242", 18 + 25),  # 17.5 rounds half-up to 18
    ("tok_mastercard", 999, "Mastercard", "4444", 14 + 25),
    ("tok_fee_high", 10000, "American Express", "0005", 350 + 25),  # 3.5 % + 25
    ("tok_visa", 10, "Visa", "4242", 10),  # never more than the amount
])
def test_an_approved_charge_carries_brand_last4_and_fee(gateway, server, token, minor, brand,
                                                         last4, fee):
    result = gateway.charge(request(minor, token))
    assert isinstance(result, Approved)
    assert (result.amount, result.fee) == (usd(minor), usd(fee))
    assert (result.card_brand, result.card_last4) == (brand, last4)
    assert result.gateway_ref == server.charges[0]["id"]
    assert server.charges[0]["net"] == minor - fee


@pytest.mark.parametrize(("token", "code", "words"), [
    ("tok_decline", "declined", "The card was declined. Ask for another card"),
    ("tok_insufficient", "insufficient_funds", "insufficient funds"),
    ("tok_expired", "expired_card", "The card has expired"),
])
def test_a_decline_is_final_says_why_and_is_not_retried(gateway, server, waits, token, code,
                                                        words):
    result = gateway.charge(request(token=token))
    assert isinstance(result, Declined)
    assert result.code == code and words in result.reason
    assert len(charge_calls(server)) == 1 and waits == []
    assert server.charges[0]["status"] == "declined"


@pytest.mark.parametrize("part", [0, -1, 1001, True, 1.0, "2"])
def test_a_part_outside_1_to_1000_is_never_sent(gateway, server, part):
    with pytest.raises(GatewayRejected, match="part 1 to 1000 of its sale"):
        gateway.charge(request(part=part))
    assert server.calls == []


def test_a_card_number_is_never_sent(gateway, server):
    with pytest.raises(GatewayRejected, match="never a card number"):
        gateway.charge(request(token="4242 4242 4242 4242"))
    assert server.calls == []


# --- idempotency -------------------------------------------------------------------------

def test_the_same_key_replays_the_same_charge_without_charging_twice(gateway, server):
    first = gateway.charge(request())
    again = gateway.charge(request())
    assert first == again
    assert len(server.charges) == 1 and len(charge_calls(server)) == 2


def test_the_same_key_for_another_amount_is_refused_and_not_retried(gateway, server, waits):
    gateway.charge(request(1000))
    with pytest.raises(GatewayRejected, match="already used for a different amount"):
        gateway.charge(request(2000))
    assert len(charge_calls(server)) == 2 and waits == []
    assert [c["amount"] for c in server.charges] == [1000]


def test_a_second_charge_for_a_charged_part_is_rejected_in_words_and_not_retried(
        gateway, server, waits):
    first = gateway.charge(request(key="key-1"))
    with pytest.raises(GatewayRejected) as caught:
        gateway.charge(request(700, "tok_mastercard", key="key-2"))
    assert str(caught.value) == (
        "The card gateway already holds an approved card payment for this part of the sale, "
        "so nothing was charged now. Check the sale's payments before charging a card again.")
    assert [c.status for c in charge_calls(server)] == [200, 409] and waits == []
    second_card = gateway.charge(request(700, "tok_mastercard", key="key-3", part=2))
    assert isinstance(second_card, Approved)
    assert [c["part"] for c in server.charges] == [1, 2]
    gateway.void(first.gateway_ref, "void-1")  # voided: the part may be charged again
    assert isinstance(gateway.charge(request(key="key-4")), Approved)


def test_two_server_errors_then_success_make_one_charge(gateway, server, waits):
    server.faults.add("error500", times=2)
    assert isinstance(gateway.charge(request()), Approved)
    assert [c.status for c in charge_calls(server)] == [500, 500, 200]
    assert len(server.charges) == 1 and len(waits) == 2


def test_a_lost_answer_is_retried_with_the_same_key_and_returns_the_stored_charge(gateway,
                                                                                   server):
    server.faults.add("drop_after_commit", times=1, endpoint="charge")
    result = gateway.charge(request())
    assert isinstance(result, Approved)
    assert [c.status for c in charge_calls(server)] == [None, 200]
    assert [c["id"] for c in server.charges] == [result.gateway_ref]


def test_an_answer_slower_than_the_read_timeout_is_unknown_and_found_by_key(server, waits):
    server.faults.add("latency", 60.0, endpoint="charge")  # stop() wakes it
    with fast_gateway(server, waits, read_timeout=0.2,
                      policy=RetryPolicy(attempts=2)) as gateway:
        # the read timeout ended it ("in time"), long before the server would have answered
        with pytest.raises(OutcomeUnknown, match="did not answer in time"):
            gateway.charge(request())
        [record] = gateway.lookup(idempotency_key="key-1")
    assert record.status == "approved" and record.approved.amount == usd(1000)
    assert record.approved.gateway_ref == server.charges[0]["id"]


def test_a_concurrent_send_with_the_same_key_waits_for_the_first(server):
    server.faults.add("latency", 0.3, times=1, endpoint="charge")
    with fast_gateway(server, [], sleep=lambda _: time.sleep(0.1),
                      policy=RetryPolicy(attempts=8, base=0.1)) as gateway, \
            ThreadPoolExecutor(2) as pool:
        first = pool.submit(gateway.charge, request())
        wait_for_a_charge(server)  # the first is now held in flight
        second = pool.submit(gateway.charge, request())
        assert first.result() == second.result()
        assert len(gateway._sessions) == 2  # one session per exchange in flight
    assert len(server.charges) == 1
    assert 409 in [c.status for c in charge_calls(server)]


def test_a_rate_limit_waits_as_long_as_retry_after_says(gateway, server, waits):
    server.faults.add("rate_limit", 2, times=1)
    assert isinstance(gateway.charge(request()), Approved)
    assert waits == [2.0]
    assert [c.status for c in charge_calls(server)] == [429, 200]


# --- answers that cannot be believed -------------------------------------------------------

@pytest.mark.parametrize(("fault", "words"), [
    ("malformed_json", "not valid JSON"),
    ("truncated_json", "may have been cut short"),
    ("html", "web page"),
    ("bad_signature", "not signed with our shared secret"),
    ("stale_timestamp", "too old"),
    ("wrong_amount", "answered for 10.01 USD instead of 10.00 USD"),
    ("unknown_status", "status this till does not know ('pending_review')"),
])
def test_an_untrustworthy_answer_is_an_unknown_outcome_not_a_payment(gateway, server, waits,
                                                                     fault, words):
    server.faults.add(fault, times=1, endpoint="charge")
    with pytest.raises(OutcomeUnknown) as caught:
        gateway.charge(request())
    assert words in str(caught.value)
    assert len(charge_calls(server)) == 1 and waits == []
    [record] = gateway.lookup(idempotency_key="key-1")  # reconciliation finds the money
    assert record.status == "approved"


def test_the_server_refuses_a_wrong_api_key_or_secret(server):
    for key, secret in ((API_KEY + "x", SECRET), (API_KEY, SECRET + "x")):
        with HttpGateway(server.url, key, secret) as gateway:
            with pytest.raises(GatewayRejected, match="credentials"):
                gateway.charge(request())
            assert gateway.health() is False
    assert server.charges == [] and [c.status for c in server.calls] == [401] * 4


# --- refunds, voids, lookups, health -----------------------------------------------------

def test_partial_refunds_up_to_the_charge_and_no_further(gateway):
    charge = gateway.charge(request(1000))
    refund = gateway.refund(charge.gateway_ref, usd(300), "refund-1")
    assert isinstance(refund, RefundResult) and refund.amount == usd(300)
    assert refund.gateway_ref.startswith("re_")
    [record] = gateway.lookup(order_ref="order-1")
    assert (record.status, record.refunded) == ("partially_refunded", usd(300))
    with pytest.raises(GatewayRejected, match="more than is left to refund"):
        gateway.refund(charge.gateway_ref, usd(701), "refund-2")
    gateway.refund(charge.gateway_ref, usd(700), "refund-3")
    [record] = gateway.lookup(order_ref="order-1")
    assert (record.status, record.refunded) == ("refunded", usd(1000))
    assert gateway.refund(charge.gateway_ref, usd(300), "refund-1") == refund  # replayed


def test_a_void_cancels_the_charge_which_can_no_longer_be_refunded(gateway):
    charge = gateway.charge(request())
    gateway.void(charge.gateway_ref, "void-1")
    gateway.void(charge.gateway_ref, "void-2")  # voiding twice is harmless
    [record] = gateway.lookup(idempotency_key="key-1")
    assert record.status == "voided" and record.approved == charge
    with pytest.raises(GatewayRejected, match="cannot be refunded"):
        gateway.refund(charge.gateway_ref, usd(100), "refund-1")
    with pytest.raises(GatewayRejected, match="no record"):
        gateway.void("ch_nosuchcharge", "void-3")


def test_lookup_by_key_and_by_order(gateway):
    declined = gateway.charge(request(token="tok_insufficient", key="key-a"))
    approved = gateway.charge(request(key="key-b"))
    gateway.charge(request(key="key-c", order_ref="order-2"))
    records = gateway.lookup(order_ref="order-1")
    assert [r.status for r in records] == ["declined", "approved"]
    assert records[0].decline == declined and records[1].approved == approved
    assert [r.order_ref for r in gateway.lookup(idempotency_key="key-c")] == ["order-2"]
    assert gateway.lookup(idempotency_key="no-such-key") == []


def test_lookup_by_order_returns_every_charge_with_its_key_and_status(gateway, server):
    """Reconciliation voids the live charges of an order under keys it never used: it needs
    all of them, whatever their part or status."""
    gateway.charge(request(token="tok_expired", key="k-declined"))
    kept = gateway.charge(request(key="k-kept"))
    voided = gateway.charge(request(key="k-voided", part=2))
    gateway.void(voided.gateway_ref, "void-1")
    refunded = gateway.charge(request(key="k-refunded", part=3))
    gateway.refund(refunded.gateway_ref, usd(1000), "refund-1")
    partly = gateway.charge(request(key="k-partly", part=4))
    gateway.refund(partly.gateway_ref, usd(250), "refund-2")
    gateway.charge(request(key="k-other-order", order_ref="order-2"))
    records = gateway.lookup(order_ref="order-1")
    assert [(r.idempotency_key, r.status) for r in records] == [
        ("k-declined", "declined"), ("k-kept", "approved"), ("k-voided", "voided"),
        ("k-refunded", "refunded"), ("k-partly", "partially_refunded")]
    assert {r.order_ref for r in records} == {"order-1"}
    assert [r.approved.gateway_ref for r in records[1:]] == [
        kept.gateway_ref, voided.gateway_ref, refunded.gateway_ref, partly.gateway_ref]
    assert [r.refunded for r in records[1:]] == [usd(0), usd(0), usd(1000), usd(250)]


def test_health_is_true_while_the_gateway_answers(server, waits):
    with fast_gateway(server, waits) as gateway:
        assert gateway.health() is True
        server.stop()
        assert gateway.health() is False


# --- transport --------------------------------------------------------------------------

def test_https_works_with_the_sandbox_ca_and_fails_plainly_without_it(waits):
    with running_sandbox(tls=True) as server:
        assert server.url.startswith("https://") and server.ca_file.exists()
        with fast_gateway(server, waits, ca_bundle=server.ca_file) as gateway:
            assert gateway.health() is True
            assert isinstance(gateway.charge(request()), Approved)
        with fast_gateway(server, waits) as gateway:
            with pytest.raises(OutcomeUnknown, match="certificate could not be verified"):
                gateway.charge(request(key="key-2"))
            assert gateway.health() is False
        assert len(server.charges) == 1 and waits == []


def test_an_unknown_host_is_an_unknown_outcome_that_names_it(waits):
    gateway = HttpGateway("https://pos-gateway.invalid", API_KEY, SECRET, sleep=waits.append)
    with gateway, pytest.raises(OutcomeUnknown, match=r"address \(pos-gateway.invalid\) could"):
        gateway.charge(request())
    assert waits == []


def test_a_refused_connection_is_retried_then_unknown(waits):
    with running_sandbox() as server:
        url = server.url
    gateway = HttpGateway(url, API_KEY, SECRET, sleep=waits.append)
    with gateway, pytest.raises(OutcomeUnknown, match="did not answer in time"):
        gateway.charge(request())
    assert len(waits) == RetryPolicy().attempts - 1


@pytest.mark.parametrize("url", ["http://gateway.example.com", "ftp://127.0.0.1",
                                 "gateway.example.com", "https://x.example/?a=1"])
def test_plain_http_is_refused_except_to_this_computer(url):
    with pytest.raises(InputError):
        HttpGateway(url, API_KEY, SECRET)
