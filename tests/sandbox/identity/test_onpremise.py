import uuid

import pytest

from jtlapp.sandbox.identity import PrincipalKind
from jtlapp.sandbox.identity.registration import (
    RegistrationAnsweredError,
    RegistrationNotFoundError,
)
from tests.sandbox.identity.conftest import TENANT_A

BASE = "/api/eazybusiness"
CHALLENGE = {"x-challengecode": "my-challenge-1"}


def _body(**overrides):
    body = {
        "AppId": "acme/faq-sync/v1",
        "DisplayName": "FAQ Sync",
        "Description": "Syncs FAQs",
        "Version": "1.0.0",
        "ProviderName": "ACME",
        "ProviderWebsite": "https://acme.test",
        "MandatoryApiScopes": ["all.read"],
        "OptionalApiScopes": ["item.createitem"],
        "AppIcon": "iVBORw0KGgo=",
    }
    return {**body, **overrides}


def _with_version(path, headers):
    """Every OnPremise request names its API version, the path's generation (erp-api.md §2.2)."""
    return {"api-version": "2.0" if "/v2/" in path else "1.0", **headers}


def _register(http, *, path=f"{BASE}/v1/authentication", body=None, headers=CHALLENGE):
    body = _body() if body is None else body
    return http.post(path, json=body, headers=_with_version(path, headers))


def _poll(http, registration_id, *, version="v1", headers=CHALLENGE):
    path = f"{BASE}/{version}/authentication/{registration_id}"
    return http.get(path, headers=_with_version(path, headers))


def test_registration_is_refused_while_closed(http):
    response = _register(http)

    assert response.status_code == 403
    assert response.get_json() == {
        "ErrorCode": "FORBIDDEN",
        "ValidationErrors": {},
        "ErrorMessage": "There was no application service available to receive and handle "
        "the registration request",
    }


def test_accepted_registration_hands_out_key_once(http, registry):
    # given
    registry.registration_open()
    created = _register(http)
    registration_id = created.get_json()["RegistrationRequestId"]
    pending = _poll(http, registration_id)

    # when
    api_key = registry.registration_decide(registration_id=registration_id, approve=True)
    accepted = _poll(http, registration_id)
    again = _poll(http, registration_id)

    # then
    assert created.status_code == 201
    assert created.get_json() == {
        "AppId": "acme/faq-sync/v1",
        "RegistrationRequestId": registration_id,
        "Status": 0,
    }
    assert pending.get_json() == {
        "RequestStatusInfo": created.get_json(),
        "Token": None,
        "GrantedScopes": [],
    }
    assert accepted.status_code == 200
    assert accepted.get_json() == {
        "RequestStatusInfo": {**created.get_json(), "Status": 2},
        "Token": {"ApiKey": api_key},
        "GrantedScopes": ["all.read", "item.createitem"],
    }
    assert again.status_code == 410
    principal = registry.onpremise_principal(api_key=api_key)
    assert principal.kind is PrincipalKind.ONPREMISE
    assert (principal.app_id, principal.tenant_id) == ("acme/faq-sync/v1", TENANT_A)
    assert principal.scopes == frozenset({"all.read", "item.createitem"})
    assert registry.principal(api_key="wrong") is None


def test_v2_speaks_camel_case(http, registry):
    registry.registration_open()
    camel_body = {key[0].lower() + key[1:]: value for key, value in _body().items()}

    created = _register(http, path=f"{BASE}/v2/authentication", body=camel_body)
    registration_id = created.get_json()["registrationRequestId"]
    registry.registration_decide(
        registration_id=registration_id, approve=True, granted_scopes=["all.read"]
    )
    polled = _poll(http, registration_id, version="v2")

    assert created.get_json()["status"] == 0
    assert polled.get_json()["requestStatusInfo"]["status"] == 2
    assert set(polled.get_json()["token"]) == {"apiKey"}
    assert polled.get_json()["grantedScopes"] == ["all.read"]


def test_unversioned_path_registers(http, registry):
    registry.registration_open()

    response = _register(http, path=f"{BASE}/authentication")

    assert response.status_code == 201


def test_second_registration_of_accepted_app_conflicts(http, registry):
    registry.registration_open()
    first_id = _register(http).get_json()["RegistrationRequestId"]
    registry.registration_decide(registration_id=first_id, approve=True)

    response = _register(http)

    assert response.status_code == 409
    assert response.get_json()["ErrorMessage"] == (
        "An application with the specified unique id is already registered."
    )


