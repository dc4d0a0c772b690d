"""Replay (issue 10, finding 7): a signed request captured on the wire cannot be resent under
another Idempotency-Key, and a signed answer cannot be passed off as the answer to another
request. The requests are the real `HttpGateway`'s, captured by a recording proxy on
loopback in front of a real sandbox, and resent with plain `requests`."""

from __future__ import annotations

import json

import pytest
import requests

from pos.money import Money
from pos.payments.gateway.base import Approved, ChargeRequest, GatewayRejected, OutcomeUnknown
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.gateway.retry import RetryPolicy
from pos.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign_response,
    verify_response,
)
from tests.sandbox_fixture import (
    API_KEY,
    SECRET,
    Captured,
    RecordingProxy,
    running_sandbox,
    send,
)

ORDER = "3f1c9a52-order"


@pytest.fixture
def server():
    with running_sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def proxy(server):
    with RecordingProxy(server.url) as recording:
        yield recording


@pytest.fixture
def till(proxy):
    """The till's real client, talking to the sandbox through the recording proxy."""
    with HttpGateway(proxy.url, API_KEY, SECRET, policy=RetryPolicy(attempts=3),
                     sleep=lambda _: None) as gateway:
        yield gateway


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def charge_request(key: str = "pos-till-key", part: int = 1) -> ChargeRequest:
    return ChargeRequest(usd(1050), key, ORDER, "tok_visa", {"attempt": "1"}, part=part)


def resend(server, captured: Captured, **changed_headers: str | None) -> requests.Response:
    """Send a captured request again to the sandbox, byte for byte, with some headers
    changed (None: removed): what anyone who saw it could do without the secret."""
    headers = dict(captured.headers)
    for name, value in changed_headers.items():
        name = name.replace("_", "-")
        headers.pop(name, None)
        if value is not None:
            headers[name] = value
    return requests.request(captured.method, server.url + captured.target, data=captured.body,
                            headers=headers, timeout=5)


def captured_charge(proxy) -> Captured:
    [charge] = [r for r in proxy.requests if r.method == "POST" and r.target == "/v1/charges"]
    return charge


# --- a captured request -----------------------------------------------------------------

def test_a_captured_charge_resent_under_a_new_key_is_refused_and_charges_nothing(
        server, proxy, till):
    approved = till.charge(charge_request())
    assert isinstance(approved, Approved)
    captured = captured_charge(proxy)
    assert captured.key == "pos-till-key"
    assert captured.headers[SIGNATURE_HEADER].startswith("v2=")

    for changed in ("pos-replayed-key", "pos-till-key2", None):  # new, altered, removed
        replay = resend(server, captured, Idempotency_Key=changed)
        assert replay.status_code == 401, changed
        assert replay.json()["error"] == {
            "code": "bad_signature",
            "message": "The message's signature does not match the shared secret."}

    assert len(server.charges) == 1
    records = till.lookup(order_ref=ORDER)
    assert [(r.idempotency_key, r.status) for r in records] == [("pos-till-key", "approved")]
    assert records[0].approved == approved


def test_the_unchanged_capture_resent_gets_the_stored_answer_not_a_second_charge(
        server, proxy, till):
    till.charge(charge_request())
    captured, first = captured_charge(proxy), proxy.answers[0]

    replay = resend(server, captured)

    assert replay.status_code == 200 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.content == first.body
    assert len(server.charges) == 1


def test_a_captured_charge_resent_with_a_new_key_and_the_old_v1_signature_is_refused(
        server, proxy, till):
    """Re-signing with the old format does not help either: v1 is no longer accepted."""
    import hashlib
    import hmac

    till.charge(charge_request())
    captured = captured_charge(proxy)
    timestamp = captured.headers[TIMESTAMP_HEADER]
    v1 = "v1=" + hmac.new(SECRET.encode(), f"{timestamp}\nPOST\n/v1/charges\n".encode()
                          + captured.body, hashlib.sha256).hexdigest()
    replay = resend(server, captured, Idempotency_Key="pos-other", X_Pos_Signature=v1)
    assert replay.status_code == 401
    assert "only v2 is accepted" in replay.json()["error"]["message"]
    assert len(server.charges) == 1


def test_the_till_sends_the_part_inside_the_signed_body(server, proxy, till):
    till.charge(charge_request(part=2))
    assert json.loads(captured_charge(proxy).body)["part"] == 2
    assert server.charges[0]["part"] == 2
    changed = captured_charge(proxy).body.replace(b'"part":2', b'"part":3')
    replay = requests.post(server.url + "/v1/charges", data=changed, timeout=5,
                           headers=captured_charge(proxy).headers)
    assert replay.status_code == 401 and len(server.charges) == 1


