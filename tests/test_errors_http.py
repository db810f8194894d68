"""Every error answer is the JSON error shape, and no debug page or report shows a token."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path
from django.views.debug import technical_500_response

from jtlapp.crypto import SecretUnreadableError
from jtlapp.errors_http import TokenSafeExceptionReporterFilter

TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlc2lnbmF0dXJl"


def _crashing_view(request: HttpRequest) -> HttpResponse:
    token = request.headers.get("Authorization", "")  # noqa: F841 - a local the debug page shows
    raise RuntimeError("boom")


def _key_missing_view(request: HttpRequest) -> HttpResponse:
    raise SecretUnreadableError("no key of JTL_ENCRYPTION_KEYS reads this secret")


urlpatterns = [path("crash", _crashing_view), path("key-missing", _key_missing_view)]
handler500 = "jtlapp.errors_http.handler500"


def _assert_shape(response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"message", "code", "extra"}
    return body


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("debug", [True, False])
def test_an_unhandled_error_is_json_500_without_the_token(client, settings, debug):
    settings.DEBUG = debug

    response = client.get(f"/crash?access_token={TOKEN}", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert _assert_shape(response, 500)["code"] == "server_error"
    assert TOKEN not in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_key_missing_after_rotation_is_json_not_html(client):
    assert _assert_shape(client.get("/key-missing"), 500)["code"] == "server_error"


@pytest.mark.django_db
def test_an_unknown_route_is_json_404(client, settings):
    settings.DEBUG = True

    assert _assert_shape(client.get("/nowhere"), 404)["code"] == "not_found"


def test_a_wrong_method_keeps_allow_and_the_json_shape(client):
    response = client.post("/healthz")

    _assert_shape(response, 405)


@pytest.mark.django_db
def test_a_bad_host_is_json_400(client):
    assert _assert_shape(client.get("/healthz", HTTP_HOST="evil.example"), 400)


def test_the_debug_page_never_shows_the_callers_token(settings):
    settings.DEBUG = True
    request = RequestFactory().post(
        f"/api/tenant/setup?access_token={TOKEN}",
        data={"appToken": TOKEN},
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
    )
    try:
        token = TOKEN  # noqa: F841 - a local variable the debug page lists
        raise RuntimeError("boom")
    except RuntimeError:
        page = technical_500_response(request, *sys.exc_info()).content.decode()

    assert "boom" in page
    assert TOKEN not in page


def test_the_filter_is_the_configured_one(settings):
    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER.endswith(
        TokenSafeExceptionReporterFilter.__name__
    )


@pytest.mark.django_db(transaction=True)
def test_the_async_path_answers_json_too():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from django.test import AsyncClient

    # Its own thread and loop: the session's browser tests keep a loop on the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(asyncio.run, AsyncClient().get("/nowhere")).result()

    assert _assert_shape(response, 404)["code"] == "not_found"


def test_the_middleware_is_async_capable():
    from jtlapp.errors_http import JsonErrorMiddleware

    assert JsonErrorMiddleware.async_capable
    assert JsonErrorMiddleware.sync_capable
