"""Install/uninstall through the shell call our app's connect/disconnect URLs with an app token."""

from __future__ import annotations

from flask.testing import FlaskClient

from jtlapp.sandbox.identity.principal import PrincipalKind
from jtlapp.sandbox.state import SandboxState
from tests.sandbox.conftest import TENANT_A, TENANT_B
from tests.sandbox.host.conftest import PROJECT_MANIFEST, USER_B, AppServer, host_sandbox_create


def _bearer(headers: dict[str, str]) -> str:
    scheme, _, token = headers["Authorization"].partition(" ")
    assert scheme == "Bearer"
    return token


def test_setup_completed_installs_and_posts_connect_with_the_tenants_app_token(
    host: FlaskClient, host_state: SandboxState, app_server: AppServer
):
    # given
    host_state.tenant_install(TENANT_B, installed=False)

    # when
    response = host.post("/host/api/install", json={"tenantId": TENANT_B, "userId": USER_B})

    # then
    assert response.get_json() == {
        "tenantId": TENANT_B,
        "event": "connect",
        "installed": True,
        "call": {"url": f"{app_server.url}/lifecycle/connect", "status": 202, "error": None},
    }
    assert host_state.tenant_installed(TENANT_B)
    [call] = app_server.received(method="POST", path="/lifecycle/connect")
    assert call.json() == {"tenantId": TENANT_B, "event": "connect"}
    principal = host_state.identity_introspect(_bearer(call.headers))
    assert principal is not None
    assert principal.kind == PrincipalKind.APP_TOKEN
    assert (principal.tenant_id, principal.user_id) == (TENANT_B, USER_B)


def test_uninstall_button_posts_disconnect_and_marks_the_tenant_uninstalled(
    host, host_state, app_server
):
    response = host.post(f"/host/uninstall?tenant={TENANT_A}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Uninstalled for" in html
    assert "the app answered 202." in html
    assert 'data-testid="install-state">not installed<' in html
    assert not host_state.tenant_installed(TENANT_A)
    [call] = app_server.received(method="POST", path="/lifecycle/disconnect")
    assert call.json() == {"tenantId": TENANT_A, "event": "disconnect"}
    principal = host_state.identity_introspect(_bearer(call.headers))
    assert principal is not None
    assert principal.tenant_id == TENANT_A


def test_install_marks_installed_even_when_the_app_is_down():
    app = host_sandbox_create(manifest=PROJECT_MANIFEST, app_base_url="http://127.0.0.1:9")
    state = app.config["SANDBOX_STATE"]
    state.tenant_install(TENANT_A, installed=False)

    body = app.test_client().post("/host/api/install", json={}).get_json()

    assert state.tenant_installed(TENANT_A)
    assert body["call"]["status"] is None
    assert body["call"]["error"] == "ConnectError: the app did not answer"


def test_app_token_endpoint_mints_for_the_selected_tenant_and_user(host, host_state):
    # given: the choice made on an earlier page
    host.get(f"/host/?tenant={TENANT_B}&user={USER_B}")

    # when
    response = host.post("/host/api/app-token", json={})

    # then
    assert response.headers["Cache-Control"] == "no-store"
    principal = host_state.identity_introspect(response.get_json()["accessToken"])
    assert principal is not None
    assert principal.kind == PrincipalKind.APP_TOKEN
    assert (principal.tenant_id, principal.user_id) == (TENANT_B, USER_B)
    assert principal.app_id == host_state.config.clients[0].app_id


def test_session_token_endpoint_mints_a_legacy_token(host, host_state):
    response = host.post("/host/api/session-token", json={"tenantId": TENANT_B})

    payload = host_state.identity.legacy_keys.verify(token=response.get_json()["sessionToken"])
    assert payload is not None
    assert payload["tenantId"] == TENANT_B


def test_cross_site_posts_are_refused(host, host_state, app_server):
    response = host.post(
        f"/host/uninstall?tenant={TENANT_A}", headers={"Sec-Fetch-Site": "cross-site"}
    )

    assert response.status_code == 403
    assert host_state.tenant_installed(TENANT_A)
    assert app_server.received(method="POST", path="/lifecycle/disconnect") == []
