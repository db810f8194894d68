"""The listing's GDPR URLs: verified by the tenant's app token, answered, and recorded."""

from __future__ import annotations

from jtlapp.gdpr.models import GdprRequest
from jtlapp.tenants.models import Tenant, TenantCredential

OTHER_TENANT = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"


def test_a_data_request_returns_the_tenant_export_and_is_recorded(client, jtl_tenant):
    response = client.post("/gdpr/request", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}")

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "exported"
    assert body["export"]["tenant"]["tenant_id"] == jtl_tenant.tenant_id
    assert jtl_tenant.token not in response.content.decode()
    (record,) = GdprRequest.objects.all()
    assert (record.kind, str(record.tenant_id)) == ("data", jtl_tenant.tenant_id)
    assert record.detail["bytes"] > 0
    assert response["Cache-Control"] == "no-store"


def test_a_delete_request_purges_the_tokens_tenant_only(client, jtl_tenant, jtl_app_token):
    other = client.post(
        "/api/tenant/setup", HTTP_AUTHORIZATION=f"Bearer {jtl_app_token(tenant=OTHER_TENANT)}"
    )
    assert other.status_code == 200

    response = client.post(
        "/gdpr/delete", {"token": jtl_tenant.token}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["outcome"] == "purged"
    assert Tenant.objects.get(tenant_id=jtl_tenant.tenant_id).state == "purged"
    assert Tenant.objects.get(tenant_id=OTHER_TENANT).state == "active"
    assert not TenantCredential.objects.filter(tenant_id=jtl_tenant.tenant_id).exists()
    record = GdprRequest.objects.get(kind="delete")
    assert str(record.tenant_id) == jtl_tenant.tenant_id
    again = client.post("/gdpr/delete", HTTP_AUTHORIZATION=f"Bearer {jtl_tenant.token}")
    assert again.json()["outcome"] == "already_purged"


def test_requests_without_a_valid_token_are_refused_and_recorded(client, platform, db):
    no_token = client.post(
        "/gdpr/request", {"tenantId": OTHER_TENANT}, content_type="application/json"
    )
    forged = client.post(
        "/gdpr/delete", HTTP_AUTHORIZATION=f"Bearer {platform.app_token(forged=True)}"
    )

    assert no_token.status_code == 401
    assert no_token.json()["code"] == "gdpr_unverified"
    assert forged.status_code == 401
    assert list(GdprRequest.objects.values_list("outcome", flat=True)) == ["unverified"] * 2
    assert Tenant.objects.count() == 0


def test_a_request_for_a_tenant_we_never_stored_says_so(client, jtl_app_token, db):
    response = client.post(
        "/gdpr/request", HTTP_AUTHORIZATION=f"Bearer {jtl_app_token(tenant=OTHER_TENANT)}"
    )

    assert response.json() == {
        "requestId": response.json()["requestId"],
        "outcome": "unknown_tenant",
        "export": None,
    }
