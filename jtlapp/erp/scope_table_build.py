"""Derive ``scope_table.json`` (ERP operation -> required scope) from JTL's descriptions.

Run by ``make generate`` (or ``python -m jtlapp.erp.scope_table_build``) after a file in
``jtlapp/reference/`` changes; a test fails when the committed table and a fresh derivation
differ. Sources, in order of precedence for a method and path:

1. Cloud 2.0 OpenAPI: each operation names its scope in ``security[*].Wawi`` (all of them in
   ``scopes``, the first in ``scope``). Its domain endpoints that name none
   (``Itemdetails_GetItemById``) are the REST twins of the GraphQL root field of the same
   name and get that field's scope; ``info``/``feature`` need none; app registration and
   login hand out credentials and are ``refused`` for pages, as is any other operation
   that names no scope (its least privilege cannot be checked).
2. Later-version routes JTL documents without a machine-readable description (the kebab-case
   ``v2/sales-orders/...`` family, erp-api.md §4): every 1.0 operation in the early
   (``v2/salesOrders``) and kebab (``v2/sales-orders``) spelling, with the scope of the 2.0
   operation at the same path where there is one, else its 1.0 scope.
3. Cloud 1.0 OpenAPI as ``<path>`` and ``v1/<path>``: its ``item.queryitems`` permission maps to
   the v2 scope of its resource (``items.read``; ``print`` for PDF/print endpoints).

GraphQL root fields come from the official SDL, plus documented later fields
(``LATER_GRAPHQL``). The SDL's ``@authorize`` roles (``graphqlAuthorize``) are
``system.all`` on every field of Wawi 2.0, which no partner app holds, so the scope checked
is the one the 2.0 REST description names for the field's resource (``QueryItems`` ->
tag ``item`` -> ``items.read``); mutations get the resource's write scope.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from graphql import GraphQLField, build_schema

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "reference"
SPEC_V1 = REFERENCE / "jtl-wawi-api-cloud-1.0.openapi.json"
SPEC_V2 = REFERENCE / "jtl-wawi-api-cloud-2.0.openapi.json"
SDL = REFERENCE / "jtl-erp-graphql-2.0.graphql"
TABLE = HERE / "scope_table.json"
METHODS = ("get", "put", "post", "delete", "patch", "head")

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
"""1.0 resources whose v2 scope is not simply the plural (``item`` -> ``items``) [I]."""
NO_SCOPE_TAGS = frozenset({"info", "features"})
"""Status and feature list: documented without a scope, no merchant data."""
REFUSED_TAGS = frozenset({"appregistration", "login", "logout"})
"""Registration (also of foreign apps) and login: their answers carry an API key or session."""
GRAPHQL_RESOURCE = {
    "productgroup": "item",
    "itemsupplier": "item",
    "itemsaleschannel": "item",
    "shippingclass": "shippingmethod",
    "taxclass": "tax",
    "country": "configuration",
    "language": "configuration",
    "currency": "configuration",
    "salesinvoice": "invoice",
    "orderdata": "shipping",
    "packageweight": "shipping",
    "deliverpackage": "shipping",
    "batch": "stock",
    "bestbeforedate": "stock",
    "stockreservation": "stock",
    "serialnumber": "stock",
    "stockitem": "stock",
    "storagelocation": "stock",
}
"""GraphQL resources named differently from the 2.0 tag holding their REST operations [I];
``...Internal`` fields are accounting exports (tag ``accountingData``)."""
LATER_REST = [
    ("GET", "v2/sales-orders/{}/packages", "salesorders.read", "erp-api.md §4, DOCS-REF-22"),
    ("GET", "v2/sales-orders/new", "salesorders.read", "erp-api.md §4, DOCS-REF-22"),
    ("GET", "v2/items/types", "items.read", "erp-api.md §4, DOCS-REF-23"),
]
"""Later-version routes documented with no 1.0 counterpart to derive them from."""
LATER_GRAPHQL = {"GetSalesOrderById": ("Query", "erp-api.md §5: ~v2.1 schema, DOCS-GQL-21")}
"""Documented root fields of later Wawi versions (not in the 2.0 SDL) that pages may send."""
_VERB = re.compile(
    r"^(Query|Get|Create|Update|Delete|Change|Add|Activate|Deactivate|Upload|Calculate)"
)
_KEBAB = {"lineitems": "line-items"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _template(path: str) -> str:
    """``/salesOrders/{salesOrderId}`` -> ``salesOrders/{}``; rows are lower-cased later."""
    return "/".join("{}" if s.startswith("{") else s for s in path.strip("/").split("/"))


def _kebab(template: str) -> str:
    return "/".join(_KEBAB.get(s, _CAMEL.sub("-", s)) for s in template.split("/"))


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS and "operationId" in operation
    ]


def _wawi(operation: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(s for r in operation.get("security", []) for s in r.get("Wawi", [])))


def _v2_resource(resource: str) -> str:
    if resource in RESOURCE_V2:
        return RESOURCE_V2[resource]
    if resource.endswith("ss"):
        return resource + "es"
    if resource.endswith("s"):
        return resource
    return resource[:-1] + "ies" if resource.endswith("y") else resource + "s"


def _v1_scope(method: str, path: str, operation: dict[str, Any]) -> tuple[str | None, str | None]:
    """(v2-style scope, the 1.0 permission it came from) of a 1.0 operation."""
    own = sorted(s for s in _wawi(operation) if s != "all.read" and s.count(".") == 1)
    if not own:
        return None, None
    wawi = own[-1]  # one naming a sub-permission (deliverynote.package) names its own too
    text = f"{path} {wawi}".lower()
    permission = "print" if "pdf" in text or "print" in text else "read"
    permission = permission if method == "GET" or permission == "print" else "write"
    return f"{_v2_resource(wawi.split('.')[0])}.{permission}", wawi


def _row(method: str, path: str, scopes: list[str], source: str, **extra: Any) -> dict[str, Any]:
    return {
        "method": method,
        "path": path.lower(),
        "scope": scopes[0] if scopes else None,
        "scopes": scopes,
        "source": source,
        **extra,
    }


def _resource_scopes(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """2.0 tag -> {"read": scope, "write": scope}: the one most of its operations name."""
    counts: dict[str, dict[str, Counter[str]]] = {}
    for method, _path, operation in _operations(spec):
        for scope in _wawi(operation)[:1]:
            kind = "read" if method == "GET" else "write"
            tag = operation["tags"][0].lower()
            counts.setdefault(tag, {"read": Counter(), "write": Counter()})[kind][scope] += 1
    named = {s for _m, _p, op in _operations(spec) for s in _wawi(op)}
    table: dict[str, dict[str, str]] = {}
    for tag, kinds in counts.items():
        table[tag] = {
            k: sorted(c.items(), key=lambda x: (-x[1], x[0]))[0][0] for k, c in kinds.items() if c
        }
        for kind, other in (("read", "write"), ("write", "read")):
            swapped = table[tag].get(other, "").rsplit(".", 1)[0] + f".{kind}"
            if kind not in table[tag] and swapped in named:
                table[tag][kind] = swapped
    return table


def _noun(field: str) -> str:
    noun = _VERB.sub("", field).removesuffix("ById").lower()
    for plural, singular in (("sses", "ss"), ("ches", "ch"), ("ies", "y")):
        if noun.endswith(plural):
            return noun[: -len(plural)] + singular
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def graphql_tables(sdl: str, spec_v2: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Root fields -> scope (queries, mutations) and -> the SDL's ``@authorize`` roles."""
    schema = build_schema(sdl)
    resources = _resource_scopes(spec_v2)
    fields: list[tuple[str, str, GraphQLField | None]] = [
        (kind, name, field)
        for kind, root in (("Query", schema.query_type), ("Mutation", schema.mutation_type))
        for name, field in (root.fields.items() if root else [])
    ]
    fields += [(kind, name, None) for name, (kind, _source) in LATER_GRAPHQL.items()]
    tables: dict[str, dict[str, Any]] = {"Query": {}, "Mutation": {}, "authorize": {}}
    for kind, name, field in fields:
        roles = [
            value.value
            for directive in (field.ast_node.directives if field and field.ast_node else ())
            if directive.name.value == "authorize"
            for argument in directive.arguments
            if argument.name.value == "roles"
            for value in getattr(argument.value, "values", ())
        ]
        noun = name.removesuffix("Internal")
        tag = "accountingdata" if name.endswith("Internal") else _noun(noun)
        tag = tag if tag in resources else GRAPHQL_RESOURCE.get(tag, tag)
        permission = "read" if kind == "Query" else "write"
        own = [r for r in roles if r != "system.all"]
        derived = resources.get(tag, {}).get(permission)
        tables[kind][name] = derived or (own or roles or ["system.all"])[0]
        tables["authorize"][name] = roles or [f"later version: {LATER_GRAPHQL[name][1]}"]
    return {key: dict(sorted(value.items())) for key, value in tables.items()}


