"""The sandbox's charges that wait for the customer (docs/GATEWAY.md, "Charges that wait
for the customer"), over real HTTP: readers, wallet payment codes, store QR orders,
the long poll and the cancel."""

from __future__ import annotations

import time

import pytest
import requests

from pos.payments.sandbox.waiting import Scripts
from tests.sandbox_fixture import API_KEY, running_sandbox, send

FAST = {"reader_delay": 0.2, "confirm_delay": 0.2}


@pytest.fixture
def sandbox():
    with running_sandbox(scripts=Scripts(**FAST)) as server:
        yield server


def body(method: str, order_ref: str = "order-1", **fields) -> dict:
    return {"amount": 1000, "currency": "CNY", "order_ref": order_ref, "metadata": {},
            "method": method, **fields}


def code_body(code: str, wallet: str = "alipay", **fields) -> dict:
    return body("wallet_code", wallet=wallet, payment_code=code, **fields)


def admin(server, method: str, path: str, payload: dict | None = None) -> requests.Response:
    return requests.request(method, server.url + path, json=payload, timeout=5,
                            headers={"Authorization": f"Bearer {API_KEY}"})


def poll(server, charge_id: str, wait: int = 5) -> dict:
    answer = send(server, "GET", f"/v1/charges/{charge_id}?wait={wait}")
    assert answer.status_code == 200
    return answer.json()


def test_a_reader_waits_then_reads_its_card(sandbox):
    started = send(sandbox, "POST", "/v1/charges", body("reader", reader_id="reader-1"),
                   key="r1")
    charge = started.json()
    assert started.status_code == 200 and charge["status"] == "pending"
    assert charge["next_action"]["type"] == "reader_waiting" and charge["card"] is None
    done = poll(sandbox, charge["id"])
    assert done["status"] == "approved" and done["card"] == {"brand": "Visa", "last4": "4242"}
    assert done["next_action"] is None and done["fee"] == 39


def test_a_reader_reads_the_card_set_on_it_even_mid_action(sandbox):
    assert admin(sandbox, "POST", "/sandbox/readers/r2", {"card": "tok_visa",
                                                          "delay": None}).status_code == 200
    charge = send(sandbox, "POST", "/v1/charges", body("reader", reader_id="r2"),
                  key="r2").json()
    assert poll(sandbox, charge["id"], wait=1)["status"] == "pending"  # no card yet
    admin(sandbox, "POST", "/sandbox/readers/r2", {"card": "tok_insufficient", "delay": 0})
    done = poll(sandbox, charge["id"], wait=0)
    assert done["status"] == "declined" and done["decline"]["code"] == "insufficient_funds"
    listed = admin(sandbox, "GET", "/sandbox/readers").json()
    assert listed["data"]["r2"] == {"card": "tok_insufficient", "delay": 0}
    assert admin(sandbox, "POST", "/sandbox/readers/r2",
                 {"card": "tok_nothing"}).status_code == 400


@pytest.mark.parametrize("wallet, prefix, buyer", [("alipay", "28", "138****5678"),
                                                   ("wechat", "13", "o3_****_x9")])
