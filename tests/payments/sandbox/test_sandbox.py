"""The sandbox gateway speaks the protocol of docs/GATEWAY.md: it checks who asks and what
was signed, signs what it answers, honours idempotency keys, keeps its rules on refunds
and voids, and misbehaves exactly when told to."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from pos import signing
from pos.cli.main import main
from pos.errors import PosError
from pos.payments.gateway.http_adapter import HttpGateway
from pos.payments.sandbox.server import (
    DEMO_API_KEY,
    DEMO_SIGNING_SECRET,
    FAULT_HEADER,
    Fault,
    SandboxServer,
    parse_fault,
)
from tests.sandbox_fixture import API_KEY, SECRET, charge_body, running_sandbox, send


@pytest.fixture
def server():
    with running_sandbox() as sandbox:
        yield sandbox


def code(response: requests.Response) -> str:
    return response.json()["error"]["code"]


def charge(server, key="key-1", fault=None, **body) -> requests.Response:
    return send(server, "POST", "/v1/charges", charge_body(**body), key=key,
                headers={FAULT_HEADER: fault} if fault else None)


# --- signing ---------------------------------------------------------------------------

def test_a_signature_covers_method_path_key_body_and_time():
    headers = signing.sign_request(SECRET, "POST", "/v1/charges", b"{}", key="k1", now=1000)
    ok = (headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER])
    signing.verify_request(SECRET, "POST", "/v1/charges", "k1", b"{}", *ok, now=1100)
    for method, path, key, body, secret in (("GET", "/v1/charges", "k1", b"{}", SECRET),
                                            ("POST", "/v1/health", "k1", b"{}", SECRET),
                                            ("POST", "/v1/charges", "k2", b"{}", SECRET),
                                            ("POST", "/v1/charges", None, b"{}", SECRET),
                                            ("POST", "/v1/charges", "k1", b"{ }", SECRET),
                                            ("POST", "/v1/charges", "k1", b"{}", SECRET + "x")):
        with pytest.raises(signing.SignatureError, match="does not match"):
            signing.verify_request(secret, method, path, key, body, *ok, now=1100)
    with pytest.raises(signing.StaleTimestamp, match="at most 300 seconds"):
        signing.verify_request(SECRET, "POST", "/v1/charges", "k1", b"{}", *ok, now=1301)
    with pytest.raises(signing.SignatureError, match="no signature"):
        signing.verify_request(SECRET, "POST", "/v1/charges", "k1", b"{}", ok[0], None)
    with pytest.raises(signing.SignatureError, match="not a number"):
        signing.verify_request(SECRET, "POST", "/v1/charges", "k1", b"{}", "1e3", ok[1])


def test_the_signed_bytes_are_exactly_those_of_the_protocol():
    """docs/GATEWAY.md, "Signing": v2 over timestamp, method, path?query, key and body."""
    signed = signing.sign_request("s", "POST", "/v1/charges?x=1", b'{"a":1}', key="pos-1",
                                  now=1767225600)
    expected = hmac.new(b"s", b'1767225600\nPOST\n/v1/charges?x=1\npos-1\n{"a":1}',
                        hashlib.sha256).hexdigest()
    assert signed == {"X-Pos-Timestamp": "1767225600", "X-Pos-Signature": "v2=" + expected}
    lookup = signing.sign_request("s", "GET", "/v1/charges?order_ref=abc", b"", key=None,
                                  now=1767225600)["X-Pos-Signature"]
    assert lookup == "v2=" + hmac.new(b"s", b"1767225600\nGET\n/v1/charges?order_ref=abc\n\n",
                                      hashlib.sha256).hexdigest()
    answer = signing.sign_response("s", 402, b"{}", request_signature=signed["X-Pos-Signature"],
                                   now=1767225601)["X-Pos-Signature"]
    message = f"1767225601\n402\n{signed['X-Pos-Signature']}\n{{}}".encode()
    assert answer == "v2=" + hmac.new(b"s", message, hashlib.sha256).hexdigest()


def test_a_key_that_could_blur_the_signed_lines_cannot_be_signed_or_verified():
    with pytest.raises(ValueError):
        signing.sign_request(SECRET, "POST", "/v1/charges", b"{}", key="k\n{}")
    headers = signing.sign_request(SECRET, "POST", "/v1/charges", b"{}", key="k")
    with pytest.raises(signing.SignatureError, match="visible"):
        signing.verify_request(SECRET, "POST", "/v1/charges", "k\n", b"{}",
                               headers[signing.TIMESTAMP_HEADER],
                               headers[signing.SIGNATURE_HEADER])


def test_a_version_1_signature_is_refused_in_words():
    """v1 did not sign the Idempotency-Key; accepting it would keep the replay open."""
    timestamp = str(int(time.time()))
    v1 = "v1=" + hmac.new(SECRET.encode(), f"{timestamp}\nPOST\n/v1/charges\n".encode()
                          + b"{}", hashlib.sha256).hexdigest()
    with pytest.raises(signing.SignatureError, match="version 'v1'; only v2"):
        signing.verify_request(SECRET, "POST", "/v1/charges", None, b"{}", timestamp, v1)


def test_a_response_signature_covers_the_status_and_the_request_it_answers():
    asked = signing.sign_request(SECRET, "POST", "/v1/charges", b"{}", key="k1")
    other = signing.sign_request(SECRET, "POST", "/v1/charges", b"{}", key="k2")
    headers = signing.sign_response(SECRET, 200, b"{}",
                                    request_signature=asked[signing.SIGNATURE_HEADER])
    ok = (headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER])
    signing.verify_response(SECRET, 200, b"{}", *ok,
                            request_signature=asked[signing.SIGNATURE_HEADER])
    for status, request_signature in ((402, asked[signing.SIGNATURE_HEADER]),
                                      (200, other[signing.SIGNATURE_HEADER]), (200, None)):
        with pytest.raises(signing.SignatureError):
            signing.verify_response(SECRET, status, b"{}", *ok,
                                    request_signature=request_signature)


# --- who may ask -------------------------------------------------------------------------

def verify(response: requests.Response) -> None:
    """Check the answer's signature, as the answer to the request that was sent."""
    signing.verify_response(SECRET, response.status_code, response.content,
                            response.headers[signing.TIMESTAMP_HEADER],
                            response.headers[signing.SIGNATURE_HEADER],
                            request_signature=response.request.headers[
                                signing.SIGNATURE_HEADER])


