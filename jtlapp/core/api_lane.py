"""The gateway's fast lane: ``/api/erp/`` served by Django without a thread hop per request.

In Django's async stack every ``MiddlewareMixin`` middleware runs its hooks through
``sync_to_async``: with our twelve middlewares that is about twenty thread hand-offs per
request, which cost more CPU than the whole ERP call. The gateway's API needs none of the
session, auth, message or CSRF machinery (token-authenticated, CSRF-exempt), so it gets its
own handler whose middlewares are native async: the request id, and ``InlineMiddleware``,
which runs the *I/O-free* hooks of Django's security, locale, common and framing middlewares
inline, so API responses carry exactly the headers they carry elsewhere (a test compares).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import markcoroutinefunction
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.http import HttpRequest, HttpResponseBase
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

API_PREFIX = "/api/erp/"
API_MIDDLEWARE = ("jtlapp.log_context.RequestIdMiddleware", "jtlapp.core.api_lane.InlineMiddleware")
INLINE_MIDDLEWARE = (
    "panes.middleware.FrameAncestorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "panes.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)
"""In ``settings.MIDDLEWARE`` order; each must do no I/O in its hooks."""


def _unused(request: HttpRequest) -> HttpResponseBase:
    raise RuntimeError("inline middleware hooks never call get_response")


class InlineMiddleware:
    sync_capable = False
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Awaitable[HttpResponseBase]]) -> None:
        self.get_response = get_response
        self.inner = [import_string(path)(_unused) for path in INLINE_MIDDLEWARE]
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponseBase:
        done: list[Any] = []
        response: HttpResponseBase | None = None
        for middleware in self.inner:
            done.append(middleware)
            hook = getattr(middleware, "process_request", None)
            response = hook(request) if hook else None
            if response is not None:
                break
        if response is None:
            response = await self.get_response(request)
        for middleware in reversed(done):
            hook = getattr(middleware, "process_response", None)
            if hook:
                response = hook(request, response)
        return response


class ApiHandler(ASGIHandler):
    """Django's ASGI handler with the lane's middleware list, and no thread per request.

    Django's handler sends ``request_started``/``request_finished`` to their sync receivers
    (closing stale database connections) through ``sync_to_async`` in a per-request
    ``ThreadSensitiveContext``, which starts a thread per request. The lane's event-loop code
    never touches the database (the gateway's database work runs in pool threads that close
    their connections), so the lane skips both; everything else is Django's own ``handle``.
    """

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await self.handle(scope, receive, send)

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            body_file.close()
            if error_response is not None:
                await self.send_response(error_response, send)
            return
        response_task = asyncio.create_task(self._respond(request, send))
        disconnect = asyncio.create_task(self.listen_for_disconnect(receive))
        await asyncio.wait((response_task, disconnect), return_when=asyncio.FIRST_COMPLETED)
        for task in (disconnect, response_task):
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError, RequestAborted):
                await task
        body_file.close()

    async def _respond(self, request: HttpRequest, send: Any) -> None:
        response = await self.run_get_response(request)
        with contextlib.suppress(asyncio.CancelledError):
            await self.send_response(response, send)
        for closer in getattr(response, "_resource_closers", ()):  # close(), minus the signal
            closer()

    def load_middleware(self, is_async: bool = False) -> None:
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = list(API_MIDDLEWARE)
        try:
            super().load_middleware(is_async=is_async)
        finally:
            settings.MIDDLEWARE = full


def api_lane_is(scope: dict[str, Any]) -> bool:
    return scope.get("type") == "http" and str(scope.get("path", "")).startswith(API_PREFIX)
