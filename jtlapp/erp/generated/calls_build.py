"""Write ``calls_v1.py``/``calls_v2.py``: every operation of a description as a typed method.

``ErpClient.call(operation_id=...)`` checks arguments against the description at run time and
returns ``Any``; these classes give the same calls a static signature, so mypy and an editor
know each operation's parameters (snake_case, required ones without default) and the model of
its answer. Each method forwards to ``call``: one transport, one argument check. Written by
``operations_build --calls-output`` (``make generate``); hand-written, its output is not.
"""

from __future__ import annotations

import json
import keyword
import re
from typing import Any

from jtlapp.erp.generated.operations_build import (
    HTTP_METHODS,
    _annotation,
    _classes,
    _json_schema,
    _relative,
)
from jtlapp.erp.operations import TRANSPORT_HEADERS


def snake(name: str) -> str:
    """``SalesOrder_QueryLineItemsAsync`` -> ``sales_order_query_line_items_async``.

    One to one, ``Async`` kept: the 2.0 description has ``Category_CreateCategory`` beside
    ``Category_CreateCategoryAsync``, and a partner finds the method from the operationId.
    """
    name = name.replace("_", " ")
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)
    words = re.split(r"[^A-Za-z0-9]+", name)
    text = "_".join(word.lower() for word in words if word)
    text = f"p_{text}" if text[:1].isdigit() else text
    return f"{text}_" if keyword.iskeyword(text) else text


def _success(op: dict[str, Any], classes: dict[str, str]) -> str:
    """The union of every 2xx body (``None`` where a 2xx documents none)."""
    kinds = []
    for status, response in sorted(op.get("responses", {}).items()):
        if status.startswith("2"):
            schema = _json_schema(response.get("content"))
            kinds.append(_annotation(schema, classes) if schema else "None")
    unique = list(dict.fromkeys(kinds or ["None"]))
    return "Any" if "Any" in unique else " | ".join(unique)


def root_models(source: str) -> dict[str, str]:
    """Generated ``RootModel[X]`` classes (JTL's typed keys) -> X, from the models' source."""
    return dict(re.findall(r"^class (\w+)\(RootModel\[(\w+)\]\):", source, re.MULTILINE))


def _widened(annotation: str, roots: dict[str, str]) -> str:
    """A key parameter also takes the plain value it wraps (``UUID | str`` for a UUID key)."""
    inner = roots.get(annotation.removeprefix("m."))
    if inner is None:
        return annotation
    return f"{annotation} | UUID | str" if inner == "UUID" else f"{annotation} | {inner}"


def _parameters(
    op: dict[str, Any], classes: dict[str, str], roots: dict[str, str]
) -> list[tuple[str, str, str, bool]]:
    """(python name, JTL name, location, required); path first, then the rest in order."""
    seen: set[str] = {"self", "body"}
    found = []
    for parameter in op.get("parameters", []):
        if parameter["in"] == "header" and parameter["name"].lower() in TRANSPORT_HEADERS:
            continue
        python = snake(parameter["name"])
        while python in seen:
            python += "_"
        seen.add(python)
        annotation = _widened(_annotation(parameter.get("schema"), classes), roots)
        required = parameter["in"] == "path" or bool(parameter.get("required"))
        found.append((python, parameter["name"], parameter["in"], required, annotation))
    found.sort(key=lambda entry: not entry[3])
    return [
        (f"{p}: {a}" if r else f"{p}: {a} | None = None", n, loc, r) for p, n, loc, r, a in found
    ]


def _group(params: list[tuple[str, str, str, bool]], location: str) -> str:
    entries = [
        f"{json.dumps(name)}: {signature.split(':')[0]}"
        for signature, name, where, _ in params
        if where == location
    ]
    return "{" + ", ".join(entries) + "}"


def _method(
    op: dict[str, Any],
    method: str,
    path: str,
    api: str,
    *,
    classes: dict[str, str],
    roots: dict[str, str],
    is_async: bool,
) -> str:
    params = _parameters(op, classes, roots)
    body = op.get("requestBody")
    signature = [signature for signature, *_ in params]
    if body:
        kind = _annotation(_json_schema(body.get("content")), classes)
        body_type = "Any" if kind == "Any" else f"{kind} | Mapping[str, Any]"
        optional = "" if body.get("required") else " | None = None"
        signature.insert(sum(r for *_, r in params), f"body: {body_type}{optional}")
    result = _success(op, classes)
    named = [scope for r in op.get("security", []) for scope in r.get("Wawi", [])]
    scopes = ", ".join(dict.fromkeys(named)) or "no scope"
    arguments = f"self, *, {', '.join(signature)}" if signature else "self"
    call = (
        f"self._call(operation_id={json.dumps(op['operationId'])}, api={json.dumps(api)}, "
        f"path_params={_group(params, 'path')}, query=present({_group(params, 'query')}), "
        f"body={'body' if body else 'None'}, headers=present({_group(params, 'header')}))"
    )
    awaited = f"await {call}" if is_async else call
    return (
        f"    {'async ' if is_async else ''}def {snake(op['operationId'])}("
        f"{arguments}) -> {result}:\n"
        f'        """``{method.upper()} {_relative(path, api)}`` ({scopes})."""\n'
        f"        return cast({json.dumps(result)}, {awaited})\n"
    )


def calls_module(*, spec: dict[str, Any], metadata: dict[str, Any], models: str, api: str) -> str:
    """Source of the sync and async typed façades of one description."""
    classes, roots = _classes(metadata), root_models(models)
    operations = [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS and "operationId" in op
    ]
    names = [snake(op["operationId"]) for _, _, op in operations]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise SystemExit(f"operationIds that give the same method name: {clashes}")
    title = f"{spec['info']['title']} {spec['info']['version']}"
    suffix = api.upper()
    classes_source = []
    for is_async in (False, True):
        name = f"{'Async' if is_async else ''}ErpCalls{suffix}"
        caller = "AsyncErpCaller" if is_async else "ErpCaller"
        methods = "\n".join(
            _method(op, method, path, api, classes=classes, roots=roots, is_async=is_async)
            for path, method, op in operations
        )
        classes_source.append(
            f"class {name}:\n"
            f'    """Every operation of {title} as a typed method over ``call``."""\n\n'
            f"    def __init__(self, *, call: {caller}) -> None:\n"
            f"        self._call = call\n\n{methods}"
        )
    return (
        f'"""Typed methods for {title}. Generated by ``make generate``."""\n\n'
        "from collections.abc import Mapping\n"
        "from datetime import datetime\n"
        "from typing import Any, cast\n"
        "from uuid import UUID\n\n"
        f"from jtlapp.erp.generated import cloud_{api} as m\n"
        "from jtlapp.erp.generated.call_base import AsyncErpCaller, ErpCaller, present\n\n"
        f"__all__ = ['ErpCalls{suffix}', 'AsyncErpCalls{suffix}', 'datetime', 'UUID', 'Mapping']"
        "\n\n\n" + "\n\n".join(classes_source)
    )
