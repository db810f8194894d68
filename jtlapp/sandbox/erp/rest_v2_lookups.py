"""v2 handlers for ``/v2/info``, stock, warehouses and the lookup lists.

Stocks and warehouses are paged envelopes; companies, customer groups and payment/shipping
methods are plain arrays, as their list routes return them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jtlapp.sandbox.erp import views_catalog
from jtlapp.sandbox.erp.records import Stock
from jtlapp.sandbox.erp.rest_common import WAWI_VERSION
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v2_base import ok, paged, uuid_key
from jtlapp.sandbox.erp.tenant import TenantData


def info(call: RestCall) -> ErpRestResponse:
    return ok(
        {
            "version": WAWI_VERSION,
            "timestamp": datetime.now(UTC),
            "tenant": "eazybusiness",
            "type": "JTL-Wawi",
        }
    )


def _stock_view(data: TenantData, stock: Stock) -> dict[str, object]:
    warehouse = data.warehouses[stock.warehouse_key]
    return {
        "warehouseId": data.uuid(kind="warehouse", key=stock.warehouse_key),
        "storageLocationId": data.uuid(kind="storagelocation", key=warehouse.storage_location_key),
        "storageLocationName": warehouse.storage_location_name,
        "itemId": data.uuid(kind="item", key=stock.item_key),
        "batchNumber": None,
        "shelfLifeExpirationDate": None,
        "quantityTotal": stock.quantity,
        "quantityLockedForShipment": stock.locked_for_shipment,
        "quantityLockedForAvailability": 0.0,
        "quantityInPickingLists": 0.0,
    }


def stocks_query(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    filters = {}
    for name, kind in (("itemId", "item"), ("warehouseId", "warehouse")):
        raw = call.request.query.get(name)
        if raw:
            filters[name] = uuid_key(data, kind, raw) or -1
    views = [
        _stock_view(data, stock)
        for stock in data.stocks
        if filters.get("itemId", stock.item_key) == stock.item_key
        and filters.get("warehouseId", stock.warehouse_key) == stock.warehouse_key
    ]
    return paged(call, views)


def warehouses_query(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    views: list[dict[str, object]] = [
        {
            "id": data.uuid(kind="warehouse", key=w.key),
            "name": w.name,
            "code": w.code,
            "type": {"id": data.uuid(kind="warehousetype", key=1), "name": "Standard"},
            "description": None,
            "isActive": w.is_active,
            "priority": w.key,
            "companyId": data.uuid(kind="company", key=w.company_key),
            "lockForShipment": False,
            "lockForAvailability": False,
        }
        for w in data.warehouses.values()
    ]
    return paged(call, views)


def companies(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    return ok(
        [
            {"id": data.uuid(kind="company", key=c.key), "name": c.name}
            for c in data.companies.values()
        ]
    )


def customer_groups(call: RestCall) -> ErpRestResponse:
    return ok(views_catalog.customer_group_items(data=call.tenant))


def payment_methods(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    return ok(
        [
            {
                "id": data.uuid(kind="paymentmethod", key=m.key),
                "name": m.name,
                "isStandard": m.is_default,
                "isActive": m.is_active,
            }
            for m in data.payment_methods.values()
        ]
    )


def shipping_methods(call: RestCall) -> ErpRestResponse:
    data = call.tenant
    return ok(
        [
            {
                "id": data.uuid(kind="shippingmethod", key=m.key),
                "name": m.name,
                "priority": m.priority,
                "grossPrice": m.gross_price,
                "extraWeight": 0.0,
                "isAmazonPrime": False,
            }
            for m in data.shipping_methods.values()
        ]
    )