def test_each_wallet_test_code_does_what_it_says(sandbox, wallet, prefix, buyer):
    def code(n):
        return f"{prefix}{n:016d}"

    paid = send(sandbox, "POST", "/v1/charges", code_body(code(1), wallet, order_ref="a"),
                key=f"{wallet}-1")
    assert paid.status_code == 200 and paid.json()["status"] == "approved"
    assert paid.json()["buyer"] == buyer and paid.json()["wallet"] == wallet
    assert paid.json()["fee"] == 6  # 0.6 %
    short = send(sandbox, "POST", "/v1/charges", code_body(code(4), wallet, order_ref="b"),
                 key=f"{wallet}-4")
    assert short.status_code == 402
    assert short.json()["decline"]["code"] == "insufficient_balance"
    confirms = send(sandbox, "POST", "/v1/charges", code_body(code(2), wallet, order_ref="c"),
                    key=f"{wallet}-2").json()
    assert confirms["status"] == "pending"
    assert confirms["next_action"]["type"] == "customer_confirming"
    assert poll(sandbox, confirms["id"])["status"] == "approved"
    never = send(sandbox, "POST", "/v1/charges", code_body(code(3), wallet, order_ref="d"),
                 key=f"{wallet}-3").json()
    assert poll(sandbox, never["id"], wait=1)["status"] == "pending"
    cancelled = send(sandbox, "POST", f"/v1/charges/{never['id']}/cancel", {},
                     key=f"{wallet}-3-cancel").json()
    assert cancelled["status"] == "declined" and cancelled["decline"]["code"] == "cancelled"
    late = send(sandbox, "POST", "/v1/charges", code_body(code(5), wallet, order_ref="e"),
                key=f"{wallet}-5").json()
    reversed_ = send(sandbox, "POST", f"/v1/charges/{late['id']}/cancel", {},
                     key=f"{wallet}-5-cancel").json()
    assert reversed_["status"] == "voided" and reversed_["buyer"] == buyer
    other = send(sandbox, "POST", "/v1/charges", code_body(code(9), wallet, order_ref="f"),
                 key=f"{wallet}-9")
    assert other.status_code == 402
    assert other.json()["decline"]["code"] == "payment_code_invalid"


def test_a_code_of_another_wallet_is_refused_without_repeating_it(sandbox):
    code = "280000000000000001"
    answer = send(sandbox, "POST", "/v1/charges", code_body(code, "wechat"), key="x")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_payment_code"
    assert code not in answer.text
    assert send(sandbox, "POST", "/v1/charges", code_body(code, card_token="tok_visa"),
                key="y").status_code == 400  # each method takes only its own fields
    assert code not in sandbox.charges.__repr__()


def test_the_test_codes_are_listed(sandbox):
    listed = admin(sandbox, "GET", "/sandbox/wallet-codes").json()["data"]
    assert [c["code"] for c in listed if c["wallet"] == "alipay"] == [
        f"28{n:016d}" for n in range(1, 6)]
    assert {c["behaviour"] for c in listed} == {"pays", "confirms", "never", "insufficient",
                                                "late"}


def test_cancelling_an_approved_wallet_payment_reverses_it_but_not_a_reader_action(sandbox):
    paid = send(sandbox, "POST", "/v1/charges", code_body("130000000000000001", "wechat"),
                key="w").json()
    assert send(sandbox, "POST", f"/v1/charges/{paid['id']}/cancel", {},
                key="w-c").json()["status"] == "voided"
    read = send(sandbox, "POST", "/v1/charges",
                body("reader", order_ref="o2", reader_id="r"), key="r").json()
    poll(sandbox, read["id"])
    again = send(sandbox, "POST", f"/v1/charges/{read['id']}/cancel", {}, key="r-c")
    assert again.status_code == 200 and again.json()["status"] == "approved"
    card = send(sandbox, "POST", "/v1/charges", {**body("card", order_ref="o3"),
                                                 "card_token": "tok_visa"}, key="c").json()
    refused = send(sandbox, "POST", f"/v1/charges/{card['id']}/cancel", {}, key="c-c")
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "charge_not_cancellable"


def test_a_pending_charge_is_neither_voided_nor_refunded(sandbox):
    pending = send(sandbox, "POST", "/v1/charges", code_body("280000000000000003"),
                   key="p").json()
    assert send(sandbox, "POST", f"/v1/charges/{pending['id']}/void", {},
                key="p-v").status_code == 422
    assert send(sandbox, "POST", f"/v1/charges/{pending['id']}/refunds",
                {"amount": 100, "currency": "CNY"}, key="p-r").status_code == 422


