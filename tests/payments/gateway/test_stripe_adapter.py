"""The Stripe adapter against localstripe (a stateful Stripe emulator) and, where the emulator
cannot say what Stripe says (card-error codes, fees, retries, malformed answers, TLS), against a
scripted HTTP stand-in. The adapter's own code is never mocked."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from pos.errors import InputError
from pos.money import Money
from pos.payments.gateway.base import (
    Approved,
    ChargeRequest,
    Declined,
    GatewayRejected,
    OutcomeUnknown,
)
from pos.payments.gateway.retry import RetryPolicy
from pos.payments.gateway.stripe_adapter import StripeGateway, from_stripe_amount, to_stripe_amount
from tests.payments.gateway.localstripe_fixture import (
    DROP,
    KEY,
    Front,
    LocalStripe,
    Reply,
    Seen,
    self_signed,
)

FAST = RetryPolicy(attempts=3, budget=5.0, base=0.01, cap=0.05)


def usd(minor: int) -> Money:
    return Money(minor, "USD")


def charge_request(amount: Money | None = None, card: str = "pm_card_visa", *,
                   order: str | None = None, **metadata: str) -> ChargeRequest:
    return ChargeRequest(amount or usd(1050), f"key-{uuid.uuid4()}", order or str(uuid.uuid4()),
                         card, dict(metadata))


@pytest.fixture(scope="module")
def localstripe():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def make_gateway():
    """Gateways with quick retries that record their waits in `.sleeps`; closed afterwards."""
    made = []

    def make(base_url: str, **options) -> StripeGateway:
        sleeps: list[float] = []
        options = {"policy": FAST, "sleep": sleeps.append, **options}
        gateway = StripeGateway(KEY, base_url=base_url, **options)
        gateway.sleeps = sleeps
        made.append(gateway)
        return gateway

    yield make
    for gateway in made:
        gateway.close()


@pytest.fixture
def gateway(localstripe, make_gateway):
    return make_gateway(localstripe.url)


@pytest.fixture
def front():
    fronts = []

    def make(respond, **options) -> Front:
        fronts.append(Front(respond, **options))
        return fronts[-1]

    yield make
    for server in fronts:
        server.close()


@pytest.fixture
def emulator(localstripe):
    """Plain HTTP to localstripe, for what the adapter never does (making test cards)."""
    with requests.Session() as session:
        session.auth = (KEY, "")

        def call(method: str, path: str, **kwargs) -> dict:
            response = session.request(method, localstripe.url + path, timeout=5, **kwargs)
            assert response.status_code == 200, response.text
            return response.json()

        yield call


def card_method(emulator, number: str) -> str:
    """A PaymentMethod for a localstripe test card number."""
    return emulator("POST", "/v1/payment_methods", data={
        "type": "card", "card[number]": number, "card[exp_month]": "12",
        "card[exp_year]": "2030", "card[cvc]": "123"})["id"]


def intent_of(emulator, request: ChargeRequest) -> dict:
    """The one intent localstripe holds for this request."""
    [intent] = [i for i in emulator("GET", "/v1/payment_intents", params={"limit": 1000})["data"]
                if i["metadata"].get("pos_idempotency_key") == request.idempotency_key]
    return intent


# --- amounts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("money", "units"), [
    (usd(1050), 1050),
    (Money(500, "JPY"), 500),  # zero-decimal in ISO and at Stripe
    (Money(5, "ISK"), 500),  # ISO has no decimals; Stripe counts ISK in hundredths
    (Money(1230, "KWD"), 1230),  # three decimals, last digit 0
    (Money(1230, "IQD"), 123),  # three decimals in ISO, two at Stripe
])
def test_amounts_convert_exactly_both_ways(money, units):
    assert to_stripe_amount(money) == units
    assert from_stripe_amount(units, money.currency.lower()) == money


@pytest.mark.parametrize("money", [Money(1234, "KWD"), Money(1234, "IQD"), usd(0), usd(-5)])
def test_amounts_stripe_cannot_take_are_refused_not_rounded(money):
    with pytest.raises(GatewayRejected, match="round the amount|more than zero"):
        to_stripe_amount(money)


@pytest.mark.parametrize(("amount", "currency"), [
    (50050, "isk"), (1.5, "usd"), (True, "usd"), (-1, "usd"), (100, "zzz"), (100, None)])
def test_unreadable_stripe_amounts_are_outcome_unknown(amount, currency):
    with pytest.raises(OutcomeUnknown):
        from_stripe_amount(amount, currency)


# --- configuration ---------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "url", "ca"), [
    ("pk_test_abc", "https://api.stripe.com", None),
    ("", "https://api.stripe.com", None),
    (KEY, "http://api.stripe.com", None),  # the key would cross the network in clear
    (KEY, "ftp://127.0.0.1", None),
    (KEY, "https://api.stripe.com", "/nonexistent/ca.pem"),
])
def test_unsafe_or_broken_settings_are_refused(key, url, ca):
    with pytest.raises(InputError):
        StripeGateway(key, base_url=url, ca_bundle=ca)


def test_tls_is_verified_and_a_ca_bundle_replaces_the_default_cas(tmp_path, front, make_gateway):
    ca, cert, key = self_signed(tmp_path)
    server = front(lambda seen, forward: Reply(200, {"object": "balance"}), tls=(cert, key))
    untrusting = make_gateway(server.url)
    assert untrusting.health() is False
    with pytest.raises(OutcomeUnknown, match="secure connection"):
        untrusting.charge(charge_request())
    assert server.seen == [] and untrusting.sleeps == []  # nothing got through; no retry
    assert make_gateway(server.url, ca_bundle=str(ca)).health() is True


# --- localstripe -----------------------------------------------------------------------------

def test_an_approved_card_gives_brand_last4_and_fee(gateway, emulator):
    request = charge_request(usd(1050))
    result = gateway.charge(request)
    assert isinstance(result, Approved) and result.gateway_ref.startswith("pi_")
    assert (result.amount, result.fee) == (usd(1050), usd(0))  # localstripe's fees are 0
    assert (result.card_brand, result.card_last4) == ("Visa", "4242")
    stored = emulator("GET", f"/v1/payment_intents/{result.gateway_ref}")
    assert (stored["amount"], stored["currency"], stored["status"]) == (1050, "usd", "succeeded")
    assert stored["metadata"]["pos_idempotency_key"] == request.idempotency_key


def test_the_charge_is_form_encoded_with_the_key_as_idempotency_key_header(
        localstripe, front, make_gateway):
    proxy = front(lambda seen, forward: forward(), upstream=localstripe.url)
    request = charge_request(usd(700), till="2")
    assert isinstance(make_gateway(proxy.url).charge(request), Approved)
    [post] = [s for s in proxy.seen if s.method == "POST"]
    assert post.headers["Idempotency-Key"] == request.idempotency_key
    assert post.headers["Authorization"] == f"Bearer {KEY}"
    assert post.headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = dict(post.form)
    assert form["metadata[pos_idempotency_key]"] == request.idempotency_key
    assert form["metadata[pos_order_ref]"] == request.order_ref
    assert form["metadata[till]"] == "2"
    assert (form["amount"], form["currency"], form["confirm"]) == ("700", "usd", "true")
    assert form["capture_method"] == "automatic"


@pytest.mark.parametrize(("money", "units"), [(Money(500, "JPY"), 500), (Money(5, "ISK"), 500)])
def test_currencies_with_other_stripe_units_charge_the_right_amount(gateway, emulator, money,
                                                                   units):
    result = gateway.charge(charge_request(money))
    assert isinstance(result, Approved) and result.amount == money
    assert emulator("GET", f"/v1/payment_intents/{result.gateway_ref}")["amount"] == units


def test_a_declined_card_is_declined_in_words(gateway):
    request = charge_request(card="pm_card_chargeCustomerFail")
    result = gateway.charge(request)
    assert result == Declined("declined", "The card was declined. Ask for another card or "
                                          "another way to pay.")
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert record.status == "declined" and record.decline.code == "declined"


def test_a_card_needing_the_bank_app_is_declined_and_its_intent_cancelled(gateway, emulator):
    request = charge_request(card=card_method(emulator, "4000002500003155"))  # 3-D Secure
    result = gateway.charge(request)
    assert isinstance(result, Declined) and result.code == "authentication_required"
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert record.status == "declined" and record.approved is None
    assert intent_of(emulator, request)["status"] == "canceled"


def test_partial_refunds_and_an_over_refund_refused(gateway):
    request = charge_request(usd(1000))
    approved = gateway.charge(request)
    first = gateway.refund(approved.gateway_ref, usd(400), "refund-1")
    assert first.amount == usd(400) and first.gateway_ref.startswith("re_")
    with pytest.raises(GatewayRejected, match=r"Only 6\.00 USD .* 7\.00 USD is more"):
        gateway.refund(approved.gateway_ref, usd(700), "refund-2")
    # The same key again returns the first refund: localstripe ignores the header, the
    # adapter finds the refund by its metadata.
    assert gateway.refund(approved.gateway_ref, usd(400), "refund-1") == first
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert (record.status, record.refunded) == ("partially_refunded", usd(400))
    gateway.refund(approved.gateway_ref, usd(600), "refund-3")
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert (record.status, record.refunded) == ("refunded", usd(1000))
    with pytest.raises(GatewayRejected, match="Only 0.00 USD"):
        gateway.refund(approved.gateway_ref, usd(1), "refund-4")


def test_refunds_in_another_currency_or_of_unknown_payments_are_refused(gateway):
    approved = gateway.charge(charge_request(usd(1000)))
    with pytest.raises(GatewayRejected, match="made in USD"):
        gateway.refund(approved.gateway_ref, Money(100, "EUR"), "r")
    with pytest.raises(GatewayRejected, match="could not find"):
        gateway.refund("pi_doesnotexist", usd(100), "r")
    with pytest.raises(GatewayRejected, match="not a Stripe payment reference"):
        gateway.refund("../v1/balance", usd(100), "r")


def test_void_of_an_approved_charge_returns_the_money_once(gateway):
    request = charge_request(usd(1250))
    approved = gateway.charge(request)
    gateway.refund(approved.gateway_ref, usd(250), "part")
    gateway.void(approved.gateway_ref, "void-1")
    gateway.void(approved.gateway_ref, "void-1")  # repeated: nothing more to return
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert (record.status, record.refunded, record.approved) == ("voided", usd(1250), approved)
    with pytest.raises(GatewayRejected, match="Only 0.00 USD"):
        gateway.refund(approved.gateway_ref, usd(1), "after-void")


def test_void_of_a_declined_intent_cancels_it(gateway, emulator):
    request = charge_request(card="pm_card_chargeCustomerFail")
    gateway.charge(request)
    gateway.void(intent_of(emulator, request)["id"], "void-declined")
    assert intent_of(emulator, request)["status"] == "canceled"
    [record] = gateway.lookup(idempotency_key=request.idempotency_key)
    assert record.status == "declined"


def test_lookup_finds_exactly_the_charges_of_a_key_or_an_order(localstripe, front, make_gateway):
    proxy = front(lambda seen, forward: forward(), upstream=localstripe.url)
    gateway = make_gateway(proxy.url)
    gateway.page_size = 2  # walk several pages
    order = str(uuid.uuid4())
    declined = charge_request(card="pm_card_chargeCustomerFail", order=order)
    approved = charge_request(order=order)
    gateway.charge(declined)
    result = gateway.charge(approved)
    gateway.charge(charge_request())  # another order

    by_order = gateway.lookup(order_ref=order)
    assert sorted(r.status for r in by_order) == ["approved", "declined"]
    assert {r.idempotency_key for r in by_order} == {declined.idempotency_key,
                                                     approved.idempotency_key}
    [by_key] = gateway.lookup(idempotency_key=approved.idempotency_key)
    assert (by_key.status, by_key.order_ref, by_key.approved) == ("approved", order, result)
    assert gateway.lookup(idempotency_key=approved.idempotency_key, order_ref="other") == []
    assert gateway.lookup(idempotency_key="never-used") == []

    gets = [s for s in proxy.seen if s.method == "GET"]
    assert gets[0].path == "/v1/payment_intents/search"  # localstripe has no search: 404 ...
    assert sum(s.path == "/v1/payment_intents/search" for s in gets) == 1  # ... asked once
    pages = [s for s in gets if s.path == "/v1/payment_intents"]
    assert any("starting_after" in s.query for s in pages)
    assert all("created[gte]" not in s.query for s in pages)  # the whole list, not the last hour


def test_a_lost_answer_is_resent_with_the_same_key_and_lookup_finds_every_intent(
        localstripe, front, make_gateway):
    """Stripe would answer the resend with the first intent. localstripe ignores the key and
    makes a second one; lookup by metadata finds both, so reconciliation can void the extra."""
    lost = []

    def lose_first_answer(seen: Seen, forward) -> Reply:
        reply = forward()  # localstripe acts on the request ...
        if seen.method == "POST" and not lost:
            lost.append(seen)
            return DROP  # ... and the till never hears back
        return reply

    proxy = front(lose_first_answer, upstream=localstripe.url)
    gateway = make_gateway(proxy.url)
    request = charge_request(usd(990))
    result = gateway.charge(request)
    assert isinstance(result, Approved)
    posts = [s for s in proxy.seen if s.method == "POST"]
    assert len(posts) == 2 and len(gateway.sleeps) == 1
    assert [p.headers["Idempotency-Key"] for p in posts] == [request.idempotency_key] * 2
    assert posts[0].form == posts[1].form

    records = gateway.lookup(idempotency_key=request.idempotency_key)
    assert [r.status for r in records] == ["approved", "approved"]
    [extra] = [r.approved.gateway_ref for r in records
               if r.approved.gateway_ref != result.gateway_ref]
    gateway.void(extra, f"{request.idempotency_key}:duplicate")
    statuses = {r.approved.gateway_ref: r.status
                for r in gateway.lookup(idempotency_key=request.idempotency_key)}
    assert statuses == {result.gateway_ref: "approved", extra: "voided"}


def test_threads_charge_at_once_each_on_its_own_session(gateway):
    together = threading.Barrier(4)

    def charge(_: int) -> Approved | Declined:
        together.wait(5)
        return gateway.charge(charge_request())

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(charge, range(4)))
    assert all(isinstance(r, Approved) for r in results)
    assert len({r.gateway_ref for r in results}) == 4
    # a session serves one exchange at a time: never more than the four charging at once
    assert 1 <= len(set(map(id, gateway._sessions))) <= 4


def test_health(gateway, make_gateway):
    assert gateway.health() is True
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    nobody = make_gateway(f"http://127.0.0.1:{port}")
    assert nobody.health() is False
    with pytest.raises(OutcomeUnknown, match="did not answer in time"):
        nobody.charge(charge_request())
    assert len(nobody.sleeps) == FAST.attempts - 1


# --- what only Stripe says: a scripted stand-in ----------------------------------------------

def intent_for(seen: Seen, **changes) -> dict:
    """The PaymentIntent Stripe returns for a confirmed create, shaped as Stripe shapes it."""
    form = dict(seen.form)
    amount, currency = int(form["amount"]), form["currency"]
    intent = {
        "id": "pi_3Stub", "object": "payment_intent", "amount": amount,
        "amount_received": amount, "currency": currency, "status": "succeeded", "created": 1,
        "metadata": {k[9:-1]: v for k, v in seen.form if k.startswith("metadata[")},
        "payment_method": "pm_1Stub",
        "latest_charge": {
            "id": "ch_3Stub", "object": "charge", "amount": amount, "amount_refunded": 0,
            "captured": True, "currency": currency,
            "balance_transaction": {"id": "txn_3Stub", "object": "balance_transaction",
                                    "amount": amount, "currency": currency, "fee": 61},
            "payment_method_details": {"type": "card",
                                       "card": {"brand": "mastercard", "last4": "4444"}}}}
    intent.update(changes)
    return intent


def test_a_stripe_approval_reads_the_fee_and_the_card_details(front, make_gateway):
    server = front(lambda seen, forward: Reply(200, intent_for(seen)))
    result = make_gateway(server.url).charge(charge_request(usd(2000)))
    assert result == Approved("pi_3Stub", usd(2000), usd(61), "Mastercard", "4444")
    assert ("expand[]", "latest_charge.balance_transaction") in server.seen[0].form


def test_a_fee_settled_in_another_currency_is_reported_as_zero(front, make_gateway):
    def respond(seen, forward):
        intent = intent_for(seen)
        intent["latest_charge"]["balance_transaction"].update(currency="eur", fee=55)
        return Reply(200, intent)

    result = make_gateway(front(respond).url).charge(charge_request(usd(2000)))
    assert result.fee == usd(0)


@pytest.mark.parametrize(("error", "code", "words"), [
    ({"code": "card_declined", "decline_code": "insufficient_funds"}, "insufficient_funds",
     "insufficient funds"),
    ({"code": "expired_card"}, "expired_card", "has expired"),
    ({"code": "incorrect_cvc"}, "incorrect_cvc", "security code"),
    ({"code": "card_declined", "decline_code": "stolen_card"}, "stolen_card",
     "The card was declined."),  # said plainly, as Stripe advises
    ({"code": "card_declined", "decline_code": "generic_decline"}, "declined", "was declined"),
])
def test_stripe_card_errors_are_final_declines(front, make_gateway, error, code, words):
    body = {"error": {"type": "card_error", "message": "Your card was declined.", **error}}
    server = front(lambda seen, forward: Reply(402, body))
    result = make_gateway(server.url).charge(charge_request())
    assert isinstance(result, Declined) and result.code == code and words in result.reason
    assert len(server.seen) == 1  # a decline is not retried


def test_busy_and_failing_answers_are_retried_with_the_same_key(front, make_gateway):
    script = [Reply(503, {"error": {"type": "api_error"}}),
              Reply(429, {"error": {"type": "rate_limit_error"}}, {"Retry-After": "2"}),
              DROP,
              Reply(409, {"error": {"type": "idempotency_error"}})]

    def respond(seen, forward):
        return script.pop(0) if script else Reply(200, intent_for(seen))

    server = front(respond)
    gateway = make_gateway(server.url, policy=RetryPolicy(attempts=5, budget=10, base=0.01))
    request = charge_request()
    assert isinstance(gateway.charge(request), Approved)
    assert len(server.seen) == 5
    assert {s.headers["Idempotency-Key"] for s in server.seen} == {request.idempotency_key}
    assert len({tuple(s.form) for s in server.seen}) == 1
    assert gateway.sleeps[1] == 2.0  # Retry-After honoured


def test_retries_end_in_outcome_unknown(front, make_gateway):
    server = front(lambda seen, forward: Reply(500, {"error": {"type": "api_error"}}))
    with pytest.raises(OutcomeUnknown, match="checked with the gateway"):
        make_gateway(server.url).charge(charge_request())
    assert len(server.seen) == FAST.attempts


def test_a_read_timeout_is_retried_then_unknown(front, make_gateway):
    def slow(seen, forward):
        time.sleep(0.3)
        return DROP

    server = front(slow)
    gateway = make_gateway(server.url, read_timeout=0.1, policy=RetryPolicy(attempts=2, base=0))
    with pytest.raises(OutcomeUnknown, match="no answer from Stripe in time"):
        gateway.charge(charge_request())
    assert len(server.seen) == 2


@pytest.mark.parametrize("reply", [
    lambda seen: Reply(200, b"<html>maintenance</html>", {"Content-Type": "text/html"}),
    lambda seen: Reply(200, []),
    lambda seen: Reply(200, intent_for(seen, amount=int(dict(seen.form)["amount"]) + 1)),
    lambda seen: Reply(200, intent_for(seen, currency="eur")),
    lambda seen: Reply(200, intent_for(seen, metadata={"pos_idempotency_key": "another"})),
    lambda seen: Reply(200, intent_for(seen, status="processing")),
    lambda seen: Reply(200, intent_for(seen, status="requires_capture")),
    lambda seen: Reply(200, intent_for(seen, id="ch_notanintent")),
    lambda seen: Reply(402, b"Payment Required", {"Content-Type": "text/plain"}),
], ids=["html", "list", "amount", "currency", "other-key", "processing", "uncaptured",
        "not-an-intent", "unreadable-402"])
def test_answers_that_cannot_be_trusted_are_outcome_unknown(front, make_gateway, reply):
    server = front(lambda seen, forward: reply(seen))
    with pytest.raises(OutcomeUnknown):
        make_gateway(server.url).charge(charge_request())
    assert len(server.seen) == 1


@pytest.mark.parametrize(("status", "message", "words"), [
    (400, "Amount must be at least $0.50 usd", "Stripe refused the request: Amount must be at "
                                               "least $0.50 usd."),
    (401, "Invalid API Key provided", "did not accept the API key"),
    (403, "The provided key does not have access", "not allowed"),
    (404, "No such PaymentMethod: 'pm_x'", "could not find"),
])
def test_other_client_errors_are_rejected_in_words_without_retry(front, make_gateway, status,
                                                                 message, words):
    body = {"error": {"type": "invalid_request_error", "message": message}}
    server = front(lambda seen, forward: Reply(status, body))
    with pytest.raises(GatewayRejected, match=words.replace("$", r"\$").replace(".", r"\.")):
        make_gateway(server.url).charge(charge_request())
    assert len(server.seen) == 1


def test_on_stripe_lookup_searches_and_lists_the_last_hour(front, make_gateway):
    """Stripe's search can lag a write by a minute; the newest intents are listed too."""
    def intent(pi: str, key: str, created: int) -> dict:
        return {"id": pi, "object": "payment_intent", "amount": 500, "currency": "usd",
                "status": "requires_payment_method", "created": created,
                "metadata": {"pos_idempotency_key": key, "pos_order_ref": "o-1"},
                "last_payment_error": {"code": "card_declined"}}

    def respond(seen, forward):
        if seen.path == "/v1/payment_intents/search":
            return Reply(200, {"object": "search_result", "has_more": False,
                               "data": [intent("pi_old", "k'1", 1)]})
        return Reply(200, {"object": "list", "has_more": False,
                           "data": [intent("pi_new", "k'1", 2), intent("pi_other", "k2", 3),
                                    intent("pi_old", "k'1", 1)]})

    server = front(respond)
    gateway = make_gateway(server.url)
    before = int(time.time())
    records = gateway.lookup(idempotency_key="k'1")
    assert [r.status for r in records] == ["declined", "declined"]
    assert len(gateway.lookup(idempotency_key="k'1")) == 2
    searches = [s for s in server.seen if s.path == "/v1/payment_intents/search"]
    assert len(searches) == 2
    assert searches[0].query["query"] == ["metadata['pos_idempotency_key']:'k\\'1'"]
    [listing, *_] = [s for s in server.seen if s.path == "/v1/payment_intents"]
    assert before - 3600 - 1 <= int(listing.query["created[gte]"][0]) <= before - 3600 + 5


def test_lookup_needs_a_key_or_an_order(gateway):
    with pytest.raises(ValueError):
        gateway.lookup()


def test_health_is_false_when_stripe_refuses_the_key(front, make_gateway):
    server = front(lambda seen, forward: Reply(401, {"error": {"type": "invalid_request_error"}}))
    assert make_gateway(server.url).health() is False
