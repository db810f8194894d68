"""One ERP call with its resilience, on the event loop: admission, bulkhead, deadline, retries.

Order per attempt: one Redis round trip (rate limit + breaker + tenant generation), a slot in
the tenant's bulkhead, the request with credentials added at the last moment and one re-send
after a 401 (``authorized``), then the breaker's bookkeeping. Retries are for idempotent
methods only, with full-jitter backoff, inside the call's deadline. The transport writes no
tenant state: what the answer means for the tenant (``ErpOutcome``) is the client's to record.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jtlapp.gateway.authorized import authorized_request_async
from jtlapp.gateway.erp.admission import (
    Admission,
    admission_failure_record,
    admission_success_record,
    admission_take,
)
from jtlapp.gateway.erp.bulkhead import bulkhead_slot
from jtlapp.gateway.erp.credentials import erp_base_url, erp_credentials
from jtlapp.gateway.erp.errors import (
    ErpConnectionError,
    ErpError,
    ErpRateLimitedError,
    ErpTimeoutError,
    ErpUnavailableError,
    erp_error_from_response,
)
from jtlapp.gateway.erp.policy import ErpPolicy, retry_wait
from jtlapp.gateway.erp.tenant_ref import TenantRef
from jtlapp.gateway.http import (
    OutboundConnectionError,
    OutboundError,
    OutboundResponse,
    OutboundTimeoutError,
    OutboundTooLargeError,
)
from jtlapp.observability.metrics import (
    erp_breaker_state_set,
    erp_call_observe,
    erp_rejection_count,
)

logger = logging.getLogger("jtlapp.erp.client")


class TenantStaleError(Exception):
    """The tenant changed after its snapshot was taken (the generation moved): reload it."""


@dataclass(frozen=True, kw_only=True)
class ErpResponse:
    status: int
    headers: Mapping[str, str]
    """Lower-case names."""
    content: bytes = field(repr=False)


@dataclass(kw_only=True)
class ErpCall:
    """One logical call: what it sends and, afterwards, what happened (for the caller)."""

    method: str
    url: str
    operation: str
    content: bytes | None = field(default=None, repr=False)
    headers: dict[str, str] = field(default_factory=dict)
    deadline: float = 0.0
    attempts: int = 0
    status: int | None = None
    remaining_quota: str = "-"
    admission: Admission | None = None


class ErpTransport:
    def __init__(self, *, tenant: TenantRef, policy: ErpPolicy) -> None:
        self.tenant = tenant
        self.policy = policy
        self.base_url = erp_base_url(tenant=tenant)
        self.credentials = erp_credentials(tenant=tenant)
        self.tenant_class = "onpremise" if tenant.onpremise is not None else "cloud"
        """A metric label: the kind of ERP, never the tenant (labels stay few)."""

    async def send(self, call: ErpCall) -> ErpResponse:
        """Send until a 2xx, a final error or the deadline; log one line per call."""
        call.deadline = time.monotonic() + self.policy.deadline_seconds
        started = time.monotonic()
        try:
            return await self._until_done(call)
        finally:
            elapsed = time.monotonic() - started
            logger.info(
                "ERP %s -> %s in %.0f ms (attempts %d, rate limit remaining %s)",
                call.operation,
                call.status if call.status is not None else "no answer",
                elapsed * 1000,
                call.attempts,
                call.remaining_quota,
            )
            if call.attempts:
                erp_call_observe(
                    operation=call.operation,
                    status=str(call.status) if call.status is not None else "no_answer",
                    tenant_class=self.tenant_class,
                    seconds=elapsed,
                )

    async def _until_done(self, call: ErpCall) -> ErpResponse:
        retry = 0
        while True:
            try:
                return await self._attempt(call)
            except ErpError as error:
                wait = retry_wait(
                    policy=self.policy,
                    method=call.method,
                    error=error,
                    retry=retry,
                    remaining=call.deadline - time.monotonic(),
                )
                if wait is None:
                    raise
                await asyncio.sleep(wait)
                retry += 1

    async def _attempt(self, call: ErpCall) -> ErpResponse:
        admission = await self._admit(call)
        try:
            async with bulkhead_slot(
                tenant_id=self.tenant.tenant_id,
                limit=self.policy.tenant_max_in_flight,
                queue_seconds=self.policy.tenant_queue_seconds,
            ):
                response = await self._request(call)
        except ErpRateLimitedError:
            erp_rejection_count(reason="bulkhead")
            raise
        return await self._settle(call, response, admission)

    async def _admit(self, call: ErpCall) -> Admission:
        admission = await admission_take(
            tenant_id=self.tenant.tenant_id,
            rate=self.policy.rate_per_second,
            burst=self.policy.rate_burst,
            probe_seconds=self.policy.deadline_seconds + 5,
        )
        call.admission = admission
        snapshot = self.tenant.generation
        if snapshot is not None and admission.generation != snapshot:
            raise TenantStaleError
        if admission.allowed:
            if admission.is_probe:
                erp_breaker_state_set(tenant_class=self.tenant_class, state="half_open")
            return admission
        wait = max(1, int(admission.retry_after_seconds + 0.999))
        erp_rejection_count(reason="breaker" if admission.reason == "breaker" else "rate_limited")
        if admission.reason == "breaker":
            raise ErpUnavailableError(
                "The tenant's ERP failed repeatedly; circuit open, not calling it.",
                retry_after_seconds=wait,
            )
        raise ErpRateLimitedError(
            "This tenant's share of the ERP rate limit is used up.",
            retry_after_seconds=wait,
            reason="rate",
        )

    async def _request(self, call: ErpCall) -> OutboundResponse:
        remaining = call.deadline - time.monotonic()
        if remaining <= 0:
            raise ErpTimeoutError(f"{call.operation}: timed out (deadline reached)")
        call.attempts += 1
        try:
            response = await authorized_request_async(
                credentials=self.credentials,
                headers=call.headers,
                method=call.method,
                url=call.url,
                content=call.content,
                timeout=min(self.policy.read_timeout_seconds, remaining),
                connect_timeout=min(self.policy.connect_timeout_seconds, remaining),
                total_timeout=remaining,
            )
        except OutboundError as exc:
            raise await self._transport_error(call, exc) from exc
        call.status = response.status
        call.remaining_quota = response.headers.get("x-ratelimit-remaining", "-")
        return response

    async def _transport_error(self, call: ErpCall, exc: OutboundError) -> ErpError:
        if isinstance(exc, OutboundTooLargeError):
            return ErpUnavailableError(f"{call.operation}: response too large")
        await self._failure()
        if isinstance(exc, OutboundTimeoutError):
            return ErpTimeoutError(f"{call.operation}: timed out")
        kind = type(exc.__cause__).__name__ if exc.__cause__ else "error"
        if isinstance(exc, OutboundConnectionError):
            return ErpConnectionError(f"{call.operation}: connection failed ({kind})")
        return ErpUnavailableError(f"{call.operation}: failed ({kind})")

    async def _failure(self) -> None:
        opened = await admission_failure_record(
            tenant_id=self.tenant.tenant_id,
            threshold=self.policy.breaker_threshold,
            open_seconds=self.policy.breaker_open_seconds,
        )
        if opened:
            erp_breaker_state_set(tenant_class=self.tenant_class, state="open")

    async def _settle(
        self, call: ErpCall, response: OutboundResponse, admission: Admission
    ) -> ErpResponse:
        """Breaker bookkeeping on this attempt's answer (below 500 counts as success)."""
        if response.status >= 500:
            await self._failure()
        elif admission.needs_success_record:
            await admission_success_record(tenant_id=self.tenant.tenant_id)
            if admission.is_probe:
                erp_breaker_state_set(tenant_class=self.tenant_class, state="closed")
        if 200 <= response.status < 300:
            return ErpResponse(
                status=response.status, headers=response.headers, content=response.content
            )
        raise erp_error_from_response(
            status=response.status,
            headers=response.headers,
            content=response.content,
            operation=call.operation,
        )


def erp_call_headers(headers: Mapping[str, str] | None, *, allowed: tuple[str, ...]) -> Any:
    """Allow-listed caller headers; CR/LF in a value drops it (header injection)."""
    kept: dict[str, str] = {}
    for name, value in (headers or {}).items():
        if name.lower() in allowed and "\r" not in value and "\n" not in value:
            kept[name.lower()] = value
    return kept
