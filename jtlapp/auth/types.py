"""The verified identity of a caller, as views and services see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Literal

Generation = Literal["current", "legacy"]


def _masked(value: str | None) -> str:
    """Enough of an identifier to correlate log lines, not enough to be the identifier."""
    if value is None:
        return "None"
    return f"{value[:8]}…" if len(value) > 8 else "…"


@dataclass(frozen=True, kw_only=True)
class CallerClaims:
    """Claims of a verified caller token; built only by ``jtlapp.auth.verify``.

    ``tenant_id`` is the one source of ``X-Tenant-ID`` (``jtl/security.md`` §3): it comes from a
    token whose signature, issuer, audience and expiry were checked.
    """

    generation: Generation
    tenant_id: str
    user_id: str
    app_id: str | None
    scopes: frozenset[str]
    expires_at: datetime
    issued_at: datetime | None
    token_id: str | None

    def __repr__(self) -> str:
        return (
            f"CallerClaims(generation={self.generation!r}, tenant_id={_masked(self.tenant_id)}, "
            f"user_id={_masked(self.user_id)}, app_id={self.app_id!r}, "
            f"scopes={len(self.scopes)}, expires_at={self.expires_at.isoformat()})"
        )


@dataclass(frozen=True, kw_only=True)
class JtlCaller:
    """``request.user`` for token-authenticated API calls; no Django user row behind it."""

    is_authenticated: ClassVar[bool] = True
    is_anonymous: ClassVar[bool] = False

    tenant_id: str
    user_id: str
    generation: Generation

    @classmethod
    def from_claims(cls, claims: CallerClaims) -> JtlCaller:
        return cls(tenant_id=claims.tenant_id, user_id=claims.user_id, generation=claims.generation)

    def __repr__(self) -> str:
        return (
            f"JtlCaller(generation={self.generation!r}, tenant_id={_masked(self.tenant_id)}, "
            f"user_id={_masked(self.user_id)})"
        )

    def __str__(self) -> str:
        return repr(self)
