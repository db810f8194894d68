"""The key cache against the live sandbox (security.md §8 B, cases 19–27, current generation)."""

from __future__ import annotations

import json
import logging
import secrets
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from joserfc.jwk import ECKey, OctKey, OKPKey, RSAKey

from jtlapp.auth import keys as keys_module
from jtlapp.auth import keys_fetch
from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.keys import (
    KEYS_FETCH_BUDGET,
    KEYS_MAX_AGE_SECONDS,
    keys_cache_clear,
    signing_key_get,
)
from jtlapp.auth.keys_fetch import MAX_KEYS, KeysFetchError, jwks_vet, keys_import
from jtlapp.auth.verify import app_token_verify
from tests.auth.conftest import TENANT_ID, segments, unsigned

pytestmark = pytest.mark.usefixtures("keys_cold")


def _fetches(platform) -> tuple[int, int]:
    counters = platform.counters()
    return counters.get("discovery", 0), counters.get("keys", 0)


def _reason(token: str) -> str:
    with pytest.raises(TokenInvalidError) as raised:
        app_token_verify(token=token)
    return raised.value.reason


def test_case_19_cold_cache_fetches_discovery_and_keys_once(platform):
    # when
    for _ in range(5):
        app_token_verify(token=platform.app_token())

    # then
    assert _fetches(platform) == (1, 1)


def test_case_19_keys_are_shared_through_redis(platform):
    # given: one process fetched; this one has forgotten its own copy
    app_token_verify(token=platform.app_token())
    keys_module._local.clear()
    keys_module._attempts.clear()
    keys_fetch._discovered_jwks_uri.clear()

    # when
    claims = app_token_verify(token=platform.app_token())

    # then
    assert claims.tenant_id == TENANT_ID
    assert _fetches(platform) == (1, 1)


def test_case_20_random_kids_cost_only_the_fetch_budget(platform, keys_clock, settings):
    # given: a warm cache, and the window of that first fetch over
    app_token_verify(token=platform.app_token())
    keys_clock[0] += settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS + 1
    header, payload = segments(platform.app_token())
    tokens = [unsigned({**header, "kid": secrets.token_hex(8)}, payload) for _ in range(500)]

    # when
    with ThreadPoolExecutor(max_workers=16) as pool:
        reasons = list(pool.map(_reason, tokens))

    # then
    assert set(reasons) == {"unknown_kid"}
    discovery, keys = _fetches(platform)
    assert discovery == 1
    assert 2 <= keys <= 1 + KEYS_FETCH_BUDGET


def test_case_20_fetch_budget_is_cluster_wide(platform, keys_clock, settings):
    # given: other processes used up this window's budget (their attempts are in Redis)
    app_token_verify(token=platform.app_token())
    keys_clock[0] += settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS + 1
    header, payload = segments(platform.app_token())
    for kid in range(KEYS_FETCH_BUDGET):
        assert _reason(unsigned({**header, "kid": str(kid)}, payload)) == "unknown_kid"
        keys_module._attempts.clear()

    # when
    reason = _reason(unsigned({**header, "kid": "another"}, payload))

    # then
    assert reason == "unknown_kid"
    assert _fetches(platform) == (1, 1 + KEYS_FETCH_BUDGET)


def test_case_21_rotated_key_works_on_its_first_request(platform):
    # given: warm cache, then JTL rotates
    old_token = platform.app_token()
    app_token_verify(token=old_token)
    platform.control("keys/rotate")
    new_token = platform.app_token()

    # when / then: the new kid is fetched at once, exactly once
    assert app_token_verify(token=new_token).tenant_id == TENANT_ID
    assert app_token_verify(token=platform.app_token()).tenant_id == TENANT_ID
    assert app_token_verify(token=old_token).tenant_id == TENANT_ID
    assert _fetches(platform) == (1, 2)


def test_case_21_a_process_sees_keys_another_process_fetched(platform):
    # given: this process holds the old set and has just had a fetch attempt of its own
    app_token_verify(token=platform.app_token())
    old_set = dict(keys_module._local)
    platform.control("keys/rotate")
    new_token = platform.app_token()
    # another process fetches the rotated set (it lands in Redis)
    assert app_token_verify(token=new_token).tenant_id == TENANT_ID
    keys_module._local.clear()
    keys_module._local.update(old_set)
    keys_module._attempts["current"] = [keys_module.now()] * KEYS_FETCH_BUDGET

    # when
    claims = app_token_verify(token=new_token)

    # then: taken from Redis, no fetch of its own
    assert claims.tenant_id == TENANT_ID
    assert _fetches(platform) == (1, 2)


