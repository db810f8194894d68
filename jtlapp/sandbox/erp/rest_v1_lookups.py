"""v1 handlers for ``/info``, stock, warehouses and the lookup lists (companies, groups, methods).

Stocks and warehouses are paged like the 1.0 spec's ``PagedListOf*``; the lookups are plain
arrays there, so they are here too.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jtlapp.sandbox.erp import v1_views
from jtlapp.sandbox.erp.rest_common import WAWI_VERSION, query_bool, query_int
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v1_base import ok, paged


def info(call: RestCall) -> ErpRestResponse:
    return ok(
        {
            "Version": WAWI_VERSION,
            "Timestamp": datetime.now(UTC).isoformat(),
            "Tenant": "eazybusiness",
            "Type": "JTL-Wawi",
        }
    )


def stocks_query(call: RestCall) -> ErpRestResponse:
    query = call.request.query
    item, warehouse = query_int(query, "itemId"), query_int(query, "warehouseId")
    location = query_int(query, "storageLocationId")
    dtos = [
        v1_views.stock_dto(data=call.tenant, stock=stock)
        for stock in call.tenant.stocks
        if item in (None, stock.item_key)
        and warehouse in (None, stock.warehouse_key)
        and location in (None, call.tenant.warehouses[stock.warehouse_key].storage_location_key)
    ]
    return paged(call, dtos)


def warehouses_query(call: RestCall) -> ErpRestResponse:
    active = query_bool(call.request.query, "isActive")
    dtos = [
        v1_views.warehouse_dto(data=call.tenant, warehouse=warehouse)
        for warehouse in call.tenant.warehouses.values()
        if active is None or warehouse.is_active == active
    ]
    return paged(call, dtos)


def companies(call: RestCall) -> ErpRestResponse:
    return ok([{"Id": c.key, "Name": c.name} for c in call.tenant.companies.values()])


def customer_groups(call: RestCall) -> ErpRestResponse:
    return ok(
        [
            {
                "Id": g.key,
                "Name": g.name,
                "IsDefault": g.is_default,
                "Discount": g.discount,
                "IsNetPrice": g.is_net_price,
            }
            for g in call.tenant.customer_groups.values()
        ]
    )


def payment_methods(call: RestCall) -> ErpRestResponse:
    return ok(
        [
            {"Id": m.key, "Name": m.name, "IsStandard": m.is_default, "IsActive": m.is_active}
            for m in call.tenant.payment_methods.values()
        ]
    )


def shipping_methods(call: RestCall) -> ErpRestResponse:
    return ok(
        [
            {
                "Id": m.key,
                "Name": m.name,
                "Priority": m.priority,
                "GrossPrice": m.gross_price,
                "ExtraWeight": 0.0,
                "IsAmazonPrime": False,
            }
            for m in call.tenant.shipping_methods.values()
        ]
    )
