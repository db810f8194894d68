"""Any documented ERP operation by its operationId: build the request, parse the answer.

Pure functions over the generated operation tables (``jtlapp/erp/generated/operations_v*.py``):
no HTTP here, so the gateway sends what ``erp_operation_build`` returns through the one
transport (credentials, limiter, breaker, retries) and hands the bytes back to
``erp_operation_parse``. Arguments are checked against the description before anything is
sent, so a misspelt parameter fails here with its name, not as JTL's 400.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any, Literal
from urllib.parse import quote, urlencode

from pydantic import BaseModel, TypeAdapter, ValidationError

from jtlapp.erp.generated import operations_v1, operations_v2
from jtlapp.erp.generated.operation_spec import ErpOperationSpec, ErpParameterSpec
from jtlapp.erp.scopes import erp_rest_requirement

ErpApi = Literal["v1", "v2"]
TRANSPORT_HEADERS = frozenset(
    {"authorization", "x-api-key", "tenant-id", "x-tenant-id", "api-version"}
    | {"x-appid", "x-appversion", "content-type"}
)
"""Headers the transport sets on every call (app identity, credentials, tenant): callers don't."""
_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_TABLES: dict[str, Mapping[str, ErpOperationSpec]] = {
    "v1": operations_v1.OPERATIONS,
    "v2": operations_v2.OPERATIONS,
}


class ErpOperationError(ValueError):
    """A call that does not fit the operation's description (nothing was sent)."""


class ErpOperationNotDescribedError(ErpOperationError):
    """The operationId is not in the chosen description."""


class ErpOperationArgumentError(ErpOperationError):
    """A parameter or body is unknown, missing or of the wrong type; the message names it."""


class ErpOperationResponseError(ErpOperationError):
    """The answer's status is not documented, or its body does not match the schema."""


@dataclass(frozen=True)
class ErpOperationRequest:
    """What to send: ``path`` is relative to the ERP base URL, ``query`` without ``?``.

    ``scopes`` are those the gateway checks against ``manifest.json`` (the scope table's, so
    v2-style for 1.0 operations too); ``described_scopes`` the operation's own
    ``security[*].Wawi`` entries; ``refused_for_pages`` marks registration and login calls.
    """

    operation_id: str
    api: ErpApi
    method: str
    path: str
    query: str
    body: bytes | None
    headers: dict[str, str] = field(default_factory=dict)
    scopes: tuple[str, ...] = ()
    refused_for_pages: bool = False
    described_scopes: tuple[str, ...] = ()
    stability: str | None = None

    @property
    def scope(self) -> str | None:
        """The scope to check (None if none is needed; the first if several are)."""
        return self.scopes[0] if self.scopes else None


