"""Tenant lifecycle signals: how a partner's app reacts to installs without editing ``tenants``.

Every signal is sent with ``sender=Tenant`` and the keyword ``tenant_id`` (a ``UUID``), only
after the change has committed (``transaction.on_commit``), so a receiver never sees a state
that was rolled back, and with ``send_robust``: a receiver that raises is logged and cannot
undo or fail the lifecycle change that already happened. Receivers run in whichever process
made the change (web request, Celery worker, command); queue a task for slow work::

    from django.dispatch import receiver
    from jtlapp.tenants.signals import tenant_installed

    @receiver(tenant_installed)
    def welcome(sender, *, tenant_id, reactivated, **kwargs):
        welcome_task.delay(str(tenant_id))

Connect receivers in your ``AppConfig.ready()`` so web, worker and commands all have them.

| signal | sent when | extra keywords |
|---|---|---|
| ``tenant_installed`` | a setup completed (the tenant became active) | ``reactivated: bool`` |
| ``tenant_reactivated`` | that setup revived a suspended or uninstalled tenant (data kept) | |
| ``tenant_uninstalled`` | a disconnect was applied (tokens are already deleted) | |
| ``tenant_purged`` | the tenant's data was purged | |
| ``tenant_token_refreshed`` | a delegated token was minted or renewed | |
| ``tenant_token_refresh_failed`` | renewing it failed (rejected, or JTL unreachable) | ``error`` |

``error`` names the exception type and message, never a token.
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

tenant_installed = Signal()
tenant_reactivated = Signal()
tenant_uninstalled = Signal()
tenant_purged = Signal()
tenant_token_refreshed = Signal()
tenant_token_refresh_failed = Signal()

REACTIVATING_STATES = frozenset({"suspended", "uninstalled"})
"""A setup from these states keeps the tenant's data; from ``purged`` it starts afresh."""


def tenant_signal_send(signal: Signal, *, tenant_id: UUID, **extra: Any) -> None:
    """Send ``signal`` once the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _send(signal, tenant_id=tenant_id, **extra))


def tenant_setup_completed_send(*, tenant_id: UUID, previous_state: str) -> None:
    """``tenant_installed``, and ``tenant_reactivated`` first when the setup revived it."""
    reactivated = previous_state in REACTIVATING_STATES
    if reactivated:
        tenant_signal_send(tenant_reactivated, tenant_id=tenant_id)
    tenant_signal_send(tenant_installed, tenant_id=tenant_id, reactivated=reactivated)


def _send(signal: Signal, *, tenant_id: UUID, **extra: Any) -> None:
    from jtlapp.tenants.models import Tenant  # noqa: PLC0415 - models import nothing of ours

    for receiver, result in signal.send_robust(sender=Tenant, tenant_id=tenant_id, **extra):
        if isinstance(result, Exception):
            logger.error(
                "tenant %s: signal receiver %s failed: %s",
                tenant_id,
                getattr(receiver, "__qualname__", receiver),
                f"{type(result).__name__}: {result}"[:200],
            )
