"""Writes shared by the v1 and v2 REST routes; callers parse their casing into these specs."""

from __future__ import annotations

from dataclasses import dataclass, fields

from jtlapp.sandbox.erp.item_categories import item_categories_check, item_categories_set
from jtlapp.sandbox.erp.records import (
    LINE_TYPE_ITEM,
    Address,
    Customer,
    Item,
    LineItem,
    SalesOrder,
    money,
)
from jtlapp.sandbox.erp.rest_common import ErpRestError, validation_error
from jtlapp.sandbox.erp.tenant import TenantData


@dataclass(kw_only=True)
class LineItemSpec:
    """A create/update request for a line item; ``None`` means "not sent"."""

    item_key: int | None = None
    type: int | None = None
    name: str | None = None
    sku: str | None = None
    quantity: float | None = None
    sales_unit: str | None = None
    sales_price_net: float | None = None
    sales_price_gross: float | None = None
    discount: float | None = None
    purchase_price_net: float | None = None
    tax_rate: float | None = None
    notice: str | None = None


def line_item_build(
    *, data: TenantData, order_key: int, spec: LineItemSpec, key: int | None = None
) -> LineItem:
    """A line not yet on an order; an ``item_key`` fills name, SKU, prices and tax rate.

    ``CalculateSalesOrder`` prices lines this way (``key=0``) without storing anything.
    """
    if spec.quantity is None:
        raise validation_error("Quantity", "The quantity is required.")
    item = data.items.get(spec.item_key) if spec.item_key is not None else None
    line = LineItem(
        key=data.allocate_line_item_key() if key is None else key,
        order_key=order_key,
        item_key=item.key if item else None,
        type=LINE_TYPE_ITEM if item else 0,
        name=item.name if item else "",
        sku=item.sku if item else "",
        quantity=spec.quantity,
        sales_price_net=item.sales_price_net if item else 0.0,
        tax_rate=item.tax_rate if item else 19.0,
        purchase_price_net=item.purchase_price_net if item else 0.0,
    )
    _line_apply(line=line, spec=spec)
    return line


def line_items_add(
    *, data: TenantData, order: SalesOrder, specs: list[LineItemSpec]
) -> list[LineItem]:
    with data.lock:
        created = [line_item_build(data=data, order_key=order.key, spec=spec) for spec in specs]
        order.line_items.extend(created)
        return created


def line_item_update(*, data: TenantData, line: LineItem, spec: LineItemSpec) -> None:
    with data.lock:
        if spec.item_key is not None and spec.item_key not in data.items:
            raise validation_error("ItemId", "No item with the given ID exists.")
        _line_apply(line=line, spec=spec)


def line_item_delete(*, data: TenantData, order: SalesOrder, line: LineItem) -> None:
    """Delivered lines cannot be removed (the 1.0 spec documents a 403 for this route)."""
    with data.lock:
        if line.quantity_delivered > 0:
            raise ErpRestError(
                status=403,
                code="FORBIDDEN",
                message="The line item has already been delivered and cannot be deleted.",
            )
        order.line_items.remove(line)


def _line_apply(*, line: LineItem, spec: LineItemSpec) -> None:
    if spec.sales_price_net is not None and spec.sales_price_gross is not None:
        raise validation_error("SalesPriceNet", "Only net or gross price can be entered.")
    if spec.quantity is not None and spec.quantity <= 0:
        raise validation_error("Quantity", "The quantity must be greater than 0.")
    if spec.type is not None and not 0 <= spec.type <= 21:
        raise validation_error("Type", "Unknown line item type.")
    for name in (
        "item_key",
        "type",
        "name",
        "sku",
        "quantity",
        "sales_unit",
        "discount",
        "purchase_price_net",
        "tax_rate",
        "notice",
        "sales_price_net",
    ):
        value = getattr(spec, name)
        if value is not None:
            setattr(line, name, value)
    if spec.sales_price_gross is not None:
        line.sales_price_net = money(spec.sales_price_gross / (1 + line.tax_rate / 100))


@dataclass(kw_only=True)
class ItemChanges:
    name: str | None = None
    sku: str | None = None
    description: str | None = None
    short_description: str | None = None
    gtin: str | None = None
    manufacturer_number: str | None = None
    sales_price_net: float | None = None
    purchase_price_net: float | None = None
    suggested_retail_price: float | None = None
    minimum_stock: float | None = None
    weight: float | None = None
    category_keys: list[int | None] | None = None
    """Replaces the item's categories when sent; ``None`` in the list is an unknown id."""


def item_apply(*, data: TenantData, item: Item, changes: ItemChanges) -> None:
    """Unknown categories refuse the change before any field is set."""
    with data.lock:
        categories = changes.category_keys
        if categories is not None:
            keys = item_categories_check(data=data, category_keys=categories)
        for spec_field in fields(changes):
            value = getattr(changes, spec_field.name)
            if value is not None and spec_field.name != "category_keys":
                setattr(item, spec_field.name, value)
        if categories is not None:
            item_categories_set(data=data, item_key=item.key, category_keys=keys)


@dataclass(kw_only=True)
class CustomerChanges:
    number: str | None = None
    group_key: int | None = None
    language_iso: str | None = None
    is_locked: bool | None = None
    billing: dict[str, str] | None = None
    shipment: dict[str, str] | None = None


ADDRESS_FIELDS = tuple(f.name for f in fields(Address))


def customer_apply(*, data: TenantData, customer: Customer, changes: CustomerChanges) -> None:
    """Address dicts use ``Address`` attribute names; unknown group keys are a 400."""
    with data.lock:
        if changes.group_key is not None and changes.group_key not in data.customer_groups:
            raise validation_error("CustomerGroupId", "No customer group with the given ID.")
        for name in ("number", "group_key", "language_iso", "is_locked"):
            value = getattr(changes, name)
            if value is not None:
                setattr(customer, name, value)
        for address, updates in (
            (customer.billing, changes.billing),
            (customer.shipment, changes.shipment),
        ):
            for name, value in (updates or {}).items():
                setattr(address, name, value)


def order_apply(
    *, data: TenantData, order: SalesOrder, comment: str | None, customer_comment: str | None
) -> None:
    with data.lock:
        if comment is not None:
            order.comment = comment
        if customer_comment is not None:
            order.customer_comment = customer_comment
