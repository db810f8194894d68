"""Per-tenant delegated tokens from JTL's account service, encrypted at rest (platform.md §5.3).

The request path can always refresh lazily under a per-tenant Redis lock, so a down broker or
beat never shows to users (security.md T8); the beat task only refreshes ahead of time. Every
write is compare-and-set on ``TenantCredential.version``: a slow refresher never replaces a
newer token. A refresh token the account service rejects is replaced by minting anew.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from uuid import UUID

import redis
from django.conf import settings
from django.db import IntegrityError
from django.db.models import F, QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from redis.exceptions import LockError

from jtlapp.auth.access_token import (
    TokenEndpointUnavailableError,
    service_token_get,
    service_token_invalidate,
)
from jtlapp.auth.access_token_fetch import lifetime_normalize
from jtlapp.core.redis import redis_client
from jtlapp.crypto import SecretUnreadableError, secret_decrypt, secret_encrypt
from jtlapp.errors import ApplicationError
from jtlapp.outbound import OutboundError, OutboundUnavailableError, outbound_request
from jtlapp.tenants.models import Tenant, TenantCredential

logger = logging.getLogger(__name__)

MINT_PATH = "/account/identity/delegated-token"
REFRESH_PATH = "/account/identity/delegated-token/refresh"
REFRESH_AHEAD_SECONDS = 600
"""Beat refreshes credentials expiring within this (at most half their lifetime)."""
MANDATORY_SECONDS = 60
"""The request path refreshes credentials expiring within this (at most half their lifetime)."""
LOCK_TIMEOUT_SECONDS = 30
LOCK_WAIT_SECONDS = 5

RefreshOutcome = Literal["fresh", "refreshed", "failed", "busy", "skipped"]


class TenantCredentialUnavailableError(ApplicationError):
    """The tenant has no usable token and the account service cannot give one now."""

    http_status = 503
    code = "tenant_credential_unavailable"


class AccountServiceRejectedError(OutboundError):
    """A 4xx from the account service (not installed, unknown tenant, used refresh token)."""

    def __init__(self, *, status: int, error_code: str) -> None:
        super().__init__(f"account service answered HTTP {status} {error_code}".strip())
        self.status = status


@dataclass(frozen=True, kw_only=True, repr=False)
class DelegatedToken:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    lifetime_seconds: int

    def __repr__(self) -> str:
        return (
            "DelegatedToken(access_token='***', refresh_token='***', "
            f"lifetime_seconds={self.lifetime_seconds})"
        )

    __str__ = __repr__


def tenant_credentials_due(*, now: datetime | None = None) -> QuerySet[TenantCredential]:
    """Credentials of active tenants that expire within the refresh-ahead window."""
    horizon = (now or timezone.now()) + timedelta(seconds=REFRESH_AHEAD_SECONDS)
    return TenantCredential.objects.filter(
        tenant__state=Tenant.State.ACTIVE, expires_at__lte=horizon
    ).order_by("expires_at")


def tenant_credential_mint(*, tenant: Tenant) -> None:
    """Exchange our service token for the tenant's delegated token and store it (version+1)."""
    issued_at = timezone.now()
    token = _account_post(path=MINT_PATH, body={"tenantId": str(tenant.tenant_id)})
    _credential_write(tenant_id=tenant.tenant_id, token=token, issued_at=issued_at, version=None)


@sensitive_variables("token")
def tenant_access_token_get(*, tenant: Tenant) -> str:
    """The tenant's access token; refreshed here if it expires within the mandatory window."""
    credential = TenantCredential.objects.filter(tenant_id=tenant.tenant_id).first()
    token = _readable_access_token(credential)
    if token is not None and credential is not None and not _is_due(credential, MANDATORY_SECONDS):
        return token
    lock = _tenant_lock(tenant_id=tenant.tenant_id)
    acquired = _acquire(lock)
    try:
        return _token_after_lock(tenant_id=tenant.tenant_id, waited_in_vain=acquired is False)
    finally:
        if acquired:
            _release(lock)


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


def tenant_credential_refresh(*, tenant_id: UUID) -> RefreshOutcome:
    """Refresh one tenant's token if due; idempotent, so running it twice refreshes once.

    ``OutboundUnavailableError`` propagates so the task retries; a rejection is "failed".
    """
    credential = TenantCredential.objects.select_related("tenant").filter(tenant_id=tenant_id)
    current = credential.first()
    if current is None or not current.tenant.is_active:
        return "skipped"
    if not _is_due(current, REFRESH_AHEAD_SECONDS):
        return "fresh"
    lock = _tenant_lock(tenant_id=tenant_id)
    acquired = _acquire(lock)
    if acquired is False:
        return "busy"
    try:
        current = TenantCredential.objects.get(tenant_id=tenant_id)
        if not _is_due(current, REFRESH_AHEAD_SECONDS):
            return "fresh"
        try:
            _renew(tenant_id=tenant_id, credential=current)
        except AccountServiceRejectedError as exc:
            _error_record(tenant_id=tenant_id, error=exc)
            return "failed"
        except OutboundUnavailableError as exc:
            _error_record(tenant_id=tenant_id, error=exc)
            raise
        return "refreshed"
    finally:
        if acquired:
            _release(lock)


