"""Re-encrypting every stored tenant secret under the newest key of ``JTL_ENCRYPTION_KEYS``.

A row no key can read is reported and left as it is (fail closed), so an operator who drops
the old key too early loses nothing silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jtlapp.crypto import SecretUnreadableError, secret_rotate
from jtlapp.gateway.erp.tenant_ref import tenant_generation_bump
from jtlapp.tenants.models import OnPremiseConnection, TenantCredential


@dataclass
class RotationReport:
    rotated: int = 0
    unreadable: list[str] = field(default_factory=list)


def _rotate_optional(ciphertext: str) -> str:
    return secret_rotate(ciphertext=ciphertext) if ciphertext else ""


def _credentials_reencrypt(report: RotationReport) -> None:
    rows = TenantCredential.objects.only(
        "tenant_id", "access_token_encrypted", "refresh_token_encrypted", "version"
    )
    for credential in rows.iterator(chunk_size=500):
        try:
            access = secret_rotate(ciphertext=credential.access_token_encrypted)
            refresh = _rotate_optional(credential.refresh_token_encrypted)
        except SecretUnreadableError:
            report.unreadable.append(f"tenant credential {credential.tenant_id}")
            continue
        # Same tokens, so no version bump; the filter skips rows a refresher rewrote meanwhile.
        TenantCredential.objects.filter(
            tenant_id=credential.tenant_id, version=credential.version
        ).update(access_token_encrypted=access, refresh_token_encrypted=refresh)
        report.rotated += 1


def _onpremise_reencrypt(report: RotationReport) -> None:
    for connection in OnPremiseConnection.objects.only("tenant_id", "api_key_encrypted"):
        try:
            key = secret_rotate(ciphertext=connection.api_key_encrypted)
        except SecretUnreadableError:
            report.unreadable.append(f"OnPremise API key {connection.tenant_id}")
            continue
        OnPremiseConnection.objects.filter(tenant_id=connection.tenant_id).update(
            api_key_encrypted=key
        )
        tenant_generation_bump(tenant_id=connection.tenant_id)  # cached snapshots hold the key
        report.rotated += 1


def tenant_secrets_reencrypt() -> RotationReport:
    """Rotate delegated tokens and OnPremise API keys of every tenant."""
    report = RotationReport()
    _credentials_reencrypt(report)
    _onpremise_reencrypt(report)
    return report
