"""The descriptions in ``jtlapp/reference`` are JTL's, unchanged: byte-identical to shared/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OURS = REPO / "jtlapp" / "reference"
SHARED = REPO.parent / "shared" / "reference"
FILES = (
    "jtl-wawi-api-cloud-1.0.openapi.json",
    "jtl-wawi-api-cloud-2.0.openapi.json",
    "jtl-erp-graphql-2.0.graphql",
)
SHA256 = {
    "jtl-wawi-api-cloud-1.0.openapi.json": (
        "c44ce89b2638899a4e0d85a69fa6b7dbb14368fc7b0aa4e61a963946c3054d09"
    ),
    "jtl-erp-graphql-2.0.graphql": (
        "fa23e1fb6606fff80dddf4c92c0baa0b1fe6228f8c994147135111a70238a8e5"
    ),
}


@pytest.mark.parametrize("name", FILES)
def test_reference_file_is_the_shared_copy(name):
    if not (SHARED / name).exists():
        pytest.skip("shared/reference is not beside this checkout")
    assert (OURS / name).read_bytes() == (SHARED / name).read_bytes()


@pytest.mark.parametrize("name", sorted(SHA256))
def test_reference_file_has_the_recorded_checksum(name):
    assert hashlib.sha256((OURS / name).read_bytes()).hexdigest() == SHA256[name]
