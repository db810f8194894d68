import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from jtlapp.sandbox.identity import PrincipalKind
from jtlapp.sandbox.identity.minting import install_subject
from jtlapp.sandbox.identity.tokens import (
    AppTokenRequest,
    app_token_mint,
    session_token_mint,
    token_introspect,
)
from tests.sandbox.identity.conftest import ISSUER, TENANT_A, TENANT_B, USER_A

NOW = 1795435200  # the Clock fixture's 2026-11-23T12:00:00Z


def _claims(state, token: str) -> dict[str, Any]:
    return dict(
        jwt.decode(token, KeySet.import_key_set(state.keys.jwks()), algorithms=["RS256"]).claims
    )


def _segment(token: str, index: int) -> dict[str, Any]:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_service_token_claims(state, service_client):
    issued = state.tokens.mint_service_token(client=service_client)

    claims = _claims(state, issued.access_token)
    assert {k: v for k, v in claims.items() if k != "jti"} == {
        "iss": ISSUER,
        "sub": "app-111",
        "aud": ["111"],
        "exp": NOW + 3600,
        "iat": NOW,
        "nbf": NOW,
        "client_id": "app-111",
        "urn:jtl:app_id": "111",
        "scope": "openid items.read customers.read",
    }
    assert len(claims["jti"]) == 32
    assert issued.expires_in == 3600


def test_service_token_introspects_as_app_wide_principal(state, service_client):
    issued = state.tokens.mint_service_token(client=service_client)

    principal = token_introspect(state=state, token=issued.access_token)

    assert principal is not None
    assert principal.kind is PrincipalKind.SERVICE_ACCOUNT
    assert principal.client_id == "app-111"
    assert principal.app_id == "111"
    assert principal.tenant_id is None
    assert principal.user_id is None
    assert principal.scopes == frozenset({"openid", "items.read", "customers.read"})
    assert principal.expires_at == datetime.fromtimestamp(NOW + 3600, tz=UTC)
    assert principal.is_tenant_bound is False


def test_app_token_claims_and_principal(state):
    token = state.tokens.mint_app_token(app_id="111", tenant_id=TENANT_A, user_id=USER_A)

    claims = _claims(state, token)
    principal = state.token_introspect(token=token)

    assert claims["aud"] == ["111"]
    assert claims["sub"] == USER_A
    assert claims["urn:jtl:app_id"] == "111"
    assert claims["urn:jtl:tenant_id"] == TENANT_A
    assert claims["scope"] == "items.read customers.read"
    assert claims["exp"] - claims["iat"] == 300
    assert principal is not None
    assert principal.kind is PrincipalKind.APP_TOKEN
    assert (principal.client_id, principal.app_id) == ("app-111", "111")
    assert (principal.tenant_id, principal.user_id) == (TENANT_A, USER_A)
    assert principal.scopes == frozenset({"items.read", "customers.read"})


def test_app_token_expires_on_exp(state, clock):
    # given
    token = state.tokens.mint_app_token(app_id="111", tenant_id=TENANT_A, user_id=USER_A)

    # when
    clock.advance(299)
    still_valid = state.token_introspect(token=token)
    clock.advance(1)

    # then
    assert still_valid is not None
    assert state.token_introspect(token=token) is None


def test_bad_app_tokens_do_not_introspect(state):
    mint = state.tokens.mint_app_token
    bad_tokens = {
        "forged": mint(app_id="111", tenant_id=TENANT_A, user_id=USER_A, forged=True),
        "issuer": mint(
            app_id="111",
            tenant_id=TENANT_A,
            user_id=USER_A,
            claim_overrides={"iss": "https://id.jtl-cloud.com"},
        ),
        "audience": mint(app_id="111", tenant_id=TENANT_A, user_id=USER_A, audience=["999"]),
        "unknown app": mint(app_id="999", tenant_id=TENANT_A, user_id=USER_A),
        "app id mismatch": mint(
            app_id="111",
            tenant_id=TENANT_A,
            user_id=USER_A,
            claim_overrides={"urn:jtl:app_id": "222"},
        ),
        "no exp": mint(app_id="111", tenant_id=TENANT_A, user_id=USER_A, omit_claims=["exp"]),
        "past exp": mint(
            app_id="111",
            tenant_id=TENANT_A,
            user_id=USER_A,
            expires_at=datetime.fromtimestamp(NOW - 1, tz=UTC),
        ),
        "no sub": mint(app_id="111", tenant_id=TENANT_A, user_id=USER_A, omit_claims=["sub"]),
    }

    results = {name: state.token_introspect(token=token) for name, token in bad_tokens.items()}

    assert results == dict.fromkeys(bad_tokens)


def test_app_token_without_optional_app_id_claim_is_accepted(state):
    token = state.tokens.mint_app_token(
        app_id="111", tenant_id=TENANT_A, user_id=USER_A, omit_claims=["urn:jtl:app_id"]
    )

    principal = state.token_introspect(token=token)

    assert principal is not None
    assert principal.app_id == "111"


def test_token_signed_by_retired_key_no_longer_introspects(state, service_client):
    # given
    token = state.tokens.mint_service_token(client=service_client).access_token
    state.keys_rotate()
    assert state.token_introspect(token=token) is not None

    # when
    state.keys_retire()

    # then
    assert state.token_introspect(token=token) is None


