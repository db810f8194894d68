"""A sandbox served from a thread, driven over HTTP like any other client, and small helpers."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from jtlapp.sandbox.state import SandboxState


@dataclass(frozen=True)
class ErpCall:
    """One ERP call the sandbox received, with the scope JTL's API description gives it."""

    method: str
    path: str
    tenant_id: str | None
    scope: str | None
    status: int
    mount: str


@dataclass(frozen=True)
class LiveSandbox:
    """The sandbox of the test run: control surface, tokens, counters, call log."""

    url: str
    state: SandboxState

    def control(self, path: str, body: dict[str, object] | None = None) -> dict[str, Any]:
        response = httpx.post(f"{self.url}/_sandbox/{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def app_token(self, **claims: object) -> str:
        """What the ERP host hands an embedded page; ``claims`` are control-surface knobs."""
        return str(self.control("app-token", claims)["accessToken"])

    def session_token(self, **claims: object) -> str:
        return str(self.control("session-token", claims)["sessionToken"])

    def counters(self) -> dict[str, int]:
        counters: dict[str, int] = httpx.get(f"{self.url}/_sandbox/state", timeout=10).json()[
            "counters"
        ]
        return counters

    def fault(self, *, area: str, status: int = 503, latency_ms: int = 0, count: int = 0) -> None:
        """Make the next ``count`` calls of ``area`` (erp, token, keys, account) fail; 0: all."""
        body: dict[str, object] = {"area": area, "status": status, "latencyMs": latency_ms}
        if count:
            body["count"] = count
        self.control("faults", body)

    def faults_clear(self) -> None:
        httpx.delete(f"{self.url}/_sandbox/faults", timeout=10).raise_for_status()

    def erp_calls(self) -> list[ErpCall]:
        """Every ERP call since the test began (the ``platform`` fixture clears the log)."""
        from jtlapp.erp.scopes import ErpOperationUnknownError, erp_rest_scope  # noqa: PLC0415

        calls = []
        for raw in httpx.get(f"{self.url}/_sandbox/erp-calls", timeout=10).json():
            path = str(raw["path"]).split("?", 1)[0]
            relative = path.split("/erp/", 1)[-1] if raw["mount"] == "cloud" else path
            try:
                scope = erp_rest_scope(method=raw["method"], path=relative)
            except ErpOperationUnknownError:
                scope = None
            calls.append(
                ErpCall(
                    method=raw["method"],
                    path=path,
                    tenant_id=raw["tenantHeader"],
                    scope=scope,
                    status=int(raw["status"]),
                    mount=raw["mount"],
                )
            )
        return calls


@dataclass
class ErpCallLog:
    """What reached the sandbox's ERP since the test began."""

    sandbox: LiveSandbox
    seen: list[ErpCall] = field(default_factory=list)

    def all(self) -> list[ErpCall]:
        self.seen = self.sandbox.erp_calls()
        return self.seen

    def assert_called(
        self,
        *,
        method: str,
        path: str,
        tenant: str | None = None,
        scope: str | None = None,
        times: int | None = None,
    ) -> list[ErpCall]:
        """Calls matching ``method`` and ``path`` (exact, or a prefix ending in ``*``)."""
        matching = [
            call
            for call in self.all()
            if call.method == method.upper()
            and (call.path.startswith(path[:-1]) if path.endswith("*") else call.path == path)
            and (tenant is None or call.tenant_id == tenant)
            and (scope is None or call.scope == scope)
        ]
        wanted = f"{method} {path} (tenant {tenant}, scope {scope})"
        made = [f"{c.method} {c.path} tenant={c.tenant_id} scope={c.scope}" for c in self.seen]
        assert matching, f"no ERP call {wanted}; the app made: {made}"
        if times is not None:
            assert len(matching) == times, f"{len(matching)} calls {wanted}, expected {times}"
        return matching

    def assert_none(self) -> None:
        assert self.all() == [], f"unexpected ERP calls: {self.seen}"


def app_url() -> str:
    """Where browser tests serve our app (``live_app``); the sandbox embeds pages from here."""
    return f"http://localhost:{os.environ['JTL_TEST_APP_PORT']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(
    condition: Callable[..., Any],
    *,
    timeout: float,
    interval: float = 0.1,
    message: str = "condition",
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")
