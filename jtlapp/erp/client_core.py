"""One ERP call with its resilience: limiter, breaker, deadline, retries, one token refresh.

Kept apart from ``client`` (which adds GraphQL and typed reads) so the rules of a single
call read top to bottom. The transport holds no per-call state, so one instance may serve
many threads.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jtlapp.auth.access_token import service_token_invalidate
from jtlapp.erp.breaker import CircuitBreaker
from jtlapp.erp.client_http import (
    caller_headers,
    erp_auth_headers,
    erp_base_url,
    erp_error_from_response,
    erp_url,
    json_body,
    path_template,
    service_token_of,
)
from jtlapp.erp.exceptions import (
    ErpConnectionError,
    ErpError,
    ErpRateLimitedError,
    ErpUnavailableError,
)
from jtlapp.erp.limiter import TenantRateLimiter
from jtlapp.erp.resilience import ErpPolicy, retry_wait
from jtlapp.log_context import log_request_id
from jtlapp.outbound import OutboundError, OutboundResponse, outbound_request
from jtlapp.tenants.models import OnPremiseConnection, Tenant
from jtlapp.tenants.services import tenant_erp_success_record, tenant_upstream_auth_record

logger = logging.getLogger("jtlapp.erp.client")


@dataclass(frozen=True, kw_only=True)
class ErpResponse:
    status: int
    headers: Mapping[str, str]
    """Lower-case names."""
    content: bytes = field(repr=False)


@dataclass(kw_only=True)
class _Call:
    """What one ``send`` carries between attempts (local to the call, never shared)."""

    method: str
    url: str
    operation: str
    body: Any
    headers: dict[str, str]
    deadline: float
    attempts: int = 0
    token_refreshed: bool = False
    sent_service_token: str | None = field(default=None, repr=False)
    status: int | None = None
    remaining_quota: str = "-"


class ErpTransport:
    def __init__(
        self, *, tenant: Tenant, connection: OnPremiseConnection | None, policy: ErpPolicy
    ) -> None:
        self.tenant = tenant
        self.connection = connection
        self.policy = policy
        self.base_url = erp_base_url(tenant=tenant, connection=connection)
        self._auth_failures_pending = tenant.consecutive_auth_failures > 0
        self.breaker = CircuitBreaker(
            tenant_id=tenant.tenant_id,
            threshold=policy.breaker_threshold,
            open_seconds=policy.breaker_open_seconds,
            probe_seconds=policy.deadline_seconds + 5,
        )
        self.limiter = TenantRateLimiter(
            tenant_id=tenant.tenant_id,
            rate_per_second=policy.rate_per_second,
            burst=policy.rate_burst,
        )

    def send(
        self,
        *,
        method: str,
        path: str,
        query: str = "",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ErpResponse:
        """Send until a 2xx, a final error or the deadline; log one line per call."""
        method = method.upper()
        call = _Call(
            method=method,
            url=erp_url(base_url=self.base_url, path=path, query=query),
            operation=f"{method} {path_template(path)}",
            body=json_body(body),
            headers=caller_headers(headers),
            deadline=time.monotonic() + self.policy.deadline_seconds,
        )
        call.headers.setdefault("x-request-id", log_request_id() or uuid.uuid4().hex)
        if call.body is not None:
            call.headers["Content-Type"] = "application/json"
        started = time.monotonic()
        try:
            return self._until_done(call)
        finally:
            logger.info(
                "ERP %s -> %s in %.0f ms (attempts %d, rate limit remaining %s)",
                call.operation,
                call.status if call.status is not None else "no answer",
                (time.monotonic() - started) * 1000,
                call.attempts,
                call.remaining_quota,
            )

    def _until_done(self, call: _Call) -> ErpResponse:
        retry = 0
        while True:
            try:
                return self._attempt(call)
            except ErpError as error:
                remaining = call.deadline - time.monotonic()
                wait = retry_wait(
                    policy=self.policy,
                    method=call.method,
                    error=error,
                    retry=retry,
                    remaining=remaining,
                )
                if wait is None:
                    raise
                time.sleep(wait)
                retry += 1

    def _attempt(self, call: _Call) -> ErpResponse:
        """One upstream request (plus one immediate re-send after a stale service token)."""
        self._admit()
        response = self._request(call)
        if response.status == 401 and self._refreshed_after_401(call):
            response = self._request(call)
        return self._settle(call, response)

    def _admit(self) -> None:
        limit = self.limiter.take()
        if not limit.allowed:
            raise ErpRateLimitedError(
                "This tenant's share of the ERP rate limit is used up.",
                retry_after_seconds=limit.retry_after_seconds,
            )
        decision = self.breaker.allow()
        if not decision.allowed:
            raise ErpUnavailableError(
                "The tenant's ERP failed repeatedly; circuit open, not calling it.",
                retry_after_seconds=decision.retry_after_seconds,
            )

    def _request(self, call: _Call) -> OutboundResponse:
        remaining = call.deadline - time.monotonic()
        if remaining <= 0:
            raise ErpUnavailableError(f"{call.operation}: timed out (deadline reached)")
        auth = erp_auth_headers(tenant=self.tenant, connection=self.connection)
        call.attempts += 1
        call.sent_service_token = service_token_of(auth)
        try:
            response = outbound_request(
                method=call.method,
                url=call.url,
                headers={**call.headers, **auth},
                json_body=call.body,
                timeout=min(self.policy.read_timeout_seconds, remaining),
                connect_timeout=min(self.policy.connect_timeout_seconds, remaining),
                total_timeout=remaining,
            )
        except OutboundError as exc:
            raise self._transport_error(call, exc) from exc
        call.status = response.status
        call.remaining_quota = response.headers.get("x-ratelimit-remaining", "-")
        return response

    def _transport_error(self, call: _Call, exc: OutboundError) -> ErpUnavailableError:
        text = str(exc)
        if "larger than" in text:
            return ErpUnavailableError(f"{call.operation}: response too large")
        self.breaker.record_failure()
        if "timed out" in text:
            return ErpUnavailableError(f"{call.operation}: timed out")
        return ErpConnectionError(
            f"{call.operation}: connection failed ({text.rsplit(' ', 1)[-1]})"
        )

    def _refreshed_after_401(self, call: _Call) -> bool:
        """Drop a rejected service token once; a 401 means JTL did not run the request."""
        if call.token_refreshed or call.sent_service_token is None:
            return False
        call.token_refreshed = True
        service_token_invalidate(token_value=call.sent_service_token)
        return True

    def _settle(self, call: _Call, response: OutboundResponse) -> ErpResponse:
        """Breaker and auth bookkeeping on the final answer of this attempt; errors raise."""
        if response.status >= 500:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        if response.status in (401, 403):
            self._auth_failures_pending = True
            tenant_upstream_auth_record(tenant_id=self.tenant.tenant_id, accepted=False)
        if 200 <= response.status < 300:
            if self._auth_failures_pending:  # a write only after failures, not on every call
                self._auth_failures_pending = False
                tenant_upstream_auth_record(tenant_id=self.tenant.tenant_id, accepted=True)
            tenant_erp_success_record(tenant_id=self.tenant.tenant_id)  # at most once a minute
            return ErpResponse(
                status=response.status, headers=response.headers, content=response.content
            )
        raise erp_error_from_response(response=response, operation=call.operation)
