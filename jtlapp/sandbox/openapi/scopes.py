"""Which token scopes let a call reach a documented operation.

2.0 names the v2 scope of each operation in ``security[].Wawi`` (any one suffices). 1.0 names
the per-operation Wawi permission (``item.queryitems``, umbrella ``all.read``); a Cloud token
carries v2 scopes, so the v2 scope of the same resource is accepted as well: the store
route's scope where one exists, else derived as ``<resource plural>.<read|write|print>``
(platform.md §8, erp-api.md §9).
"""

from __future__ import annotations

from functools import lru_cache

from jtlapp.sandbox.erp.rest import ErpRestOperation
from jtlapp.sandbox.openapi.spec import Operation, spec_operations

RESOURCE_V2 = {
    "accountingdata": "accountings",
    "company": "system.config",
    "customercategory": "customers",
    "customergroup": "customers",
    "paymentmethod": "salesorders",
    "saleschannel": "salesorders",
    "shippingmethod": "deliveries",
    "stock": "inventories",
    "warehouse": "inventories",
    "taxclass": "taxes",
}


def _plural(resource: str) -> str:
    if resource in RESOURCE_V2:
        return RESOURCE_V2[resource]
    if resource.endswith("s"):
        return resource
    return resource[:-1] + "ies" if resource.endswith("y") else resource + "s"


def _derived(operation: Operation) -> set[str]:
    derived: set[str] = set()
    for scope in operation.scopes:
        resource, _, action = scope.partition(".")
        if scope == "all.read" or not action:
            continue
        text = f"{operation.path} {scope}".lower()
        permission = "print" if "pdf" in text or "print" in text else "write"
        if operation.method == "GET":
            permission = "read"
        derived.add(f"{_plural(resource)}.{permission}")
    return derived


def operation_scopes(operation: Operation, store: ErpRestOperation | None) -> frozenset[str]:
    """Empty: the operation needs no scope (``info``, registration)."""
    scopes = set(operation.scopes)
    if not scopes:
        return frozenset()
    if operation.generation == "1.0":
        scopes |= _derived(operation)
        if store is not None and store.scope is not None:
            scopes.add(store.scope)
    if "customers.read" in scopes:
        scopes.add("cusomters.read")  # JTL's own misspelt twin (erp-api.md §10.1)
    return frozenset(scopes)


EXTRA_SCOPES = frozenset({"cusomters.read", "all.read", "application.runas"})
"""Named outside ``security``: JTL's misspelt twin (erp-api.md §10.1), the 1.0 umbrella read
and the x-runas permission ("Requires scope 'Application.RunAs'", both descriptions)."""


@lru_cache(maxsize=1)
def documented_scopes() -> frozenset[str]:
    """Every scope a registration may ask for, lower-cased.

    Unknown ones are refused (erp-api.md §9, "unknown values are rejected at registration").
    """
    known: set[str] = set(EXTRA_SCOPES)
    for generation in ("1.0", "2.0"):
        for operation in spec_operations(generation):
            known |= {scope.lower() for scope in operation.scopes}
            known |= _derived(operation) if generation == "1.0" else set()
    return frozenset(known)
