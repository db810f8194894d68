"""Who is calling the sandbox ERP API, for which tenant, with which scopes.

Mirrors the gateway rules in shared/jtl/platform.md §0/§7.1 and erp-api.md §3. The status for
a service-account call without ``X-Tenant-ID`` is undocumented (JTL's pages name both 401 and
412); ``SandboxConfig.missing_tenant_status`` switches it, default 401.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import Headers

from jtlapp.sandbox.state import SandboxState

SUPPORTED_API_VERSIONS = frozenset({"1.0", "1.1", "1.2", "1.3", "2.0", "2.1"})


@dataclass(frozen=True, kw_only=True)
class ErpRefusal(Exception):
    status: int
    code: str
    message: str
    allow: tuple[str, ...] = ()

    def body(self) -> dict[str, object] | None:
        if self.status == 401:
            return None
        return {"errorCode": self.code, "validationErrors": {}, "errorMessage": self.message}


@dataclass(frozen=True, kw_only=True)
class ErpCall:
    """An authorised caller: the tenant whose data it reaches and the scopes it holds."""

    tenant_id: str
    scopes: frozenset[str]
    kind: str


def _unauthorized(message: str) -> ErpRefusal:
    return ErpRefusal(status=401, code="UNAUTHORIZED", message=message)


def _cloud_call(state: SandboxState, headers: Headers) -> ErpCall:
    scheme, _, token = headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("Bearer token required")
    principal = state.identity_introspect(token.strip())
    if principal is None:
        raise _unauthorized("token invalid or expired")
    header_tenant = headers.get("X-Tenant-ID", "").strip().lower() or None
    if principal.tenant_id is None:
        if header_tenant is None:
            raise ErpRefusal(
                status=state.config.missing_tenant_status,
                code="MISSING_TENANT",
                message="The X-Tenant-ID header is required with a service-account token.",
            )
        tenant_id = header_tenant
    else:
        if header_tenant is not None and header_tenant != principal.tenant_id.lower():
            raise ErpRefusal(
                status=403, code="FORBIDDEN", message="X-Tenant-ID does not match the token."
            )
        tenant_id = principal.tenant_id.lower()
    if not state.tenant_installed(tenant_id):
        raise ErpRefusal(status=403, code="FORBIDDEN", message="App is not installed for tenant.")
    return ErpCall(tenant_id=tenant_id, scopes=frozenset(principal.scopes), kind=principal.kind)


def _onpremise_call(state: SandboxState, headers: Headers) -> ErpCall:
    scheme, _, key = headers.get("Authorization", "").partition(" ")
    if scheme != "Wawi" or not key.strip():
        raise _unauthorized("Wawi API key required")
    principal = state.onpremise_introspect(key.strip())
    if principal is None:
        raise _unauthorized("unknown API key")
    version = headers.get("api-version", "").strip()
    if version not in SUPPORTED_API_VERSIONS:
        raise ErpRefusal(
            status=400, code="VALIDATION_ERROR", message=f"unsupported api version {version!r}"
        )
    if not headers.get("x-appid", "").strip():
        raise ErpRefusal(status=400, code="VALIDATION_ERROR", message="x-appid header required")
    if principal.tenant_id is None:
        raise _unauthorized("API key is not bound to a Wawi")
    return ErpCall(
        tenant_id=principal.tenant_id, scopes=frozenset(principal.scopes), kind="onpremise"
    )


def erp_call_authorize(*, state: SandboxState, mount: str, headers: Headers) -> ErpCall:
    if mount == "onpremise":
        return _onpremise_call(state, headers)
    return _cloud_call(state, headers)
