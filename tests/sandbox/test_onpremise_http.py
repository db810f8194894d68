"""OnPremise Wawi end to end: registration, approval, then ERP calls with the Wawi key."""

import httpx
import pytest

REGISTRATION: dict[str, object] = {
    "AppId": "jtlapp/merchant-insights/v1",
    "DisplayName": "Merchant insights",
    "Description": "Dashboards and panes for JTL-Wawi",
    "Version": "0.1.0",
    "ProviderName": "jtlapp",
    "ProviderWebsite": "https://example.com",
    "MandatoryApiScopes": ["customers.read", "salesorders.read", "salesorders.write"],
    "OptionalApiScopes": ["items.read"],
    "AppIcon": "iVBORw0KGgo=",
}


@pytest.fixture(scope="module")
def wawi_key(live_sandbox):
    """Register once per module: the registry remembers the app id (409 on a second try)."""
    base = f"{live_sandbox.url}/api/eazybusiness/v1/authentication"
    headers = {"x-challengecode": "sandbox-test", "api-version": "1.0"}
    httpx.post(f"{live_sandbox.url}/_sandbox/onpremise/open").raise_for_status()
    created = httpx.post(base, headers=headers, json=REGISTRATION)
    assert created.status_code == 201, created.text
    registration_id = created.json()["RegistrationRequestId"]
    pending = httpx.get(f"{base}/{registration_id}", headers=headers)
    httpx.post(
        f"{live_sandbox.url}/_sandbox/onpremise/registrations/{registration_id}/approve",
        json={"grantedScopes": REGISTRATION["MandatoryApiScopes"]},
    ).raise_for_status()
    approved = httpx.get(f"{base}/{registration_id}", headers=headers)
    again = httpx.get(f"{base}/{registration_id}", headers=headers)

    assert created.json()["Status"] == 0
    assert pending.json()["RequestStatusInfo"]["Status"] == 0
    assert approved.status_code == 200
    assert approved.json()["RequestStatusInfo"]["Status"] == 2
    assert approved.json()["GrantedScopes"] == REGISTRATION["MandatoryApiScopes"]
    assert again.status_code == 410
    return approved.json()["Token"]["ApiKey"]


def wawi_headers(key: str, **extra: str) -> dict[str, str]:
    return {
        "Authorization": f"Wawi {key}",
        "api-version": "1.0",
        "x-appid": str(REGISTRATION["AppId"]),
        "x-appversion": "0.1.0",
        **extra,
    }


def test_the_wawi_key_reaches_the_erp_resources(sandbox, wawi_key):
    response = httpx.get(
        f"{sandbox.url}/api/eazybusiness/v1/customers", headers=wawi_headers(wawi_key)
    )

    assert response.status_code == 200
    assert response.json()["TotalItems"] > 0


def test_an_unknown_wawi_key_is_401(sandbox, wawi_key):
    response = httpx.get(
        f"{sandbox.url}/api/eazybusiness/v1/customers", headers=wawi_headers("not-a-key")
    )

    assert response.status_code == 401


def test_a_missing_or_unsupported_api_version_is_400(sandbox, wawi_key):
    response = httpx.get(
        f"{sandbox.url}/api/eazybusiness/v1/customers",
        headers=wawi_headers(wawi_key, **{"api-version": "9.9"}),
    )

    assert response.status_code == 400
    assert "unsupported api version" in response.json()["errorMessage"]


def test_scopes_not_granted_at_registration_are_refused(sandbox, wawi_key):
    response = httpx.get(f"{sandbox.url}/api/eazybusiness/v1/items", headers=wawi_headers(wawi_key))

    assert response.status_code == 403


def test_sales_order_line_items_can_be_created_changed_and_deleted(sandbox, wawi_key):
    # given
    headers = wawi_headers(wawi_key)
    base = f"{sandbox.url}/api/eazybusiness/v1/salesOrders"
    order = httpx.get(base, headers=headers, params={"pageSize": 1}).json()["Items"][0]
    items_url = f"{base}/{order['Id']}/lineitems"
    before = httpx.get(items_url, headers=headers).json()
    new_line = {"Name": "Geschenkverpackung", "Quantity": 2, "SalesPriceNet": 3.5, "TaxRate": 19}

    # when
    created = httpx.post(items_url, headers=headers, json=[new_line])
    line_id = created.json()[0]["Id"]
    changed = httpx.patch(f"{items_url}/{line_id}", headers=headers, json={"Quantity": 3})
    after_change = httpx.get(items_url, headers=headers).json()
    deleted = httpx.delete(f"{items_url}/{line_id}", headers=headers)
    after_delete = httpx.get(items_url, headers=headers).json()

    # then
    assert created.status_code == 201
    assert changed.status_code == 204
    assert deleted.status_code == 204
    assert [li["Quantity"] for li in after_change if li["Id"] == line_id] == [3]
    assert after_delete == before