def _v2_rows(spec: dict[str, Any], graphql: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """2.0 operations; one naming no scope takes its GraphQL twin's, else its tag's."""
    twins = {**graphql["Query"], **graphql["Mutation"]}
    resources = _resource_scopes(spec)
    rows = []
    for method, path, operation in _operations(spec):
        tag, scopes = operation["tags"][0].lower(), _wawi(operation)
        twin = operation["operationId"].rsplit("_", 1)[-1]
        refused = tag in REFUSED_TAGS
        if not scopes and twin in twins:
            scopes = [twins[twin]]
        elif not scopes and tag in resources and not refused:
            kind = resources[tag].get("read" if method == "GET" else "write")
            scopes = [kind] if kind else []
        refused = refused or (not scopes and tag not in NO_SCOPE_TAGS)
        rows.append(
            _row(
                method,
                _template(path),
                scopes,
                "cloud-2.0",
                refused=refused,
                operationId=operation["operationId"],
            )
        )
    return rows


def _v1_rows(
    spec: dict[str, Any], v2: dict[tuple[str, str], dict[str, Any]]
) -> list[dict[str, Any]]:
    """1.0 operations as ``path``/``v1/path`` and in both later v2 spellings."""
    rows = []
    for method, path, operation in _operations(spec):
        scope, wawi = _v1_scope(method, path, operation)
        refused = operation["tags"][0].lower() in REFUSED_TAGS
        template, extra = _template(path), {"refused": refused, "wawiScope": wawi}
        scopes = [scope] if scope else []
        for p in (template, f"v1/{template}"):
            rows.append(_row(method, p, scopes, "cloud-1.0", **extra))
        twin = v2.get((method, f"v2/{template}".lower()))
        later = twin["scopes"] if twin else scopes
        refused = refused or bool(twin and twin["refused"])
        for p in (f"v2/{template}", f"v2/{_kebab(template)}"):
            rows.append(_row(method, p, later, "later-version", **{**extra, "refused": refused}))
    return rows


def scope_table_derive() -> dict[str, Any]:
    spec_v1 = json.loads(SPEC_V1.read_text(encoding="utf-8"))
    spec_v2 = json.loads(SPEC_V2.read_text(encoding="utf-8"))
    graphql = graphql_tables(SDL.read_text(encoding="utf-8"), spec_v2)
    v2 = {(row["method"], row["path"]): row for row in _v2_rows(spec_v2, graphql)}
    rows = dict(v2)
    for method, path, scope, source in LATER_REST:
        rows[(method, path)] = _row(
            method, path, [scope], "later-version", refused=False, documentedIn=source
        )
    for row in _v1_rows(spec_v1, v2):
        rows.setdefault((row["method"], row["path"]), row)
    return {
        "sources": [f"{s['info']['title']} {s['info']['version']}" for s in (spec_v2, spec_v1)]
        + [f"{SDL.name}", "erp-api.md §4 (later-version kebab-case routes)"],
        "rest": sorted(rows.values(), key=lambda row: (row["path"], row["method"])),
        "graphql": graphql["Query"],
        "graphqlMutations": graphql["Mutation"],
        "graphqlAuthorize": graphql["authorize"],
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
