"""Traces: request and tenant ids on the spans, and no token or secret in any of them."""

# mypy: disable-error-code="index,operator,union-attr"
from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from jtlapp.observability import tracing

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eHh4eCJ9.c2lnbmF0dXJlc2lnbmF0dXJl"


@pytest.fixture
def spans():
    """Django, Celery and httpx instrumented into memory for one test, then undone."""
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    exporter = InMemorySpanExporter()
    provider = tracing.tracer_provider_build(processor=SimpleSpanProcessor(exporter))
    tracing._instrumented.clear()
    tracing.tracing_instrument(provider=provider)
    yield exporter
    for instrumentor in (DjangoInstrumentor(), CeleryInstrumentor(), HTTPXClientInstrumentor()):
        instrumentor.uninstrument()
    tracing._instrumented.clear()


def _everything(exporter) -> str:
    parts = []
    for span in exporter.get_finished_spans():
        parts.append(span.name)
        parts += [f"{k}={v}" for k, v in span.attributes.items()]
        for event in span.events:
            parts += [f"{k}={v}" for k, v in event.attributes.items()]
    return "\n".join(parts)


def test_tracing_is_off_without_an_endpoint(settings):
    settings.JTL_OTLP_ENDPOINT = ""

    assert tracing.tracing_setup() is None


def test_sensitive_attributes_are_dropped_and_strings_scrubbed():
    exporter = InMemorySpanExporter()
    provider = tracing.tracer_provider_build(processor=SimpleSpanProcessor(exporter))

    with provider.get_tracer("test").start_as_current_span("call") as span:
        span.set_attribute("http.request.header.authorization", (f"Bearer {JWT}",))
        span.set_attribute("jtl.client_secret", "hunter2-hunter2")
        span.set_attribute("note", f"sent {JWT} along")
        span.set_attribute("url.full", "https://id.example/token?access_token=abcdef123456")
        span.add_event("exception", {"exception.message": f"refused Bearer {JWT}"})
        span.set_attribute("http.status_code", 200)

    (finished,) = exporter.get_finished_spans()
    assert "http.request.header.authorization" not in finished.attributes
    assert "jtl.client_secret" not in finished.attributes
    assert finished.attributes["note"] == "sent [redacted] along"
    assert "abcdef123456" not in finished.attributes["url.full"]
    assert finished.attributes["http.status_code"] == 200
    assert JWT not in finished.events[0].attributes["exception.message"]


def test_a_request_span_names_the_request_and_the_tenant(spans, client, jtl_tenant):
    response = client.get(
        "/api/erp/v2/info", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}", HTTP_X_REQUEST_ID="r-1"
    )

    assert response.status_code == 200
    finished = spans.get_finished_spans()
    server = [s for s in finished if s.kind.name == "SERVER"]
    outgoing = [s for s in finished if s.kind.name == "CLIENT"]
    assert server
    assert server[0].attributes["jtl.request_id"] == "r-1"
    assert server[0].attributes["jtl.tenant_id"] == jtl_tenant.tenant_id
    assert any(s.attributes.get("jtl.tenant_id") == jtl_tenant.tenant_id for s in outgoing)
    text = _everything(spans)
    assert jtl_tenant.token not in text
    assert "Bearer" not in text