def test_case_21_rotation_during_a_random_kid_flood_still_works_next_window(
    platform, keys_clock, settings
):
    app_token_verify(token=platform.app_token())
    header, payload = segments(platform.app_token())
    for _ in range(KEYS_FETCH_BUDGET + 2):
        _reason(unsigned({**header, "kid": secrets.token_hex(8)}, payload))
    platform.control("keys/rotate")
    new_token = platform.app_token()
    assert _reason(new_token) == "unknown_kid"  # budget used up by the flood

    keys_clock[0] += settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS + 1

    assert app_token_verify(token=new_token).tenant_id == TENANT_ID


def test_case_22_removed_key_stops_working_after_max_age(platform, keys_clock):
    # given: a token by the old key, accepted; then JTL rotates and unpublishes it
    old_token = platform.app_token()
    app_token_verify(token=old_token)
    platform.control("keys/rotate")
    platform.control("keys/retire")

    # when / then: still cached just before max age, refused right after it
    keys_clock[0] += KEYS_MAX_AGE_SECONDS - 1
    assert app_token_verify(token=old_token).tenant_id == TENANT_ID
    keys_clock[0] += 2
    assert _reason(old_token) == "unknown_kid"
    assert _fetches(platform) == (1, 3)  # the refresh at max age, then one for the unknown kid


@pytest.mark.parametrize("fault", [{"status": 500}, {"status": 502, "html": True}])
def test_case_23_stale_keys_serve_while_the_endpoint_fails(platform, keys_clock, caplog, fault):
    # given: warm cache, then aged past max age while the key endpoint fails
    token = platform.app_token()
    app_token_verify(token=token)
    platform.control("faults", {"area": "keys", **fault})
    keys_clock[0] += KEYS_MAX_AGE_SECONDS + 1

    # when
    with caplog.at_level(logging.WARNING, logger="jtlapp.auth.keys"):
        results = [app_token_verify(token=token).tenant_id for _ in range(10)]

    # then: one attempt per cooldown, one warning, every call served
    assert results == [TENANT_ID] * 10
    assert _fetches(platform) == (1, 2)
    warnings = [
        record.getMessage()
        for record in caplog.records
        if record.name == "jtlapp.auth.keys" and record.levelno >= logging.WARNING
    ]
    assert warnings == [f"fetching current keys failed: jwks_http_{fault['status']}"]


def test_case_23_refresh_succeeds_once_the_endpoint_is_back(platform, keys_clock, settings):
    token = platform.app_token()
    app_token_verify(token=token)
    platform.control("faults", {"area": "keys", "status": 503})
    keys_clock[0] += KEYS_MAX_AGE_SECONDS + 1
    app_token_verify(token=token)
    platform.control("faults", {"area": "keys", "status": None})
    keys_clock[0] += settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS + 1

    app_token_verify(token=token)
    app_token_verify(token=token)

    assert _fetches(platform) == (1, 3)


def test_case_24_cold_start_with_endpoint_down_is_keys_unavailable(platform, settings):
    # given
    platform.control("faults", {"area": "keys", "status": 503})
    token = platform.app_token()

    # when
    errors = []
    for _ in range(5):
        with pytest.raises(KeysUnavailableError) as raised:
            app_token_verify(token=token)
        errors.append(raised.value)

    # then: one attempt (discovery failed), then fail fast during the cooldown
    assert [error.http_status for error in errors] == [503] * 5
    assert errors[0].reason == "discovery_http_503"
    assert {error.reason for error in errors[1:]} == {"cooldown"}
    assert errors[0].retry_after_seconds == settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS
    assert _fetches(platform) == (1, 0)


def test_case_24_recovers_after_the_cooldown(platform, keys_clock, settings):
    platform.control("faults", {"area": "keys", "status": 503, "count": 1})
    token = platform.app_token()
    with pytest.raises(KeysUnavailableError):
        app_token_verify(token=token)
    keys_clock[0] += settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS + 1

    assert app_token_verify(token=token).tenant_id == TENANT_ID
    assert _fetches(platform) == (2, 1)