# --- a captured answer ------------------------------------------------------------------

def test_an_answer_recorded_for_one_refund_is_not_believed_for_another(server, proxy, till):
    """Two refunds of the same amount on the same charge differ only by their key: without
    the answer bound to its request, the first one's answer would pass for the second."""
    charge = till.charge(charge_request())
    till.refund(charge.gateway_ref, usd(300), "refund-1")
    first_answer = proxy.answers[-1]
    proxy.substitute = lambda request: first_answer if request.key == "refund-2" else None

    with pytest.raises(OutcomeUnknown, match="for this request"):
        till.refund(charge.gateway_ref, usd(300), "refund-2")

    assert server.charges[0]["refunded"] == 300  # the second refund never happened


def test_an_empty_lookup_is_not_believed_for_another_lookup(server, proxy, till):
    """A recorded "no charges" for one key, passed off for the till's key, would make
    reconciliation call a charge that went through a failure."""
    till.charge(charge_request())
    assert till.lookup(idempotency_key="pos-unused") == []
    nothing = proxy.answers[-1]
    proxy.substitute = lambda request: nothing if "pos-till-key" in request.target else None

    with pytest.raises(OutcomeUnknown, match="for this request"):
        till.lookup(idempotency_key="pos-till-key")


def test_a_stored_answer_replayed_by_the_sandbox_is_signed_for_the_request_that_asked(
        server, proxy, till):
    first = till.charge(charge_request())
    assert till.charge(charge_request()) == first  # the retry's answer is believed
    assert proxy.answers[1].headers["Idempotent-Replayed"] == "true"
    for request, answer in zip(proxy.requests, proxy.answers, strict=True):
        verify_response(SECRET, answer.status, answer.body, answer.headers[TIMESTAMP_HEADER],
                        answer.headers[SIGNATURE_HEADER],
                        request_signature=request.headers[SIGNATURE_HEADER])
    assert len(server.charges) == 1


# --- the second line of defence ---------------------------------------------------------

def test_a_charge_for_a_part_already_charged_is_refused_even_with_a_valid_signature(server,
                                                                                    till):
    """With the secret (a till bug, or a stolen secret), a new key for an order's part that
    is already charged is still refused, and the till is told plainly."""
    till.charge(charge_request("pos-1"))
    with pytest.raises(GatewayRejected, match="already holds an approved card payment for "
                                              "this part of the sale, so nothing was charged"):
        till.charge(charge_request("pos-2"))
    assert [c["idempotency_key"] for c in server.charges] == ["pos-1"]
    assert isinstance(till.charge(charge_request("pos-3", part=2)), Approved)  # a split sale


def test_a_forged_unsigned_refusal_is_not_believed_and_the_charge_is_retried(server, proxy,
                                                                            till):
    """A 409 order_already_charged that is not signed by the gateway could hide a charge
    that went through; it is taken for the retryable kind and the same key is sent again."""
    body = json.dumps({"error": {"code": "order_already_charged", "message": "no"}}).encode()
    forged = Captured("POST", "/v1/charges", {"Content-Type": "application/json",
                                              **sign_response("not-the-secret", 409, body,
                                                              request_signature=None)},
                      body, 409)
    sent = []

    def forge_once(request: Captured) -> Captured | None:
        sent.append(request)
        return forged if len(sent) == 1 else None

    proxy.substitute = forge_once
    assert isinstance(till.charge(charge_request()), Approved)
    assert [r.key for r in sent] == ["pos-till-key"] * 2 and len(server.charges) == 1


def test_the_raw_refusal_names_the_order_and_part_and_is_stored_under_its_key(server):
    first = send(server, "POST", "/v1/charges", {
        "amount": 500, "currency": "USD", "card_token": "tok_visa", "order_ref": ORDER,
        "part": 1, "metadata": {}}, key="k1")
    body = {"amount": 700, "currency": "USD", "card_token": "tok_mastercard",
            "order_ref": ORDER, "part": 1, "metadata": {}}
    refused = send(server, "POST", "/v1/charges", body, key="k2")
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "order_already_charged"
    assert ORDER in error["message"] and "part 1" in error["message"]
    assert first.json()["id"] in error["message"]
    send(server, "POST", f"/v1/charges/{first.json()['id']}/void", {}, key="v1")
    again = send(server, "POST", "/v1/charges", body, key="k2")  # the stored answer
    assert again.status_code == 409 and again.headers["Idempotent-Replayed"] == "true"
    assert send(server, "POST", "/v1/charges", body, key="k3").status_code == 200
    assert [c["idempotency_key"] for c in server.charges] == ["k1", "k3"]

