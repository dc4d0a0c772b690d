"""The Stripe adapter's card readers (Stripe Terminal's server-driven integration) against
localstripe behind a small stand-in for the Terminal endpoints, which localstripe lacks
(docs/GATEWAY.md): the stand-in reader "reads" a card by attaching a test card to the
intent at localstripe and confirming it, as Stripe does when a card is tapped."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from pos.money import Money
from pos.payments.gateway.base import Approved, ChargeRequest, Declined, GatewayRejected, Progress
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.gateway.stripe_adapter import StripeGateway
from tests.payments.gateway.localstripe_fixture import KEY, Front, LocalStripe, Reply

FAST = RetryPolicy(attempts=3, budget=5.0, base=0.01, cap=0.05)


class Terminal:
    """Stripe Terminal's reader endpoints for one simulated reader; everything else goes
    to localstripe. `card` is what the reader reads after `delay` seconds (None: it waits
    for ever); `fail` makes the action fail with that failure code instead."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.card: str | None = "4242424242424242"
        self.delay, self.fail = 0.2, None
        self.action: dict | None = None
        self.lock = threading.Lock()
        self.front = Front(self.respond, upstream=upstream)

    def respond(self, seen, forward) -> Reply:
        parts = seen.path.strip("/").split("/")
        if parts[:3] != ["v1", "terminal", "readers"]:
            return forward()
        reader = parts[3]
        with self.lock:
            if parts[4:] == ["process_payment_intent"]:
                intent = dict(seen.form)["payment_intent"]
                self.action = {"type": "process_payment_intent", "status": "in_progress",
                               "process_payment_intent": {"payment_intent": intent}}
                if self.card or self.fail:
                    threading.Timer(self.delay, self.read, [intent]).start()
            elif parts[4:] == ["cancel_action"]:
                if not self.action or self.action["status"] != "in_progress":
                    return Reply(400, {"error": {"message": "The reader has no action."}})
                self.action = None
            return Reply(200, {"object": "terminal.reader", "id": reader,
                               "action": self.action})

    def read(self, intent: str) -> None:
        with self.lock:
            if not self.action or self.action["status"] != "in_progress":
                return  # cancelled meanwhile
            if self.fail:
                self.action.update(status="failed", failure_code=self.fail)
                return
            auth = (KEY, "")
            method = requests.post(f"{self.upstream}/v1/payment_methods", auth=auth, timeout=5,
                                   data={"type": "card", "card[number]": self.card,
                                         "card[exp_month]": "12", "card[exp_year]": "2030",
                                         "card[cvc]": "123"}).json()["id"]
            requests.post(f"{self.upstream}/v1/payment_intents/{intent}", auth=auth, timeout=5,
                          data={"payment_method": method})
            requests.post(f"{self.upstream}/v1/payment_intents/{intent}/confirm", auth=auth,
                          timeout=5)
            self.action["status"] = "succeeded"


@pytest.fixture(scope="module")
def localstripe():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def terminal(localstripe):
    stand_in = Terminal(localstripe.url)
    yield stand_in
    stand_in.front.close()


@pytest.fixture
def gateway(terminal):
    with StripeGateway(KEY, base_url=terminal.front.url, policy=FAST,
                       reader_limit=5) as adapter:
        adapter.reader_poll = 0.05
        yield adapter


def reader_charge(key: str = "k1") -> ChargeRequest:
    return ChargeRequest(Money(1250, "USD"), f"{key}-{time.monotonic_ns()}", "order-1", "",
                         method="reader", reader_id="tmr_FDOt2wlRZEdpd7")


def intent_status(localstripe, request) -> list[str]:
    found = requests.get(f"{localstripe.url}/v1/payment_intents", auth=(KEY, ""),
                         params={"limit": 1000}, timeout=5).json()["data"]
    return [i["status"] for i in found
            if i["metadata"].get("pos_idempotency_key") == request.idempotency_key]


def test_a_reader_reads_the_card_and_the_charge_is_approved(gateway, localstripe):
    seen: list[Progress] = []
    request = reader_charge()
    answer = gateway.charge(request, seen.append)
    assert isinstance(answer, Approved) and answer.card_last4 == "4242"
    assert seen == [Progress("reader_waiting")]
    assert intent_status(localstripe, request) == ["succeeded"]
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert record.status == "approved"


def test_a_failed_reader_action_is_a_decline_and_its_intent_is_cancelled(
        gateway, terminal, localstripe):
    terminal.fail = "card_declined"
    request = reader_charge()
    assert gateway.charge(request).code == "declined"
    assert intent_status(localstripe, request) == ["canceled"]


def test_the_cashier_cancels_the_reader(gateway, terminal, localstripe):
    terminal.card = None  # nobody taps
    request = reader_charge()
    threading.Timer(0.3, gateway.cancel, [request]).start()
    answer = gateway.charge(request)
    assert answer == Declined("cancelled", answer.reason)
    assert intent_status(localstripe, request) == ["canceled"]
    assert terminal.action is None  # the reader's action was cancelled


def test_a_reader_nobody_taps_times_out(terminal, localstripe):
    terminal.card = None
    with StripeGateway(KEY, base_url=terminal.front.url, policy=FAST,
                       reader_limit=0.3) as gateway:
        gateway.reader_poll = 0.05
        request = reader_charge()
        assert gateway.charge(request).code == "reader_timeout"
    assert intent_status(localstripe, request) == ["canceled"]


def test_a_reader_left_waiting_is_found_pending_and_cancelled_by_key(
        gateway, terminal, localstripe):
    terminal.card = None
    request = reader_charge()
    auth = (KEY, "")  # the till creates the intent, has the reader process it, and dies
    intent = requests.post(f"{terminal.front.url}/v1/payment_intents", auth=auth, timeout=5, data={
        "amount": "1250", "currency": "usd", "payment_method_types[]": "card_present",
        "metadata[pos_idempotency_key]": request.idempotency_key,
        "metadata[pos_order_ref]": request.order_ref,
        "metadata[pos_reader]": request.reader_id}).json()["id"]
    requests.post(f"{terminal.front.url}/v1/terminal/readers/{request.reader_id}/"
                  "process_payment_intent", auth=auth, timeout=5,
                  data={"payment_intent": intent})
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert record.status == "pending"
    gateway.cancel(request)
    assert [r.status for r in gateway.lookup(idempotency_key=request.idempotency_key)] == [
        "declined"]


def test_wallet_payments_are_refused_in_a_plain_sentence(gateway, terminal):
    for method, fields in (("wallet_code", {"wallet": "alipay",
                                            "payment_code": "280000000000000001"}),
                           ("store_qr", {"wallet": "wechat"})):
        request = ChargeRequest(Money(100, "CNY"), "w", "o", "", method=method, **fields)
        with pytest.raises(GatewayRejected, match="not Alipay or WeChat Pay"):
            gateway.charge(request)
    assert terminal.front.seen == []
