"""Item prices in 1.0: customer prices, sales channel prices and special prices as flat rows.

All three read and write the item's price book (``seed_prices``), which 2.0's
``/v2/items/{itemid}/prices`` shows too. Rows are keyed as the paths spell them; the
``POST`` routes document no 404, so an unknown item there is a 400 like any bad field.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records import Item
from jtlapp.sandbox.erp.records_prices import (
    ALL_GROUPS,
    WAWI_CHANNEL,
    PriceBook,
    PriceRow,
    SpecialPriceRow,
)
from jtlapp.sandbox.erp.rest_catalog_base import Dto, body_object, ok, param_key
from jtlapp.sandbox.erp.rest_common import (
    ErpRestError,
    iso,
    not_found,
    parse_datetime,
    validation_error,
)
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.seed_prices import base_price_set, default_group_key, price_book
from jtlapp.sandbox.erp.tenant import TenantData


def priced_item(call: RestCall, *, missing: ErpRestError | None = None) -> tuple[Item, PriceBook]:
    """The path's item and its book; ``missing`` replaces the 404 where none is documented."""
    item = call.tenant.items.get(param_key(call, "item", "itemId"))
    if item is None:
        raise missing or not_found("No item with the given ID exists.")
    return item, price_book(call.tenant, item)


def price_fields(body: Dto, row: PriceRow | None = None) -> PriceRow:
    """``NetPrice`` or ``ReduceStandardPriceByPercent``: "only one can be used"."""
    net = rest_bodies.get_number(body, "NetPrice")
    reduce = rest_bodies.get_number(body, "ReduceStandardPriceByPercent")
    if net and reduce:
        raise validation_error("NetPrice", "Use NetPrice or ReduceStandardPriceByPercent.")
    if (net is not None and net < 0) or (reduce is not None and not 0 <= reduce <= 100):
        raise validation_error("NetPrice", "The price is out of range.")
    if row is None:
        return PriceRow(net_price=net or 0.0, reduce_percent=reduce or 0.0)
    if net is not None:
        row.net_price, row.reduce_percent = net, 0.0 if net else row.reduce_percent
    if reduce is not None:
        row.reduce_percent, row.net_price = reduce, 0.0 if reduce else row.net_price
    return row


def _quantity(call: RestCall) -> int:
    raw = call.params.get("fromQuantity", "")
    return int(raw) if raw.isdigit() else -1


def channel_known(data: TenantData, channel: str, group: int) -> bool:
    channels = {c.legacy_id for c in data.sales_channels.values()}
    return channel in channels and (group == ALL_GROUPS or group in data.customer_groups)


def customer_prices(call: RestCall) -> ErpRestResponse:
    item, book = priced_item(call)
    return ok([_customer_dto(item, key, row) for key, row in sorted(book.customer.items())])


def _customer_dto(item: Item, key: tuple[int, int], row: PriceRow) -> Dto:
    return {
        "ItemId": item.key,
        "CustomerId": key[0],
        "FromQuantity": key[1],
        "NetPrice": row.net_price,
        "ReduceStandardPriceByPercent": row.reduce_percent,
    }


def customer_price_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        item, book = priced_item(call, missing=validation_error("itemId", "No such item."))
        customer = rest_bodies.get_int(body, "CustomerId")
        if customer not in call.tenant.customers:
            raise validation_error("CustomerId", "No customer with the given ID exists.")
        key = (customer, rest_bodies.get_int(body, "FromQuantity") or 0)
        if key in book.customer:
            raise validation_error("FromQuantity", "This customer price exists already.")
        book.customer[key] = price_fields(body)
    return ok(_customer_dto(item, key, book.customer[key]), 201)


def _customer_row(call: RestCall, book: PriceBook) -> tuple[int, int]:
    key = (param_key(call, "customer", "customerId"), _quantity(call))
    if key not in book.customer:
        raise not_found("No customer price with the given key exists.")
    return key


def customer_price_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        _, book = priced_item(call)
        price_fields(body, book.customer[_customer_row(call, book)])
    return ok(None, 204)


def customer_price_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        _, book = priced_item(call)
        del book.customer[_customer_row(call, book)]
    return ok(None, 204)


def _channel_dto(item: Item, key: tuple[str, int, int], row: PriceRow) -> Dto:
    return {
        "ItemId": item.key,
        "SalesChannelId": key[0],
        "CustomerGroupId": key[1],
        "FromQuantity": key[2],
        "NetPrice": row.net_price,
        "ReduceStandardPriceByPercent": row.reduce_percent,
    }


def channel_prices(call: RestCall) -> ErpRestResponse:
    item, book = priced_item(call)
    return ok([_channel_dto(item, key, row) for key, row in sorted(book.channel.items())])


