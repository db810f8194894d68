"""The OnPremise transport: a registered Wawi key, ``Authorization: Wawi``, the Wawi's own URL."""

import uuid

import pytest

from jtlapp.crypto import secret_encrypt
from jtlapp.erp.schemas import SalesOrderLineItemInput
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.errors import ErpAuthError, ErpUnavailableError
from jtlapp.gateway.wawi_registration import (
    STATUS_ACCEPTED,
    WawiRegistrationTarget,
    wawi_registration_poll,
    wawi_registration_start,
)
from jtlapp.tenants.models import OnPremiseConnection, Tenant
from jtlapp.tenants.onpremise import WawiApp, onpremise_connection_store
from tests.erp.test_client import FAST, TENANT_A, erp_calls, resilience_reset

CHALLENGE = "jtlapp-client-test"
SCOPES = ["customers.read", "items.read", "salesorders.read", "salesorders.write"]


@pytest.fixture(autouse=True)
def _clean_resilience_state():
    resilience_reset()
    yield
    resilience_reset()


def register(platform) -> Tenant:
    """Register with the sandbox Wawi as a merchant would approve it; store the key encrypted."""
    platform.control("onpremise/open")
    wawi_url = f"{platform.url}/api/eazybusiness"
    app = WawiApp(
        app_id=f"jtlapp/client-{uuid.uuid4().hex[:8]}",
        display_name="Merchant insights",
        description="test",
        version="0.1.0",
        provider_name="jtlapp",
        provider_website="https://example.com",
        mandatory_scopes=tuple(SCOPES),
    )
    target = WawiRegistrationTarget(
        base_url=wawi_url,
        api_version="1.0",
        challenge_code=CHALLENGE,
        app_id=app.app_id,
        app_version=app.version,
        tenant_id=TENANT_A,
    )
    registration_id = wawi_registration_start(target=target, body=app.body())
    platform.control(
        f"onpremise/registrations/{registration_id}/approve", {"grantedScopes": SCOPES}
    )
    result = wawi_registration_poll(target=target, registration_id=registration_id)
    assert result.status == STATUS_ACCEPTED
    assert result.api_key
    return onpremise_connection_store(
        tenant_id=uuid.UUID(TENANT_A),
        target=target,
        api_key=result.api_key,
        granted_scopes=tuple(SCOPES),
    )


@pytest.mark.django_db
def test_onpremise_reads_and_writes_line_items_with_the_wawi_key(platform):
    # given
    tenant = register(platform)
    client = ErpClient(tenant=tenant, policy=FAST)
    platform.control("counters/reset")
    try:
        # when
        order_id = client.sales_orders_page(page_size=1).items[0].id
        item = client.items_page(page_size=1).items[0]
        [created] = client.sales_order_line_items_create(
            sales_order_id=order_id,
            line_items=[SalesOrderLineItemInput(item_id=item.id, quantity=1)],
        )
        client.sales_order_line_items_update(
            sales_order_id=order_id,
            line_item_id=created.id,
            changes=SalesOrderLineItemInput(quantity=3),
        )
        lines = {li.id: li for li in client.sales_order_line_items(sales_order_id=order_id)}
        client.sales_order_line_items_delete(sales_order_id=order_id, line_item_id=created.id)

        # then
        assert lines[created.id].quantity == 3
        assert created.id not in {
            li.id for li in client.sales_order_line_items(sales_order_id=order_id)
        }
        calls = erp_calls(platform)
        assert {c["mount"] for c in calls} == {"onpremise"}
        assert all(c["path"].startswith("/api/eazybusiness/v2/") for c in calls)
        assert {c["tenantHeader"] for c in calls} == {None}
        assert [c["method"] for c in calls].count("POST") == 1
    finally:
        platform.control("reset")


@pytest.mark.django_db
def test_onpremise_with_a_wrong_key_is_an_auth_error_without_token_refresh(platform):
    tenant = register(platform)
    OnPremiseConnection.objects.filter(tenant=tenant).update(
        api_key_encrypted=secret_encrypt(plaintext="wrong")
    )
    platform.control("counters/reset")

    with pytest.raises(ErpAuthError) as caught:
        ErpClient(tenant=tenant, policy=FAST).send(method="GET", path="v2/info")

    assert caught.value.upstream_status == 401
    assert "wrong" not in str(caught.value)
    assert len(erp_calls(platform)) == 1


@pytest.mark.django_db
def test_an_onpremise_tenant_without_a_stored_connection_is_refused(platform):
    tenant = register(platform)
    OnPremiseConnection.objects.filter(tenant=tenant).delete()

    with pytest.raises(ErpUnavailableError):
        ErpClient(tenant=tenant, policy=FAST)