def test_every_answer_is_signed_and_fresh(server):
    for response in (send(server, "GET", "/v1/health"), charge(server, amount=0),
                     send(server, "GET", "/v1/health", api_key="wrong")):
        verify(response)
    assert send(server, "GET", "/v1/health").json()["status"] == "ok"


@pytest.mark.parametrize(("options", "expected"), [
    ({"api_key": "wrong"}, "unauthorized"),
    ({"secret": "wrong"}, "bad_signature"),
    ({"now": time.time() - 1000}, "stale_timestamp"),
    ({"now": time.time() + 1000}, "stale_timestamp"),
])
def test_a_request_with_a_wrong_key_signature_or_time_is_refused(server, options, expected):
    response = send(server, "POST", "/v1/charges", charge_body(), key="k", **options)
    assert (response.status_code, code(response)) == (401, expected)
    assert server.charges == []


def test_an_unsigned_request_is_refused(server):
    with requests.Session() as session:
        response = session.get(server.url + "/v1/health", timeout=5,
                               headers={"Authorization": f"Bearer {API_KEY}"})
    assert (response.status_code, code(response)) == (401, "bad_signature")


# --- idempotency -------------------------------------------------------------------------

def test_a_charge_needs_an_idempotency_key(server):
    response = send(server, "POST", "/v1/charges", charge_body())
    assert (response.status_code, code(response)) == (400, "missing_idempotency_key")


