"""The class "malformed token": whatever the bytes, the verifier refuses with the documented 401.

A hypothesis search over hostile headers and payloads (any JSON, deep nesting, non-string
``alg``/``kid``/``typ``, wrong segment counts) proves no input escapes as another exception,
which the API would turn into an HTML 500.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.verify import MAX_APP_TOKEN_BYTES, caller_token_verify, session_token_verify
from tests.auth.conftest import b64url, b64url_json, segments, unsigned

pytestmark = pytest.mark.usefixtures("keys_cold")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
hostile_alg = st.one_of(
    json_values, st.sampled_from(["RS256", "EdDSA", "Ed25519", "none", "HS256", "rs256"])
)
headers = st.fixed_dictionaries(
    {"alg": hostile_alg},
    optional={"kid": json_values, "typ": json_values, "jku": json_values, "crit": json_values},
)
payloads = st.dictionaries(
    st.sampled_from(["exp", "iat", "nbf", "aud", "iss", "kid", "tenantId", "urn:jtl:tenant_id"]),
    json_values,
)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _expect_401(token: str) -> None:
    with pytest.raises((TokenInvalidError, KeysUnavailableError)):
        caller_token_verify(token=token)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=headers, payload=payloads, signature=st.binary(max_size=64))
def test_any_header_and_payload_is_refused_as_invalid(header, payload, signature):
    _expect_401(unsigned(header, payload, signature or b"x"))


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=200))
def test_any_text_is_refused_as_invalid(raw):
    _expect_401(raw)


@pytest.mark.parametrize("alg", [["RS256"], {"a": 1}, 256, None, True])
def test_non_string_alg_is_401_not_a_crash(alg):
    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token=unsigned({"alg": alg, "kid": "k"}, {"exp": 1}))
    assert raised.value.reason == "alg_not_allowed"


@pytest.mark.parametrize("where", ["header", "payload"])
def test_deeply_nested_json_is_401_not_a_crash(where):
    nested = '{"alg":"RS256","kid":"k","x":' + "[" * 5000 + "]" * 5000 + "}"
    plain = '{"alg":"RS256","kid":"k"}'
    header, payload = (nested, '{"exp":1}') if where == "header" else (plain, nested)
    token = f"{b64url(header.encode())}.{b64url(payload.encode())}.{b64url(b'x')}"
    assert len(token) < MAX_APP_TOKEN_BYTES
    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token=token)
    assert raised.value.reason == "malformed"


def test_deeply_nested_payload_of_a_real_header_is_401(platform):
    header, _ = segments(platform.app_token())
    deep: Any = "[" * 5000 + "]" * 5000
    token = f"{b64url_json(header)}.{b64url(deep.encode())}.{b64url(b'x')}"
    with pytest.raises(TokenInvalidError):
        caller_token_verify(token=token)


def test_session_token_with_non_string_payload_kid_is_401():
    with pytest.raises(TokenInvalidError):
        session_token_verify(token=unsigned({"alg": "EdDSA"}, {"kid": ["a"], "exp": 1}))


def test_token_cap_is_the_header_limit_not_less():
    from jtlapp.auth.verify import MAX_AUTHORIZATION_HEADER_BYTES
    from jtlapp.web_worker import MAX_HEADER_BLOCK_BYTES

    big = unsigned({"alg": "RS256", "kid": "k"}, {"scope": "x " * 9000})
    assert 16 * 1024 < len(big) < MAX_APP_TOKEN_BYTES
    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token=big)
    assert raised.value.reason != "oversize"
    assert MAX_HEADER_BLOCK_BYTES >= MAX_AUTHORIZATION_HEADER_BYTES
    with pytest.raises(TokenInvalidError) as raised:
        caller_token_verify(token="a" * (MAX_APP_TOKEN_BYTES + 1))
    assert raised.value.reason == "oversize"
