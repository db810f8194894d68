"""Item prices in 2.0 (``/v2/items/{itemid}/prices``): the 1.0 rows, grouped as in 2.0.

``ItemPrices`` groups the rows of the same price book the 1.0 routes show.

The platform (``DefaultPrices``) is the JTL-Wawi channel ``1-1-1``; every other sales channel
is a ``SalesChannelPrices`` entry keyed by its ``ShopKey`` UUID (the channel's key). Top-level
``SalesPriceNet``, ``PurchasePriceNet`` and ``SuggestedRetailPrice`` are the item's own fields,
so ``PATCH`` here shows in item reads. ``PATCH`` documents no 404: an unknown item is a 400.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records import Item
from jtlapp.sandbox.erp.records_prices import WAWI_CHANNEL, PriceBook, PriceRow
from jtlapp.sandbox.erp.rest_catalog_base import Dto, body_object, in_key, ok
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.rest_prices import channel_known, price_fields, priced_item
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.seed_prices import base_price_set, default_group_key
from jtlapp.sandbox.erp.tenant import TenantData

PLATFORM_KEY = 1


def _price(quantity: int, row: PriceRow) -> Dto:
    return {
        "FromQuantity": quantity,
        "NetPrice": row.net_price,
        "ReduceStandardPriceByPercent": row.reduce_percent,
    }


def _groups(data: TenantData, book: PriceBook, channel: str) -> list[Dto]:
    rows = sorted((k, r) for k, r in book.channel.items() if k[0] == channel)
    groups = sorted({key[1] for key, _ in rows})
    return [
        {
            "CustomerGroupId": data.uuid(kind="customergroup", key=group),
            "Prices": [_price(key[2], row) for key, row in rows if key[1] == group],
        }
        for group in groups
    ]


def prices_view(data: TenantData, item: Item, book: PriceBook) -> Dto:
    channels = sorted(data.sales_channels.values(), key=lambda c: c.key)
    customers = sorted({key[0] for key in book.customer})
    return {
        "IgnoreDiscounts": book.ignore_discounts,
        "SalesPriceNet": item.sales_price_net,
        "SuggestedRetailPrice": item.suggested_retail_price,
        "PurchasePriceNet": item.purchase_price_net,
        "EbayPrice": book.ebay_price,
        "AmazonPrice": book.amazon_price,
        "DefaultPrices": {
            "PlatformId": data.uuid(kind="platform", key=PLATFORM_KEY),
            "Prices": _groups(data, book, WAWI_CHANNEL),
        },
        "SalesChannelPrices": [
            {
                "SalesChannelId": data.uuid(kind="shop", key=c.key),
                "Prices": _groups(data, book, c.legacy_id),
                "IsActive": c.legacy_id not in book.inactive_channels,
            }
            for c in channels
            if c.legacy_id != WAWI_CHANNEL
        ],
        "CustomerPrices": [
            {
                "CustomerId": data.uuid(kind="customer", key=customer),
                "Prices": [
                    _price(k[1], r) for k, r in sorted(book.customer.items()) if k[0] == customer
                ],
            }
            for customer in customers
        ],
    }


def prices(call: RestCall) -> ErpRestResponse:
    item, book = priced_item(call)
    return ok(prices_view(call.tenant, item, book))


def _entries(body: Dto, name: str) -> Iterable[Dto]:
    value = body.get(name)
    return [] if value is None else rest_bodies.require_objects(value) if value else []


def _upsert(rows: dict[tuple[int, int], PriceRow], key: int, entries: Iterable[Dto]) -> None:
    for entry in entries:
        quantity = rest_bodies.get_int(entry, "FromQuantity")
        if quantity is None or quantity < 0:
            raise validation_error("FromQuantity", "The FromQuantity field is required.")
        row = rows.get((key, quantity))
        rows[(key, quantity)] = price_fields(entry, row)


def _channel_groups(call: RestCall, book: PriceBook, channel: str, groups: Iterable[Dto]) -> None:
    for group in groups:
        key = in_key(call, "customergroup", group.get("CustomerGroupId"))
        if key is None or not channel_known(call.tenant, channel, key):
            raise validation_error("CustomerGroupId", "No customer group with the given ID.")
        rows = {(k[1], k[2]): r for k, r in book.channel.items() if k[0] == channel}
        _upsert(rows, key, _entries(group, "Prices"))
        book.channel.update({(channel, g, q): r for (g, q), r in rows.items()})


def _shop_channel(call: RestCall, value: object) -> str:
    key = in_key(call, "shop", value)
    channel = call.tenant.sales_channels.get(key or 0)
    if channel is None or channel.legacy_id == WAWI_CHANNEL:
        raise validation_error("SalesChannelId", "No sales channel with the given ID exists.")
    return channel.legacy_id


def _apply(call: RestCall, item: Item, book: PriceBook, body: Dto) -> None:
    defaults = rest_bodies.get_object(body, "DefaultPrices")
    if defaults:
        _channel_groups(call, book, WAWI_CHANNEL, _entries(defaults, "Prices"))
    for entry in _entries(body, "SalesChannelPrices"):
        channel = _shop_channel(call, entry.get("SalesChannelId"))
        _channel_groups(call, book, channel, _entries(entry, "Prices"))
        active = rest_bodies.get_bool(entry, "IsActive")
        if active is not None:
            (book.inactive_channels.discard if active else book.inactive_channels.add)(channel)
    for entry in _entries(body, "CustomerPrices"):
        customer = in_key(call, "customer", entry.get("CustomerId"))
        if customer is None or customer not in call.tenant.customers:
            raise validation_error("CustomerId", "No customer with the given ID exists.")
        _upsert(book.customer, customer, _entries(entry, "Prices"))


def _given(body: Dto, name: str, current: float) -> float:
    """The sent number, 0 included; the current value where the field was not sent."""
    value = rest_bodies.get_number(body, name)
    return current if value is None else value


def prices_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    data = call.tenant
    with data.lock:
        item, current = priced_item(call, missing=validation_error("itemid", "No such item."))
        book = copy.deepcopy(current)
        _apply(call, item, book, body)  # a refused entry raises before anything is kept
        data.price_books[item.key] = book
        base = book.channel[(WAWI_CHANNEL, default_group_key(data), 0)]
        net = rest_bodies.get_number(body, "SalesPriceNet")
        base_price_set(data, item, net_price=base.net_price if net is None else net)
        item.purchase_price_net = _given(body, "PurchasePriceNet", item.purchase_price_net)
        item.suggested_retail_price = _given(
            body, "SuggestedRetailPrice", item.suggested_retail_price
        )
        ignore = rest_bodies.get_bool(body, "IgnoreDiscounts")
        book.ignore_discounts = book.ignore_discounts if ignore is None else ignore
        book.ebay_price = _given(body, "EbayPrice", book.ebay_price)
        book.amazon_price = _given(body, "AmazonPrice", book.amazon_price)
    return ok({"ItemId": data.uuid(kind="item", key=item.key)}, 201)


ROUTES_V2 = {
    ("GET", "/v2/items/{itemid}/prices"): prices,
    ("PATCH", "/v2/items/{itemid}/prices"): prices_update,
}
"""(method, 2.0 path as described) -> handler."""
