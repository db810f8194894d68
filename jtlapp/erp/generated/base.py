"""The base of every generated model (hand-written, not generated).

JTL's 2.0 description names properties as the C# DTOs do (``SKU``, ``SalesOrderNumber``), but
Wawi answers with the first letter lower-cased (``sKU``, ``salesOrderNumber``; erp-api.md
§2.3). Models therefore read both spellings and write the described one, which Wawi's
case-insensitive JSON input accepts.
"""

from __future__ import annotations

from pydantic import AliasChoices, AliasGenerator, BaseModel, ConfigDict


def _wire_names(name: str) -> AliasChoices:
    return AliasChoices(name, name[:1].lower() + name[1:])


class JtlModel(BaseModel):
    model_config = ConfigDict(alias_generator=AliasGenerator(validation_alias=_wire_names))
