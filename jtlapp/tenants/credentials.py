"""Per-tenant delegated tokens from JTL's account service, encrypted at rest (platform.md §5.3).

The request path can always refresh lazily under a per-tenant Redis lock, so a down broker or
beat never shows to users (security.md T8); the beat task only refreshes ahead of time. Every
write is compare-and-set on ``TenantCredential.version``: a slow refresher never replaces a
newer token. A refresh token the account service rejects is replaced by minting anew.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from jtlapp.crypto import SecretUnreadableError, secret_decrypt, secret_encrypt
from jtlapp.errors import ApplicationError
from jtlapp.gateway.account import (
    MINT_PATH,
    REFRESH_PATH,
    AccountServiceRejectedError,
    DelegatedToken,
    account_post,
)
from jtlapp.gateway.http import OutboundError, OutboundUnavailableError
from jtlapp.gateway.service_token import TokenEndpointUnavailableError
from jtlapp.gateway.service_token_fetch import usable_lifetime_seconds
from jtlapp.tenants.models import Tenant, TenantCredential
from jtlapp.tenants.signals import tenant_signal_send as signal_send
from jtlapp.tenants.signals import tenant_token_refresh_failed as refresh_failed
from jtlapp.tenants.signals import tenant_token_refreshed
from jtlapp.tenants.tenant_redis import lock_acquire, lock_release, tenant_credential_lock

logger = logging.getLogger(__name__)

REFRESH_AHEAD_SECONDS = 600
"""Beat refreshes credentials expiring within this (at most half their lifetime)."""
MANDATORY_SECONDS = 60
"""The request path refreshes credentials expiring within this (at most half their lifetime)."""
HOLDING_STATES = (Tenant.State.PENDING, Tenant.State.ACTIVE, Tenant.State.SUSPENDED)
"""States in which we may hold a token; uninstalled and purged tenants never get one back."""

RefreshOutcome = Literal["fresh", "refreshed", "failed", "busy", "skipped"]


class TenantCredentialUnavailableError(ApplicationError):
    """The tenant has no usable token and the account service cannot give one now."""

    http_status = 503
    code = "tenant_credential_unavailable"


def tenant_credentials_due(*, now: datetime | None = None) -> QuerySet[TenantCredential]:
    """Credentials of active tenants that expire within the refresh-ahead window."""
    horizon = (now or timezone.now()) + timedelta(seconds=REFRESH_AHEAD_SECONDS)
    return TenantCredential.objects.filter(
        tenant__state=Tenant.State.ACTIVE, expires_at__lte=horizon
    ).order_by("expires_at")


def tenant_credential_mint(*, tenant: Tenant) -> None:
    """Exchange our service token for the tenant's delegated token and store it (version+1)."""
    issued_at = timezone.now()
    token = account_post(path=MINT_PATH, body={"tenantId": str(tenant.tenant_id)})
    _credential_write(tenant_id=tenant.tenant_id, token=token, issued_at=issued_at, version=None)


@sensitive_variables("token")
def tenant_access_token_get(*, tenant_id: UUID) -> str:
    """The tenant's access token; refreshed here if it expires within the mandatory window."""
    credential = TenantCredential.objects.filter(tenant_id=tenant_id).first()
    token = _readable_access_token(credential)
    if token is not None and credential is not None and not _is_due(credential, MANDATORY_SECONDS):
        return token
    lock = tenant_credential_lock(tenant_id=tenant_id)
    acquired = lock_acquire(lock)
    try:
        return _token_after_lock(tenant_id=tenant_id, waited_in_vain=acquired is False)
    finally:
        if acquired:
            lock_release(lock)


@sensitive_variables("token")
def _token_after_lock(*, tenant_id: UUID, waited_in_vain: bool) -> str:
    """Re-read (another caller may have renewed); renew if still due; else serve what is valid."""
    credential = TenantCredential.objects.filter(tenant_id=tenant_id).first()
    token = _readable_access_token(credential)
    due = credential is None or _is_due(credential, MANDATORY_SECONDS)
    in_time = waited_in_vain or not due
    if token is not None and credential is not None and in_time:
        return _unexpired_or_raise(credential, token)
    try:
        return _renew(tenant_id=tenant_id, credential=credential)
    except (OutboundError, TokenEndpointUnavailableError) as exc:
        _error_record(tenant_id=tenant_id, error=exc)
        if credential is None:
            raise TenantCredentialUnavailableError(
                "JTL's account service is unavailable; please try again shortly."
            ) from None
        return _unexpired_or_raise(credential, token)


def tenant_credential_refresh(*, tenant_id: UUID, force: bool = False) -> RefreshOutcome:
    """Refresh one tenant's token if due (or ``force``); without it, running twice refreshes once.

    Fails closed: a tenant that is no longer active (uninstalled after the task was queued)
    is "skipped" before any call to JTL. ``OutboundUnavailableError`` propagates so the task
    retries; a rejection is "failed".
    """
    current = _active_credential(tenant_id)
    if current is None:
        return "skipped"
    if not force and not _is_due(current, REFRESH_AHEAD_SECONDS):
        return "fresh"
    lock = tenant_credential_lock(tenant_id=tenant_id)
    acquired = lock_acquire(lock)
    if acquired is False:
        return "busy"
    try:
        return _refresh_locked(tenant_id=tenant_id, force=force)
    finally:
        if acquired:
            lock_release(lock)


