"""Who a log line is about: request id, tenant id, Celery task. Set once, on every line.

An operator chasing one merchant's problem greps for a tenant id or a request id across web
and worker logs; so the ids live in context variables (safe across threads and tasks) that the
logging filter copies onto each record. The request id travels on to JTL as ``X-Request-ID``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import sync_and_async_middleware
from opentelemetry import trace

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
tenant_id_var: ContextVar[str | None] = ContextVar("tenant_id", default=None)
task_var: ContextVar[tuple[str, str] | None] = ContextVar("task", default=None)
"""(task id, task name) while a Celery task runs."""

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def log_tenant_bind(*, tenant_id: object) -> None:
    """Mark the rest of this request or task as concerning ``tenant_id`` (a verified one)."""
    tenant_id_var.set(str(tenant_id))
    trace.get_current_span().set_attribute("jtl.tenant_id", str(tenant_id))  # issue 15: traces


def log_request_id() -> str | None:
    return request_id_var.get()


@sync_and_async_middleware
def RequestIdMiddleware(  # noqa: N802 - a middleware factory, named like the class it was
    get_response: Callable[[HttpRequest], Any],
) -> Callable[[HttpRequest], Any]:
    """Adopt a sane incoming ``X-Request-ID`` (the host's or a proxy's) or make one; echo it.

    The same id names our log lines, our response and the call to JTL. Sync and async, so
    async views run on the event loop without a thread held for the middleware.
    """

    def enter(request: HttpRequest) -> tuple[str, Any]:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        return request_id, (request_id_var.set(request_id), tenant_id_var.set(None))

    def leave(tokens: Any) -> None:
        request_id_var.reset(tokens[0])
        tenant_id_var.reset(tokens[1])

    if iscoroutinefunction(get_response):

        async def middleware_async(request: HttpRequest) -> HttpResponseBase:
            request_id, tokens = enter(request)
            try:
                response: HttpResponseBase = await get_response(request)
            finally:
                leave(tokens)
            response["X-Request-ID"] = request_id
            return response

        return middleware_async

    def middleware(request: HttpRequest) -> HttpResponseBase:
        request_id, tokens = enter(request)
        try:
            response: HttpResponseBase = get_response(request)
        finally:
            leave(tokens)
        response["X-Request-ID"] = request_id
        return response

    return middleware


def task_context_enter(*, task_id: str, task_name: str, args: Any, kwargs: Any) -> None:
    """Celery ``task_prerun``: the task's id and name, and its tenant if it names one."""
    task_var.set((task_id, task_name))
    tenant = (kwargs or {}).get("tenant_id") if isinstance(kwargs, dict) else None
    if tenant is None and args and isinstance(args[0], str) and _UUID.match(args[0]):
        tenant = args[0]
    tenant_id_var.set(str(tenant) if tenant else None)
    request_id_var.set(None)


def task_context_exit() -> None:
    task_var.set(None)
    tenant_id_var.set(None)