def test_the_same_key_replays_and_another_request_under_it_is_refused(server):
    first, again = charge(server), charge(server)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = charge(server, amount=2000)
    assert (other.status_code, code(other)) == (422, "idempotency_mismatch")
    assert len(server.charges) == 1


def test_a_request_still_in_flight_under_the_same_key_gets_409(server):
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(charge, server, fault="latency=0.4")
        deadline = time.monotonic() + 5
        while not server.charges and time.monotonic() < deadline:
            time.sleep(0.01)  # charged, and now held in flight
        busy = charge(server)
        assert (busy.status_code, code(busy)) == (409, "idempotency_in_flight")
        assert slow.result().status_code == 200
    assert charge(server).json() == slow.result().json()
    assert len(server.charges) == 1


def test_a_changed_added_or_removed_key_breaks_the_signature(server):
    body = charge_body()
    signed = send(server, "POST", "/v1/charges", body, key="key-1").request.headers
    for key in ("key-2", None):
        headers = {k: v for k, v in signed.items() if k != "Idempotency-Key"}
        if key:
            headers["Idempotency-Key"] = key
        with requests.Session() as session:
            response = session.post(server.url + "/v1/charges", data=signed_body(body),
                                    headers=headers, timeout=5)
        assert (response.status_code, code(response)) == (401, "bad_signature")
    health = send(server, "GET", "/v1/health").request.headers
    with requests.Session() as session:  # a key added to a request that had none
        response = session.get(server.url + "/v1/health", timeout=5,
                               headers={**health, "Idempotency-Key": "key-9"})
    assert (response.status_code, code(response)) == (401, "bad_signature")
    assert len(server.charges) == 1


def signed_body(payload: dict) -> bytes:
    return json.dumps(payload).encode()  # as sandbox_fixture.send encodes it


def test_a_malformed_or_doubled_key_is_refused_before_the_signature(server):
    bad = send(server, "POST", "/v1/charges", charge_body(),  # cannot be signed: a space
               headers={"Idempotency-Key": "two words"})
    assert (bad.status_code, code(bad)) == (400, "missing_idempotency_key")
    body = signed_body(charge_body())
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json",
               **signing.sign_request(SECRET, "POST", "/v1/charges", body, key="key-1")}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.putrequest("POST", "/v1/charges")
        for name, value in [*headers.items(), ("Idempotency-Key", "key-1"),
                            ("Idempotency-Key", "key-2"), ("Content-Length", str(len(body)))]:
            connection.putheader(name, value)
        connection.endheaders(body)
        doubled = connection.getresponse()
        assert doubled.status == 400
        assert json.loads(doubled.read())["error"]["message"] == (
            "Send one Idempotency-Key header, not several.")
    finally:
        connection.close()
    assert server.charges == []


def test_a_refused_request_does_not_use_up_its_key(server):
    assert charge(server, token="tok_unknown").status_code == 400
    assert charge(server).status_code == 200


# --- rules -------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    (charge_body(token="tok_nope"), "invalid_card_token"),
    (charge_body(token="4242424242424242"), "card_number_refused"),
    ({**charge_body(), "card_number": "4242424242424242"}, "card_number_refused"),
    (charge_body(amount=0), "validation_error"),
    ({**charge_body(), "amount": 10.5}, "validation_error"),
    (charge_body(currency="XYZ"), "validation_error"),
    ({**charge_body(), "tip": 1}, "validation_error"),
    ({**charge_body(), "order_ref": ""}, "validation_error"),
    ({**charge_body(), "part": 0}, "validation_error"),
    ({**charge_body(), "part": 1001}, "validation_error"),
    ({**charge_body(), "part": "1"}, "validation_error"),
    ({**charge_body(), "part": 1.0}, "validation_error"),
    ({**charge_body(), "part": True}, "validation_error"),
])
def test_an_invalid_charge_is_refused_with_a_code(server, body, expected):
    response = send(server, "POST", "/v1/charges", body, key="key-1")
    assert (response.status_code, code(response)) == (400, expected)
    assert server.charges == []


