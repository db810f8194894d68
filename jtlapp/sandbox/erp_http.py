"""The HTTP face of the sandbox ERP API: auth, tenant, scopes, rate limits and faults.

The data and operations live in ``jtlapp.sandbox.erp``; this module decides, like JTL's API
gateway, whether a request may reach them:

- Cloud (``/erp/...``): ``Authorization: Bearer`` with a service-account token plus
  ``X-Tenant-ID``, or a tenant-bound app/delegated token without it;
- OnPremise (``/api/eazybusiness/...``): ``Authorization: Wawi <key>`` plus ``api-version``
  and ``x-appid``;
- the token's scopes must cover the operation (REST 403; GraphQL 200 with ``errors[]``);
- ``Content-Type: application/json; charset=utf-8`` is refused, as the real API does.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping

from flask import Blueprint, Response, request

from jtlapp.sandbox.erp.graphql import graphql_execute
from jtlapp.sandbox.erp_auth import ErpCall, ErpRefusal, erp_call_authorize
from jtlapp.sandbox.erp_dispatch import erp_graphql_scope_errors
from jtlapp.sandbox.faults import Fault
from jtlapp.sandbox.openapi.engine import EngineAnswer, EngineRefusal, EngineRequest, engine_answer
from jtlapp.sandbox.ratelimit import RateLimitDecision
from jtlapp.sandbox.state import ErpCallRecord, SandboxState
from jtlapp.sandbox.webhooks_triggers import erp_write_webhook

MAX_BODY_BYTES = 1_000_000


def json_response(
    body: object | None, *, status: int, headers: Mapping[str, str] | None = None
) -> Response:
    payload = "" if body is None else json.dumps(body, ensure_ascii=False)
    response = Response(payload, status=status, headers=dict(headers or {}))
    if body is not None:
        response.content_type = "application/json; charset=utf-8"
    return response


def fault_response(fault: Fault) -> Response:
    """The error a tunnelled Wawi or the gateway would answer with."""
    status = fault.status or 500
    message = "Wawi is offline" if status == 504 else "The server could not handle the request."
    if fault.html:
        page = f"<html><body><h1>{status}</h1><p>{message}</p></body></html>"
        return Response(page, status=status, content_type="text/html; charset=utf-8")
    code = "TOO_MANY_REQUESTS" if status == 429 else "SERVER_ERROR"
    return json_response(
        {"errorCode": code, "validationErrors": {}, "errorMessage": message}, status=status
    )


def _read_body() -> object | None:
    if not request.content_length and not request.data:
        return None
    content_type = request.headers.get("Content-Type", "")
    if content_type.strip().lower() != "application/json":
        raise ErpRefusal(
            status=415,
            code="UNSUPPORTED_MEDIA_TYPE",
            message=f"Content-Type must be exactly application/json, not {content_type!r}.",
        )
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise ErpRefusal(status=413, code="PAYLOAD_TOO_LARGE", message="Body too large.")
    try:
        parsed: object = json.loads(request.get_data(cache=True) or b"null")
    except ValueError as exc:
        raise ErpRefusal(status=400, code="VALIDATION_ERROR", message="Body is not JSON.") from exc
    return parsed


def _dispatch(state: SandboxState, *, mount: str, path: str) -> Response:
    fault = state.faults.take(area="erp")
    if fault is not None and fault.latency_ms:
        time.sleep(fault.latency_ms / 1000)
    call = erp_call_authorize(state=state, mount=mount, headers=request.headers)
    decision = state.rate_limiter.hit(
        tenant_id=call.tenant_id, endpoint=request.method + " " + "/".join(path.split("/")[:3])
    )
    if not decision.allowed:
        return _limited(decision)
    if fault is not None and fault.status is not None:
        response = fault_response(fault)
    elif request.method == "POST" and path.rstrip("/").lower() == "/v2/graphql":
        response = _graphql(state, call=call)
    else:
        response = _rest(state, call=call, path=path)
    response.headers.update(decision.headers())
    response.headers["api-supported-versions"] = "1.0, 2.0"
    return response


def _limited(decision: RateLimitDecision) -> Response:
    body = {
        "errorCode": "TOO_MANY_REQUESTS",
        "validationErrors": {},
        "errorMessage": "Rate limit exceeded.",
    }
    return json_response(body, status=429, headers=decision.headers())


def _rest(state: SandboxState, *, call: ErpCall, path: str) -> Response:
    engine_request = EngineRequest(
        method=request.method,
        path=path,
        query={key: request.args[key] for key in request.args},
        headers={key.lower(): value for key, value in request.headers.items()},
        body=_read_body(),
        scopes=call.scopes,
        app_headers=state.config.require_app_headers,
        version=request.headers.get("api-version", "").strip() or state.config.erp_version,
    )
    data = state.store.tenant(call.tenant_id)
    answer = engine_answer(tenant=data, request=engine_request)
    erp_write_webhook(
        outbox=state.webhooks, data=data, method=request.method, path=path, status=answer.status
    )
    return _answer_response(answer)


def _answer_response(answer: EngineAnswer) -> Response:
    headers = {"X-Sandbox-Source": answer.source}
    if answer.raw is not None:
        return Response(
            answer.raw, status=answer.status, content_type=answer.media_type, headers=headers
        )
    return json_response(answer.body, status=answer.status, headers=headers)


def engine_refusal_response(exc: EngineRefusal, *, generation_pascal: bool) -> Response:
    """JTL's ``ErrorResponse`` in the casing of the route: PascalCase as described.

    Later-version routes answer camelCase; 2.0 repeats the fields under ``Errors``
    (``ValidationErrors`` is deprecated there).
    """
    if exc.pascal and generation_pascal:
        body: dict[str, object] = {
            "ErrorCode": exc.code,
            "ValidationErrors": exc.fields,
            "ErrorMessage": exc.message,
        }
        if request.path.lower().split("/").count("v2"):
            body["Errors"] = {field: [message] for field, message in exc.fields.items()}
    else:
        body = {"errorCode": exc.code, "validationErrors": exc.fields, "errorMessage": exc.message}
    headers = {"Allow": ", ".join(exc.allow)} if exc.allow else None
    return json_response(body, status=exc.status, headers=headers)


def _graphql(state: SandboxState, *, call: ErpCall) -> Response:
    body = _read_body()
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise ErpRefusal(
            status=400, code="VALIDATION_ERROR", message="Expected {query, variables}."
        )
    variables = body.get("variables")
    operation_name = body.get("operationName")
    if variables is not None and not isinstance(variables, dict):
        raise ErpRefusal(
            status=400, code="VALIDATION_ERROR", message="variables must be an object."
        )
    errors = erp_graphql_scope_errors(
        query=body["query"],
        operation_name=operation_name if isinstance(operation_name, str) else None,
        call=call,
    )
    if errors is not None:
        return json_response(errors, status=200)
    result = graphql_execute(
        tenant=state.store.tenant(call.tenant_id),
        query=body["query"],
        variables=variables,
        operation_name=operation_name if isinstance(operation_name, str) else None,
        later_versions=state.config.graphql_later_versions,
    )
    return json_response(result, status=200)


def _app_named() -> str | None:
    app_id, version = request.headers.get("x-appid"), request.headers.get("x-appversion")
    return f"{app_id}/{version}" if app_id or version else None


def _record(state: SandboxState, response: Response) -> None:
    mount = "onpremise" if request.path.startswith("/api/") else "cloud"
    state.erp_call_record(
        ErpCallRecord(
            method=request.method,
            path=request.full_path.rstrip("?"),
            mount=mount,
            tenant_id=request.headers.get("X-Tenant-ID"),
            request_id=request.headers.get("X-Request-ID"),
            status=response.status_code,
            app_id=_app_named(),
        )
    )


def erp_blueprint(*, state: SandboxState) -> Blueprint:
    blueprint = Blueprint("erp", __name__)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @blueprint.route("/erp/<path:path>", methods=methods)
    def cloud(path: str) -> Response:
        return _dispatch(state, mount="cloud", path="/" + path)

    @blueprint.route("/api/eazybusiness/<path:path>", methods=methods)
    def onpremise(path: str) -> Response:
        return _dispatch(state, mount="onpremise", path="/" + path)

    @blueprint.errorhandler(ErpRefusal)
    def refused(exc: ErpRefusal) -> Response:
        headers = {"Allow": ", ".join(exc.allow)} if exc.allow else None
        return json_response(exc.body(), status=exc.status, headers=headers)

    @blueprint.errorhandler(EngineRefusal)
    def engine_refused(exc: EngineRefusal) -> Response:
        return engine_refusal_response(exc, generation_pascal=True)

    @blueprint.after_request
    def rate_limit_headers(response: Response) -> Response:
        """JTL sends the headers on every response, refusals included."""
        _record(state, response)
        if "X-RateLimit-Limit" not in response.headers:
            limiter = state.rate_limiter
            response.headers["X-RateLimit-Limit"] = str(limiter.limit)
            response.headers["X-RateLimit-Remaining"] = str(limiter.limit)
            response.headers["X-RateLimit-Interval-Length-Seconds"] = str(limiter.interval_seconds)
        return response

    return blueprint
