"""Stable ids for seeded entities: int keys for v1, JTL-shaped UUIDs for v2 and GraphQL.

JTL's v2 UUIDs end in the little-endian legacy int key (``…1d9d01000000`` is key 1, see
``jtl/erp-api.md`` §2.3). We keep that shape: a per-tenant, per-kind 12-byte prefix followed
by the 4-byte little-endian key, so a UUID decodes to its key without a lookup table and a
customer UUID never resolves as an order.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

KEY_BYTES = 4


@lru_cache(maxsize=256)
def _prefix(tenant_id: str, kind: str) -> str:
    digest = hashlib.sha256(f"jtl-sandbox:{tenant_id}:{kind}".encode()).hexdigest()
    return digest[:24]


def erp_uuid(*, tenant_id: str, kind: str, key: int) -> str:
    """Return the v2 UUID of entity ``kind`` with int ``key`` in ``tenant_id``."""
    raw = _prefix(tenant_id, kind) + key.to_bytes(KEY_BYTES, "little").hex()
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def erp_uuid_key(*, tenant_id: str, kind: str, value: str) -> int | None:
    """Return the int key inside ``value``, or None if it is no UUID of this tenant and kind."""
    raw = value.replace("-", "").lower()
    if len(raw) != 32 or not raw.startswith(_prefix(tenant_id, kind)):
        return None
    try:
        return int.from_bytes(bytes.fromhex(raw[24:]), "little")
    except ValueError:
        return None


def erp_uuid_sort_key(value: str) -> int:
    """Return the trailing little-endian key of any JTL-shaped UUID (for ``{id: {kX: ASC}}``)."""
    raw = value.replace("-", "")
    try:
        return int.from_bytes(bytes.fromhex(raw[-2 * KEY_BYTES :]), "little")
    except ValueError:
        return 0