def test_case_25_only_rs256_signing_keys_survive_vetting():
    # given
    rsa = RSAKey.generate_key(2048, parameters={"kid": "rsa", "use": "sig", "alg": "RS256"})
    private = rsa.as_dict(private=True)
    document = {
        "keys": [
            private,
            {**rsa.as_dict(), "kid": "rsa"},
            {**rsa.as_dict(), "kid": "enc", "use": "enc"},
            {**rsa.as_dict(), "kid": "rs512", "alg": "RS512"},
            {**rsa.as_dict(), "kid": "ops", "key_ops": ["encrypt"]},
            {**rsa.as_dict(), "kid": 7},
            {**rsa.as_dict(), "kid": "x" * 129},
            {**ECKey.generate_key("P-256").as_dict(), "kid": "ec"},
            {**OctKey.generate_key(256).as_dict(private=True), "kid": "oct"},
            {**OKPKey.generate_key("Ed25519").as_dict(), "kid": "okp"},
            "not a key",
        ]
    }

    # when
    vetted = jwks_vet(document=document, generation="current")

    # then
    assert [jwk["kid"] for jwk in vetted] == ["rsa"]
    assert set(vetted[0]) == {"kty", "kid", "use", "alg", "n", "e"}
    assert list(keys_import(jwks=vetted, generation="current")) == ["rsa"]


def test_case_25_only_ed25519_survives_for_legacy():
    ed = OKPKey.generate_key("Ed25519", parameters={"kid": "ed"}).as_dict()
    x25519 = {**OKPKey.generate_key("X25519").as_dict(), "kid": "x"}
    rsa = {**RSAKey.generate_key(2048).as_dict(), "kid": "rsa"}

    vetted = jwks_vet(document={"keys": [x25519, rsa, ed]}, generation="legacy")

    assert [jwk["kid"] for jwk in vetted] == ["ed"]
    assert set(vetted[0]) == {"kty", "kid", "crv", "x"}


@pytest.mark.filterwarnings("ignore:Key size should be >= 2048 bits")
def test_case_25_key_count_is_capped_and_weak_rsa_dropped():
    keys = [
        {**OKPKey.generate_key("Ed25519").as_dict(), "kid": str(index)}
        for index in range(MAX_KEYS + 10)
    ]
    weak = {**RSAKey.generate_key(1024, private=False).as_dict(), "kid": "weak"}

    assert len(jwks_vet(document={"keys": keys}, generation="legacy")) == MAX_KEYS
    assert keys_import(jwks=[weak], generation="current") == {}


@pytest.mark.parametrize("document", [None, [], {"keys": "x"}, {"keys": []}, {"keys": [{}]}])
def test_case_25_unusable_documents_are_fetch_errors(document):
    with pytest.raises(KeysFetchError):
        jwks_vet(document=document, generation="current")


def test_case_26_fetch_timeout_is_enforced(platform, settings):
    # given: discovery answers only after 3 s; our bound is 0.5 s
    settings.JTL_OUTBOUND_TIMEOUT_SECONDS = 0.5
    platform.control("faults", {"area": "keys", "latencyMs": 3000, "count": 1})
    token = platform.app_token()

    # when
    started = time.monotonic()
    with pytest.raises(KeysUnavailableError) as raised:
        app_token_verify(token=token)

    # then
    assert raised.value.reason == "unreachable"
    assert time.monotonic() - started < 1.5


def test_case_27_concurrent_cold_start_fetches_once(platform):
    # given
    tokens = [platform.app_token() for _ in range(100)]

    # when
    with ThreadPoolExecutor(max_workers=50) as pool:
        tenants = list(pool.map(lambda token: app_token_verify(token=token).tenant_id, tokens))

    # then
    assert tenants == [TENANT_ID] * 100
    assert _fetches(platform) == (1, 1)


def test_signing_key_get_without_kid_needs_an_unambiguous_set(platform):
    app_token_verify(token=platform.app_token())
    assert isinstance(signing_key_get(generation="current", kid=None), RSAKey)

    platform.control("keys/rotate")
    keys_cache_clear()
    with pytest.raises(TokenInvalidError):
        signing_key_get(generation="current", kid=None)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (
            {"issuer": "https://id.evil.example", "jwks_uri": "ISSUER/k"},
            "discovery_issuer_mismatch",
        ),
        ({"issuer": "ISSUER", "jwks_uri": "https://evil.example/k"}, "discovery_jwks_uri_foreign"),
        ({"issuer": "ISSUER"}, "discovery_jwks_uri_foreign"),
    ],
)
def test_discovery_must_name_our_issuer_and_keep_keys_on_its_host(settings, document, reason):
    issuer = settings.JTL_ISSUER
    content = json.dumps({k: v.replace("ISSUER", issuer) for k, v in document.items()}).encode()

    with pytest.raises(KeysFetchError) as raised:
        keys_fetch._jwks_uri_from(content=content, issuer=issuer)

    assert raised.value.reason == reason