def test_rejected_registration_reports_status_1_then_gone(http, registry):
    # given
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]

    # when
    assert registry.registration_decide(registration_id=registration_id, approve=False) is None
    rejected = _poll(http, registration_id)
    again = _poll(http, registration_id)

    # then
    assert rejected.get_json()["RequestStatusInfo"]["Status"] == 1
    assert rejected.get_json()["Token"] is None
    assert again.status_code == 410


def test_challenge_code_is_required_bounded_and_bound(http, registry):
    registry.registration_open()

    missing = _register(http, headers={})
    too_long = _register(http, headers={"x-challengecode": "x" * 31})
    registration_id = _register(http).get_json()["RegistrationRequestId"]
    other_code = _poll(http, registration_id, headers={"x-challengecode": "other"})
    unknown = _poll(http, "NOPE")

    assert (missing.status_code, too_long.status_code) == (400, 400)
    assert missing.get_json()["ValidationErrors"] == {
        "x-challengecode": "Required, at most 30 characters."
    }
    assert (other_code.status_code, unknown.status_code) == (404, 404)


def test_invalid_body_lists_missing_fields(http, registry):
    registry.registration_open()

    response = _register(http, body={"AppId": "a", "MandatoryApiScopes": "all.read"})

    assert response.status_code == 400
    assert sorted(response.get_json()["ValidationErrors"]) == [
        "Description",
        "DisplayName",
        "MandatoryApiScopes",
        "ProviderName",
        "ProviderWebsite",
        "Version",
    ]


def test_decide_refuses_unknown_and_decided_registrations(http, registry):
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]
    registry.registration_decide(registration_id=registration_id, approve=False)

    with pytest.raises(RegistrationNotFoundError):
        registry.registration_decide(registration_id="nope", approve=True)
    with pytest.raises(RegistrationAnsweredError):
        registry.registration_decide(registration_id=registration_id, approve=True)


def test_closing_stops_new_registrations(http, registry):
    registry.registration_open()
    registry.registration_close()

    assert _register(http).status_code == 403
    assert registry.is_open is False


def test_registration_repr_hides_key_and_challenge(http, registry):
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]
    api_key = registry.registration_decide(registration_id=registration_id, approve=True)

    (registration,) = registry.registration_list()

    assert api_key not in repr(registration)
    assert "my-challenge-1" not in repr(registration)
    assert "iVBORw0KGgo=" not in repr(registration)


def test_onpremise_counters(http, state, registry):
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]
    _poll(http, registration_id)

    assert state.counters_snapshot() == {"onpremise_register": 1, "onpremise_poll": 1}


def test_api_version_is_required_and_must_name_the_paths_generation(http, registry):
    registry.registration_open()
    path = f"{BASE}/v2/authentication"

    missing = http.post(path, json=_body(), headers=CHALLENGE)
    wrong = http.post(path, json=_body(), headers={**CHALLENGE, "api-version": "1.0"})

    assert (missing.status_code, wrong.status_code) == (400, 400)
    assert "api-version" in missing.get_json()["validationErrors"]
    assert "unsupported api version" in wrong.get_json()["errorMessage"]


def test_scopes_no_description_names_are_refused(http, registry):
    registry.registration_open()
    body = {**_body(), "MandatoryApiScopes": ["customers.read", "everything.write"]}

    response = _register(http, body=body)

    assert response.status_code == 400
    assert response.get_json()["ValidationErrors"] == {
        "MandatoryApiScopes": "Unknown scopes: everything.write"
    }


def test_keys_are_upper_case_guids_as_documented(http, registry):
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]

    api_key = registry.registration_decide(registration_id=registration_id, approve=True)

    assert api_key is not None
    assert str(uuid.UUID(api_key)).upper() == api_key


def test_the_multi_instance_post_answers_the_status(http, registry):
    registry.registration_open()
    registration_id = _register(http).get_json()["RegistrationRequestId"]
    path = f"{BASE}/v1/authentication/{registration_id}"

    response = http.post(path, headers=_with_version(path, CHALLENGE))

    assert response.status_code == 200
    assert response.get_json()["RegistrationRequestId"] == registration_id