def channel_price_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        item, book = priced_item(call, missing=validation_error("itemId", "No such item."))
        channel = rest_bodies.get_str(body, "SalesChannelId") or ""
        group = rest_bodies.get_int(body, "CustomerGroupId") or ALL_GROUPS
        if not channel_known(call.tenant, channel, group):
            raise validation_error("SalesChannelId", "No such sales channel or customer group.")
        key = (channel, group, rest_bodies.get_int(body, "FromQuantity") or 0)
        if key in book.channel:
            raise validation_error("FromQuantity", "This sales channel price exists already.")
        book.channel[key] = price_fields(body)
    return ok(_channel_dto(item, key, book.channel[key]), 201)


def _channel_row(call: RestCall, book: PriceBook) -> tuple[str, int, int]:
    group = call.params.get("customerGroupId", "")
    key = (call.params.get("salesChannelId", ""), int(group) if group.isdigit() else -1)
    full = (*key, _quantity(call))
    if full not in book.channel:
        raise not_found("No sales channel price with the given key exists.")
    return full


def channel_price_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        item, book = priced_item(call)
        key = _channel_row(call, book)
        row = price_fields(body, book.channel[key])
        if key == (WAWI_CHANNEL, default_group_key(call.tenant), 0):
            base_price_set(call.tenant, item, net_price=row.net_price)
    return ok(None, 204)


def channel_price_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        _, book = priced_item(call)
        key = _channel_row(call, book)
        if key == (WAWI_CHANNEL, default_group_key(call.tenant), 0):
            raise validation_error("fromQuantity", "The item's default price cannot be deleted.")
        del book.channel[key]
    return ok(None, 204)


def special_prices(call: RestCall) -> ErpRestResponse:
    item, book = priced_item(call)
    special = book.special
    return ok(
        {
            "ItemId": item.key,
            "SpecialPrice": [
                {
                    "IsActive": r.is_active,
                    "CustomerGroupId": r.group_key,
                    "NetPrice": r.net_price,
                    "SalesChannelId": r.channel,
                }
                for r in special.rows
            ],
            "IsActive": special.is_active,
            "StartDate": iso(special.start),
            "EndDateActive": special.end_active,
            "EndDate": iso(special.end or special.start),
            "TillAmountActive": special.till_amount_active,
            "TillAmountInStockSmallerThan": special.till_amount,
        }
    )


def _special_rows(call: RestCall, entries: object) -> list[SpecialPriceRow]:
    rows = []
    for index, entry in enumerate(rest_bodies.require_objects(entries)):
        channel = rest_bodies.get_str(entry, "SalesChannelId") or ""
        group = rest_bodies.get_int(entry, "CustomerGroupId") or ALL_GROUPS
        if not channel_known(call.tenant, channel, group):
            raise validation_error(f"SpecialPrice[{index}]", "No such channel or group.")
        rows.append(
            SpecialPriceRow(
                channel=channel,
                group_key=group,
                net_price=rest_bodies.get_number(entry, "NetPrice") or 0.0,
                is_active=bool(rest_bodies.get_bool(entry, "IsActive")),
            )
        )
    return rows


def special_prices_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        _, book = priced_item(call)
        special = book.special
        is_active = rest_bodies.get_bool(body, "IsActive")
        if is_active is None:
            raise validation_error("IsActive", "The IsActive field is required.")
        rows = _special_rows(call, body["SpecialPrice"]) if body.get("SpecialPrice") else None
        start, end = rest_bodies.get_str(body, "StartDate"), rest_bodies.get_str(body, "EndDate")
        end_active = rest_bodies.get_bool(body, "EndDateActive")
        if end_active and not (end or special.end):
            raise validation_error("EndDate", "EndDate is required when EndDateActive is set.")
        special.is_active, special.rows = is_active, special.rows if rows is None else rows
        special.start = parse_datetime(start, name="StartDate") if start else special.start
        special.end = parse_datetime(end, name="EndDate") if end else special.end
        special.end_active = special.end_active if end_active is None else end_active
        till_active = rest_bodies.get_bool(body, "TillAmountActive")
        special.till_amount_active = bool(till_active)
        special.till_amount = rest_bodies.get_int(body, "TillAmountInStockSmallerThan") or 0
    return ok(None, 204)


_CUSTOMER = "/items/{itemId}/customerPrices"
_CHANNEL = "/items/{itemId}/salesChannelPrices"
ROUTES_V1 = {
    ("GET", _CUSTOMER): customer_prices,
    ("POST", _CUSTOMER): customer_price_create,
    ("PATCH", _CUSTOMER + "/{customerId}/{fromQuantity}"): customer_price_update,
    ("DELETE", _CUSTOMER + "/{customerId}/{fromQuantity}"): customer_price_delete,
    ("GET", _CHANNEL): channel_prices,
    ("POST", _CHANNEL): channel_price_create,
    ("PATCH", _CHANNEL + "/{salesChannelId}/{customerGroupId}/{fromQuantity}"): (
        channel_price_update
    ),
    ("DELETE", _CHANNEL + "/{salesChannelId}/{customerGroupId}/{fromQuantity}"): (
        channel_price_delete
    ),
    ("GET", "/items/{itemId}/specialprices"): special_prices,
    ("PATCH", "/items/{itemId}/specialprices"): special_prices_update,
}
"""(method, 1.0 path as described) -> handler."""
