"""Everything we store about one tenant, as JSON, for a merchant's data request.

Secrets never leave: tokens and API keys appear only as "present"/"absent", and lifecycle
call bodies are passed through a redaction of every field that looks like a credential.
Data of other apps comes from their registered exporters (``data_registry``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from uuid import UUID

import redis
from django.utils import timezone

from jtlapp.tenants.data_registry import tenant_data_exporters
from jtlapp.tenants.models import LifecycleCall, OnPremiseConnection, Tenant, TenantCredential
from jtlapp.tenants.purge import TenantUnknownError
from jtlapp.tenants.tenant_redis import tenant_redis_keys

EXPORT_FORMAT = 1
SECRET_NAME = re.compile(r"token|secret|password|api[_-]?key|authorization|credential", re.I)


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _presence(ciphertext: str) -> str:
    return "present" if ciphertext else "absent"


def _redacted(value: Any) -> Any:
    """A JSON value with every credential-looking field replaced, at any depth."""
    if isinstance(value, dict):
        return {
            key: "[redacted]" if SECRET_NAME.search(str(key)) else _redacted(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    return value


def _tenant_part(tenant: Tenant) -> dict[str, Any]:
    return {
        "tenant_id": str(tenant.tenant_id),
        "state": tenant.state,
        "connection": tenant.connection,
        "set_up_by": tenant.set_up_by,
        "granted_scopes": list(tenant.granted_scopes),
        "created_at": _time(tenant.created_at),
        "updated_at": _time(tenant.updated_at),
        "state_changed_at": _time(tenant.state_changed_at),
        "set_up_at": _time(tenant.set_up_at),
        "uninstalled_at": _time(tenant.uninstalled_at),
        "purged_at": _time(tenant.purged_at),
        "last_erp_success_at": _time(tenant.last_erp_success_at),
        "consecutive_auth_failures": tenant.consecutive_auth_failures,
    }


def _credential_part(tenant_id: UUID) -> dict[str, Any] | None:
    credential = TenantCredential.objects.filter(tenant_id=tenant_id).first()
    if credential is None:
        return None
    return {
        "access_token": _presence(credential.access_token_encrypted),
        "refresh_token": _presence(credential.refresh_token_encrypted),
        "expires_at": _time(credential.expires_at),
        "refreshed_at": _time(credential.refreshed_at),
        "version": credential.version,
        "last_refresh_error": credential.last_refresh_error,
    }


def _onpremise_part(tenant_id: UUID) -> dict[str, Any] | None:
    connection = OnPremiseConnection.objects.filter(tenant_id=tenant_id).first()
    if connection is None:
        return None
    return {
        "base_url": connection.base_url,
        "app_id": connection.app_id,
        "app_version": connection.app_version,
        "api_version": connection.api_version,
        "api_key": _presence(connection.api_key_encrypted),
        "granted_scopes": list(connection.granted_scopes),
        "registered_at": _time(connection.registered_at),
    }


def _lifecycle_part(tenant_id: UUID) -> list[dict[str, Any]]:
    return [
        {
            "kind": call.kind,
            "received_at": _time(call.received_at),
            "event_time": _time(call.event_time),
            "outcome": call.outcome,
            "body": _redacted(call.body),
        }
        for call in LifecycleCall.objects.filter(tenant_id=tenant_id).order_by("received_at")
    ]


def _redis_part(tenant_id: UUID) -> list[str] | str:
    try:
        return sorted(tenant_redis_keys(tenant_id=tenant_id))
    except redis.RedisError:
        return "unavailable"


def tenant_export(*, tenant_id: UUID) -> dict[str, Any]:
    """The export document; raises ``TenantUnknownError`` for a tenant we never stored."""
    tenant = Tenant.objects.filter(tenant_id=tenant_id).first()
    if tenant is None:
        raise TenantUnknownError(f"No tenant {tenant_id} is stored.")
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _time(timezone.now()),
        "tenant": _tenant_part(tenant),
        "credential": _credential_part(tenant_id),
        "onpremise_connection": _onpremise_part(tenant_id),
        "lifecycle_calls": _lifecycle_part(tenant_id),
        "redis_keys": _redis_part(tenant_id),
        "other_apps": {
            name: _redacted(exporter(tenant_id=tenant_id))
            for name, exporter in tenant_data_exporters.items()
        },
    }
