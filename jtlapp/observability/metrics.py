"""Every Prometheus metric of the app, and the functions code calls to record them.

Code calls the functions, never the metric objects, so labels stay few and known (no tenant
id, no token, no URL in any label: one series per tenant would not scale and could leak).
In multiprocess mode (``PROMETHEUS_MULTIPROC_DIR`` set before the process starts, shared by
the web workers and Celery workers of one host) each process writes its own files and
``/metrics`` adds them up; without it, each process counts for itself.

The ERP gateway (``jtlapp.erp``) calls ``erp_call_observe``, ``erp_rejection_count`` and
``erp_breaker_state_set``.
"""

from __future__ import annotations

from typing import Literal

from prometheus_client import Counter, Gauge, Histogram

RejectionReason = Literal["rate_limited", "bulkhead", "breaker"]
BREAKER_STATES = ("closed", "open", "half_open")

ERP_CALLS = Counter(
    "jtlapp_erp_calls",
    "ERP calls by operation (method and path template), status and tenant class.",
    ["operation", "status", "tenant_class"],
)
ERP_CALL_SECONDS = Histogram(
    "jtlapp_erp_call_seconds",
    "Latency of ERP calls, from sending to the last byte of the answer.",
    ["operation", "tenant_class"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25),
)
ERP_REJECTIONS = Counter(
    "jtlapp_erp_rejections",
    "ERP calls refused before they left: rate limit, bulkhead or open breaker.",
    ["reason"],
)
ERP_BREAKER_STATE = Gauge(
    "jtlapp_erp_breaker_state",
    "1 for the circuit breaker's current state per tenant class (max over processes).",
    ["tenant_class", "state"],
    multiprocess_mode="livemax",
)
TOKEN_MINTS = Counter(
    "jtlapp_token_mints", "Tokens obtained from JTL: service account or delegated.", ["kind"]
)
TOKEN_REFRESH_FAILURES = Counter(
    "jtlapp_token_refresh_failures", "Delegated token renewals that failed.", ["kind"]
)
LIFECYCLE_CALLS = Counter(
    "jtlapp_lifecycle_calls", "Calls JTL made to our lifecycle URLs, by kind.", ["kind"]
)
LIFECYCLE_OUTCOMES = Counter(
    "jtlapp_lifecycle_outcomes", "What became of lifecycle calls.", ["kind", "outcome"]
)
CELERY_TASKS = Counter(
    "jtlapp_celery_tasks", "Celery tasks that finished, by task and state.", ["task", "state"]
)
CELERY_TASK_SECONDS = Histogram(
    "jtlapp_celery_task_seconds",
    "Run time of Celery tasks.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300),
)
GDPR_REQUESTS = Counter(
    "jtlapp_gdpr_requests",
    "GDPR data and delete requests, by kind and outcome.",
    ["kind", "outcome"],
)


def erp_call_observe(*, operation: str, status: str, tenant_class: str, seconds: float) -> None:
    """One ERP call that got an answer (or a transport error as ``status``, e.g. ``timeout``).

    ``operation`` is the path template (``GET v2/customers/{id}``), never a concrete path.
    """
    ERP_CALLS.labels(operation=operation, status=status, tenant_class=tenant_class).inc()
    ERP_CALL_SECONDS.labels(operation=operation, tenant_class=tenant_class).observe(seconds)


def erp_rejection_count(*, reason: RejectionReason) -> None:
    ERP_REJECTIONS.labels(reason=reason).inc()


def erp_breaker_state_set(*, tenant_class: str, state: str) -> None:
    """Set the breaker's state (``closed``, ``open``, ``half_open``) for a tenant class."""
    for known in BREAKER_STATES:
        ERP_BREAKER_STATE.labels(tenant_class=tenant_class, state=known).set(
            1 if known == state else 0
        )


def token_mint_count(*, kind: Literal["service", "delegated"]) -> None:
    TOKEN_MINTS.labels(kind=kind).inc()


def token_refresh_failure_count(*, kind: Literal["service", "delegated"]) -> None:
    TOKEN_REFRESH_FAILURES.labels(kind=kind).inc()


def lifecycle_call_count(*, kind: str) -> None:
    LIFECYCLE_CALLS.labels(kind=kind).inc()


def lifecycle_outcome_count(*, kind: str, outcome: str) -> None:
    LIFECYCLE_OUTCOMES.labels(kind=kind, outcome=outcome).inc()


def celery_task_observe(*, task: str, state: str, seconds: float | None) -> None:
    CELERY_TASKS.labels(task=task, state=state).inc()
    if seconds is not None:
        CELERY_TASK_SECONDS.labels(task=task).observe(seconds)


def gdpr_request_count(*, kind: Literal["data", "delete"], outcome: str) -> None:
    GDPR_REQUESTS.labels(kind=kind, outcome=outcome).inc()
