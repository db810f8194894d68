"""Install and uninstall our app for a tenant, as JTL's Hub does after the setup page finishes.

JTL documents neither body nor signature of the ``connectUrl``/``disconnectUrl`` calls
(``jtl/platform.md`` §3.2). The sandbox sends the most useful plausible shape: a small JSON body
and the tenant's app token as Bearer, so the app's defensive handler can verify who calls. The
call goes out from the sandbox process, not the browser: no CORS, like the real platform.
The tenant's state changes first, so an app that reconciles through ``/account/tenants`` while
handling the call already sees the new state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from jtlapp.sandbox.host.selection import Selection
from jtlapp.sandbox.identity.tokens import AppTokenRequest, app_token_mint
from jtlapp.sandbox.state import SandboxState

logger = logging.getLogger(__name__)
LIFECYCLE_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True, kw_only=True)
class LifecycleResult:
    """What happened, for the shell to show: the app's HTTP status or why there was none."""

    tenant_id: str
    event: str
    installed: bool
    url: str | None
    status: int | None
    error: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "tenantId": self.tenant_id,
            "event": self.event,
            "installed": self.installed,
            "call": {"url": self.url, "status": self.status, "error": self.error},
        }


def host_app_token(*, state: SandboxState, selection: Selection) -> str:
    """What ``getAppToken`` hands a page: RS256, our app's audience and declared scopes."""
    request = AppTokenRequest(tenant_id=selection.tenant_id, user_id=selection.user_id)
    return app_token_mint(state=state.identity, request=request)


def _post(*, url: str, token: str, body: dict[str, str]) -> tuple[int | None, str | None]:
    headers = {"Authorization": f"Bearer {token}"}
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=LIFECYCLE_TIMEOUT_SECONDS)
    except httpx.HTTPError as exc:
        logger.warning("lifecycle call to %s failed: %s", url, type(exc).__name__)
        return None, f"{type(exc).__name__}: the app did not answer"
    return response.status_code, None


def lifecycle_event_send(
    *, state: SandboxState, selection: Selection, event: str, url: str | None
) -> LifecycleResult:
    """Mark the tenant (un)installed, then tell the app at ``url`` (if the manifest names one)."""
    installed = event == "connect"
    state.tenant_install(selection.tenant_id, installed=installed)
    status: int | None = None
    error: str | None = "the manifest names no URL for this event"
    if url:
        token = host_app_token(state=state, selection=selection)
        body = {"tenantId": selection.tenant_id, "event": event}
        status, error = _post(url=url, token=token, body=body)
    return LifecycleResult(
        tenant_id=selection.tenant_id,
        event=event,
        installed=installed,
        url=url,
        status=status,
        error=error,
    )
