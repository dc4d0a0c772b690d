"""The till's side of head office's HTTP API: signed requests, signed answers.

Each request carries the terminal's store and id and is signed with its own secret
(`pos.signing`); an answer counts only when it is signed with the same secret and bound
to that request, so a proxy or a captive portal cannot acknowledge a batch that head
office never applied. TLS is required except to this computer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import requests

from pos import signing
from pos.addresses import gateway_url
from pos.errors import PosError

STORE_HEADER = "X-Pos-Store"
TERMINAL_HEADER = "X-Pos-Terminal"
TIMEOUT = (5.0, 30.0)  # seconds: connect, and each read


class HqUnreachable(PosError):
    """Head office could not be reached or did not answer; the till goes on selling."""


class HqRefused(PosError):
    """Head office answered with a refusal; `code` says which."""

    def __init__(self, status: int, code: str, message: str, content: dict) -> None:
        super().__init__(message)
        self.status, self.code, self.content = status, code, content


@dataclass
class HqClient:
    url: str
    store_id: str
    terminal_id: str
    secret: str
    session: requests.Session | None = None

    def __post_init__(self) -> None:
        self.url = gateway_url(self.url)  # https, or plain http only on this computer
        self.session = self.session or requests.Session()

    def post(self, path: str, content: dict, *, key: str | None = None) -> dict:
        """POST `content` as JSON to `path`; the verified answer's content."""
        body = json.dumps(content, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", STORE_HEADER: self.store_id,
                   TERMINAL_HEADER: self.terminal_id,
                   **signing.sign_request(self.secret, "POST", path, body, key=key)}
        if key:
            headers[signing.KEY_HEADER] = key
        try:
            answer = self.session.post(self.url + path, data=body, headers=headers,
                                       timeout=TIMEOUT)
        except requests.RequestException as exc:
            raise HqUnreachable(f"Head office at {self.url} did not answer ({exc}).") from exc
        try:
            signing.verify_response(self.secret, answer.status_code, answer.content,
                                    answer.headers.get(signing.TIMESTAMP_HEADER),
                                    answer.headers.get(signing.SIGNATURE_HEADER),
                                    request_signature=headers[signing.SIGNATURE_HEADER])
        except signing.SignatureError as exc:
            raise _unsigned(answer, exc) from None
        return _content(answer)

    def close(self) -> None:
        self.session.close()


def enroll(url: str, code: str, sales_currency: str | None) -> dict:
    """Exchange a one-time code for the terminal's secret and its store's settings; a till
    that holds sales says in which currency, and a store in another is refused before the
    code is used."""
    url = gateway_url(url)
    try:
        answer = requests.post(url + "/v1/enroll", json={
            "code": code, "sales_currency": sales_currency}, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise HqUnreachable(f"Head office at {url} did not answer ({exc}).") from exc
    return _content(answer)


def _content(answer: requests.Response) -> dict:
    try:
        content = answer.json()
    except ValueError:
        raise HqUnreachable(f"Head office answered {answer.status_code} with something that "
                            "is not its API (a proxy or a login page?).") from None
    if answer.status_code != 200:
        raise HqRefused(answer.status_code, str(content.get("code", "refused")),
                        str(content.get("message", f"Head office refused "
                                                   f"({answer.status_code}).")), content)
    return content


def _unsigned(answer: requests.Response, exc: Exception) -> PosError:
    """An answer without a valid signature: a refusal of our credentials (head office
    cannot sign with a secret it no longer holds) is believed, since it can only stop the
    till from sending; anything else is not."""
    if answer.status_code in (401, 403):
        try:
            _content(answer)
        except HqRefused as refused:
            return refused
    return HqUnreachable(f"Head office's answer could not be trusted ({exc}).")