def test_id_token_is_not_an_access_token(state, hub_client):
    id_token = state.tokens.mint_id_token(client=hub_client, user_id=USER_A, nonce=None, profile={})

    assert state.token_introspect(token=id_token) is None


def test_garbage_tokens_do_not_introspect(state):
    for token in ("", "abc", "a.b.c", "ory_at_unknown", "x" * 20000):
        assert state.token_introspect(token=token) is None


def test_delegated_token_is_tenant_bound_to_install_identity(state, service_client):
    issued = state.flows.delegated_mint(client=service_client, tenant_id=TENANT_B)

    claims = _claims(state, issued.access_token)
    principal = state.token_introspect(token=issued.access_token)

    assert claims["sub"] == install_subject(app_id="111", tenant_id=TENANT_B)
    assert claims["act"] == {"sub": "app-111"}
    assert principal is not None
    assert principal.kind is PrincipalKind.DELEGATED
    assert (principal.client_id, principal.tenant_id, principal.user_id) == (
        "app-111",
        TENANT_B,
        None,
    )
    assert issued.refresh_token is not None
    assert issued.refresh_token.startswith("jtl_drt_")


def test_delegated_refresh_token_is_single_use(state, service_client):
    # given
    first = state.flows.delegated_mint(client=service_client, tenant_id=TENANT_A)

    # when
    second = state.flows.delegated_refresh(client=service_client, refresh_token=first.refresh_token)
    replay = state.flows.delegated_refresh(client=service_client, refresh_token=first.refresh_token)

    # then
    assert second is not None
    assert second.refresh_token != first.refresh_token
    assert replay is None
    third = state.flows.delegated_refresh(client=service_client, refresh_token=second.refresh_token)
    assert third is not None


def test_delegated_refresh_token_of_another_client_is_rejected(state, service_client, hub_client):
    issued = state.flows.delegated_mint(client=service_client, tenant_id=TENANT_A)

    stolen = state.flows.delegated_refresh(client=hub_client, refresh_token=issued.refresh_token)

    assert stolen is None
    assert (
        state.flows.delegated_refresh(client=service_client, refresh_token=issued.refresh_token)
        is not None
    )


def test_ory_token_introspects_with_manifest_scopes(state, service_client):
    issued = state.flows.ory_mint(client=service_client, scopes=[])

    principal = state.token_introspect(token=issued.access_token)

    assert issued.access_token.startswith("ory_at_")
    assert principal is not None
    assert principal.kind is PrincipalKind.LEGACY_ORY
    assert principal.tenant_id is None
    assert principal.scopes == frozenset({"items.read", "customers.read"})


def test_session_token_shape_matches_jtl_docs(state):
    token = session_token_mint(state=state, tenant_id=TENANT_A, user_id=USER_A)

    kid = state.legacy_keys.current_kid
    assert _segment(token, 0) == {"alg": "EdDSA", "typ": "JWT", "kid": kid}
    assert _segment(token, 1) == {
        "exp": NOW + 300,
        "userId": USER_A,
        "tenantId": TENANT_A,
        "kid": kid,
    }
    assert state.legacy_keys.verify(token=token) == _segment(token, 1)
    assert state.token_introspect(token=token) is None


def test_control_surface_app_token_request(state):
    request = AppTokenRequest.from_json(
        {"scopes": ["items.read"], "expiresIn": 60, "omitClaims": ["nbf"], "claims": {"x": 1}},
        tenant_id=TENANT_B,
        user_id=USER_A,
    )

    token = app_token_mint(state=state, request=request)

    claims = _claims(state, token)
    assert claims["scope"] == "items.read"
    assert claims["exp"] == NOW + 60
    assert claims["x"] == 1
    assert "nbf" not in claims
    assert claims["urn:jtl:tenant_id"] == TENANT_B


def test_control_surface_rejects_malformed_request():
    with pytest.raises(ValueError, match="^expiresIn must be an integer$"):
        AppTokenRequest.from_json({"scopes": "x", "expiresIn": "soon"}, tenant_id="t", user_id="u")


def test_issued_token_repr_hides_secrets(state, service_client):
    issued = state.flows.delegated_mint(client=service_client, tenant_id=TENANT_A)

    text = repr(issued)

    assert issued.access_token not in text
    assert issued.refresh_token not in text
    assert repr(state) == "IdentityState(issuer='http://sandbox.test')"


def test_session_token_knobs_mint_bad_tokens(state):
    forged = session_token_mint(state=state, tenant_id=TENANT_A, user_id=USER_A, forged=True)
    odd_kid = session_token_mint(
        state=state, tenant_id=TENANT_A, user_id=USER_A, header_kid="other"
    )
    no_tenant = session_token_mint(
        state=state, tenant_id=TENANT_A, user_id=USER_A, omit_claims=("tenantId",)
    )

    assert state.legacy_keys.verify(token=forged) is None
    assert _segment(odd_kid, 0)["kid"] == "other"
    assert _segment(odd_kid, 1)["kid"] == state.legacy_keys.current_kid
    assert "tenantId" not in _segment(no_tenant, 1)


def test_ory_token_expires(state, service_client, clock):
    issued = state.flows.ory_mint(client=service_client, scopes=[])

    clock.advance(3600)

    assert state.token_introspect(token=issued.access_token) is None