def _active_credential(tenant_id: UUID) -> TenantCredential | None:
    return TenantCredential.objects.filter(
        tenant_id=tenant_id, tenant__state=Tenant.State.ACTIVE
    ).first()


def _refresh_locked(*, tenant_id: UUID, force: bool) -> RefreshOutcome:
    """Re-read under the lock: another refresher or an uninstall may have come first."""
    current = _active_credential(tenant_id)
    if current is None:
        return "skipped"
    if not force and not _is_due(current, REFRESH_AHEAD_SECONDS):
        return "fresh"
    try:
        _renew(tenant_id=tenant_id, credential=current)
    except AccountServiceRejectedError as exc:
        _error_record(tenant_id=tenant_id, error=exc)
        return "failed"
    except OutboundUnavailableError as exc:
        _error_record(tenant_id=tenant_id, error=exc)
        raise
    except TenantCredentialUnavailableError:
        return "skipped"  # uninstalled while we renewed: nothing was written
    return "refreshed"


def tenant_credential_delete(*, tenant: Tenant) -> None:
    """Forget the tenant's tokens (disconnect/uninstall); JTL documents no revocation call."""
    TenantCredential.objects.filter(tenant_id=tenant.tenant_id).delete()


@sensitive_variables("refresh_token", "token")
def _renew(*, tenant_id: UUID, credential: TenantCredential | None) -> str:
    """Refresh with the refresh token, or mint anew if there is none or it is rejected.

    An uninstalled or purged tenant gets nothing: its tokens were deleted on purpose.
    """
    if not Tenant.objects.filter(tenant_id=tenant_id, state__in=HOLDING_STATES).exists():
        raise TenantCredentialUnavailableError("The app is not installed for this tenant.")
    issued_at = timezone.now()
    refresh_token = _decrypt_or_none(credential.refresh_token_encrypted) if credential else None
    token = None
    if refresh_token:
        try:
            token = account_post(path=REFRESH_PATH, body={"refreshToken": refresh_token})
        except AccountServiceRejectedError:
            logger.info("refresh token of tenant %s rejected; minting a new token", tenant_id)
    if token is None:
        token = account_post(path=MINT_PATH, body={"tenantId": str(tenant_id)})
    version = credential.version if credential is not None else None
    if _credential_write(tenant_id=tenant_id, token=token, issued_at=issued_at, version=version):
        signal_send(tenant_token_refreshed, tenant_id=tenant_id)  # issue 15: tenant_signals
        return token.access_token
    newer = TenantCredential.objects.filter(tenant_id=tenant_id).first()
    return _unexpired_or_raise(newer, _readable_access_token(newer))


def _credential_write(
    *, tenant_id: UUID, token: DelegatedToken, issued_at: datetime, version: int | None
) -> bool:
    """Compare-and-set on ``version``; ``version=None`` (mint) writes whatever is there.

    The tenant row is locked and must be in a holding state: an uninstall locks the same row,
    so a refresher that started before it can never write a token back after it.
    """
    values: dict[str, Any] = {
        "access_token_encrypted": secret_encrypt(plaintext=token.access_token),
        "refresh_token_encrypted": (
            secret_encrypt(plaintext=token.refresh_token) if token.refresh_token else ""
        ),
        "expires_at": issued_at
        + timedelta(seconds=usable_lifetime_seconds(token.lifetime_seconds)),
        "refreshed_at": issued_at,
        "last_refresh_error": "",
    }
    with transaction.atomic():
        holder = Tenant.objects.select_for_update().filter(
            tenant_id=tenant_id, state__in=HOLDING_STATES
        )
        if holder.values_list("tenant_id", flat=True).first() is None:
            logger.info("tenant %s is not installed; its new token is dropped", tenant_id)
            return False
        rows = TenantCredential.objects.filter(tenant_id=tenant_id)
        if version is not None:
            return rows.filter(version=version).update(**values, version=F("version") + 1) == 1
        if not rows.update(**values, version=F("version") + 1):
            TenantCredential.objects.create(tenant_id=tenant_id, **values)
    return True


def _is_due(credential: TenantCredential, window_seconds: int) -> bool:
    lifetime = (credential.expires_at - credential.refreshed_at).total_seconds()
    window = min(window_seconds, lifetime / 2)  # short-lived tokens: half their life
    return (credential.expires_at - timezone.now()).total_seconds() <= window


def _readable_access_token(credential: TenantCredential | None) -> str | None:
    if credential is None:
        return None
    token = _decrypt_or_none(credential.access_token_encrypted)
    if token is None:
        logger.error("access token of tenant %s is unreadable (key missing?)", credential.tenant_id)
    return token


def _decrypt_or_none(ciphertext: str) -> str | None:
    """Fail closed: an unreadable value counts as missing, never as the token itself."""
    if not ciphertext:
        return None
    try:
        return secret_decrypt(ciphertext=ciphertext)
    except SecretUnreadableError:
        return None


def _unexpired_or_raise(credential: TenantCredential | None, token: str | None) -> str:
    if token is not None and credential is not None and credential.expires_at > timezone.now():
        return token
    raise TenantCredentialUnavailableError(
        "The tenant's JTL token could not be renewed; please try again shortly."
    )


def _error_record(*, tenant_id: UUID, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:200]
    signal_send(refresh_failed, tenant_id=tenant_id, error=message)  # issue 15: tenant_signals
    logger.warning("delegated token refresh for tenant %s failed: %s", tenant_id, message)
    TenantCredential.objects.filter(tenant_id=tenant_id).update(last_refresh_error=message)
