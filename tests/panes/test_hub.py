"""Hub launcher sign-in through the sandbox IdP: authorization code + PKCE, state, nonce."""

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.conf import settings

from panes.hub import PENDING_KEY, USER_KEY
from tests.conftest import app_url
from tests.panes.conftest import TENANT_A, TENANT_B

ERIKA = "0a1b2c3d-0000-4000-8000-000000000001"
CALLBACK = f"{app_url()}/panes/hub/callback"


@pytest.fixture
def client(client):
    """Our side as the IdP knows it: served on the host the manifest's URIs are rebased to."""
    client.defaults["HTTP_HOST"] = app_url().removeprefix("http://")
    return client


def query_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def sign_in_at_idp(authorize_url, *, tenant_id, action="allow"):
    """What the user does in the IdP's browser tab; returns where the IdP sends the browser."""
    assert httpx.get(authorize_url).status_code == 200
    form = {**query_of(authorize_url), "user_id": ERIKA, "tenant_id": tenant_id, "action": action}
    answer = httpx.post(f"{settings.JTL_ISSUER}/oauth/v2/authorize", data=form)
    assert answer.status_code == 302
    return answer.headers["Location"]


def start(client):
    response = client.get("/panes/hub/login")
    assert response.status_code == 302
    return response["Location"]


def callback(client, location):
    assert location.startswith(f"{CALLBACK}?")
    return client.get(location.removeprefix(app_url()))


@pytest.fixture
def tenant_a_set_up(tokens):
    return tokens


def test_sign_in_uses_pkce_and_shows_the_users_tenants(client, platform, tenant_a_set_up):
    # when
    authorize_url = start(client)
    params = query_of(authorize_url)
    verifier = client.session[PENDING_KEY]["verifier"]
    back = callback(client, sign_in_at_idp(authorize_url, tenant_id=TENANT_A))
    page = client.get("/panes/hub")

    # then
    assert authorize_url.startswith(f"{settings.JTL_ISSUER}/oauth/v2/authorize?")
    assert params["client_id"] == settings.JTL_CLIENT_ID
    assert params["redirect_uri"] == CALLBACK
    assert params["code_challenge_method"] == "S256"
    digest = hashlib.sha256(verifier.encode()).digest()
    assert params["code_challenge"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert "openid" in params["scope"].split()
    assert params["state"]
    assert params["nonce"]
    assert back.status_code == 302
    assert back["Location"] == "/panes/hub"
    html = page.content.decode()
    assert 'data-testid="hub-user-name">Erika Mustermann<' in html
    assert 'data-testid="hub-tenants"' in html
    assert f'data-tenant-id="{TENANT_A}" data-tenant-state="active"' in html
    assert page["X-Frame-Options"] == "DENY"
    assert PENDING_KEY not in client.session


def test_a_tenant_without_setup_is_shown_as_not_set_up(client, platform, db):
    authorize_url = start(client)
    callback(client, sign_in_at_idp(authorize_url, tenant_id=TENANT_B))

    html = client.get("/panes/hub?lang=de").content.decode()

    assert f'data-tenant-id="{TENANT_B}" data-tenant-state="not_set_up"' in html
    assert "Nicht eingerichtet" in html


def test_a_callback_with_a_foreign_state_is_refused_without_token_call(client, platform, db):
    # given
    location = sign_in_at_idp(start(client), tenant_id=TENANT_A)
    code = query_of(location)["code"]
    verifier = client.session[PENDING_KEY]["verifier"]

    # when
    response = client.get(f"/panes/hub/callback?code={code}&state=forged")

    # then
    assert response.status_code == 400
    assert 'data-testid="hub-error"' in response.content.decode()
    assert USER_KEY not in client.session
    assert PENDING_KEY not in client.session
    # codes are single use: the code still redeems, so our callback never sent it
    token = httpx.post(
        f"{settings.JTL_ISSUER}/oauth/v2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK,
              "client_id": settings.JTL_CLIENT_ID, "code_verifier": verifier},
    )  # fmt: skip
    assert token.status_code == 200


def test_a_code_redeemed_without_the_right_verifier_is_refused(client, platform, db):
    # given: the browser session's verifier no longer matches the challenge the IdP saw
    location = sign_in_at_idp(start(client), tenant_id=TENANT_A)
    session = client.session
    session[PENDING_KEY] = {**session[PENDING_KEY], "verifier": "v" * 64}
    session.save()

    # when
    response = callback(client, location)

    # then
    assert response.status_code == 400
    assert "invalid_grant" in response.content.decode()
    assert USER_KEY not in client.session


def test_a_replayed_callback_is_refused(client, platform, db):
    location = sign_in_at_idp(start(client), tenant_id=TENANT_A)
    assert callback(client, location).status_code == 302

    replay = callback(client, location)

    assert replay.status_code == 400


def test_a_denied_sign_in_shows_a_plain_message(client, platform, db):
    location = sign_in_at_idp(start(client), tenant_id=TENANT_A, action="deny")

    response = callback(client, location)

    assert response.status_code == 400
    assert "access_denied" in response.content.decode()


def test_sign_out_forgets_the_user_and_ends_the_idp_session(client, platform, db):
    # given
    callback(client, sign_in_at_idp(start(client), tenant_id=TENANT_A))

    # when
    response = client.post("/panes/hub/logout")

    # then
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith(f"{settings.JTL_ISSUER}/oidc/v1/end_session?")
    assert query_of(target)["post_logout_redirect_uri"] == f"{app_url()}/panes/hub"
    assert 'data-testid="hub-signin"' in client.get("/panes/hub").content.decode()


def test_sign_out_needs_a_post_with_csrf_token(platform, db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, HTTP_HOST=app_url().removeprefix("http://"))

    assert strict.get("/panes/hub/logout").status_code == 405
    assert strict.post("/panes/hub/logout").status_code == 403