def erp_operation_spec(*, operation_id: str, api: ErpApi = "v2") -> ErpOperationSpec:
    """The generated description of one operation; unknown ids raise with the api named."""
    try:
        return _TABLES[api][operation_id]
    except KeyError:
        raise ErpOperationNotDescribedError(
            f"{operation_id!r} is not an operationId of JTL's Cloud {api} description."
        ) from None


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _validated(
    annotation: Any, value: object, what: str, mode: Literal["json", "python"] = "json"
) -> Any:
    """``value`` after validation against ``annotation``, dumped with JTL's field names."""
    adapter = _adapter(annotation)
    try:
        return adapter.dump_python(
            adapter.validate_python(value), mode=mode, by_alias=True, exclude_unset=True
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ErpOperationArgumentError(
            f"{what}{'.' + where if where else ''}: {problem['msg']}"
        ) from None


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_names(
    spec: ErpOperationSpec, location: str, given: Mapping[str, object], casefold: bool = False
) -> dict[str, ErpParameterSpec]:
    """Parameters of one location by name; unknown given names and missing required ones raise."""

    def key(name: str) -> str:
        return name.lower() if casefold else name

    known = {key(p.name): p for p in spec.parameters if p.location == location}
    unknown = sorted(name for name in given if key(name) not in known)
    if unknown:
        raise ErpOperationArgumentError(
            f"{spec.operation_id} has no {location} parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(p.name for p in known.values()) or 'none'}."
        )
    given_keys = {key(name) for name in given}
    missing = [
        p.name
        for name, p in known.items()
        if p.required and name not in given_keys and name not in TRANSPORT_HEADERS
    ]
    if missing:
        raise ErpOperationArgumentError(
            f"{spec.operation_id} needs the {location} parameter {', '.join(missing)}."
        )
    return known


def _path(spec: ErpOperationSpec, path_params: Mapping[str, object]) -> str:
    """Each ``{placeholder}`` filled with its parameter, matched without case.

    JTL's own description spells one ``{PackageId}`` in the path, ``packageid`` in its parameters.
    """
    known = _check_names(spec, "path", path_params)
    segments = {}
    for name, value in path_params.items():
        data = _validated(known[name].annotation, value, f"path parameter {name}")
        segments[name.lower()] = quote(_text(data), safe="")

    def fill(match: re.Match[str]) -> str:
        placeholder = match.group(1)
        if placeholder.lower() not in segments:
            raise ErpOperationArgumentError(
                f"{spec.operation_id} needs the path parameter {placeholder}."
            )
        return segments[placeholder.lower()]

    return _PLACEHOLDER.sub(fill, spec.path)


def _query(spec: ErpOperationSpec, query: Mapping[str, object]) -> str:
    known = _check_names(spec, "query", query)
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        if value is None:
            continue
        data = _validated(known[name].annotation, value, f"query parameter {name}")
        values = data if isinstance(data, list) else [data]
        pairs.extend((name, _text(item)) for item in values)
    return urlencode(pairs)


def _headers(spec: ErpOperationSpec, headers: Mapping[str, str]) -> dict[str, str]:
    owned = sorted(name for name in headers if name.lower() in TRANSPORT_HEADERS)
    if owned:
        raise ErpOperationArgumentError(f"The transport sets {', '.join(owned)}; leave it out.")
    known = _check_names(spec, "header", headers, casefold=True)
    return {
        known[name.lower()].name: _text(
            _validated(known[name.lower()].annotation, value, f"header {name}")
        )
        for name, value in headers.items()
    }


def _body(
    spec: ErpOperationSpec, body: BaseModel | Mapping[str, Any] | list[Any] | None
) -> bytes | None:
    if body is None:
        if spec.body_required:
            raise ErpOperationArgumentError(f"{spec.operation_id} needs a request body.")
        return None
    if spec.body is None:
        raise ErpOperationArgumentError(f"{spec.operation_id} takes no request body.")
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data = _validated(spec.body, body, "body", mode="python")
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=_json).encode()


def _json(value: object) -> object:
    """Decimals as JSON numbers (pydantic writes strings, which JTL's decimals do not take)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _adapter(timedelta).dump_python(value, mode="json")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return str(value)  # UUID, AnyUrl


def erp_operation_build(
    *,
    operation_id: str,
    api: ErpApi = "v2",
    path_params: Mapping[str, object] | None = None,
    query: Mapping[str, object] | None = None,
    body: BaseModel | Mapping[str, Any] | list[Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> ErpOperationRequest:
    """The request for ``operation_id``, every argument validated against its description.

    Path parameters become one quoted segment each (``/`` in a value cannot reach another
    route); query values of None are left out; a pydantic body is sent with JTL's field
    names and only the fields that were set (what PATCH needs). ``headers`` are the
    operation's optional ones (``x-runas``, ``X-SessionId``); the transport adds the rest.
    """
    spec = erp_operation_spec(operation_id=operation_id, api=api)
    path = _path(spec, path_params or {})
    requirement = erp_rest_requirement(method=spec.method, path=path)
    return ErpOperationRequest(
        operation_id=spec.operation_id,
        api=api,
        method=spec.method,
        path=path,
        query=_query(spec, query or {}),
        body=_body(spec, body),
        headers=_headers(spec, headers or {}),
        scopes=requirement.scopes,
        refused_for_pages=requirement.refused,
        described_scopes=spec.scopes,
        stability=spec.stability,
    )


def erp_operation_parse(
    *, operation_id: str, api: ErpApi = "v2", status: int, content: bytes
) -> Any:
    """The documented body of ``status`` as its generated model (None where none is documented).

    An undocumented status or a body that does not match raises ``ErpOperationResponseError``:
    the description is the contract, and a silent partial parse would hide a version change.
    """
    spec = erp_operation_spec(operation_id=operation_id, api=api)
    key = str(status) if str(status) in spec.responses else "default"
    if key not in spec.responses:
        raise ErpOperationResponseError(
            f"{operation_id} does not document status {status} "
            f"(documented: {', '.join(spec.responses)})."
        )
    annotation = spec.responses[key]
    if annotation is None or not content:
        return None
    try:
        return _adapter(annotation).validate_json(content)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ErpOperationResponseError(
            f"{operation_id} answered {status} with a body that does not match the "
            f"description at {where or 'the top level'}: {problem['msg']}"
        ) from None