def test_refunds_never_exceed_the_charge(server):
    charge_id = charge(server).json()["id"]

    def refund(amount, key, currency="USD"):
        return send(server, "POST", f"/v1/charges/{charge_id}/refunds",
                    {"amount": amount, "currency": currency}, key=key)

    assert refund(400, "r1").json()["charge_status"] == "partially_refunded"
    over = refund(601, "r2")
    assert (over.status_code, code(over)) == (422, "refund_exceeds_charge")
    assert "6.00 USD" in over.json()["error"]["message"]
    assert code(refund(100, "r3", "EUR")) == "currency_mismatch"
    assert refund(600, "r4").json()["charge_status"] == "refunded"
    assert server.charges[0]["refunded"] == 1000
    void = send(server, "POST", f"/v1/charges/{charge_id}/void", {}, key="v1")
    assert (void.status_code, code(void)) == (422, "charge_not_voidable")


def test_a_void_of_an_unknown_or_declined_charge_is_refused(server):
    missing = send(server, "POST", "/v1/charges/ch_missing/void", {}, key="v1")
    assert (missing.status_code, code(missing)) == (404, "no_such_charge")
    declined = charge(server, token="tok_expired")
    assert declined.status_code == 402
    assert declined.json()["decline"]["code"] == "expired_card"
    void = send(server, "POST", f"/v1/charges/{declined.json()['id']}/void", {}, key="v2")
    assert code(void) == "charge_not_voidable"


def test_a_body_over_64_kib_is_refused_unread(server):
    response = charge(server, order_ref="x" * 70_000)
    assert (response.status_code, code(response)) == (413, "body_too_large")


# --- bad bodies: any shape of bad JSON is a 400, never a 500 or a traceback -------------

JSON_ENDPOINTS = [("POST", "/v1/charges", "k-1"), ("POST", "/v1/charges/ch_x/void", "k-2"),
                  ("POST", "/v1/charges/ch_x/refunds", "k-3"), ("POST", "/sandbox/faults", None)]


def errors_logged(caplog) -> list:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("method, path, key", JSON_ENDPOINTS)
@pytest.mark.parametrize("body", [b"[" * 60_000, b'{"a":' * 12_000, b"[" * 33 + b"]" * 33])
def test_json_nested_ever_so_deep_is_a_400_with_no_traceback(server, caplog, method, path, key,
                                                               body):
    caplog.set_level(logging.DEBUG, logger="pos.payments.sandbox.server")
    response = send(server, method, path, key=key, raw=body)
    assert (response.status_code, code(response)) == (400, "invalid_json")
    assert errors_logged(caplog) == []
    assert server.charges == []


def test_json_nested_as_deep_as_the_protocol_goes_is_read(server):
    body = json.dumps({**charge_body(), "metadata": {"till": "[[[{{{"}}).encode()
    assert send(server, "POST", "/v1/charges", key="k-1", raw=body).status_code == 200


@pytest.mark.parametrize("body", [
    b'{"amount": 1000, "amount": 1, "currency": "USD", "card_token": "tok_visa", '
    b'"order_ref": "order-1"}',
    b'{"amount": 1000, "currency": "USD", "card_token": "tok_visa", "order_ref": "order-1", '
    b'"metadata": {"till": "1", "till": "2"}}',
])
def test_a_field_named_twice_is_refused_not_guessed(server, body):
    response = send(server, "POST", "/v1/charges", key="k-1", raw=body)
    assert (response.status_code, code(response)) == (400, "invalid_json")
    assert "more than once" in response.json()["error"]["message"]
    assert server.charges == []


