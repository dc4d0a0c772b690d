"""Head office's HTTP API (ASGI, FastAPI): enrollment, and each till's outbox.

Every request but enrollment is signed with the terminal's own secret, as the gateway
protocol signs (method, path, timestamp, Idempotency-Key and body: `pos.signing`), and
every answer is signed back, bound to the request it answers. A revoked terminal is
refused at its next request. The process keeps nothing of its own: the state is in
PostgreSQL, so several processes can serve one database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import os
import secrets
from collections.abc import Callable

import psycopg
from fastapi import FastAPI, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from pos import signing
from pos.errors import InputError
from pos.hq import catalogue
from pos.hq.admin import code_digest, parse_code
from pos.hq.database import DSN_ENV, open_pool
from pos.hq.ingest import MAX_RECORDS, Batch, BatchRefused, apply_batch

STORE_HEADER = "X-Pos-Store"
TERMINAL_HEADER = "X-Pos-Terminal"
MAX_BODY = 32 * 1024 * 1024


class EnrollRequest(BaseModel):
    code: str = Field(max_length=128, description="STORE:TERMINAL:XXXX-XXXX-XXXX, once")
    sales_currency: str | None = Field(
        None, max_length=3, description="The currency of the sales the till already holds; "
                                        "a store in another currency refuses it (the code "
                                        "stays valid)")


class Store(BaseModel):
    id: str
    name: str
    currency: str
    locale: str
    tax_mode: str


class Enrolled(BaseModel):
    secret: str = Field(description="The terminal's HMAC key: it signs every request")
    terminal_id: str
    store: Store


class OutboxBatch(BaseModel):
    first: int = Field(ge=1, description="The first outbox seq the batch covers")
    last: int = Field(ge=1, description="The last outbox seq it covers")
    waiting: int = Field(0, ge=0, description="Rows the till holds beyond `last`")
    records: list[dict] = Field(max_length=MAX_RECORDS)


class Acked(BaseModel):
    acked_seq: int


class ChangesRequest(BaseModel):
    after: int = Field(ge=0, description="The last change seq the till applied")
    limit: int = Field(1000, ge=1, le=5000)


class Changes(BaseModel):
    changes: list[dict] = Field(description="{kind: tax_class|product|user|setting|customer, "
                                            "doc}, in order")
    last: int = Field(description="The seq to ask after next time")
    more: bool
    head: int = Field(description="The store's latest change seq: how far a download goes")


class Problem(BaseModel):
    code: str
    message: str
    acked_seq: int | None = None


def create_app(dsn: str | None = None) -> FastAPI:
    """The application over the database at `dsn` (default: $POS_HQ_DSN), its pool opened
    at start-up and closed at shutdown."""
    state: dict = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        state["pool"] = await run_in_threadpool(open_pool, dsn or os.environ[DSN_ENV])
        try:
            yield
        finally:
            state.pop("pool").close()

    app = FastAPI(title="pos head office", version="1", lifespan=lifespan,
                  description="Tills upload their outbox and enroll here (docs/HEAD_OFFICE.md)")

    def connection() -> psycopg.Connection:
        return state["pool"].connection()

    @app.get("/v1/health")
    def health() -> dict:
        with connection() as conn:
            conn.execute("SELECT 1")
        return {"ok": True}

    @app.post("/v1/enroll", response_model=Enrolled,
              responses={403: {"model": Problem}})
    def enroll(body: EnrollRequest) -> Response:
        """Exchange a one-time enrollment code for the terminal's own secret."""
        with connection() as conn:
            return _enroll(conn, body)

    @app.post("/v1/outbox", response_model=Acked,
              responses={401: {"model": Problem}, 403: {"model": Problem},
                         409: {"model": Problem}, 422: {"model": Problem}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": OutboxBatch.model_json_schema()}}}})
    async def outbox(request: Request) -> Response:
        """Apply one batch of the terminal's outbox (signed; idempotent by seq)."""
        return await _signed(request, lambda conn, who, body: _outbox(conn, who, body),
                             connection)

    @app.post("/v1/changes", response_model=Changes,
              responses={401: {"model": Problem}, 403: {"model": Problem}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": ChangesRequest.model_json_schema()}}}})
    async def changes(request: Request) -> Response:
        """One page of what changed in the terminal's store's catalogue and staff."""
        return await _signed(request, _changes, connection)

    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn's workers call (`pos hq serve --workers N`)."""
    return create_app()


def _enroll(conn: psycopg.Connection, body: EnrollRequest) -> Response:
    now = dt.datetime.now(dt.UTC)
    try:
        store_id, terminal_id = parse_code(body.code)
    except InputError as exc:
        return _problem(403, "bad_code", str(exc))
    with conn.transaction():
        row = conn.execute(
            "SELECT t.code_hash, t.code_expires_at, t.revoked_at, s.id, s.name, s.currency, "
            "s.locale, s.tax_mode FROM terminal t JOIN store s ON s.id = t.store_id "
            "WHERE t.store_id = %s AND t.terminal_id = %s FOR UPDATE OF t",
            (store_id, terminal_id)).fetchone()
        if (row is None or row[0] is None or row[2] is not None or row[1] < now
                or not hmac.compare_digest(bytes(row[0]), code_digest(body.code))):
            return _problem(403, "bad_code", "This enrollment code is not valid (wrong, used "
                                             "or expired); ask head office for a new one.")
        if body.sales_currency and body.sales_currency != row[5]:
            return _problem(409, "currency_mismatch",
                            f"This till has sales in {body.sales_currency} but store {row[4]} "
                            f"sells in {row[5]}; enroll a new store file (the code is still "
                            "valid).")
        secret = secrets.token_hex(32)
        conn.execute("UPDATE terminal SET secret = %s, enrolled_at = now(), code_hash = NULL, "
                     "code_expires_at = NULL WHERE store_id = %s AND terminal_id = %s",
                     (secret, store_id, terminal_id))
    store = Store(id=row[3], name=row[4], currency=row[5], locale=row[6], tax_mode=row[7])
    return _json(200, Enrolled(secret=secret, terminal_id=terminal_id,
                               store=store).model_dump())


def _outbox(conn: psycopg.Connection, who: tuple[str, str], body: bytes) -> tuple[int, dict]:
    try:
        batch = OutboxBatch.model_validate_json(body)
    except ValueError as exc:
        return 422, {"code": "bad_batch", "message": f"The batch is not valid: {exc}"}
    try:
        acked = apply_batch(conn, *who, Batch(batch.first, batch.last, batch.records,
                                              batch.waiting))
    except BatchRefused as refused:
        status = 409 if refused.code == "gap" else 403 if refused.code in (
            "revoked", "not_yours") else 422
        return status, {"code": refused.code, "message": str(refused),
                        "acked_seq": refused.acked_seq}
    return 200, {"acked_seq": acked}


def _changes(conn: psycopg.Connection, who: tuple[str, str], body: bytes) -> tuple[int, dict]:
    try:
        asked = ChangesRequest.model_validate_json(body)
    except ValueError as exc:
        return 422, {"code": "bad_request", "message": f"The request is not valid: {exc}"}
    found, last, more = catalogue.changes(conn, who[0], asked.after, asked.limit)
    head = catalogue.head(conn, who[0]) if more else last
    return 200, {"changes": found, "last": last, "more": more, "head": head}


async def _signed(request: Request, handle: Callable, connection: Callable) -> Response:
    """Check the request's signature with its terminal's secret, run `handle` on a worker
    thread, and sign the answer with the same secret."""
    body = await request.body()
    if len(body) > MAX_BODY:
        return _problem(413, "too_large", "The request is too large.")
    store_id = request.headers.get(STORE_HEADER, "")
    terminal_id = request.headers.get(TERMINAL_HEADER, "")
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def run() -> Response:
        with connection() as conn:
            row = conn.execute("SELECT secret, revoked_at FROM terminal WHERE store_id = %s "
                               "AND terminal_id = %s", (store_id, terminal_id)).fetchone()
            if row is None or row[0] is None or row[1] is not None:
                return _problem(403, "revoked", "This terminal is not enrolled at head office "
                                                "(or was revoked); enroll it again.")
            secret = row[0]
            try:
                signing.verify_request(
                    secret, request.method, path, request.headers.get(signing.KEY_HEADER),
                    body, request.headers.get(signing.TIMESTAMP_HEADER),
                    request.headers.get(signing.SIGNATURE_HEADER))
            except signing.SignatureError as exc:
                return _problem(401, "bad_signature", str(exc))
            status, content = handle(conn, (store_id, terminal_id), body)
        data = json.dumps(content).encode()
        headers = signing.sign_response(
            secret, status, data,
            request_signature=request.headers.get(signing.SIGNATURE_HEADER))
        return Response(data, status, headers=headers, media_type="application/json")

    return await run_in_threadpool(run)


def _problem(status: int, code: str, message: str) -> Response:
    return _json(status, {"code": code, "message": message})


def _json(status: int, content: dict) -> Response:
    return Response(json.dumps(content), status, media_type="application/json")
