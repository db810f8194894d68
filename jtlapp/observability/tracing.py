"""OpenTelemetry traces across Django, Celery and httpx; off unless ``JTL_OTLP_ENDPOINT`` is set.

Every span carries ``jtl.request_id`` and, once the caller's token is verified,
``jtl.tenant_id`` (set where the log context learns it, ``jtlapp.log_context``). Spans pass
``ScrubbingSpanProcessor`` before any exporter: attributes that name a credential are
dropped and every string is scrubbed, so no token or secret leaves in a span.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from jtlapp.log_context import request_id_var, tenant_id_var
from jtlapp.observability.scrub import attributes_scrub

REQUEST_ID = "jtl.request_id"
TENANT_ID = "jtl.tenant_id"
_instrumented: list[bool] = []


class ContextAttributesSpanProcessor(SpanProcessor):
    """Copy the request and tenant ids of the log context onto each span as it starts."""

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        if request_id := request_id_var.get():
            span.set_attribute(REQUEST_ID, request_id)
        if tenant_id := tenant_id_var.get():
            span.set_attribute(TENANT_ID, tenant_id)


class ScrubbingSpanProcessor(SpanProcessor):
    """Hand ``inner`` a copy of each ended span with its attributes and events scrubbed."""

    def __init__(self, inner: SpanProcessor) -> None:
        self.inner = inner

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        self.inner.on_start(span, parent_context=parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        events = [
            Event(name=e.name, attributes=attributes_scrub(e.attributes), timestamp=e.timestamp)
            for e in span.events
        ]
        clean = ReadableSpan(
            name=span.name,
            context=span.context,
            parent=span.parent,
            resource=span.resource,
            attributes=attributes_scrub(span.attributes),
            events=events,
            links=span.links,
            kind=span.kind,
            status=span.status,
            start_time=span.start_time,
            end_time=span.end_time,
            instrumentation_scope=span.instrumentation_scope,
        )
        self.inner.on_end(clean)

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


def tracer_provider_build(*, processor: SpanProcessor) -> TracerProvider:
    """A provider whose spans get our ids and reach ``processor`` only scrubbed."""
    provider = TracerProvider(resource=Resource.create({"service.name": "jtlapp"}))
    provider.add_span_processor(ContextAttributesSpanProcessor())
    provider.add_span_processor(ScrubbingSpanProcessor(processor))
    return provider


def _django_response_hook(span: Any, request: Any, response: Any) -> None:
    """The server span starts before our middleware; take the request id from its answer."""
    if span is not None and span.is_recording() and response.has_header("X-Request-ID"):
        span.set_attribute(REQUEST_ID, response["X-Request-ID"])


def tracing_instrument(*, provider: TracerProvider) -> None:
    """Instrument Django, Celery and httpx once per process, exporting through ``provider``."""
    if _instrumented:
        return
    from opentelemetry.instrumentation.celery import CeleryInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.django import DjangoInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor  # noqa: PLC0415

    DjangoInstrumentor().instrument(tracer_provider=provider, response_hook=_django_response_hook)
    CeleryInstrumentor().instrument(tracer_provider=provider)  # type: ignore[no-untyped-call]
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    _instrumented.append(True)


def tracing_setup(*, exporter: SpanExporter | None = None) -> TracerProvider | None:
    """Export traces over OTLP/HTTP to ``JTL_OTLP_ENDPOINT``; nothing happens without it."""
    endpoint: str = settings.JTL_OTLP_ENDPOINT
    if exporter is None and not endpoint:
        return None
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
            OTLPSpanExporter,
        )

        exporter = OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")
    provider = tracer_provider_build(processor=BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    tracing_instrument(provider=provider)
    return provider


def tracing_tenant_bind(*, tenant_id: str) -> None:
    """Name the tenant on the span now active (the request's or the task's)."""
    trace.get_current_span().set_attribute(TENANT_ID, tenant_id)
