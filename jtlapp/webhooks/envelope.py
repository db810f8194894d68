"""The delivery format we accept: a CloudEvents-1.0-like JSON envelope (our assumption).

JTL documents that an event carries its topic in ``type``/``subject`` and an entity key,
a timestamp and the triggering user in ``data`` (platform.md §9), but neither the envelope's
field names nor its signature. We accept::

    {"specversion": "1.0", "id": "<event id>", "type": "<topic>",
     "source": "...", "subject": "<entity id>", "time": "<RFC 3339>",
     "tenantId": "<tenant UUID>",
     "data": {"objectKey": "<entity id>", "userId": "...", "timestamp": "..."}}

``tenantid`` (the CloudEvents extension spelling) is accepted for ``tenantId``; the entity
key comes from ``data.objectKey``, else ``data.id``, else ``subject``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError


class WebhookEnvelopeError(ValueError):
    """The body is not an event we can read; the message names the first problem only."""


class WebhookEnvelope(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=200)
    type: str = Field(min_length=1, max_length=200)
    tenant_id: UUID = Field(validation_alias=AliasChoices("tenantId", "tenantid"))
    time: datetime | None = None
    subject: str | None = Field(default=None, max_length=200)
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        for candidate in (self.data.get("objectKey"), self.data.get("id"), self.subject):
            if isinstance(candidate, str | int) and str(candidate):
                return str(candidate)[:200]
        return ""


def webhook_envelope_parse(*, body: bytes) -> tuple[WebhookEnvelope, dict[str, Any]]:
    """The typed envelope and the raw JSON object (kept as the event's payload)."""
    try:
        raw = json.loads(body)
    except ValueError as exc:
        raise WebhookEnvelopeError("The body is not JSON.") from exc
    if not isinstance(raw, dict):
        raise WebhookEnvelopeError("The body must be a JSON object.")
    try:
        envelope = WebhookEnvelope.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise WebhookEnvelopeError(f"The event is invalid at {where}: {first['msg']}.") from None
    if not envelope.entity_id:
        raise WebhookEnvelopeError("The event names no entity (data.objectKey).")
    return envelope, raw
