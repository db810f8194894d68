"""GraphQL-shaped (= current v2 REST) views of items, stock, warehouses and lookups.

Field names follow JTL's v2.0 GraphQL SDL (``ItemListItem``, ``ItemdetailsItem``,
``WarehouseListItem``, ``QueryStockItem`` …). Enums are GraphQL names, amounts floats and
timestamps aware datetimes; the REST layer turns them into ints and ISO strings.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.item_categories import item_categories_of
from jtlapp.sandbox.erp.records import Item, money
from jtlapp.sandbox.erp.tenant import TenantData

View = dict[str, object]


def item_list_item(
    *, data: TenantData, item: Item, stock: dict[int, float], reserved: dict[int, float]
) -> View:
    """One ``ItemListItem``; pass ``TenantData.stock_total()`` and ``stock_in_orders()``."""
    total = stock.get(item.key, 0.0)
    in_orders = reserved.get(item.key, 0.0)
    profit = money(item.sales_price_net - item.purchase_price_net)
    return {
        "id": data.uuid(kind="item", key=item.key),
        "parentItemId": None,
        "sku": item.sku,
        "sortNumber": item.key,
        "name": item.name,
        "unit": "Stk.",
        "description": item.description,
        "shortDescription": item.short_description,
        "gtin": item.gtin,
        "manufacturerNumber": item.manufacturer_number,
        "manufacturerName": item.manufacturer_name,
        "isDeliveryTimeAutomatic": False,
        "manualDeliveryTimeDays": item.delivery_time_days,
        "width": 0.0,
        "height": 0.0,
        "length": 0.0,
        "shippingWeight": money(item.weight * 1.1),
        "weight": item.weight,
        "createdDate": item.created,
        "modifiedDate": item.modified,
        "salesPriceNet": item.sales_price_net,
        "salesPriceGross": item.sales_price_gross,
        "suggestedRetailPrice": item.suggested_retail_price,
        "averagePurchasePriceNet": item.purchase_price_net,
        "lastPurchasePrice": item.purchase_price_net,
        "amazonPrice": 0.0,
        "ebayPrice": 0.0,
        "profit": profit,
        "profitPercent": money(profit / item.sales_price_net * 100)
        if item.sales_price_net
        else 0.0,
        "stockTotal": total,
        "stockOwn": total,
        "stockIncoming": item.stock_incoming,
        "stockOnPurchaseList": 0.0,
        "stockInOrders": in_orders,
        "stockAvailable": max(total - in_orders, 0.0),
        "stockReservedTotal": in_orders,
        "minimumOrderQuantity": item.minimum_order_quantity,
        "purchaseInterval": item.purchase_interval,
        "buffer": 0,
        "minimumStock": item.minimum_stock,
        "allowNegativeStock": False,
        "isInventoryManagementActive": True,
        "isActive": item.is_active,
        "isVariationParent": False,
        "isVariationChild": False,
        "hasMinimumStock": item.minimum_stock > 0,
        "taxClassName": item.tax_class_name,
        "productGroupName": item.product_group_name,
        "defaultSupplier": item.default_supplier,
        "companyId": data.uuid(kind="company", key=1),
    }


def item_details(*, data: TenantData, item: Item) -> View:
    """``ItemdetailsItem`` (GetItemById, GET /v2/items/{id}); nested like JTL's detail DTO."""
    return {
        "id": data.uuid(kind="item", key=item.key),
        "productGroupId": None,
        "shippingClassId": None,
        "manufacturerId": None,
        "identifiers": {
            "sku": item.sku,
            "gtin": item.gtin,
            "manufacturerNumber": item.manufacturer_number,
            "amazonFnsku": None,
            "isbn": None,
            "upc": None,
            "ownIdentifier": None,
        },
        "categories": {
            "categories": [
                {"categoryId": data.uuid(kind="category", key=category.key)}
                for category in item_categories_of(data=data, item_key=item.key)
            ]
        },
        "descriptions": {
            "defaultDescriptions": [
                {
                    "languageIso": "DE",
                    "descriptionData": {
                        "itemName": item.name,
                        "shortDescription": item.short_description,
                        "description": item.description,
                    },
                }
            ],
        },
        "prices": {
            "ignoreDiscounts": False,
            "salesPriceNet": item.sales_price_net,
            "suggestedRetailPrice": item.suggested_retail_price,
            "purchasePriceNet": item.purchase_price_net,
            "ebayPrice": 0.0,
            "amazonPrice": 0.0,
        },
        "measurements": {
            "height": 0.0,
            "length": 0.0,
            "width": 0.0,
            "weight": item.weight,
            "shippingWeight": money(item.weight * 1.1),
        },
        "customFields": {"fieldValues": []},
    }


def warehouse_list_items(*, data: TenantData) -> list[View]:
    return [
        {"id": data.uuid(kind="warehouse", key=w.key), "name": w.name, "active": w.is_active}
        for w in data.warehouses.values()
    ]


def stock_items(*, data: TenantData) -> list[View]:
    """``QueryStockItem`` nodes: one per item and storage location."""
    views: list[View] = []
    for stock in data.stocks:
        warehouse = data.warehouses[stock.warehouse_key]
        views.append(
            {
                "storageLocationId": data.uuid(
                    kind="storagelocation", key=warehouse.storage_location_key
                ),
                "itemId": data.uuid(kind="item", key=stock.item_key),
                "quantityTotal": stock.quantity,
                "comment1": "",
                "comment2": "",
            }
        )
    return views


def company_list_items(*, data: TenantData) -> list[View]:
    return [
        {
            "id": data.uuid(kind="company", key=c.key),
            "companyName": c.name,
            "owner": None,
            "street": c.street,
            "postalCode": c.postal_code,
            "city": c.city,
            "country": "Deutschland",
            "countryIsoCode": c.country_iso,
            "phone": c.phone,
            "emailAddress": c.email,
            "taxId": c.vat_id,
            "isSmallBusinessOwner": False,
        }
        for c in data.companies.values()
    ]


def payment_method_items(*, data: TenantData) -> list[View]:
    return [
        {
            "id": data.uuid(kind="paymentmethod", key=m.key),
            "name": m.name,
            "generalLedgerAccount": "",
            "isActive": m.is_active,
            "isDefault": m.is_default,
            "isDebit": m.payment_option == "directdebit",
            "isDunningActive": m.key == 1,
            "canShipBeforePayment": m.key in (1, 4),
            "cashDiscountDays": 0,
            "cashDiscountValue": 0.0,
            "paymentOption": m.payment_option,
        }
        for m in data.payment_methods.values()
    ]


def shipping_method_items(*, data: TenantData) -> list[View]:
    return [
        {"id": data.uuid(kind="shippingmethod", key=m.key), "name": m.name, "isActive": m.is_active}
        for m in data.shipping_methods.values()
    ]


def customer_group_items(*, data: TenantData) -> list[View]:
    return [
        {
            "id": data.uuid(kind="customergroup", key=g.key),
            "name": g.name,
            "isDefault": g.is_default,
            "discount": g.discount,
            "isNetPrice": g.is_net_price,
        }
        for g in data.customer_groups.values()
    ]


def sales_channel_items(*, data: TenantData) -> list[View]:
    return [
        {"id": data.uuid(kind="saleschannel", key=c.key), "name": c.name}
        for c in data.sales_channels.values()
    ]
