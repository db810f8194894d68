"""``/api/tenant/settings``: the setup page's form API, for the token's tenant only."""

import pytest

from tests.tenant_settings.conftest import TENANT

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_get_lists_the_declared_fields_with_values(client, token):
    response = client.get("/api/tenant/settings", **auth(token))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    fields = {f["key"]: f for f in response.json()["fields"]}
    assert fields["test.days"]["value"] == 30
    assert fields["test.days"]["choices"] == [
        {"value": 7, "label": "7"}, {"value": 30, "label": "30"}
    ]  # fmt: skip
    assert fields["test.api_key"] == {
        "key": "test.api_key", "kind": "text", "label": "Key", "help": "", "secret": True,
        "default": None, "present": False,
    }  # fmt: skip


def test_put_stores_and_answers_the_new_form(client, token):
    response = client.put(
        "/api/tenant/settings",
        {"values": {"test.limit": 7, "test.api_key": "abc"}},
        content_type="application/json",
        **auth(token),
    )

    assert response.status_code == 200
    body = response.json()
    assert body["changed"] == ["test.api_key", "test.limit"]
    fields = {f["key"]: f for f in body["fields"]}
    assert fields["test.limit"]["value"] == 7
    assert fields["test.api_key"]["present"] is True
    assert "abc" not in response.content.decode()


def test_put_with_an_invalid_value_answers_the_field_errors(client, token):
    response = client.put(
        "/api/tenant/settings", {"values": {"test.limit": 0}},
        content_type="application/json", **auth(token),
    )  # fmt: skip

    assert response.status_code == 400
    assert response.json()["code"] == "settings_invalid"
    assert response.json()["extra"]["fields"] == {"test.limit": "At least 1."}


def test_without_a_token_nothing_is_read(client, declared):
    assert client.get("/api/tenant/settings").status_code in (401, 403)


def test_a_tenant_that_is_not_set_up_cannot_store_settings(client, platform, declared):
    other = platform.app_token(tenantId="3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02")
    response = client.put(
        "/api/tenant/settings", {"values": {"test.limit": 2}},
        content_type="application/json", **auth(other),
    )  # fmt: skip
    assert response.status_code == 403
    assert TENANT  # the set-up tenant is untouched
