"""One sandbox process's identity provider: keys, issued grants, counters, faults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS, SandboxConfig
from jtlapp.sandbox.identity.faults import FaultSource
from jtlapp.sandbox.identity.flows import ORY_TOKEN_PREFIX, GrantFlows
from jtlapp.sandbox.identity.keys import EdKeyRing, KeyRing
from jtlapp.sandbox.identity.minting import TokenMinter, utc_now
from jtlapp.sandbox.identity.principal import CallCounter, Principal


class IdentityState:
    """Everything the identity blueprint shares; the sandbox app creates one per app.

    ``is_installed(app_id, tenant_id)`` lets the control surface uninstall an app for a tenant
    (delegated tokens and ``/account/tenants`` honour it); by default all are installed.
    ``faults`` (areas ``token``, ``keys``, ``account``) makes the IdP slow or failing on demand.
    """

    def __init__(
        self,
        *,
        config: SandboxConfig,
        faults: FaultSource | None = None,
        tenants: Mapping[str, str] = DEMO_TENANTS,
        users: Mapping[str, str] = DEMO_USERS,
        clock: Callable[[], datetime] = utc_now,
        is_installed: Callable[[str, str], bool] | None = None,
    ) -> None:
        self.config = config
        self.faults = faults
        self.tenants = tenants
        self.users = users
        self.clock = clock
        self.is_installed = is_installed or (lambda _app_id, _tenant_id: True)
        self.keys = KeyRing()
        self.legacy_keys = EdKeyRing()
        self.counters = CallCounter()
        self.tokens = TokenMinter(
            config=config, keys=self.keys, legacy_keys=self.legacy_keys, clock=clock
        )
        self.flows = GrantFlows(minter=self.tokens, users=users, clock=clock)

    def __repr__(self) -> str:
        return f"IdentityState(issuer={self.config.issuer!r})"

    def token_introspect(self, *, token: str) -> Principal | None:
        """Verified principal of a Bearer token (JWT or legacy Ory), or None if invalid/expired."""
        if token.startswith(ORY_TOKEN_PREFIX):
            return self.flows.ory_principal(token=token)
        return self.tokens.principal_from_jwt(token=token)

    def counters_snapshot(self) -> dict[str, int]:
        return self.counters.snapshot()

    def counters_reset(self) -> None:
        self.counters.reset()

    def key_ids(self) -> dict[str, list[str]]:
        """Published key ids, oldest first, per ring (``rs256`` = issuer, ``eddsa`` = legacy)."""
        return {
            "rs256": list(self.keys.published_kids()),
            "eddsa": list(self.legacy_keys.published_kids()),
        }

    def keys_rotate(self) -> str:
        """Rotate both rings; returns the new issuer (RS256) kid."""
        self.legacy_keys.rotate()
        return self.keys.rotate()

    def keys_retire(self) -> list[str]:
        """Unpublish every non-current key of both rings; returns the retired kids."""
        return [*self.keys.retire(), *self.legacy_keys.retire()]
