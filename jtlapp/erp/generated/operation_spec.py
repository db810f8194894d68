"""The shape of one row of the generated operation tables (hand-written, not generated).

Kept apart from the tables so that ``operations_v1``/``operations_v2`` are plain data and
``jtlapp.erp.operations`` can read both without importing itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

ParameterLocation = Literal["path", "query", "header"]


@dataclass(frozen=True)
class ErpParameterSpec:
    """One documented parameter; ``annotation`` is what pydantic validates its value against."""

    name: str
    location: ParameterLocation
    required: bool
    annotation: Any


@dataclass(frozen=True)
class ErpOperationSpec:
    """One operation of a description, as ``operationId`` names it.

    ``path`` is relative to the ERP base URL (``v2/salesOrders/{salesOrderId}``);
    ``responses`` maps each documented status to the annotation of its JSON body, or None
    where the description documents no body schema. ``scopes`` are the operation's
    ``security[*].Wawi`` entries as written; ``stability`` its ``x-stability-level``.
    """

    operation_id: str
    method: str
    path: str
    parameters: tuple[ErpParameterSpec, ...]
    body: Any
    body_required: bool
    responses: Mapping[str, Any]
    scopes: tuple[str, ...]
    stability: str | None
    tags: tuple[str, ...]