def test_a_wallet_payment_is_refunded_in_parts(sandbox):
    paid = send(sandbox, "POST", "/v1/charges", code_body("280000000000000001"),
                key="w").json()
    first = send(sandbox, "POST", f"/v1/charges/{paid['id']}/refunds",
                 {"amount": 300, "currency": "CNY"}, key="w-r1").json()
    assert first["charge_status"] == "partially_refunded"
    rest = send(sandbox, "POST", f"/v1/charges/{paid['id']}/refunds",
                {"amount": 700, "currency": "CNY"}, key="w-r2").json()
    assert rest["charge_status"] == "refunded"
    assert send(sandbox, "POST", f"/v1/charges/{paid['id']}/cancel", {},
                key="w-c").status_code == 422


def test_a_store_qr_order_is_paid_by_the_phone_or_expires(sandbox):
    order = send(sandbox, "POST", "/v1/charges", body("store_qr", wallet="alipay"),
                 key="q1").json()
    action = order["next_action"]
    assert action["type"] == "qr_shown" and action["qr_url"].startswith("https://qr.alipay.com/")
    assert 100 <= action["expires_in"] <= 120
    paid = admin(sandbox, "POST", f"/sandbox/qr/{order['id']}/pay")
    assert paid.status_code == 200 and paid.json()["buyer"] == "138****5678"
    assert poll(sandbox, order["id"], wait=0)["status"] == "approved"
    assert admin(sandbox, "POST", f"/sandbox/qr/{order['id']}/pay").status_code == 422
    sandbox.scripts.update({"qr_expires_in": 0.3})
    late = send(sandbox, "POST", "/v1/charges", body("store_qr", "o2", wallet="wechat"),
                key="q2").json()
    assert late["next_action"]["qr_url"].startswith("weixin://wxpay/")
    expired = poll(sandbox, late["id"])
    assert expired["status"] == "declined" and expired["decline"]["code"] == "qr_expired"


def test_qr_orders_pay_themselves_when_the_sandbox_is_told_to(sandbox):
    assert admin(sandbox, "POST", "/sandbox/settings",
                 {"qr_autopay": 0.2}).json()["qr_autopay"] == 0.2
    order = send(sandbox, "POST", "/v1/charges", body("store_qr", wallet="wechat"),
                 key="q").json()
    assert poll(sandbox, order["id"])["status"] == "approved"
    assert admin(sandbox, "POST", "/sandbox/settings", {"nothing": 1}).status_code == 400


def test_the_long_poll_returns_as_soon_as_the_charge_is_final(sandbox):
    sandbox.scripts.update({"confirm_delay": 0.5})
    pending = send(sandbox, "POST", "/v1/charges", code_body("280000000000000002"),
                   key="lp").json()
    assert poll(sandbox, pending["id"], wait=10)["status"] == "approved"
    assert send(sandbox, "GET", f"/v1/charges/{pending['id']}?wait=11").status_code == 400
    assert send(sandbox, "GET", "/v1/charges/ch_none").status_code == 404


def test_a_replayed_post_answers_the_first_answer_and_lookups_show_pending(sandbox):
    payload = code_body("280000000000000003")
    first = send(sandbox, "POST", "/v1/charges", payload, key="k").json()
    again = send(sandbox, "POST", "/v1/charges", payload, key="k")
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first
    found = send(sandbox, "GET", "/v1/charges?idempotency_key=k").json()["data"]
    assert [c["status"] for c in found] == ["pending"]
    other = send(sandbox, "POST", "/v1/charges", code_body("280000000000000002"), key="k")
    assert other.status_code == 422  # another code under the same key


def test_a_waiting_charge_settles_after_a_restart(tmp_path):
    path = tmp_path / "sandbox.json"
    with running_sandbox(state_file=path, scripts=Scripts(confirm_delay=0.5)) as server:
        charge = send(server, "POST", "/v1/charges", code_body("280000000000000002"),
                      key="s").json()
        assert charge["status"] == "pending"
    time.sleep(0.6)  # the customer confirms while the sandbox is down
    with running_sandbox(state_file=path) as server:
        found = send(server, "GET", "/v1/charges?idempotency_key=s").json()["data"]
        assert [(c["id"], c["status"]) for c in found] == [(charge["id"], "approved")]
    assert "280000000000000002" not in path.read_text()
