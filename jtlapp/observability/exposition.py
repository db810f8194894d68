"""``GET /metrics``: every process's metrics (multiprocess mode) plus figures read at scrape.

Protected by a bearer token (``JTL_METRICS_TOKEN``, compared in constant time) so that tenant
volumes and failure rates are not public; a signed-in staff user (Django admin session) may
read it too. With no token configured and no staff session the route answers 404.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector


class WebhookInboxCollector(Collector):
    """The webhook inbox's backlog by state, counted in the database at scrape time."""

    def collect(self) -> Iterator[Metric]:
        from jtlapp.webhooks.models import WebhookEvent  # noqa: PLC0415 - apps loaded by now

        family = GaugeMetricFamily(
            "jtlapp_webhook_inbox_events", "Webhook inbox events by state.", labels=["state"]
        )
        counts = dict(WebhookEvent.objects.values_list("state").annotate(n=Count("pk")).order_by())
        for state in WebhookEvent.State.values:
            family.add_metric([state], counts.get(state, 0))
        yield family


def metrics_registry(*, multiprocess_dir: str | None = None) -> CollectorRegistry:
    """A registry for one scrape: the processes' files in multiprocess mode, else this one's."""
    directory = multiprocess_dir or os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        registry = CollectorRegistry(auto_describe=True)
        for collector in list(REGISTRY._collector_to_names):
            registry.register(collector)
    else:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    registry.register(WebhookInboxCollector())
    return registry


def _allowed(request: HttpRequest) -> bool:
    token: str = settings.JTL_METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        status = 401 if settings.JTL_METRICS_TOKEN else 404
        response = HttpResponse(status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = HttpResponse(generate_latest(metrics_registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
