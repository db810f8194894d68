"""Everything one sandbox process remembers: data, keys, tokens, faults, counters."""

from __future__ import annotations

import threading
from collections import Counter, deque
from dataclasses import dataclass
from datetime import UTC, date, datetime

from jtlapp.sandbox.config import DEMO_TENANTS, SandboxConfig
from jtlapp.sandbox.erp.store import ErpStore, erp_store_seed
from jtlapp.sandbox.faults import FaultSwitches
from jtlapp.sandbox.identity.onpremise import OnPremiseRegistry
from jtlapp.sandbox.identity.state import IdentityState
from jtlapp.sandbox.identity.tokens import Principal, token_introspect
from jtlapp.sandbox.ratelimit import RateLimiter
from jtlapp.sandbox.webhooks import WebhookOutbox

CALL_LOG_SIZE = 5000


@dataclass(frozen=True, kw_only=True)
class ErpCallRecord:
    """One ERP call as the sandbox saw it, for tests that check what reached "JTL"."""

    method: str
    path: str
    mount: str
    tenant_id: str | None
    request_id: str | None
    status: int
    app_id: str | None = None
    """``x-appid`` and ``x-appversion`` as sent (``id/version``), so tests see who called."""


class SandboxState:
    def __init__(self, *, config: SandboxConfig, today: date | None = None) -> None:
        self.config = config
        self.today = today or datetime.now(tz=UTC).date()
        self.faults = FaultSwitches()
        self.rate_limiter = RateLimiter(
            limit=config.rate_limit, interval_seconds=config.rate_limit_interval_seconds
        )
        self.identity = IdentityState(
            config=config,
            faults=self.faults,
            is_installed=lambda _app_id, tenant_id: self.tenant_installed(tenant_id),
        )
        self.onpremise = OnPremiseRegistry(config=config)
        self.webhooks = WebhookOutbox(config=config)
        self.store: ErpStore = self._seed()
        self._lock = threading.Lock()
        self._installed: set[str] = set(DEMO_TENANTS)
        self.erp_requests: Counter[str] = Counter()
        self._calls: deque[ErpCallRecord] = deque(maxlen=CALL_LOG_SIZE)

    def _seed(self) -> ErpStore:
        return erp_store_seed(
            seed=self.config.seed, today=self.today, tenant_ids=list(DEMO_TENANTS)
        )

    def reseed(self) -> None:
        self.store = self._seed()

    def identity_introspect(self, token: str) -> Principal | None:
        return token_introspect(state=self.identity, token=token)

    def onpremise_introspect(self, api_key: str) -> Principal | None:
        return self.onpremise.principal(api_key=api_key)

    def tenant_installed(self, tenant_id: str) -> bool:
        with self._lock:
            return tenant_id in self._installed

    def tenant_install(self, tenant_id: str, *, installed: bool) -> None:
        if tenant_id not in DEMO_TENANTS:
            raise KeyError(tenant_id)
        with self._lock:
            if installed:
                self._installed.add(tenant_id)
            else:
                self._installed.discard(tenant_id)

    def installed_tenants(self) -> list[str]:
        with self._lock:
            return sorted(self._installed)

    def erp_call_record(self, record: ErpCallRecord) -> None:
        with self._lock:
            self.erp_requests["erp"] += 1
            self._calls.append(record)

    def erp_calls(self) -> list[ErpCallRecord]:
        with self._lock:
            return list(self._calls)

    def erp_calls_clear(self) -> None:
        with self._lock:
            self.erp_requests.clear()
            self._calls.clear()
