"""JTL's GraphQL mutation inputs (``…CommandRequestInput``) parsed into the store's specs.

Field names are those of the official 2.0 SDL; graphql-core hands the resolver plain dicts
holding only the fields the caller sent, so every lookup is a ``get``. IDs that name no record
of the tenant are a ``VALIDATION_ERROR`` naming the field, as REST answers them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jtlapp.sandbox.erp.mutations import ItemChanges, LineItemSpec
from jtlapp.sandbox.erp.records import LINE_ITEM_TYPES, Address
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.supply import SupplierLinkSpec
from jtlapp.sandbox.erp.tenant import TenantData

Input = Mapping[str, Any]


def section(obj: Input | None, name: str) -> Input:
    value = (obj or {}).get(name)
    return value if isinstance(value, Mapping) else {}


def text(obj: Input, name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) else None


def number(obj: Input, name: str) -> float | None:
    value = obj.get(name)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def record_key(
    data: TenantData, obj: Input, name: str, *, kind: str, known: Mapping[int, object]
) -> int | None:
    """The store key of the ID in ``obj[name]``; None when not sent."""
    value = obj.get(name)
    if value is None:
        return None
    key = data.uuid_key(kind=kind, value=str(value))
    if key is None or key not in known:
        raise validation_error(name, f"No record with the given {name} exists.")
    return key


def address(obj: Input, *, company_field: str) -> Address:
    """Customer addresses name the company ``companyName``, order addresses ``company``."""
    return Address(
        salutation=text(obj, "salutation") or "",
        first_name=text(obj, "firstName") or "",
        last_name=text(obj, "lastName") or "",
        company=text(obj, company_field) or "",
        street=text(obj, "street") or "",
        postal_code=text(obj, "postalCode") or "",
        city=text(obj, "city") or "",
        country_iso=(text(obj, "countryIso") or "DE").upper(),
        email=text(obj, "emailAddress") or "",
        phone=text(obj, "phoneNumber") or "",
        vat_id=text(obj, "vatId") or "",
    )


def item_changes(data: TenantData, request: Input) -> ItemChanges:
    """``identifiers``, the first ``defaultDescriptions`` entry, ``prices``, ``measurements``.

    ``categories``, when sent, replaces the item's categories by its ``categoryId`` list.
    """
    identifiers = section(request, "identifiers")
    defaults = section(request, "descriptions").get("defaultDescriptions") or []
    first = defaults[0] if defaults and isinstance(defaults[0], Mapping) else {}
    description = section(first, "descriptionData")
    prices = section(request, "prices")
    return ItemChanges(
        name=text(description, "itemName"),
        sku=text(identifiers, "sku"),
        description=text(description, "description"),
        short_description=text(description, "shortDescription"),
        gtin=text(identifiers, "gtin"),
        manufacturer_number=text(identifiers, "manufacturerNumber"),
        sales_price_net=number(prices, "salesPriceNet"),
        purchase_price_net=number(prices, "purchasePriceNet"),
        suggested_retail_price=number(prices, "suggestedRetailPrice"),
        weight=number(section(request, "measurements"), "weight"),
        category_keys=category_keys(data, section(request, "categories")),
    )


def category_keys(data: TenantData, categories: Input) -> list[int | None] | None:
    """``{categories: [{categoryId}]}``; an id naming no category stays None (refused later)."""
    entries = categories.get("categories")
    if not isinstance(entries, list):
        return None
    return [
        data.uuid_key(kind="category", value=str(entry.get("categoryId")))
        if isinstance(entry, Mapping)
        else None
        for entry in entries
    ]


def line_item_spec(data: TenantData, line: Input) -> LineItemSpec:
    """``CreateCreateSalesOrderLineItemInput``; ``type`` is a ``LineItemType`` name."""
    kind = text(line, "type")
    return LineItemSpec(
        item_key=record_key(data, line, "itemId", kind="item", known=data.items),
        type=LINE_ITEM_TYPES.index(kind) if kind in LINE_ITEM_TYPES else None,
        name=text(line, "name"),
        sku=text(line, "sku"),
        quantity=number(line, "quantity"),
        sales_unit=text(line, "salesUnit"),
        sales_price_net=number(line, "salesPriceNet"),
        discount=number(line, "discount"),
        purchase_price_net=number(line, "purchasePriceNet"),
        tax_rate=number(line, "taxRate"),
        notice=text(line, "note"),
    )


def _integer(obj: Input, name: str) -> int | None:
    value = obj.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(obj: Input, name: str) -> bool | None:
    value = obj.get(name)
    return value if isinstance(value, bool) else None


def supplier_link_spec(*, data: TenantData, link: Input) -> SupplierLinkSpec:
    """``CreateItemSupplierInput``; ``scalePrices`` are not kept (the store has no tiers)."""
    raw = link.get("supplierId")
    key = data.uuid_key(kind="supplier", value=str(raw)) if raw is not None else None
    if key is None:
        raise validation_error("supplierId", "No supplier with the given supplierId exists.")
    return SupplierLinkSpec(
        supplier_key=key,
        supplier_item_name=text(link, "supplierItemName"),
        supplier_item_number=text(link, "supplierItemNumber"),
        stock_level=number(link, "stockLevel"),
        net_purchase_price=number(link, "netPurchasePrice"),
        minimum_purchase_quantity=_integer(link, "minimumPurchaseQuantity"),
        delivery_time_days=_integer(link, "deliveryTimeInDays"),
        is_dropshipping_active=_flag(link, "isDropshippingActive"),
        package_unit_description=text(link, "packageUnitDescription"),
        package_unit_quantity=number(link, "packageUnitQuantity"),
        notes=text(link, "notes"),
        vat_rate=number(link, "vatRate"),
        use_supplier_delivery_time=_flag(link, "useSupplierDeliveryTime"),
        include_supplier_stock=_flag(link, "includeSupplierStock"),
        purchase_interval=number(link, "purchaseInterval"),
    )
