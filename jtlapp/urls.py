"""Every route of the app, in one place, so the attack surface can be read at a glance."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from jtlapp.core.apis import HealthLiveApi, HealthReadyApi, HealthWorkerApi
from jtlapp.erp.apis import ErpGraphqlProxyApi, ErpProxyApi
from jtlapp.gdpr.apis import GdprDataRequestApi, GdprDeleteRequestApi
from jtlapp.listing.views import listing_page_view
from jtlapp.observability.exposition import metrics_view
from jtlapp.scaffold.discovery import partner_urlpatterns
from jtlapp.tenant_settings.apis import TenantSettingsApi
from jtlapp.tenants.apis import (
    LifecycleConnectApi,
    LifecycleDisconnectApi,
    TenantCurrentApi,
    TenantSetupApi,
)
from jtlapp.webhooks.apis import WebhookErpApi
from panes.apis import InsightsCustomerApi, InsightsDashboardApi, InsightsSalesOrderApi

api_patterns: list[URLPattern | URLResolver] = [
    path("tenant", TenantCurrentApi.as_view(), name="tenant-current"),
    path("tenant/setup", TenantSetupApi.as_view(), name="tenant-setup"),
    path("tenant/settings", TenantSettingsApi.as_view(), name="tenant-settings"),
    path("insights/dashboard", InsightsDashboardApi.as_view(), name="insights-dashboard"),
    path(
        "insights/customers/<str:customer_id>",
        InsightsCustomerApi.as_view(),
        name="insights-customer",
    ),
    path(
        "insights/sales-orders/<str:sales_order_id>",
        InsightsSalesOrderApi.as_view(),
        name="insights-sales-order",
    ),
    path("erp/v2/graphql", ErpGraphqlProxyApi.as_view(), name="erp-graphql"),
    re_path(r"^erp/(?P<path>(?s:.*))$", ErpProxyApi.as_view(), name="erp-proxy"),
]

lifecycle_patterns: list[URLPattern | URLResolver] = [
    path("connect", LifecycleConnectApi.as_view(), name="lifecycle-connect"),
    path("disconnect", LifecycleDisconnectApi.as_view(), name="lifecycle-disconnect"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", HealthReadyApi.as_view(), name="healthz"),
    path("healthz/live", HealthLiveApi.as_view(), name="healthz-live"),
    path("healthz/ready", HealthReadyApi.as_view(), name="healthz-ready"),
    path("healthz/worker", HealthWorkerApi.as_view(), name="healthz-worker"),
    path("metrics", metrics_view, name="metrics"),  # issue 15: observability
    path("gdpr/request", GdprDataRequestApi.as_view(), name="gdpr-request"),  # issue 15
    path("gdpr/delete", GdprDeleteRequestApi.as_view(), name="gdpr-delete"),  # issue 15
    path("listing/<str:page>", listing_page_view, name="listing-page"),  # issue 15
    path("partners/", include(partner_urlpatterns(installed_apps=settings.INSTALLED_APPS))),
    path("api/", include(api_patterns)),
    path("lifecycle/", include(lifecycle_patterns)),
    path("webhooks/erp", WebhookErpApi.as_view(), name="webhooks-erp"),
    path("panes/", include("panes.urls")),
    path("admin/", admin.site.urls),
]

# Errors outside views answer in the JSON error shape too (jtlapp.errors_http).
handler404 = "jtlapp.errors_http.handler404"
handler500 = "jtlapp.errors_http.handler500"
