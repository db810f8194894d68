"""The pages: embedded ones render an empty shell their ES module fills via ``/api/insights``.

Embedded pages carry no data and no token in their HTML; the module asks AppBridge for a
token and fetches the JSON. The Hub launcher is a top-level tab with a cookie session.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from panes.hub import HubSignInError, HubUser, hub_sign_in_finish, hub_sign_in_start, hub_sign_out
from panes.middleware import EARLY_SCRIPT, embedded_page, top_level_page
from panes.selectors import erp_url, hub_tenant_rows
from panes.strings import host_origins, pane_strings


def _embedded(request: HttpRequest, *, template: str) -> HttpResponse:
    context = {
        "strings": pane_strings(),
        "host_origins": host_origins(),
        "early_script": mark_safe(EARLY_SCRIPT),  # noqa: S308 - our own static file
        "script": f"panes/{template.removesuffix('.html').replace('_', '-')}.js",
    }
    return render(request, f"panes/{template}", context)


@require_GET
@embedded_page
def setup_pane(request: HttpRequest) -> HttpResponse:
    return _embedded(request, template="setup.html")


@require_GET
@embedded_page
def dashboard_pane(request: HttpRequest) -> HttpResponse:
    return _embedded(request, template="dashboard.html")


@require_GET
@embedded_page
def customer_pane(request: HttpRequest) -> HttpResponse:
    return _embedded(request, template="customer.html")


@require_GET
@embedded_page
def sales_order_pane(request: HttpRequest) -> HttpResponse:
    return _embedded(request, template="sales_order.html")


def _hub(request: HttpRequest, *, error: str | None = None, status: int = 200) -> HttpResponse:
    user = HubUser.from_session(request.session)
    labels = pane_strings()
    rows = [
        {"tenant": row, "label": labels.get(f"state.{row.state}", row.state)}
        for row in (hub_tenant_rows(tenants=user.tenants) if user else [])
    ]
    context = {"user": user, "tenant_rows": rows, "error": error, "erp_url": erp_url()}
    return render(request, "panes/hub.html", context, status=status)


@require_GET
@top_level_page
def hub_pane(request: HttpRequest) -> HttpResponse:
    return _hub(request)


@require_GET
@top_level_page
def hub_login(request: HttpRequest) -> HttpResponse:
    try:
        url = hub_sign_in_start(
            session=request.session,
            redirect_uri=request.build_absolute_uri(reverse("panes:hub-callback")),
            language=get_language() or "en",
        )
    except HubSignInError as exc:
        return _hub(request, error=str(exc), status=502)
    return HttpResponseRedirect(url)


@require_GET
@top_level_page
def hub_callback(request: HttpRequest) -> HttpResponse:
    try:
        hub_sign_in_finish(session=request.session, params=request.GET.dict())
    except HubSignInError as exc:
        return _hub(request, error=str(exc), status=400)
    return redirect("panes:hub")


@require_POST
@top_level_page
def hub_logout(request: HttpRequest) -> HttpResponse:
    target = request.build_absolute_uri(reverse("panes:hub"))
    return HttpResponseRedirect(hub_sign_out(session=request.session, post_logout_uri=target))