def test_no_body_of_any_shape_makes_the_sandbox_fail(server, caplog):
    """Random bytes, random JSON-ish text and valid JSON of the wrong shape: each gets an
    answer below 500, and nothing is logged as an error."""
    caplog.set_level(logging.DEBUG, logger="pos.payments.sandbox.server")
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                          max_leaves=30)
    junk = st.lists(st.sampled_from(list(b'[]{}",:\\0123456789.eE+-ntrufalse ')),
                    max_size=400).map(bytes)
    deep = st.tuples(st.integers(33, 20_000), st.sampled_from([b"[", b'{"a":', b'[{"a":']))
    bodies = (st.binary(max_size=300) | junk | deep.map(lambda d: d[1] * d[0])
              | values.map(lambda v: json.dumps(v, allow_nan=True).encode()))

    @settings(max_examples=150, deadline=None, database=None)
    @given(body=bodies, where=st.sampled_from(JSON_ENDPOINTS))
    def check(body, where):
        method, path, key = where
        response = send(server, method, path, key=key and f"{key}-{hashlib.md5(body).hexdigest()}",
                        raw=body)
        assert response.status_code < 500, response.text

    check()
    assert errors_logged(caplog) == []


# --- a slow body is cut at the read timeout ----------------------------------------------

def test_a_body_sent_a_byte_at_a_time_is_cut_at_the_read_timeout():
    """Each byte comes well within the timeout, so a timeout per read would wait for all
    40 (12 s); the deadline covers the whole body."""
    with running_sandbox(read_timeout=1.0) as server, \
            socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /v1/charges HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n")
        answer = b""
        for _ in range(40):
            try:
                raw.sendall(b" ")
            except OSError:
                break  # the sandbox closed the connection
            time.sleep(0.3)
            raw.settimeout(0.01)
            with contextlib.suppress(TimeoutError):
                answer += raw.recv(4096)
            if b"\r\n\r\n" in answer:
                break
        raw.settimeout(5)
        with contextlib.suppress(OSError):
            while chunk := raw.recv(4096):
                answer += chunk
    # a 408 body_timeout before the 40 bytes arrived: the limit, not the trickle, ended it
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b"body_timeout" in answer
    assert server.calls == []  # never handled


def test_a_body_that_arrives_in_pieces_in_time_is_read():
    with running_sandbox(read_timeout=2.0) as server, \
            socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        body = json.dumps(charge_body()).encode()
        head = {"Authorization": f"Bearer {API_KEY}", "Idempotency-Key": "k-slow",
                **signing.sign_request(SECRET, "POST", "/v1/charges", body, key="k-slow")}
        raw.sendall(b"POST /v1/charges HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n"
                    + b"".join(f"{k}: {v}\r\n".encode() for k, v in head.items()) + b"\r\n")
        for start in range(0, len(body), 20):
            raw.sendall(body[start:start + 20])
            time.sleep(0.05)
        answer = raw.recv(65536)
    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert len(server.charges) == 1


def test_a_lookup_names_exactly_one_key_or_order(server):
    charge(server)
    for query in ("", "?idempotency_key=a&order_ref=b", "?idempotency_key=a&idempotency_key=b"):
        response = send(server, "GET", "/v1/charges" + query)
        assert (response.status_code, code(response)) == (400, "validation_error")
    found = send(server, "GET", "/v1/charges?order_ref=order-1").json()
    assert [c["idempotency_key"] for c in found["data"]] == ["key-1"]


