"""Which demo tenant and user the shell acts as: query string first, then cookie, then default.

A query string (``?tenant=...&user=...``) makes a page bookmarkable and lets tests pick without
state; the shell then remembers the choice in cookies on the sandbox origin, so plain links and
host.js calls keep acting as the same merchant and user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Request, Response

from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS

TENANT_COOKIE = "jtl_host_tenant"
USER_COOKIE = "jtl_host_user"


@dataclass(frozen=True, kw_only=True)
class Selection:
    tenant_id: str
    user_id: str

    @property
    def tenant_name(self) -> str:
        return DEMO_TENANTS[self.tenant_id]

    @property
    def user_name(self) -> str:
        return DEMO_USERS[self.user_id]


def _pick(candidates: list[object], known: Mapping[str, str]) -> str:
    return next((c for c in candidates if isinstance(c, str) and c in known), next(iter(known)))


def selection_from_request(
    *, request: Request, body: Mapping[str, object] | None = None
) -> Selection:
    """Unknown ids fall back instead of failing: a stale cookie must not lock the shell."""
    data = body or {}
    tenant = [data.get("tenantId"), request.args.get("tenant"), request.cookies.get(TENANT_COOKIE)]
    user = [data.get("userId"), request.args.get("user"), request.cookies.get(USER_COOKIE)]
    return Selection(tenant_id=_pick(tenant, DEMO_TENANTS), user_id=_pick(user, DEMO_USERS))


def selection_remember(*, response: Response, selection: Selection) -> None:
    for name, value in ((TENANT_COOKIE, selection.tenant_id), (USER_COOKIE, selection.user_id)):
        response.set_cookie(name, value, httponly=True, samesite="Strict", path="/host")
