"""Suppliers and an item's suppliers in both generations, from the store's supplier links.

1.0 answers ``ItemSupplier[]`` (``IsStandard``, ``Stocklevel``, ``MergeStockLevel`` ...); 2.0
``ItemSuppliers {DefaultSupplier, DefaultDropshippingSupplier, Suppliers}`` under the names
``AddItemSupplier`` writes. Keys are ints in 1.0 and UUIDs in 2.0.
"""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp.records import Item, money
from jtlapp.sandbox.erp.records_supply import ItemSupplier
from jtlapp.sandbox.erp.rest_common import iso, not_found, page_envelope, page_parse
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.seed_orders import at_utc
from jtlapp.sandbox.erp.supply import item_suppliers, supplier_names

Dto = dict[str, object]


def _v2(call: RestCall) -> bool:
    return call.request.path.lower().lstrip("/").startswith("v2/")


def _id(call: RestCall, kind: str, key: int) -> object:
    return call.tenant.uuid(kind=kind, key=key) if _v2(call) else key


def suppliers(call: RestCall) -> ErpRestResponse:
    views = [
        {
            "Id": _id(call, "supplier", index),
            "Name": name,
            "Company": name,
            "SupplierNo": str(index),
        }
        for index, name in enumerate(supplier_names(data=call.tenant), start=1)
    ]
    if _v2(call):
        paged = page_envelope(views, page=page_parse(call.request.query), pascal=True)
        return ErpRestResponse(status=200, body=paged)
    return ErpRestResponse(status=200, body=views)


def _item(call: RestCall) -> Item:
    raw = next((v for k, v in call.params.items() if k.lower() == "itemid"), "")
    if _v2(call):
        key = call.tenant.uuid_key(kind="item", value=raw) or 0
    else:
        key = int(raw) if raw.isdigit() else 0
    item = call.tenant.items.get(key)
    if item is None:
        raise not_found("No item with the given ID exists.")
    return item


def _v1_link(link: ItemSupplier) -> Dto:
    return {
        "ItemId": link.item_key,
        "SupplierId": link.supplier_key,
        "Sku": link.supplier_item_number,
        "ItemName": link.supplier_item_name,
        "IsStandard": link.is_default,
        "PurchasePriceNet": link.net_purchase_price,
        "TaxRate": link.vat_rate,
        "MinimumPurchaseQuantity": float(link.minimum_purchase_quantity),
        "PermissibleOrderQuantity": link.purchase_interval,
        "DeliveryTime": link.delivery_time_days,
        "UseSupplierDeliveryTime": link.use_supplier_delivery_time,
        "Stocklevel": link.stock_level,
        "IsDropshipping": link.is_dropshipping_active,
        "MergeStockLevel": link.include_supplier_stock,
        "Comment": link.notes,
        "PackagingUnit": link.package_unit_description,
        "AmountPackagingUnit": link.package_unit_quantity,
        "PackagingUnitPurchasePriceNet": _unit_price(link),
        "ScalePrices": [],
    }


def _v2_link(call: RestCall, link: ItemSupplier) -> Dto:
    return {
        "SupplierId": _id(call, "supplier", link.supplier_key),
        "SupplierItemName": link.supplier_item_name,
        "SupplierItemNumber": link.supplier_item_number,
        "StockLevel": link.stock_level,
        "NetPurchasePrice": link.net_purchase_price,
        "Currency": "EUR",
        "MinimumPurchaseQuantity": link.minimum_purchase_quantity,
        "DeliveryTimeInDays": link.delivery_time_days,
        "IsDropshippingActive": link.is_dropshipping_active,
        "IsDefaultSupplier": link.is_default,
        "IsDefaultForDropshipping": False,
        "PackageUnitDescription": link.package_unit_description,
        "PackageUnitQuantity": link.package_unit_quantity,
        "Notes": link.notes,
        "VatRate": link.vat_rate,
        "UseSupplierDeliveryTime": link.use_supplier_delivery_time,
        "IncludeSupplierStock": link.include_supplier_stock,
        "PurchaseInterval": link.purchase_interval,
        "IsFulfillmentNetworkSupplier": False,
        "IsProductionSupplier": False,
        "ScalePrices": [],
        "SupplierDeliveryTimeInDays": link.delivery_time_days,
        "SupplierSupportsDropshipping": link.is_dropshipping_active,
        "LastSupplierStockChange": iso(at_utc(call.tenant.today, hour=6)),
        "PackageUnitPurchasePrice": _unit_price(link),
    }


def _unit_price(link: ItemSupplier) -> float:
    """What one package unit costs: the net purchase price times the units it holds."""
    return money(link.net_purchase_price * (link.package_unit_quantity or 1))


def item_supplier_list(call: RestCall) -> ErpRestResponse:
    links = item_suppliers(data=call.tenant, item=_item(call))
    if not _v2(call):
        return ErpRestResponse(status=200, body=[_v1_link(link) for link in links])
    default = next((link for link in links if link.is_default), None)
    # Both keys are required and not nullable; "none" is JTL's key 0 (kLieferant = 0) [I].
    body = {
        "DefaultSupplier": _id(call, "supplier", 0 if default is None else default.supplier_key),
        "DefaultDropshippingSupplier": _id(call, "supplier", 0),
        "Suppliers": [_v2_link(call, link) for link in links],
    }
    return ErpRestResponse(status=200, body=body)


Handler = Callable[[RestCall], ErpRestResponse]
SUPPLIER_ROUTES: dict[tuple[str, str], Handler] = {
    ("GET", "/suppliers"): suppliers,
    ("GET", "/v2/suppliers"): suppliers,
    ("GET", "/items/{itemId}/suppliers"): item_supplier_list,
    ("GET", "/v2/items/{itemid}/suppliers"): item_supplier_list,
}
"""For ``rest_derived.DERIVED_ROUTES``: (method, path as the description spells it)."""
