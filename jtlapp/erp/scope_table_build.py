"""Derive ``scope_table.json`` (ERP operation -> required scope) from JTL's official OpenAPI.

Run ``python -m jtlapp.erp.scope_table_build`` after the description in
``jtlapp/reference/`` (a copy of ``shared/reference/``) changes; a test fails when the
committed table and a fresh derivation differ.

How: every operation of the Cloud 1.0 description names its Wawi permission
(``security[].Wawi: ["item.queryitems", "all.read"]``). Its resource (``item``) maps to the
resource of the v2 scope (``items``) and the method to the permission: ``read`` for GET,
``write`` otherwise, ``print`` for PDF and print endpoints (platform.md §8). Each operation is
reachable as ``erp/<path>`` (1.0), ``erp/v1/<path>`` and ``erp/v2/<path>``, the latter also
in the kebab-case spelling of Cloud 2.0 (``sales-orders/{id}/line-items``). GraphQL root
fields are named after the 1.0 operations (``QueryItems``, ``GetItemById``) and get the read
scope of their resource.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent / "reference" / "jtl-wawi-api-cloud-1.0.openapi.json"
GRAPHQL_SCHEMA = HERE.parent / "sandbox" / "erp" / "schema.graphql"
TABLE = HERE / "scope_table.json"

RESOURCE_V2 = {
    "accountingdata": "accountings",
    "company": "system.config",
    "customercategory": "customers",
    "customergroup": "customers",
    "paymentmethod": "salesorders",
    "saleschannel": "salesorders",
    "shippingmethod": "deliveries",
    "stock": "inventories",
    "stockitem": "inventories",
    "taxclass": "taxes",
    "warehouse": "inventories",
}
"""1.0 resources whose v2 scope is not simply the plural (the rest: ``item`` -> ``items``).

Seen in JTL's published scopes and the 2.0 description (platform.md §8): ``accountings``,
``system.config``, ``inventories`` for stock and warehouses, ``deliveries`` for shipping; lookups
belong to the resource that uses them. Anything not listed here is inferred [I]."""
_KEBAB = {"lineitems": "line-items"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _v2_resource(resource: str) -> str:
    if resource in RESOURCE_V2:
        return RESOURCE_V2[resource]
    if resource.endswith("ss"):
        return resource + "es"
    if resource.endswith("s"):
        return resource
    return resource[:-1] + "ies" if resource.endswith("y") else resource + "s"


def _permission(*, method: str, path: str, wawi: str) -> str:
    text = f"{path} {wawi}".lower()
    if "pdf" in text or "print" in text:
        return "print"
    return "read" if method == "GET" else "write"


def _template(path: str) -> str:
    """``/salesOrders/{salesOrderId}`` -> ``salesOrders/{}``; rows are lower-cased later."""
    return "/".join("{}" if s.startswith("{") else s for s in path.strip("/").split("/"))


def _kebab(template: str) -> str:
    segments = template.split("/")
    return "/".join(_KEBAB.get(s, _CAMEL.sub("-", s)) for s in segments)


def _wawi_scope(operation: dict[str, Any]) -> str | None:
    scopes = {
        scope
        for requirement in operation.get("security", [])
        for scope in requirement.get("Wawi", [])
        if scope != "all.read"
    }
    # An operation naming a sub-permission (deliverynote.package) names its own one too.
    own = sorted(s for s in scopes if s.count(".") == 1)
    return own[-1] if own else None


def rest_table(spec: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            method_upper = method.upper()
            wawi = _wawi_scope(operation)
            scope = None
            if wawi is not None:
                resource = _v2_resource(wawi.split(".")[0])
                scope = f"{resource}.{_permission(method=method_upper, path=path, wawi=wawi)}"
            template = _template(path)
            paths = {template, f"v1/{template}", f"v2/{template}", f"v2/{_kebab(template)}"}
            rows.extend(
                {"method": method_upper, "path": p.lower(), "scope": scope, "wawiScope": wawi}
                for p in paths
            )
    return sorted(rows, key=lambda row: (row["path"], row["method"]))


def graphql_table(schema_text: str) -> dict[str, str]:
    """Root query fields -> read scope of their resource (``QuerySalesOrders`` -> salesorders)."""
    body = schema_text.split("type Query {", 1)[1].split("}", 1)[0]
    fields = re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[(:]", body, re.MULTILINE)
    table = {}
    for field in fields:
        name = re.sub(r"^(Query|Get)", "", field)
        name = re.sub(r"ById$", "", name).lower()
        resource = re.sub(r"ies$", "y", name) if name not in RESOURCE_V2 else name
        resource = resource.removesuffix("s") if not resource.endswith("ss") else resource
        table[field] = f"{_v2_resource(resource)}.read"
    return dict(sorted(table.items()))


def scope_table_derive() -> dict[str, Any]:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    return {
        "source": f"{spec['info']['title']} {spec['info']['version']}",
        "rest": rest_table(spec),
        "graphql": graphql_table(GRAPHQL_SCHEMA.read_text(encoding="utf-8")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=TABLE)
    output: Path = parser.parse_args(argv).output
    output.write_text(json.dumps(scope_table_derive(), indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