def tenant_credential_delete(*, tenant: Tenant) -> None:
    """Forget the tenant's tokens (disconnect/uninstall); JTL documents no revocation call."""
    TenantCredential.objects.filter(tenant_id=tenant.tenant_id).delete()


@sensitive_variables("refresh_token", "token")
def _renew(*, tenant_id: UUID, credential: TenantCredential | None) -> str:
    """Refresh with the refresh token, or mint anew if there is none or it is rejected."""
    issued_at = timezone.now()
    refresh_token = _decrypt_or_none(credential.refresh_token_encrypted) if credential else None
    token = None
    if refresh_token:
        try:
            token = _account_post(path=REFRESH_PATH, body={"refreshToken": refresh_token})
        except AccountServiceRejectedError:
            logger.info("refresh token of tenant %s rejected; minting a new token", tenant_id)
    if token is None:
        token = _account_post(path=MINT_PATH, body={"tenantId": str(tenant_id)})
    version = credential.version if credential is not None else None
    if _credential_write(tenant_id=tenant_id, token=token, issued_at=issued_at, version=version):
        return token.access_token
    newer = TenantCredential.objects.get(tenant_id=tenant_id)
    return _unexpired_or_raise(newer, _readable_access_token(newer))


@sensitive_variables("service_token")
def _account_post(*, path: str, body: dict[str, str]) -> DelegatedToken:
    """POST with our service token; after a 401 the token is invalidated and tried once more."""
    for attempt in (1, 2):
        service_token = service_token_get()
        response = outbound_request(
            method="POST",
            url=f"{settings.JTL_API_BASE_URL}{path}",
            headers={
                "Authorization": f"Bearer {service_token.value}",
                "Accept": "application/json",
            },
            json_body=body,
            timeout=settings.JTL_OUTBOUND_TIMEOUT_SECONDS,
        )
        if response.status != 401 or attempt == 2:
            break
        service_token_invalidate(token_value=service_token.value)
    if response.status >= 500 or response.status == 429:
        raise OutboundUnavailableError(f"account service answered HTTP {response.status}")
    data = response.json()
    if not response.ok:
        code = data.get("errorCode", "") if isinstance(data, dict) else ""
        raise AccountServiceRejectedError(status=response.status, error_code=str(code)[:40])
    return _delegated_parse(data)


def _delegated_parse(data: Any) -> DelegatedToken:
    access = data.get("accessToken") if isinstance(data, dict) else None
    if not isinstance(access, str) or not access:
        raise OutboundUnavailableError("account service answered without accessToken")
    refresh = data.get("refreshToken")
    return DelegatedToken(
        access_token=access,
        refresh_token=refresh if isinstance(refresh, str) else "",
        lifetime_seconds=lifetime_normalize(data.get("expiresIn")),
    )


def _credential_write(
    *, tenant_id: UUID, token: DelegatedToken, issued_at: datetime, version: int | None
) -> bool:
    """Compare-and-set on ``version``; ``version=None`` (mint) writes whatever is there."""
    values: dict[str, Any] = {
        "access_token_encrypted": secret_encrypt(plaintext=token.access_token),
        "refresh_token_encrypted": (
            secret_encrypt(plaintext=token.refresh_token) if token.refresh_token else ""
        ),
        "expires_at": issued_at + timedelta(seconds=token.lifetime_seconds),
        "refreshed_at": issued_at,
        "last_refresh_error": "",
    }
    rows = TenantCredential.objects.filter(tenant_id=tenant_id)
    if version is not None:
        return rows.filter(version=version).update(**values, version=F("version") + 1) == 1
    if rows.update(**values, version=F("version") + 1):
        return True
    try:
        TenantCredential.objects.create(tenant_id=tenant_id, **values)
    except IntegrityError:  # created concurrently: ours is newer, overwrite it
        rows.update(**values, version=F("version") + 1)
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


def _unexpired_or_raise(credential: TenantCredential, token: str | None) -> str:
    if token is not None and credential.expires_at > timezone.now():
        return token
    raise TenantCredentialUnavailableError(
        "The tenant's JTL token could not be renewed; please try again shortly."
    )


def _error_record(*, tenant_id: UUID, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:200]
    logger.warning("delegated token refresh for tenant %s failed: %s", tenant_id, message)
    TenantCredential.objects.filter(tenant_id=tenant_id).update(last_refresh_error=message)


def _tenant_lock(*, tenant_id: UUID) -> redis.lock.Lock:
    lock: redis.lock.Lock = redis_client().lock(
        f"jtlapp:tenant_credential:{tenant_id}:lock",
        timeout=LOCK_TIMEOUT_SECONDS,
        blocking_timeout=LOCK_WAIT_SECONDS,
    )
    return lock


def _acquire(lock: redis.lock.Lock) -> bool | None:
    """True/False as the lock says; None if Redis is down (refresh unlocked, CAS protects)."""
    try:
        return bool(lock.acquire())
    except redis.RedisError:
        logger.warning("Redis unavailable for the credential lock; refreshing without it")
        return None


def _release(lock: redis.lock.Lock) -> None:
    try:
        lock.release()
    except (LockError, redis.RedisError):
        logger.warning("credential lock expired or unreachable at release")
