"""The control surface of the sandbox's ERP webhooks (ERP API writes: ``webhooks_triggers``).

- ``POST /_sandbox/erp/sales-orders/pay {tenantId, salesOrderId}`` marks an order paid and
  sends ``salesorder.paid``; ``POST /_sandbox/erp/items/stock {tenantId, itemId, quantity}``
  sets an item's stock and sends ``item.changed`` (JTL's API has no such writes for apps).
- ``POST /_sandbox/webhooks/emit {tenantId, topic, entityId, url?}`` sends one on demand;
  ``POST /_sandbox/webhooks/config {url, secret}`` sets the target (``url: null`` returns to
  the manifest); ``GET /_sandbox/webhooks`` lists deliveries, ``DELETE`` forgets them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, request

from jtlapp.sandbox.erp.records import Stock
from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.erp_http import json_response
from jtlapp.sandbox.state import SandboxState
from jtlapp.sandbox.webhooks import TOPIC_PREFIX


class WebhookControlError(ValueError):
    pass


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise WebhookControlError("body must be a JSON object")
    return data


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise WebhookControlError(f"{name} must be a non-empty string")
    return value


def _key(data: TenantData, *, kind: str, value: str) -> int:
    key = int(value) if value.isdigit() else data.uuid_key(kind=kind, value=value)
    if key is None:
        raise LookupError(f"{kind} {value}")
    return key


def _order_pay(state: SandboxState, body: dict[str, Any]) -> str:
    data = state.store.tenant(_text(body, "tenantId"))
    key = _key(data, kind="salesorder", value=_text(body, "salesOrderId"))
    with data.lock:
        order = data.orders[key]
        order.already_paid = order.total_gross
        order.date_of_payment = datetime.now(tz=UTC)
    return data.uuid(kind="salesorder", key=key)


def _item_stock(state: SandboxState, body: dict[str, Any]) -> str:
    data = state.store.tenant(_text(body, "tenantId"))
    key = _key(data, kind="item", value=_text(body, "itemId"))
    quantity = body.get("quantity")
    if not isinstance(quantity, int | float) or key not in data.items:
        raise WebhookControlError("quantity must be a number and itemId a known item")
    with data.lock:
        stock = next((s for s in data.stocks if s.item_key == key), None)
        if stock is None:
            warehouse = next(iter(data.warehouses))
            data.stocks.append(Stock(warehouse_key=warehouse, item_key=key, quantity=quantity))
        else:
            stock.quantity = float(quantity)
    return data.uuid(kind="item", key=key)


def webhooks_blueprint(*, state: SandboxState) -> Blueprint:
    blueprint = Blueprint("webhooks", __name__, url_prefix="/_sandbox")
    outbox = state.webhooks

    @blueprint.get("/webhooks")
    def deliveries() -> Response:
        items = [delivery.as_json() for delivery in outbox.deliveries()]
        return json_response({"settings": outbox.settings_view(), "deliveries": items}, status=200)

    @blueprint.delete("/webhooks")
    def deliveries_clear() -> Response:
        outbox.clear()
        return json_response({}, status=200)

    @blueprint.post("/webhooks/config")
    def configure() -> Response:
        body = _body()
        url, secret = body.get("url"), body.get("secret")
        if not isinstance(url, str | None) or not isinstance(secret, str | None):
            raise WebhookControlError("url and secret must be strings or null")
        outbox.configure(url=url or None, secret=secret)
        return json_response(outbox.settings_view(), status=200)

    @blueprint.post("/webhooks/emit")
    def emit() -> Response:
        body = _body()
        url = body.get("url")
        delivery = outbox.emit(
            tenant_id=_text(body, "tenantId"),
            topic=_text(body, "topic"),
            entity_id=_text(body, "entityId"),
            url=url if isinstance(url, str) and url else None,
        )
        return json_response(delivery.as_json(), status=202)

    @blueprint.post("/erp/sales-orders/pay")
    def order_pay() -> Response:
        body = _body()
        order_id = _order_pay(state, body)
        topic = TOPIC_PREFIX + "salesorder.paid"
        delivery = outbox.emit(tenant_id=body["tenantId"], topic=topic, entity_id=order_id)
        return json_response(delivery.as_json(), status=202)

    @blueprint.post("/erp/items/stock")
    def item_stock() -> Response:
        body = _body()
        item_id = _item_stock(state, body)
        topic = TOPIC_PREFIX + "item.changed"
        delivery = outbox.emit(tenant_id=body["tenantId"], topic=topic, entity_id=item_id)
        return json_response(delivery.as_json(), status=202)

    @blueprint.errorhandler(WebhookControlError)
    def bad_request(exc: Exception) -> Response:
        return json_response({"error": str(exc)}, status=400)

    @blueprint.errorhandler(LookupError)
    def not_found(exc: Exception) -> Response:
        return json_response({"error": f"not found: {exc}"}, status=404)

    return blueprint
