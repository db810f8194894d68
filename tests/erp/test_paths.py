"""Path safety of the gateway (security.md cases 53-62), as a function and as a property."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jtlapp.erp.paths import ErpPathError, erp_path_validate
from jtlapp.gateway.erp.client import erp_url

BASE = "https://api.jtl-cloud.com/erp"


def validate(raw: str) -> str:
    """What the gateway does with a path as a server hands it over: raw and decoded once."""
    return erp_path_validate(raw_path=raw, decoded_path=unquote(raw))


@pytest.mark.parametrize(
    "raw",
    [
        # 53
        "../account/.well-known/jwks.json",
        "..%2faccount",
        "%2e%2e/account",
        "%2E%2E%2F",
        ".%2e/x",
        "%2e./x",
        # 54
        "%252e%252e%252f",
        "%25252e",
        # 55
        "..\\",
        "v2%5citems",
        "%5C..%5C",
        # 56
        "//evil.example/x",
        "https://evil.example/x",
        "http:/evil",
        "@evil.example",
        "v2/x@evil.example",
        "%40evil.example",
        "[::1]",
        # 57
        "v2/items%00",
        "v2/items%0d%0aX-Injected:%201",
        "v2/items\r\nX: 1",
        "v2/items%09",
        # 58
        "items%3Fid=1",
        "items%23frag",
        "items?x=1",
        # 59
        "v2/\uff0e\uff0e/x",
        "%c0%ae%c0%ae/x",
        "v2/items/\u202e1",
        # 60
        "v2//items",
        "v2/./items",
        "v2/items/..",
        "v2/" + "a" * 1100,
        "",
        "v2/items/%zz",
    ],
)
def test_unsafe_paths_are_refused(raw):
    with pytest.raises(ErpPathError) as refused:
        validate(raw)

    assert refused.value.code == "invalid_path"
    assert refused.value.http_status == 400


@pytest.mark.parametrize(
    "raw", ["v2/items/123", "v2/sales-orders/0f8fad5b-d9cb-469f-a165-70867728950e/line-items"]
)
def test_case_62_allowed_paths_pass_unchanged(raw):
    assert validate(raw) == raw
    assert erp_url(base_url=BASE, path=raw, query="search=a%20b") == f"{BASE}/{raw}?search=a%20b"


def test_a_path_decoded_differently_than_sent_is_refused():
    with pytest.raises(ErpPathError, match="decoded inconsistently"):
        erp_path_validate(raw_path="v2/items", decoded_path="v2/customers")


_PIECES = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(
        ["%2e", "%2E", "%2f", "%2F", "%5c", "%25", "%00", "%0a", "%40", "%3a", "%3F", "%23"]
        + ["%c0%ae", "\uff0e", "..", "./", "/", "//", "\\", "@", ":", "v2/", "items"]
    ),
)


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_case_61_every_path_is_refused_or_stays_under_the_erp_prefix(raw):
    try:
        path = validate(raw)
    except ErpPathError:
        return
    url = urlsplit(erp_url(base_url=BASE, path=path, query=""))
    assert (url.scheme, url.netloc) == ("https", "api.jtl-cloud.com")
    assert url.path.startswith("/erp/")
    assert posixpath.normpath(url.path) == url.path
    assert not url.query
    assert not url.fragment