def test_a_lookup_by_order_lists_every_charge_with_its_key_part_and_status(server):
    charge(server, "k-declined", token="tok_decline")
    approved = charge(server, "k-approved").json()["id"]
    voided = charge(server, "k-voided", part=2).json()["id"]
    send(server, "POST", f"/v1/charges/{voided}/void", {}, key="v1")
    charge(server, "k-other", order_ref="order-2")
    send(server, "POST", f"/v1/charges/{approved}/refunds", {"amount": 100, "currency": "USD"},
         key="r1")
    found = send(server, "GET", "/v1/charges?order_ref=order-1").json()["data"]
    assert [(c["idempotency_key"], c["part"], c["status"]) for c in found] == [
        ("k-declined", 1, "declined"), ("k-approved", 1, "partially_refunded"),
        ("k-voided", 2, "voided")]


# --- one live charge per part of an order ----------------------------------------------

def test_a_second_live_charge_for_an_orders_part_under_another_key_is_refused(server):
    assert charge(server, "k1").status_code == 200
    second = charge(server, "k2", amount=700)
    assert (second.status_code, code(second)) == (409, "order_already_charged")
    assert "already has a live charge for part 1" in second.json()["error"]["message"]
    assert charge(server, "k3", part=2).status_code == 200  # a sale split across two cards
    assert charge(server, "k4", order_ref="order-2").status_code == 200
    assert [c["idempotency_key"] for c in server.charges] == ["k1", "k3", "k4"]


def test_only_a_live_charge_holds_its_part(server):
    assert charge(server, "k1", token="tok_decline").status_code == 402
    first = charge(server, "k2").json()["id"]  # a declined charge does not hold the part
    refund = {"amount": 400, "currency": "USD"}
    send(server, "POST", f"/v1/charges/{first}/refunds", refund, key="r1")
    assert code(charge(server, "k3")) == "order_already_charged"  # money still taken
    send(server, "POST", f"/v1/charges/{first}/refunds", {**refund, "amount": 600}, key="r2")
    refunded_in_full = charge(server, "k4").json()["id"]
    send(server, "POST", f"/v1/charges/{refunded_in_full}/void", {}, key="v1")
    assert charge(server, "k5").status_code == 200
    assert [c["status"] for c in server.charges] == ["declined", "refunded", "voided",
                                                    "approved"]


def test_keys_racing_for_the_same_part_make_one_charge(server):
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda n: charge(server, f"race-{n}").status_code, range(6)))
    assert sorted(statuses) == [200] + [409] * 5
    assert len(server.charges) == 1


def test_part_one_is_the_default_for_idempotency(server):
    first = charge(server)
    body = {**charge_body(), "part": 1}
    again = send(server, "POST", "/v1/charges", body, key="key-1")
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = send(server, "POST", "/v1/charges", {**body, "part": 2}, key="key-1")
    assert code(other) == "idempotency_mismatch"


def test_the_parts_survive_a_restart_and_an_older_state_file_reads_as_part_one(tmp_path):
    state = tmp_path / "sandbox.json"
    with running_sandbox(state_file=state) as server:
        charge(server, "k1", part=2)
    with running_sandbox(state_file=state) as server:
        assert server.charges[0]["part"] == 2
        assert code(charge(server, "k2", part=2)) == "order_already_charged"
    saved = json.loads(state.read_text().splitlines()[0])  # the charge, as the restart wrote it
    for row in saved["charges"]:
        del row["part"]  # a file written before charges had parts
    state.write_text(json.dumps(saved))
    with running_sandbox(state_file=state) as server:
        assert server.charges[0]["part"] == 1


def test_the_state_file_grows_by_a_line_per_change_and_is_compacted_at_a_restart(tmp_path):
    """A charge appends its record rather than rewriting every charge (which grew slower
    all day); a restart writes each record once; an append cut short by a crash is
    skipped."""
    state = tmp_path / "sandbox.json"
    with running_sandbox(state_file=state) as server:
        for n in range(3):
            charge(server, f"k{n}", order_ref=f"order-{n}")
        assert len(state.read_text().splitlines()) == 3
    with state.open("a") as fh:
        fh.write('{"charges": [{"id": "ch_cut')  # the process died in the middle
    with running_sandbox(state_file=state) as server:
        assert len(server.charges) == 3
        assert code(charge(server, "k9", order_ref="order-1")) == "order_already_charged"
        assert charge(server, "k0", order_ref="order-0").status_code == 200  # replayed
        assert len(server.charges) == 3
    lines = state.read_text().splitlines()
    assert len(json.loads(lines[0])["charges"]) == 3 and len(json.loads(lines[0])["keys"]) == 3


