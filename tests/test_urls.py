"""Every route is either authenticated or deliberately public, and the allow-list says which.

Walks the whole URL configuration, so a route added without thinking about authentication
fails here: DRF views must require a verified app token (the default) unless listed below, and
every non-DRF view (pages, admin) must be listed with the reason it may be reached without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from jtlapp.auth.authentication import AppTokenAuthentication

PUBLIC = {
    "healthz": "probes carry no token",
    "healthz-live": "probes carry no token",
    "healthz-ready": "probes carry no token",
    "healthz-worker": "probes carry no token",
    "lifecycle-connect": "JTL's call: verified by token if any, else confirmed with the platform",
    "lifecycle-disconnect": "JTL's call: always confirmed with the account service",
    "webhooks-erp": "JTL's delivery: verified by signature (JTL_WEBHOOK_VERIFIER)",
    "gdpr-request": "JTL's GDPR call: the view verifies the tenant's app token itself",
    "gdpr-delete": "JTL's GDPR call: the view verifies the tenant's app token itself",
    "metrics": "its own bearer token (JTL_METRICS_TOKEN); 404 while none is set",
}
PAGES = "pages JTL embeds: HTML only, they get their token from the AppBridge in the browser"
PUBLIC_NON_API_PREFIXES = {
    "panes/": PAGES,
    "admin/": "Django admin: its own session login and staff check",
    "listing/": "the app's public listing pages (Partner Portal links), no data",
}


def _routes(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        else:
            yield route, entry


def _api_view(entry: URLPattern) -> type[APIView] | None:
    view_class = getattr(entry.callback, "view_class", None)
    return view_class if isinstance(view_class, type) and issubclass(view_class, APIView) else None


def _sample_path(route: str) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)\)?", "v2/customers", route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x1", route)


def _is_public(route: str, entry: URLPattern) -> bool:
    return entry.name in PUBLIC or any(route.startswith(p) for p in PUBLIC_NON_API_PREFIXES)


def _methods(entry: URLPattern) -> list[str]:
    view_class = getattr(entry.callback, "view_class", None)
    names = getattr(view_class, "http_method_names", ["get", "post"])
    return [
        m
        for m in ("get", "post", "put", "patch", "delete")
        if m in names and hasattr(view_class, m)
    ]


def test_every_drf_route_requires_the_app_token_unless_listed_public():
    unlisted, stale = [], set(PUBLIC)
    for route, entry in _routes():
        view = _api_view(entry)
        if entry.name in PUBLIC:
            stale.discard(entry.name)
        if view is None or _is_public(route, entry):
            continue
        authenticators = [type(a) for a in view().get_authenticators()]
        permissions = [type(p) for p in view().get_permissions()]
        if AppTokenAuthentication not in authenticators or IsAuthenticated not in permissions:
            unlisted.append(route)
    assert unlisted == []
    assert stale == set()  # every allow-list entry is a real route


@pytest.mark.parametrize("authorization", [None, "Bearer not.a.token", "Basic dXNlcjpwdw=="])
def test_every_other_route_answers_401_without_a_valid_token(client, db, authorization):
    """DRF or not (the ERP gateway's async views authenticate themselves): proved by asking."""
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    checked = []
    for route, entry in _routes():
        if _is_public(route, entry):
            continue
        for method in _methods(entry):
            response = getattr(client, method)(
                _sample_path(route), content_type="application/json", **headers
            )
            assert response.status_code == 401, (method, route, response.status_code)
            assert response.json()["code"] in ("not_authenticated", "token_invalid")
            checked.append((method, route))
    assert len(checked) >= 10
    assert any("erp" in route for _, route in checked)


def test_a_new_api_view_is_denied_by_default(rf):
    class Forgotten(APIView):
        def get(self, request):  # pragma: no cover - never reached
            raise AssertionError("reached without authentication")

    response = Forgotten.as_view()(rf.get("/forgotten"))

    assert response.status_code == 401