# --- faults ------------------------------------------------------------------------------

def test_a_header_fault_with_times_fails_that_many_calls_then_passes(server):
    statuses = [charge(server, fault="error500; times=2").status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert len(server.charges) == 1


def test_a_rate_limit_fault_says_when_to_retry(server):
    response = charge(server, fault="rate_limit=3")
    assert (response.status_code, response.headers["Retry-After"]) == (429, "3")
    assert server.charges == []


@pytest.mark.parametrize(("fault", "charged"), [
    ("drop", 0), ("drop_after_commit", 1), ("timeout=0.2", 1)])
def test_a_dropped_connection_loses_the_answer_before_or_after_the_charge(server, fault,
                                                                           charged):
    with pytest.raises(requests.ConnectionError):
        charge(server, fault=fault)
    assert len(server.charges) == charged
    assert server.calls[-1].status is None


@pytest.mark.parametrize(("fault", "check"), [
    ("malformed_json", lambda r: r.content.startswith(b"{'object'")),
    ("truncated_json", lambda r: not r.content.endswith(b"}")),
    ("html", lambda r: r.headers["Content-Type"].startswith("text/html")),
    ("wrong_amount", lambda r: r.json()["amount"] == 1001),
    ("unknown_status", lambda r: r.json()["status"] == "pending_review"),
])
def test_a_spoilt_answer_follows_a_real_charge(server, fault, check):
    assert check(charge(server, fault=fault))
    assert server.charges[0]["amount"] == 1000
    assert charge(server).json() == server.charges[0]  # the stored answer is intact


@pytest.mark.parametrize(("fault", "error"), [
    ("bad_signature", signing.SignatureError), ("stale_timestamp", signing.StaleTimestamp)])
def test_a_badly_signed_answer_fails_verification(server, fault, error):
    response = charge(server, fault=fault)
    with pytest.raises(error):
        verify(response)


def test_server_faults_wear_out_and_match_their_endpoint(server):
    server.faults.add("error500", times=1, endpoint="lookup")
    assert send(server, "GET", "/v1/health").status_code == 200
    assert send(server, "GET", "/v1/charges?order_ref=x").status_code == 500
    assert send(server, "GET", "/v1/charges?order_ref=x").status_code == 200
    assert server.faults.active() == []


def test_the_admin_endpoint_switches_faults_and_lists_charges(server):
    assert send(server, "POST", "/sandbox/faults", {"kind": "nope"}).status_code == 400
    added = send(server, "POST", "/sandbox/faults",
                 {"kind": "error500", "times": 1, "endpoint": "charge"})
    assert added.json()["data"] == [
        {"kind": "error500", "value": None, "times": 1, "endpoint": "charge"}]
    assert charge(server).status_code == 500
    send(server, "POST", "/sandbox/faults", {"kind": "latency", "value": 5})
    assert send(server, "DELETE", "/sandbox/faults").json()["data"] == []
    assert charge(server).status_code == 200
    assert send(server, "GET", "/sandbox/charges").json()["data"] == server.charges
    assert send(server, "GET", "/sandbox/charges", api_key="wrong").status_code == 401


def test_fault_text_is_parsed_plainly():
    assert parse_fault("latency=2.5") == Fault("latency", 2.5)
    assert parse_fault(" error500 ; times=2 ") == Fault("error500", None, 2)
    for bad in ("explode", "latency=soon", "error500; twice", "latency=-1"):
        with pytest.raises(PosError):
            parse_fault(bad)


def test_an_unknown_header_fault_is_refused(server):
    response = charge(server, fault="explode")
    assert (response.status_code, code(response)) == (400, "invalid_fault")


# --- running it ----------------------------------------------------------------------------

def test_tls_files_live_in_a_temporary_folder_removed_at_stop():
    with running_sandbox(tls=True) as server:
        folder = server.ca_file.parent
        assert {p.name for p in folder.iterdir()} == {"ca.pem", "cert.pem", "key.pem"}
        assert (folder / "key.pem").stat().st_mode & 0o077 == 0
    assert not folder.exists()


def test_a_port_in_use_is_one_plain_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PosError, match=f"port {port}"):
            SandboxServer(port=port, api_key=API_KEY, signing_secret=SECRET).start()
        assert main(["gateway-sandbox", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pos: The sandbox cannot listen") and err.count("\n") == 1


def run_command(tmp_path, key: str, secret: str, *options: str, env: dict | None = None,
                stdin: str = "") -> str:
    """Run `pos gateway-sandbox`, check that a client holding `key` and `secret` is served,
    stop it with Ctrl-C and return everything it printed."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("POS_SANDBOX_")}
    environment.update(POS_DATA_DIR=str(tmp_path), **(env or {}))
    with subprocess.Popen([sys.executable, "-m", "pos", "gateway-sandbox", "--port", "0",
                           *options], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=environment) as process:
        try:
            process.stdin.write(stdin)
            process.stdin.close()
            first = process.stdout.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+", first).group(0)
            with HttpGateway(url, key, secret) as gateway:
                assert gateway.health() is True
            process.send_signal(signal.SIGINT)
            process.wait(timeout=10)
            out, err = process.stdout.read(), process.stderr.read()
        finally:
            process.kill()
    assert process.returncode == 0, err
    assert "Sandbox stopped." in out and err == ""
    return first + out


def test_the_command_serves_until_interrupted_and_prints_no_secret(tmp_path):
    printed = run_command(tmp_path, DEMO_API_KEY, DEMO_SIGNING_SECRET)
    assert "the demo key" in printed
    assert DEMO_API_KEY not in printed and DEMO_SIGNING_SECRET not in printed


def test_the_command_takes_its_secrets_from_the_environment_and_never_prints_them(tmp_path):
    key, secret = "sk_env_" + "k" * 20, "env-secret-" + "s" * 20
    printed = run_command(tmp_path, key, secret, env={"POS_SANDBOX_API_KEY": key,
                                                      "POS_SANDBOX_SIGNING_SECRET": secret})
    assert "from POS_SANDBOX_API_KEY" in printed and "from POS_SANDBOX_SIGNING_SECRET" in printed
    assert key not in printed and secret not in printed


def test_the_command_reads_its_secrets_from_standard_input(tmp_path):
    key, secret = "sk_stdin_" + "k" * 20, "stdin-secret-" + "s" * 20
    printed = run_command(tmp_path, key, secret, "--secrets-stdin", stdin=f"{key}\n{secret}\n")
    assert "from standard input" in printed
    assert key not in printed and secret not in printed


@pytest.mark.parametrize("option", ["--api-key", "--signing-secret"])
def test_a_secret_on_the_command_line_is_refused_unechoed(capsys, option):
    assert main(["gateway-sandbox", "--port", "0", option, "sk_live_do_not_show"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("pos: Secrets are never taken on the command line")
    assert "POS_SANDBOX_API_KEY" in err and "--secrets-stdin" in err
    assert "sk_live_do_not_show" not in out + err


def test_secrets_stdin_without_both_lines_is_one_plain_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("only-the-key\n"))
    assert main(["gateway-sandbox", "--port", "0", "--secrets-stdin"]) == 1
    out, err = capsys.readouterr()
    assert "the signing secret on line 2" in err and err.count("\n") == 1
    assert "only-the-key" not in out + err
